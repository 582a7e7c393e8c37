// Panel store (DevTools panel): interception rules and breakpoints — the user's rules for the inspected origin
// (remembered through an injected storage, exported and imported as JSON), which of them the hooks get (`enabled`: on,
// valid, in order, after any one-shot "break on next frame"), how often each hit and with what outcome, the errors the
// hooks reported, and the frames breakpoints hold until the user forwards, edits or drops them. No browser APIs: the
// host (transport.ts) is connected by the App.
import { batch, computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { BackgroundToPanel, CommandPayload, PausedFrame, ResumeAction } from '../shared/protocol';
import {
  checkRule,
  DEFAULT_BREAKPOINT_TIMEOUT_MS,
  exportRules,
  MAX_RULES,
  parseRules,
  rulesFrom,
  type InterceptOutcome,
  type Rule,
} from '../shared/rules';
import type { HookRules } from './decodedRules';
import type { Intercept } from './model';

/** Where rules are kept, per inspected origin (the panel: localStorage under `wsinspector:rules:<origin>`). */
export interface RuleStorage {
  load(origin: string): unknown;
  save(origin: string, rules: Rule[]): void;
}

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

/** A frame a breakpoint holds, as the panel keeps it until resolved or timed out. */
export interface HeldFrame extends PausedFrame {
  browserFrameId: number;
  /** When it reached the panel (ms since the epoch): its timeout runs from about then. */
  arrivedAt: number;
}

export type BreakDirection = 'sent' | 'received';

/** One-shot rules ("break on next frame") have these ids; they are the panel's, never stored. */
export const BREAK_NEXT_ID: Record<BreakDirection, string> = { sent: 'break-next-sent', received: 'break-next-received' };
const BREAK_NEXT_NAME: Record<BreakDirection, string> = { sent: 'Break on next sent frame', received: 'Break on next received frame' };

function breakNextRule(dir: BreakDirection): Rule {
  return {
    id: BREAK_NEXT_ID[dir],
    name: BREAK_NEXT_NAME[dir],
    enabled: true,
    match: { url: '', direction: dir, payload: { kind: 'any' } },
    action: { type: 'breakpoint', timeoutMs: DEFAULT_BREAKPOINT_TIMEOUT_MS },
  };
}

/** A new rule's starting point in the editor. */
export function blankRule(): Omit<Rule, 'id'> {
  return { name: '', enabled: true, match: { url: '', direction: 'both', payload: { kind: 'any' } }, action: { type: 'block' } };
}

export interface Rules {
  /** The user's rules for the inspected origin, in order. */
  readonly list: ReadonlySignal<readonly Rule[]>;
  /** Why a rule cannot run (checkRule), by id: such a rule is not sent. */
  readonly problems: ReadonlySignal<ReadonlyMap<string, string>>;
  /** What the hooks get, in order: the one-shot rules, then the user's rules that are on and valid. */
  readonly enabled: ReadonlySignal<Rule[]>;
  /** The user's rules that are on and valid (the banner's count). */
  readonly active: ReadonlySignal<number>;
  /** Where each decoded-field rule applies now, in words, by rule id. */
  readonly reach: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly hits: ReadonlySignal<ReadonlyMap<string, RuleHits>>;
  readonly breakNext: ReadonlySignal<Readonly<Record<BreakDirection, boolean>>>;
  /** Frames breakpoints hold, oldest first. */
  readonly held: ReadonlySignal<readonly HeldFrame[]>;
  /** Whether the Rules view shows. */
  readonly shown: ReadonlySignal<boolean>;
  show(on?: boolean): void;
  /** A rule's name by id (one-shot rules too); the id itself when it is not known (any more). */
  nameOf(id: string): string;
  /** Adds a rule at the end with a fresh id; returns it. */
  add(rule: Omit<Rule, 'id'>): Rule;
  /** Replaces the rule with this id (keeps its place). */
  update(rule: Rule): void;
  remove(id: string): void;
  /** Moves a rule `delta` places up (negative) or down. */
  move(id: string, delta: number): void;
  setEnabled(id: string, on: boolean): void;
  /** The rules file (JSON text) of the user's rules. */
  exportText(): string;
  /** Adds the rules of a file (after the ones there are, with fresh ids): '' when done, else why not (nothing changes). */
  importText(text: string): string;
  setBreakNext(dir: BreakDirection, on: boolean): void;
  /** Counts a rule's outcome on a frame; counting the same `intercept` object twice counts it once. */
  count(intercept: Intercept): void;
  resetCounts(): void;
  /** A breakpoint holds a frame (transport.ts hands it here). */
  paused(m: Extract<BackgroundToPanel, { type: 'paused' }>): void;
  /** Answers a held frame: the host tells its page; the frame leaves the list. */
  resolve(frame: HeldFrame, action: ResumeAction, payload?: CommandPayload): void;
  /** Forgets held frames whose timeout has passed (the hook forwarded them unchanged). */
  expire(now?: number): void;
  /** Forgets the held frames that fail `keep` (their documents went away). */
  keepHeld(keep: (frame: HeldFrame) => boolean): void;
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
  const list = signal<readonly Rule[]>([]);
  const hits = signal<ReadonlyMap<string, RuleHits>>(new Map());
  const breakNext = signal<Record<BreakDirection, boolean>>({ sent: false, received: false });
  const held = signal<readonly HeldFrame[]>([]);
  const shown = signal(false);
  /** Names of rules seen that are gone (deleted, or one-shots that fired): rows still name them. */
  const formerNames = new Map<string, string>();
  const counted = new WeakSet<Intercept>();
  let host: RulesHost | undefined;
  let lastId = 0;
  let loadedFor = '';

  const freshId = () => `r${now().toString(36)}-${(++lastId).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

  /** Loads the origin's rules when it changes; rules added before the origin was known are kept, after them. */
  function syncOrigin() {
    const o = untracked(() => origin.value);
    if (o === loadedFor) return;
    const before = loadedFor;
    loadedFor = o;
    if (!o) return;
    const stored = storage?.load(o);
    const read = stored === undefined || stored === null ? { rules: [] } : rulesFrom(stored, { lenient: true });
    const loaded = 'rules' in read ? withIds(read.rules) : [];
    untracked(() => {
      for (const r of list.value) formerNames.set(r.id, r.name);
      if (!before && list.value.length) {
        list.value = [...loaded, ...list.value];
        persist();
      } else list.value = loaded;
    });
  }
  effect(() => {
    origin.value;
    syncOrigin();
  });

  function withIds(rules: Rule[]): Rule[] {
    const seen = new Set<string>();
    return rules.map((r) => {
      const id = r.id && !seen.has(r.id) && !Object.values(BREAK_NEXT_ID).includes(r.id) ? r.id : freshId();
      seen.add(id);
      return { ...r, id };
    });
  }

  function persist() {
    if (loadedFor) storage?.save(loadedFor, [...list.value]);
  }

  function set(next: readonly Rule[]) {
    for (const r of list.value) formerNames.set(r.id, r.name);
    list.value = next;
    persist();
  }

  const problems = computed(() => {
    const out = new Map<string, string>();
    for (const r of list.value) {
      const p = checkRule(r);
      if (p) out.set(r.id, p);
    }
    return out;
  });

  const ONE_SHOTS = { sent: breakNextRule('sent'), received: breakNextRule('received') };
  let lastEnabled: Rule[] = [];
  const enabled = computed(() => {
    const bad = problems.value;
    const next: Rule[] = [];
    for (const dir of ['sent', 'received'] as const) if (breakNext.value[dir]) next.push(ONE_SHOTS[dir]);
    for (const r of list.value) if (r.enabled && !bad.has(r.id)) next.push(r);
    // The same rules in the same order: the same array, so the hooks are not told again.
    if (sameRules(next, lastEnabled)) return lastEnabled;
    return (lastEnabled = next);
  });
  const active = computed(() => enabled.value.filter((r) => r !== ONE_SHOTS.sent && r !== ONE_SHOTS.received).length);
  const hooks = computed(() => forHooks(enabled.value));
  const reach = computed(() => hooks.value.reach);

  function nameOf(id: string): string {
    const r = list.value.find((x) => x.id === id);
    if (r) return r.name || id;
    for (const dir of ['sent', 'received'] as const) if (id === BREAK_NEXT_ID[dir]) return BREAK_NEXT_NAME[dir];
    return formerNames.get(id) || id;
  }

  /** A one-shot rule that acted is done. */
  function oneShotFired(ruleId: string) {
    for (const dir of ['sent', 'received'] as const)
      if (ruleId === BREAK_NEXT_ID[dir] && breakNext.value[dir]) breakNext.value = { ...breakNext.value, [dir]: false };
  }

  function removeHeld(frame: HeldFrame) {
    held.value = held.value.filter((h) => h !== frame);
  }

  return {
    list,
    problems,
    enabled,
    active,
    reach,
    hits,
    breakNext,
    held,
    shown,
    show(on = !shown.value) {
      shown.value = on;
    },
    nameOf,
    add(rule) {
      const r: Rule = { ...rule, id: freshId() };
      set([...list.value, r]);
      return r;
    },
    update(rule) {
      if (!list.value.some((r) => r.id === rule.id)) return;
      set(list.value.map((r) => (r.id === rule.id ? rule : r)));
    },
    remove(id) {
      set(list.value.filter((r) => r.id !== id));
    },
    move(id, delta) {
      const from = list.value.findIndex((r) => r.id === id);
      const to = Math.max(0, Math.min(list.value.length - 1, from + delta));
      if (from < 0 || from === to) return;
      const next = [...list.value];
      const [r] = next.splice(from, 1);
      next.splice(to, 0, r);
      set(next);
    },
    setEnabled(id, on) {
      set(list.value.map((r) => (r.id === id && r.enabled !== on ? { ...r, enabled: on } : r)));
    },
    exportText() {
      return exportRules(list.value);
    },
    importText(text) {
      const read = parseRules(text);
      if ('error' in read) return read.error;
      if (list.value.length + read.rules.length > MAX_RULES) return `Too many rules: ${list.value.length} here and ${read.rules.length} in the file (at most ${MAX_RULES}).`;
      set([...list.value, ...read.rules.map((r) => ({ ...r, id: freshId() }))]);
      return '';
    },
    setBreakNext(dir, on) {
      if (breakNext.value[dir] !== on) breakNext.value = { ...breakNext.value, [dir]: on };
    },
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
        if (intercept.outcome !== 'error') oneShotFired(intercept.rule);
      });
    },
    resetCounts() {
      hits.value = new Map();
    },
    paused(m) {
      const { v: _v, type: _type, ...frame } = m;
      if (held.value.some((h) => h.docId === frame.docId && h.hold === frame.hold && h.browserFrameId === frame.browserFrameId)) return;
      batch(() => {
        held.value = [...held.value, { ...frame, arrivedAt: now() }];
        oneShotFired(frame.rule);
      });
    },
    resolve(frame, action, payload) {
      if (!held.value.includes(frame)) return;
      removeHeld(frame);
      const { arrivedAt: _at, ...paused } = frame;
      host?.resume(paused, action, action === 'edited' ? payload : undefined);
    },
    expire(t = now()) {
      const left = held.value.filter((h) => h.arrivedAt + h.timeoutMs > t);
      if (left.length !== held.value.length) held.value = left;
    },
    keepHeld(keep) {
      const left = held.value.filter(keep);
      if (left.length !== held.value.length) held.value = left;
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

const OUTCOME_WORD: Record<InterceptOutcome, string> = {
  blocked: 'blocked',
  rewritten: 'rewritten',
  delayed: 'delayed',
  mocked: 'mocked',
  forwarded: 'forwarded',
  edited: 'edited',
  dropped: 'dropped',
  timedOut: 'timed out',
  error: 'rule error',
};

/** What a rule did to a frame: a short badge (`word`) and a sentence for its accessible name. */
export function describeIntercept(i: Intercept, ruleName: string): { word: string; sentence: string } {
  const by = `“${ruleName}”`;
  const sentence: Record<InterceptOutcome, string> = {
    blocked: `Blocked by rule ${by}: it never went on`,
    rewritten: `Rewritten by rule ${by}`,
    delayed: `Delayed by rule ${by}`,
    mocked: `Mock reply from rule ${by}`,
    forwarded: `Held at breakpoint ${by}, forwarded unchanged`,
    edited: `Edited at breakpoint ${by}`,
    dropped: `Dropped at breakpoint ${by}: it never went on`,
    timedOut: `Held at breakpoint ${by}, timed out and forwarded unchanged`,
    error: `Rule ${by} failed${i.error ? `: ${i.error}` : ''}; the frame went on unchanged`,
  };
  return { word: i.outcome === 'rewritten' ? `rewritten by ${ruleName}` : OUTCOME_WORD[i.outcome], sentence: sentence[i.outcome] };
}

/** The rule editor's fields, all kept while the user switches kinds and actions (numbers as typed). */
export interface RuleForm {
  name: string;
  enabled: boolean;
  url: string;
  direction: Rule['match']['direction'];
  payloadKind: Rule['match']['payload']['kind'];
  payloadValue: string;
  action: Rule['action']['type'];
  find: string;
  replace: string;
  path: string;
  value: string;
  ms: string;
  template: string;
  sendOriginal: boolean;
  timeoutMs: string;
}

export function formFromRule(r: Omit<Rule, 'id'>): RuleForm {
  const a = r.action;
  const p = r.match.payload;
  return {
    name: r.name,
    enabled: r.enabled,
    url: r.match.url,
    direction: r.match.direction,
    payloadKind: p.kind,
    payloadValue: p.kind === 'any' ? '' : p.value,
    action: a.type,
    find: a.type === 'rewrite' ? a.find : '',
    replace: a.type === 'rewrite' ? a.replace : '',
    path: a.type === 'jsonSet' || a.type === 'jsonRemove' ? a.path : '$.',
    value: a.type === 'jsonSet' ? a.value : '',
    ms: a.type === 'delay' || a.type === 'mock' ? String(a.ms) : a.type === 'breakpoint' ? '0' : '500',
    template: a.type === 'mock' ? a.template : '',
    sendOriginal: a.type === 'mock' ? a.sendOriginal : false,
    timeoutMs: String(a.type === 'breakpoint' ? a.timeoutMs : DEFAULT_BREAKPOINT_TIMEOUT_MS),
  };
}

/** A number as typed; what is not one becomes -1, which checkRule reports (and which JSON can store, unlike NaN). */
const typedNumber = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : -1);

export function ruleFromForm(f: RuleForm): Omit<Rule, 'id'> {
  let action: Rule['action'];
  switch (f.action) {
    case 'block':
      action = { type: 'block' };
      break;
    case 'rewrite':
      action = { type: 'rewrite', find: f.find, replace: f.replace };
      break;
    case 'jsonSet':
      action = { type: 'jsonSet', path: f.path, value: f.value };
      break;
    case 'jsonRemove':
      action = { type: 'jsonRemove', path: f.path };
      break;
    case 'delay':
      action = { type: 'delay', ms: typedNumber(f.ms) };
      break;
    case 'mock':
      action = { type: 'mock', ms: typedNumber(f.ms), template: f.template, sendOriginal: f.sendOriginal };
      break;
    case 'breakpoint':
      action = { type: 'breakpoint', timeoutMs: typedNumber(f.timeoutMs) };
      break;
  }
  return {
    name: f.name.trim(),
    enabled: f.enabled,
    match: { url: f.url.trim(), direction: f.direction, payload: f.payloadKind === 'any' ? { kind: 'any' } : { kind: f.payloadKind, value: f.payloadValue } },
    action,
  };
}

/** One line on what a rule matches and does (the Rules list). */
export function summarizeRule(r: Rule): string {
  const dir = r.match.direction === 'both' ? 'sent and received' : r.match.direction;
  const url = r.match.url ? ` on ${r.match.url}` : '';
  const p = r.match.payload;
  const payload = p.kind === 'any' ? '' : p.kind === 'text' ? ` containing ${JSON.stringify(p.value)}` : p.kind === 'regex' ? ` matching ${p.value}` : p.kind === 'decoded' ? ` decoded as ${p.value}` : ` where ${p.value}`;
  const a = r.action;
  const does: Record<Rule['action']['type'], string> = {
    block: 'block',
    rewrite: a.type === 'rewrite' ? `replace ${a.find} with ${JSON.stringify(a.replace)}` : '',
    jsonSet: a.type === 'jsonSet' ? `set ${a.path} to ${a.value}` : '',
    jsonRemove: a.type === 'jsonRemove' ? `remove ${a.path}` : '',
    delay: a.type === 'delay' ? `delay ${a.ms} ms` : '',
    mock: a.type === 'mock' ? `mock a reply after ${a.ms} ms${a.sendOriginal ? '' : ' (the server never sees the request)'}` : '',
    breakpoint: a.type === 'breakpoint' ? `break (forward after ${Math.round(a.timeoutMs / 1000)} s)` : '',
  };
  return `${dir} frames${url}${payload}: ${does[a.type]}`;
}
