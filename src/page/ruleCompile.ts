// MAIN world (bundled into the page hook): turns the panel's rules (shared/rules.ts), as intercept.ts receives them from
// src/content/relay.ts, into what it tests frames with: patterns made with the RegExp captured at document_start, JSON
// paths and conditions read by hand (no string method a page could replace).
import type { Rule, RuleAction } from '../shared/rules';
import { JSONParse, RegExpCtor, apply, list, strIndexOf, strSlice } from './intrinsics';

export interface Compiled {
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
export function jsonPath(p: string): string[] {
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

export function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return apply(strSlice, s, [a, b]) as string;
}

/** A rule as intercept.ts tests it, or null for a payload kind this hook does not know; throws when a pattern is bad. */
export function compile(r: Rule): Compiled | null {
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
