// MAIN world (bundled into the page hook): what a rule's action does to a frame's text, for intercept.ts — JSON fields
// read and set, regex replacements and mock templates filled — by hand with the built-ins captured at document_start.
// Each throws a string, the reason shown on the rule, when it cannot act.
import { JSONParse, JSONStringify, apply, defineProperty, reExec, strSlice } from './intrinsics';
import type { TemplatePart } from '../shared/rules';

type Json = Record<string, unknown> | unknown[];

/** Whether a text starts (after white space) as a JSON object or array does. */
export function container(text: string): boolean {
  let i = 0;
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  return text[i] === '{' || text[i] === '[';
}

export const own = (o: unknown, k: string | number): unknown => (o !== null && typeof o === 'object' && apply(hasOwn, o, [k]) ? (o as Record<string, unknown>)[k] : undefined);
const { hasOwnProperty: hasOwn } = Object.prototype;

export function get(o: unknown, path: string[]): unknown {
  for (let i = 0; i < path.length; i++) o = own(o, path[i]);
  return o;
}

const { keys } = Object;
const { isArray } = Array;

/**
 * The JSON text of a value JSONParse made, by hand: JSON.stringify looks up `toJSON` on every object (and so on
 * Object.prototype and Array.prototype, the page's to change); for strings and numbers it consults nothing.
 */
export function stringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSONStringify(v) ?? 'null';
  let out = '';
  if (isArray(v)) {
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + stringify(own(v, i) ?? null);
    return '[' + out + ']';
  }
  const k = keys(v);
  for (let i = 0; i < k.length; i++) {
    const x = (v as Record<string, unknown>)[k[i]];
    if (x !== undefined) out += (out ? ',' : '') + JSONStringify(k[i]) + ':' + stringify(x);
  }
  return '{' + out + '}';
}

export const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && stringify(a) === stringify(b));

/**
 * `text` with every match of the global `g` replaced, `$1`… standing for its groups (by hand: String.prototype.replace
 * and RegExp.prototype[Symbol.replace] are the page's to change).
 */
export function replaceAll(text: string, g: RegExp, by: TemplatePart[]): string {
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

/** A template (see TemplatePart): `$1`… from the regex groups, `{{$.path}}` from the JSON request (a missing field is an error). */
export function fill(t: TemplatePart[], groups: RegExpExecArray | null, request: unknown): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const p = t[i];
    if (typeof p === 'string') out += p;
    else if (typeof p === 'number') {
      const g = groups && p < groups.length ? groups[p] : undefined;
      if (g === undefined) throw 'no group $' + p;
      out += g;
    } else {
      if (p.field === null) throw p.error;
      const v = get(request, p.field);
      if (v === undefined) throw 'no field ' + p.name + ' in the request';
      out += typeof v === 'string' ? v : stringify(v);
    }
  }
  return out;
}

/** Sets (or, with `remove`, deletes) the field at `path` of a JSON text; the text changed. */
export function setJson(text: string, path: string[], value: unknown, remove: boolean): string {
  const root = JSONParse(text) as Json;
  let o: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    o = own(o, path[i]);
    if (o === null || typeof o !== 'object') throw 'no object at ' + path[i];
  }
  const k = path[path.length - 1];
  if (remove) delete (o as Record<string, unknown>)[k];
  else if (apply(hasOwn, o, [k])) (o as Record<string, unknown>)[k] = value;
  // A new field is defined: assigning it would call a setter the page put on Object.prototype or Array.prototype.
  else defineProperty(o as object, k, { __proto__: null, value, writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
  return stringify(root);
}
