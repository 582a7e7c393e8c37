// Panel store (DevTools panel): the user's interception rules for the inspected origin, in order — remembered through
// an injected storage, edited in the Rules view, exported and imported as JSON. Part of the rules store (rules.ts).
import { effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { exportRules, MAX_RULES, parseRules, rulesFrom, type Rule } from '../shared/rules';
import { isBreakNextId } from './breakpoints';

/** Where rules are kept, per inspected origin (the panel: localStorage under `wsinspector:rules:<origin>`). */
export interface RuleStorage {
  load(origin: string): unknown;
  save(origin: string, rules: Rule[]): void;
}

/** The part of the rules store (Rules) that is the user's list. */
export interface RuleList {
  /** The user's rules for the inspected origin, in order. */
  readonly list: ReadonlySignal<readonly Rule[]>;
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
}

export function createRuleList({
  origin,
  storage,
  now,
}: {
  origin: ReadonlySignal<string>;
  storage?: RuleStorage;
  now: () => number;
}): RuleList & {
  /** The name of a rule in the list (its id when it has none), or undefined. */
  currentName(id: string): string | undefined;
  /** The name of a rule that was in the list, or undefined. */
  formerName(id: string): string | undefined;
} {
  const list = signal<readonly Rule[]>([]);
  /** Names of rules seen that are gone (deleted): rows still name them. */
  const formerNames = new Map<string, string>();
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
      const id = r.id && !seen.has(r.id) && !isBreakNextId(r.id) ? r.id : freshId();
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

  return {
    list,
    currentName(id) {
      const r = list.value.find((x) => x.id === id);
      return r ? r.name || id : undefined;
    },
    formerName: (id) => formerNames.get(id) || undefined,
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
  };
}
