// MAIN world (bundled into the page hook): takes the rules src/content/relay.ts sends (HookRule, compiled there by
// src/content/compileRules.ts) into what intercept.ts runs: every field checked for its type (a missing one too: it
// would be looked up on the page's prototypes), patterns made with the RegExp captured at document_start. A rule that
// fails any check is left out.
import { isList } from '../shared/guards';
import type { HookAction, TemplatePart } from '../shared/rules';
import { own } from './frameEdits';
import { RegExpCtor } from './intrinsics';

/** A rule as intercept.ts runs it. */
export interface Checked {
  id: string;
  dir: number;
  url: RegExp | null;
  text: string | null;
  re: RegExp | null;
  json: { path: string[]; op: string; value: unknown; re: RegExp | null } | null;
  action: HookAction;
  find: RegExp | null;
}

const bad = (): never => {
  throw 0;
};
/** Field `k` of `o`, which must be an object that has it: a missing one would be looked up on the page's prototypes. */
const f = (o: unknown, k: string): unknown => {
  const v = own(o, k);
  return v === undefined ? bad() : v;
};
const str = (x: unknown) => (typeof x === 'string' ? x : bad());
const num = (x: unknown) => (typeof x === 'number' ? x : bad());
/**
 * A list whose every item `each` accepts. The relay's lists are dense (indexing below the length reads their own
 * items) and the hook only reads them, so they are kept as they came.
 */
const listOf = <T>(x: unknown, each: (item: unknown) => unknown): T[] => {
  if (!isList(x)) bad();
  for (let i = 0; i < (x as unknown[]).length; i++) each((x as unknown[])[i]);
  return x as T[];
};
const path = (x: unknown) => listOf<string>(x, str);
const pattern = (x: unknown) => new RegExpCtor(str(f(x, 'source')), str(f(x, 'flags')));
const regex = (x: unknown) => (x === null ? null : pattern(x));
const part = (p: unknown) =>
  typeof p === 'string' || (typeof p === 'number' && p >= 0 && p < 10 && p % 1 === 0) || (f(p, 'field') === null ? str(f(p, 'error')) : path(f(p, 'field')) && str(f(p, 'name')));
const template = (x: unknown) => listOf<TemplatePart>(x, part);

/** Whether every field the action's type has is of its type (a template's parts, a path's steps). */
function action(a: unknown): HookAction {
  const t = f(a, 'type');
  if (t === 'rewrite') template(f(a, 'replace'));
  else if (t === 'jsonSet' || t === 'jsonRemove') {
    // Never empty: setting the last step reads path[length - 1].
    if (!path(f(a, 'path')).length) bad();
    if (t === 'jsonSet') str(f(a, 'value'));
  } else if (t === 'delay' || t === 'mock') {
    num(f(a, 'ms'));
    if (t === 'mock') template(f(a, 'template'));
  } else if (t === 'breakpoint') num(f(a, 'timeoutMs'));
  else if (t !== 'block') bad();
  return a as HookAction;
}

/** The rule as intercept.ts runs it (its patterns made here); throws when any part is not what the relay sends. */
export function takeRule(r: unknown): Checked {
  const j = f(r, 'json');
  const op = j === null ? '' : str(f(j, 'op'));
  const text = f(r, 'text');
  const a = action(f(r, 'action'));
  return {
    id: str(f(r, 'id')),
    dir: num(f(r, 'dir')),
    url: regex(f(r, 'url')),
    text: text === null ? null : str(text),
    re: regex(f(r, 're')),
    json: j === null ? null : { path: path(f(j, 'path')), op, value: f(j, 'value'), re: op === '=~' ? pattern(f(j, 're')) : null },
    action: a,
    find: a.type === 'rewrite' ? pattern(a.find) : null,
  };
}
