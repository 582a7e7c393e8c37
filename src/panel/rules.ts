// Panel store (DevTools panel): interception rules and breakpoints — the user's rules for the inspected origin
// (ruleList.ts), which of them the hooks get (`enabled`: on, valid, in order, after any one-shot "break on next frame"
// of breakpoints.ts), how often each hit and with what outcome, and the errors the hooks reported. No browser APIs:
// the host (transport.ts) is connected by the App.
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { CommandPayload, PausedFrame, ResumeAction } from '../shared/protocol';
import { checkRule, type InterceptOutcome, type Rule } from '../shared/rules';
import { breakNextName, createBreakpoints, type Breakpoints } from './breakpoints';
import type { HookRules } from './decodedRules';
import type { Intercept } from './model';
import { createRuleList, type RuleList, type RuleStorage } from './ruleList';

/** What the rules store asks of the host (PanelHost has both). */
export interface RulesHost {
  setRules(rules: Rule[]): void;
  resume(frame: PausedFrame & { browserFrameId: number }, action: ResumeAction, payload?: CommandPayload): void;
}

export interface RuleHits {
  total: number;
  byOutcome: Partial<Record<InterceptOutcome, number>>;
  /** The last error the hook reported running this rule. */
  error?: string;
}

export interface Rules extends RuleList, Breakpoints {
  /** Why a rule cannot run (checkRule), by id: such a rule is not sent. */
  readonly problems: ReadonlySignal<ReadonlyMap<string, string>>;
  /** What the hooks get, in order: the one-shot rules, then the user's rules that are on and valid. */
  readonly enabled: ReadonlySignal<Rule[]>;
  /** The user's rules that are on and valid (the banner's count). */
  readonly active: ReadonlySignal<number>;
  /** Where each decoded-field rule applies now, in words, by rule id. */
  readonly reach: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly hits: ReadonlySignal<ReadonlyMap<string, RuleHits>>;
  /** Whether the Rules view shows. */
  readonly shown: ReadonlySignal<boolean>;
  show(on?: boolean): void;
  /** A rule's name by id (one-shot rules too); the id itself when it is not known (any more). */
  nameOf(id: string): string;
  /** Counts a rule's outcome on a frame; counting the same `intercept` object twice counts it once. */
  count(intercept: Intercept): void;
  resetCounts(): void;
  /** Sends `enabled` to the host now and whenever it changes, and lets `resolve` reach it; returns the disconnect. */
  connect(host: RulesHost): () => void;
}

const sameRules = (a: readonly Rule[], b: readonly Rule[]) => a.length === b.length && a.every((r, i) => r === b[i]);

export function createRules({
  origin,
  storage,
  now = Date.now,
  forHooks = (enabled) => ({ rules: enabled, reach: new Map() }),
}: {
  origin: ReadonlySignal<string>;
  storage?: RuleStorage;
  now?: () => number;
  /** The rules as the hooks get them (decoded-field rules made into regex rules: decodedRules.ts); may read signals. */
  forHooks?: (enabled: Rule[]) => HookRules;
}): Rules {
  const hits = signal<ReadonlyMap<string, RuleHits>>(new Map());
  const shown = signal(false);
  const counted = new WeakSet<Intercept>();
  let host: RulesHost | undefined;
  const { currentName, formerName, ...ruleList } = createRuleList({ origin, storage, now });
  const { oneShots, fired, ...breakpoints } = createBreakpoints({ now, resume: (frame, action, payload) => host?.resume(frame, action, payload) });
  const { list } = ruleList;

  const problems = computed(() => {
    const out = new Map<string, string>();
    for (const r of list.value) {
      const p = checkRule(r);
      if (p) out.set(r.id, p);
    }
    return out;
  });

  let lastEnabled: Rule[] = [];
  const enabled = computed(() => {
    const bad = problems.value;
    const next: Rule[] = [...oneShots.value];
    for (const r of list.value) if (r.enabled && !bad.has(r.id)) next.push(r);
    // The same rules in the same order: the same array, so the hooks are not told again.
    if (sameRules(next, lastEnabled)) return lastEnabled;
    return (lastEnabled = next);
  });
  const active = computed(() => enabled.value.length - oneShots.value.length);
  const hooks = computed(() => forHooks(enabled.value));
  const reach = computed(() => hooks.value.reach);

  return {
    ...ruleList,
    ...breakpoints,
    problems,
    enabled,
    active,
    reach,
    hits,
    shown,
    show(on = !shown.value) {
      shown.value = on;
    },
    nameOf: (id) => currentName(id) ?? breakNextName(id) ?? formerName(id) ?? id,
    count(intercept) {
      if (counted.has(intercept)) return;
      counted.add(intercept);
      const map = new Map(hits.value);
      const h = map.get(intercept.rule) ?? { total: 0, byOutcome: {} };
      map.set(intercept.rule, {
        total: h.total + 1,
        byOutcome: { ...h.byOutcome, [intercept.outcome]: (h.byOutcome[intercept.outcome] ?? 0) + 1 },
        error: intercept.outcome === 'error' ? intercept.error || 'The rule failed (no details).' : h.error,
      });
      batch(() => {
        hits.value = map;
        if (intercept.outcome !== 'error') fired(intercept.rule);
      });
    },
    resetCounts() {
      hits.value = new Map();
    },
    connect(h) {
      host = h;
      // Sent when they change as the hooks see them (decoded rules are remade as each connection's protocol is found).
      let last = '';
      const stopSend = effect(() => {
        const next = hooks.value.rules;
        const text = JSON.stringify(next);
        if (text === last) return;
        last = text;
        h.setRules(next);
      });
      return () => {
        stopSend();
        if (host === h) host = undefined;
      };
    },
  };
}
