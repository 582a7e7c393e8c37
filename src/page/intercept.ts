// MAIN world (bundled into the page hook): the panel's interception rules (shared/rules.ts), run on each frame of a
// socket synchronously — before the native send(), and before any page listener sees a received frame — with frames
// held for delays and breakpoints in a queue per socket and direction (holds.ts), so order on a connection never breaks.
// Without rules nothing here runs. sockets.ts asks it about every frame; rules come from src/content/relay.ts (compiled
// there, checked by ruleCheck.ts), actions edit frames with frameEdits.ts; a rule that cannot act (a bad template, a
// frame that is not JSON) lets the frame go on unchanged and says why. Breakpoints are posted to the relay.
import type { Direction, PageToRelay } from '../shared/protocol';
import type { InterceptOutcome } from '../shared/rules';
import type { Sock } from './capture';
import { container, fill, get, replaceAll, same, setJson } from './frameEdits';
import { createHolds, pump, type Held } from './holds';
import { JSONParse, apply, list, reExec, setTimer, strIndexOf, type Win } from './intrinsics';
import { takeRule, type Checked } from './ruleCheck';

export interface Intercepted {
  rule: string;
  outcome: InterceptOutcome;
  original?: string;
  error?: string;
}

/** What interception does with a frame, given by sockets.ts: let it go on (with other data), and say what happened. */
export interface Passage {
  go(data: unknown, note?: Intercepted): void;
  note(n: Intercepted): void;
  /** A received frame a mock rule answers with (sent frames only). */
  reply(text: string, note: Intercepted): void;
}

const NOT_JSON = {};

export function createIntercept(win: Win, post: (m: PageToRelay) => void) {
  let rules = list<Checked>();
  const holds = createHolds(win);

  /** The frame being matched, parsed as JSON at most once for all the rules (NOT_JSON: it is not). */
  let parsedFor: unknown;
  let parsed: unknown;
  const jsonOf = (data: string): unknown => {
    if (parsedFor !== data) {
      parsedFor = data;
      parsed = NOT_JSON;
      try {
        parsed = JSONParse(data);
      } catch {}
    }
    return parsed;
  };

  const matches = (r: Checked, s: Sock, d: number, data: unknown): RegExpExecArray | null | false => {
    if (r.dir !== 2 && r.dir !== d) return false;
    if (r.url && !apply(reExec, r.url, [s.url])) return false;
    if (r.text === null && !r.re && !r.json) return null;
    if (typeof data !== 'string') return false;
    if (r.text !== null) return apply(strIndexOf, data, [r.text]) >= 0 ? null : false;
    if (r.re) return (apply(reExec, r.re, [data]) as RegExpExecArray | null) || false;
    const j = r.json!;
    // A field needs an object or array: other frames are refused without a parse (and its costly exception).
    if (j.path.length && !container(data)) return false;
    const root = jsonOf(data);
    if (root === NOT_JSON) return false;
    const v = get(root, j.path);
    if (j.op === '=~') return typeof v === 'string' && apply(reExec, j.re, [v]) ? null : false;
    return (j.op === '' ? v !== undefined : same(v, j.value) === (j.op === '==')) ? null : false;
  };

  return {
    active: () => rules.length > 0,
    setRules(rs: unknown) {
      const next = list<Checked>();
      const n = (rs as unknown[]).length;
      for (let i = 0; i < n; i++)
        try {
          next[next.length] = takeRule((rs as unknown[])[i]);
        } catch {} // not a rule as the relay sends them, or a pattern this page's RegExp refuses: left out
      rules = next;
    },
    resume: holds.resume,
    /**
     * Whether interception took the frame over (then it goes on through `pass`, later or changed, or not at all).
     * Frames behind a held one on the same socket and direction wait for it, matched or not.
     */
    frame(s: Sock, dir: Direction, data: unknown, pass: Passage): boolean {
      const d = dir === 'sent' ? 0 : 1;
      const q = s.q[d];
      let rule: Checked | undefined;
      let groups: RegExpExecArray | null = null;
      for (let i = 0; i < rules.length && !rule; i++) {
        const m = matches(rules[i], s, d, data);
        if (m !== false) {
          rule = rules[i];
          groups = m;
        }
      }
      // Not kept past this frame: a parsed frame can be large.
      parsedFor = parsed = undefined;
      if (!rule) {
        if (!q.length) return false;
        q[q.length] = { ready: true, go: () => pass.go(data) };
        return true;
      }
      const r = rule;
      const a = r.action;
      const text = typeof data === 'string' ? data : undefined;
      const note = (outcome: InterceptOutcome, error?: string): Intercepted => ({ rule: r.id, outcome, original: text, error });
      const held: Held = { ready: true, go: () => pass.go(data, note('forwarded')) };
      q[q.length] = held;
      try {
        if (a.type === 'block') held.go = () => pass.note(note('blocked'));
        else if (a.type === 'rewrite' || a.type === 'jsonSet' || a.type === 'jsonRemove') {
          if (text === undefined) throw 'a binary frame';
          const changed =
            a.type === 'rewrite' ? replaceAll(text, r.find!, a.replace) : setJson(text, a.path, a.type === 'jsonSet' ? JSONParse(a.value) : 0, a.type === 'jsonRemove');
          held.go = () => pass.go(changed, note('rewritten'));
        } else if (a.type === 'delay') {
          held.go = () => pass.go(data, note('delayed'));
          holds.delay(held, q, a.ms);
        } else if (a.type === 'mock') {
          if (d !== 0) throw 'mock replies answer sent frames';
          let request: unknown;
          try {
            request = text === undefined ? undefined : JSONParse(text);
          } catch {}
          const reply = fill(a.template, groups, request);
          held.go = () => {
            if (a.sendOriginal) pass.go(data);
            else pass.note(note('mocked'));
            apply(setTimer, win, [() => pass.reply(reply, { rule: r.id, outcome: 'mocked' }), a.ms]);
          };
        } else if (a.type === 'breakpoint') {
          const hold = holds.breakpoint(held, q, a.timeoutMs, (m, timedOut) => {
            held.go =
              m.action === 'drop'
                ? () => pass.note(note('dropped'))
                : m.action === 'edited' && m.data !== undefined
                  ? () => pass.go(m.data, note('edited'))
                  : () => pass.go(data, note(timedOut ? 'timedOut' : 'forwarded'));
          });
          post({ v: 1, type: 'paused', hold, doc: s.doc, socket: s.id, dir, data, rule: r.id, timeoutMs: a.timeoutMs });
        }
      } catch (e) {
        // The rule cannot act on this frame: it goes on unchanged, and the panel shows why on the rule.
        held.ready = true;
        held.go = () => pass.go(data, note('error', typeof e === 'string' ? e : 'the rule failed'));
      }
      pump(q);
      return true;
    },
  };
}

export type Intercept = ReturnType<typeof createIntercept>;
