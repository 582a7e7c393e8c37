// MAIN world (bundled into the page hook): the panel's interception rules (shared/rules.ts), run on each frame of a
// socket synchronously — before the native send(), and before any page listener sees a received frame — with frames
// held for delays and breakpoints in a queue per socket and direction, so order on a connection never breaks. Without
// rules nothing here runs. Patterns are compiled with built-ins captured at document_start; a rule that cannot act
// (a bad template, a frame that is not JSON) lets the frame go on unchanged and says why.
import type { Direction, PageToRelay, RelayToPage } from '../shared/protocol';
import type { InterceptOutcome, Rule, RuleAction } from '../shared/rules';
import type { Held, Sock } from './capture';
import { JSONParse, JSONStringify, RegExpCtor, apply, clearTimer, list, reExec, setTimer, splice, strIndexOf, strSlice, type Win } from './intrinsics';

type Json = Record<string, unknown> | unknown[];

interface Compiled {
  id: string;
  /** 0 sent, 1 received, 2 both. */
  dir: number;
  url: RegExp | null;
  text: string | null;
  re: RegExp | null;
  json: { path: string[]; op: string; value: unknown } | null;
  action: RuleAction;
  find: RegExp | null;
}


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

/** Whether a text starts (after white space) as a JSON object or array does. */
function container(text: string): boolean {
  let i = 0;
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  return text[i] === '{' || text[i] === '[';
}

const SPECIAL = '\\^$.|?+()[]{}/';

/** `*` globs (anchored) or `/regex/flags`, as a RegExp made with the captured constructor (`g` added for replacing). */
function pattern(p: string, glob: boolean, global = false): RegExp {
  let last = p.length > 1 && p[0] === '/' ? p.length - 1 : 0;
  while (last > 0 && p[last] !== '/') last--;
  const g = global ? 'g' : '';
  if (last > 0) {
    let flags = apply(strSlice, p, [last + 1]) as string;
    if (global && apply(strIndexOf, flags, ['g']) < 0) flags += 'g';
    return new RegExpCtor(apply(strSlice, p, [1, last]) as string, flags);
  }
  if (!glob) return new RegExpCtor(p, g);
  let src = '^';
  for (let i = 0; i < p.length; i++) src += p[i] === '*' ? '.*' : apply(strIndexOf, SPECIAL, [p[i]]) >= 0 ? '\\' + p[i] : p[i];
  return new RegExpCtor(src + '$', '');
}

/** `$.a.b[0]` as ['a', 'b', '0']. */
function jsonPath(p: string): string[] {
  const out = list<string>();
  let part = '';
  for (let i = p[0] === '$' ? 1 : 0; i < p.length; i++) {
    const c = p[i];
    if (c === '.' || c === '[' || c === ']' || c === '"' || c === "'") {
      if (part) out[out.length] = part;
      part = '';
    } else part += c;
  }
  if (part) out[out.length] = part;
  return out;
}

const own = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' && apply(hasOwn, o, [k]) ? (o as Record<string, unknown>)[k] : undefined);
const { hasOwnProperty: hasOwn } = Object.prototype;

function compile(r: Rule): Compiled | null {
  const m = r.match;
  const p = m.payload;
  // A kind this hook does not know (the panel expands `decoded` ones) must not act as "any payload".
  if (p.kind !== 'any' && p.kind !== 'text' && p.kind !== 'regex' && p.kind !== 'json') return null;
  let json: Compiled['json'] = null;
  if (p.kind === 'json') {
    const at = apply(strIndexOf, p.value, ['=']) as number;
    const next = p.value[at + 1];
    const op = at > 0 ? (p.value[at - 1] === '!' ? '!=' : next === '~' ? '=~' : '==') : '';
    const path = at > 0 ? (apply(strSlice, p.value, [0, at - (op === '!=' ? 1 : 0)]) as string) : p.value;
    const raw = at > 0 ? (apply(strSlice, p.value, [at + (next === '=' || next === '~' ? 2 : 1)]) as string) : '';
    let value: unknown = raw;
    if (op === '=~') value = pattern(trim(raw), false);
    else
      try {
        value = JSONParse(raw);
      } catch {}
    json = { path: jsonPath(trim(path)), op, value };
  }
  const a = r.action;
  return {
    id: r.id,
    dir: m.direction === 'sent' ? 0 : m.direction === 'received' ? 1 : 2,
    url: m.url ? pattern(m.url, true) : null,
    text: p.kind === 'text' ? p.value : null,
    re: p.kind === 'regex' ? pattern(p.value, false) : null,
    json,
    action: a,
    find: a.type === 'rewrite' ? pattern(a.find, false, true) : null,
  };
}

function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return apply(strSlice, s, [a, b]) as string;
}

function get(o: unknown, path: string[]): unknown {
  for (let i = 0; i < path.length; i++) o = own(o, path[i]);
  return o;
}

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSONStringify(a) === JSONStringify(b));

/**
 * `text` with every match of the global `g` replaced, `$1`… standing for its groups (by hand: String.prototype.replace
 * and RegExp.prototype[Symbol.replace] are the page's to change).
 */
function replaceAll(text: string, g: RegExp, by: string): string {
  g.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let m = apply(reExec, g, [text]) as RegExpExecArray | null; m; m = apply(reExec, g, [text]) as RegExpExecArray | null) {
    out += (apply(strSlice, text, [from, m.index]) as string) + fill(by, m, undefined);
    from = m.index + m[0].length;
    if (!m[0].length) g.lastIndex++;
  }
  return out + (apply(strSlice, text, [from]) as string);
}

/** A template: `$1`… from the regex groups, `{{$.path}}` from the JSON request (a missing field is an error). */
function fill(t: string, groups: RegExpExecArray | null, request: unknown): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '$' && t[i + 1] >= '0' && t[i + 1] <= '9') {
      const g = groups && +t[i + 1] < groups.length ? groups[+t[++i]] : undefined;
      if (g === undefined) throw 'no group $' + t[i];
      out += g;
    } else if (c === '{' && t[i + 1] === '{') {
      const end = apply(strIndexOf, t, ['}}', i]) as number;
      if (end < 0) throw 'unclosed {{';
      const v = get(request, jsonPath(trim(apply(strSlice, t, [i + 2, end]) as string)));
      if (v === undefined) throw 'no field ' + (apply(strSlice, t, [i + 2, end]) as string) + ' in the request';
      out += typeof v === 'string' ? v : JSONStringify(v);
      i = end + 1;
    } else out += c;
  }
  return out;
}

/** Sets (or, with `remove`, deletes) the field at `path` of a JSON text; the text changed. */
function setJson(text: string, path: string[], value: unknown, remove: boolean): string {
  const root = JSONParse(text) as Json;
  let o: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    o = own(o, path[i]);
    if (o === null || typeof o !== 'object') throw 'no object at ' + path[i];
  }
  const k = path[path.length - 1];
  if (remove) delete (o as Record<string, unknown>)[k];
  else (o as Record<string, unknown>)[k] = value;
  return JSONStringify(root);
}

export function createIntercept(win: Win, post: (m: PageToRelay) => void) {
  let rules = list<Compiled>();
  let lastHold = 0;
  /** Breakpoints waiting for the panel, by hold number. */
  const paused = list<((action: RelayToPage & { type: 'resume' }) => void) | undefined>();

  /** Runs the queue's ready frames in order; a frame not ready stops the line behind it. */
  const pump = (q: Held[]) => {
    while (q.length && q[0].ready) {
      const h = q[0];
      apply(splice, q, [0, 1]);
      try {
        h.go();
      } catch {}
    }
  };

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

  const matches = (r: Compiled, s: Sock, d: number, data: unknown): RegExpExecArray | null | false => {
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
    if (j.op === '=~') return typeof v === 'string' && apply(reExec, j.value, [v]) ? null : false;
    return (j.op === '' ? v !== undefined : same(v, j.value) === (j.op === '==')) ? null : false;
  };

  return {
    active: () => rules.length > 0,
    setRules(rs: unknown) {
      const next = list<Compiled>();
      const n = (rs as unknown[]).length;
      for (let i = 0; i < n; i++)
        try {
          const c = compile((rs as Rule[])[i]);
          if (c) next[next.length] = c;
        } catch {} // the panel checks rules before it sends them; one that still fails to compile is left out
      rules = next;
    },
    resume(m: RelayToPage & { type: 'resume' }) {
      const done = m.hold < paused.length ? paused[m.hold] : undefined;
      paused[m.hold] = undefined;
      done?.(m);
    },
    /**
     * Whether interception took the frame over (then it goes on through `pass`, later or changed, or not at all).
     * Frames behind a held one on the same socket and direction wait for it, matched or not.
     */
    frame(s: Sock, dir: Direction, data: unknown, pass: Passage): boolean {
      const d = dir === 'sent' ? 0 : 1;
      const q = s.q[d];
      let rule: Compiled | undefined;
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
            a.type === 'rewrite' ? replaceAll(text, r.find!, a.replace) : setJson(text, jsonPath(trim(a.path)), a.type === 'jsonSet' ? JSONParse(a.value) : 0, a.type === 'jsonRemove');
          held.go = () => pass.go(changed, note('rewritten'));
        } else if (a.type === 'delay') {
          held.ready = false;
          held.go = () => pass.go(data, note('delayed'));
          apply(setTimer, win, [() => ((held.ready = true), pump(q)), a.ms]);
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
          const hold = ++lastHold;
          held.ready = false;
          const timer = apply(setTimer, win, [() => resume({ v: 1, type: 'resume', hold, action: 'forward' }, 'timedOut'), a.timeoutMs]);
          const resume = (m: RelayToPage & { type: 'resume' }, outcome?: InterceptOutcome) => {
            paused[hold] = undefined;
            apply(clearTimer, win, [timer]);
            held.go =
              m.action === 'drop'
                ? () => pass.note(note('dropped'))
                : m.action === 'edited' && m.data !== undefined
                  ? () => pass.go(m.data, note('edited'))
                  : () => pass.go(data, note(outcome ?? 'forwarded'));
            held.ready = true;
            pump(q);
          };
          paused[hold] = resume;
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
