// Isolated world (src/content/relay.ts): reads the panel's rules (shared/rules.ts) into the form the page hook runs
// (HookRule): patterns as regex sources and flags, JSON paths as steps, conditions and templates taken apart. The hook
// runs in every document of every page, so what needs no page access is done here, once per rules change.
import type { HookAction, HookRule, RegexSpec, Rule, TemplatePart } from '../shared/rules';

const SPECIAL = '\\^$.|?+()[]{}/';

/** `*` globs (anchored) or `/regex/flags`, or a bare regex when not `glob` (`g` added for replacing). */
function pattern(p: string, glob: boolean, global = false): RegexSpec {
  let last = p.length > 1 && p[0] === '/' ? p.length - 1 : 0;
  while (last > 0 && p[last] !== '/') last--;
  if (last > 0) {
    const flags = p.slice(last + 1);
    return { source: p.slice(1, last), flags: global && !flags.includes('g') ? flags + 'g' : flags };
  }
  if (!glob) return { source: p, flags: global ? 'g' : '' };
  let source = '^';
  for (let i = 0; i < p.length; i++) source += p[i] === '*' ? '.*' : SPECIAL.includes(p[i]) ? '\\' + p[i] : p[i];
  return { source: source + '$', flags: '' };
}

/** Spaces (only) off both ends. */
function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return s.slice(a, b);
}

/** `$.a.b[0]` as ['a', 'b', '0']: quotes and brackets only separate steps. */
function jsonPath(p: string): string[] {
  const out: string[] = [];
  let part = '';
  for (let i = p[0] === '$' ? 1 : 0; i < p.length; i++) {
    const c = p[i];
    if (c === '.' || c === '[' || c === ']' || c === '"' || c === "'") {
      if (part) out.push(part);
      part = '';
    } else part += c;
  }
  if (part) out.push(part);
  return out;
}

/** A template: `$0`…`$9` a regex group, `{{$.path}}` a field of the JSON request; an unclosed `{{` stops it. */
function template(t: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  const part = (p: TemplatePart) => {
    if (text) parts.push(text);
    text = '';
    parts.push(p);
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '$' && t[i + 1] >= '0' && t[i + 1] <= '9') part(+t[++i]);
    else if (c === '{' && t[i + 1] === '{') {
      const end = t.indexOf('}}', i);
      if (end < 0) {
        part({ field: null, error: 'unclosed {{' });
        return parts;
      }
      const name = t.slice(i + 2, end);
      part({ field: jsonPath(trim(name)), name });
      i = end + 1;
    } else text += c;
  }
  if (text) parts.push(text);
  return parts;
}

function action(a: Rule['action']): HookAction {
  switch (a.type) {
    case 'rewrite':
      return { type: 'rewrite', find: pattern(a.find, false, true), replace: template(a.replace) };
    case 'jsonSet':
      return { type: 'jsonSet', path: jsonPath(trim(a.path)), value: a.value };
    case 'jsonRemove':
      return { type: 'jsonRemove', path: jsonPath(trim(a.path)) };
    case 'delay':
      return { type: 'delay', ms: a.ms };
    case 'mock':
      return { type: 'mock', ms: a.ms, template: template(a.template), sendOriginal: a.sendOriginal };
    case 'breakpoint':
      return { type: 'breakpoint', timeoutMs: a.timeoutMs };
    default:
      return { type: 'block' };
  }
}

/** A JSON condition: `$.a.b` (exists), `$.a.b == <JSON>` (or `!=`; text that is not JSON compares as text), `$.a.b =~ /re/`. */
function jsonCondition(v: string): NonNullable<HookRule['json']> {
  const at = v.indexOf('=');
  const next = v[at + 1];
  const op = at > 0 ? (v[at - 1] === '!' ? '!=' : next === '~' ? '=~' : '==') : '';
  const path = at > 0 ? v.slice(0, at - (op === '!=' ? 1 : 0)) : v;
  const raw = at > 0 ? v.slice(at + (next === '=' || next === '~' ? 2 : 1)) : '';
  let value: unknown = raw;
  if (op !== '=~')
    try {
      value = JSON.parse(raw);
    } catch {}
  return { path: jsonPath(trim(path)), op, value: op === '=~' ? null : value, re: op === '=~' ? pattern(trim(raw), false) : null };
}

/**
 * The rules the hook runs, in order. A payload kind the hook does not know (the panel expands `decoded` ones) must not
 * act as "any payload": such a rule is left out. Patterns are not checked here: the hook leaves out a rule whose pattern its RegExp refuses.
 */
export function compileRules(rules: readonly Rule[]): HookRule[] {
  const out: HookRule[] = [];
  for (const r of rules)
    try {
      const m = r.match;
      const p = m.payload;
      if (p.kind !== 'any' && p.kind !== 'text' && p.kind !== 'regex' && p.kind !== 'json') continue;
      out.push({
        id: r.id,
        dir: m.direction === 'sent' ? 0 : m.direction === 'received' ? 1 : 2,
        url: m.url ? pattern(m.url, true) : null,
        text: p.kind === 'text' ? p.value : null,
        re: p.kind === 'regex' ? pattern(p.value, false) : null,
        json: p.kind === 'json' ? jsonCondition(p.value) : null,
        action: action(r.action),
      });
    } catch {} // the panel checks rules before it sends them; one that is still malformed is left out
  return out;
}
