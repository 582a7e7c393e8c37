// Panel (pure logic): a JSON field of a frame (`$.payload.kind`) as Group by counts it and as the filter matches it
// (`$.payload.kind:order*`, or exactly `$.payload.kind:"order placed"`), read the same way by both so that a group's
// click shows exactly that group.
import { readJsonPath, type JsonPath } from '../shared/rules';
import { matchGlob } from './decode/terms';
import type { Row } from './model';

/** Frames longer than this are not parsed for their fields, so one huge frame cannot stall a filter or a grouping. */
export const JSON_FIELD_MAX_LENGTH = 1024 * 1024;
/** Group by counts longer values as one group (objects and arrays are grouped by their compact JSON text). */
export const MAX_GROUP_VALUE = 200;
export const LONG_VALUES = '(long values)';

/** What the user typed (`action`, `payload.kind`, `$.channel`, `items[0].id`) as a path, or why it is not one. */
export function readFieldPath(src: string): { path: JsonPath } | { error: string } {
  const s = src.trim();
  if (!s) return { error: 'type a field, like action, payload.kind or $.channel' };
  const r = readJsonPath(s.startsWith('$') ? s : s.startsWith('[') ? `$${s}` : `$.${s}`);
  if ('error' in r) return r;
  return r.path.length ? r : { error: 'name a field inside the frame, like $.type' };
}

/** The path as one filter word: `$.a.b[0]`, names that need it quoted (`$["a b"]`) with whitespace escaped. */
export function formatFieldPath(path: JsonPath): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${quote(p)}]`)).join('')}`;
}

/** A JSON string literal with no whitespace in it, so it stays one filter word (JSON.parse reads it back). */
const quote = (s: string) => JSON.stringify(s).replace(/\s/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A row's text as JSON, when it is a JSON object or array (undefined otherwise). The last answer is kept. */
let last: { row: Row; value: unknown } | undefined;
export function rowJson(row: Row): unknown {
  if (last?.row === row) return last.value;
  let value: unknown;
  const d = row.data;
  if (row.dir !== 'event' && typeof d === 'string' && d.length <= JSON_FIELD_MAX_LENGTH && /^\s*[[{]/.test(d)) {
    try {
      value = JSON.parse(d);
    } catch {
      value = undefined;
    }
  }
  last = { row, value };
  return value;
}

/** The value at `path` as text (strings as they are, other values as JSON); undefined when the field is not there. */
export function fieldText(json: unknown, path: JsonPath): string | undefined {
  let v = json;
  for (const step of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    if (typeof step === 'number' ? !Array.isArray(v) : Array.isArray(v) || !Object.hasOwn(v, step)) return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The group a row's field puts it in, undefined when it has none. */
export function groupValue(row: Row, path: JsonPath): string | undefined {
  const text = fieldText(rowJson(row), path);
  return text !== undefined && text.length > MAX_GROUP_VALUE ? LONG_VALUES : text;
}

/** The value of a group as the filter word's pattern that matches it exactly: a quoted string. */
export const exactPattern = (value: string) => quote(value);

export interface FieldWord {
  path: JsonPath;
  /** A quoted value matches exactly (case too); anything else is a glob like `event:chat*` (case-insensitive). */
  exact?: string;
  glob?: string;
}

/** `$.a.b:pattern` from a filter word, or undefined when the word is not one. */
export function parseFieldWord(word: string): FieldWord | undefined {
  if (!word.startsWith('$')) return undefined;
  const end = pathEnd(word);
  if (end === undefined || word[end] !== ':' || end + 1 >= word.length) return undefined;
  const r = readJsonPath(word.slice(0, end));
  if ('error' in r || !r.path.length) return undefined;
  const pattern = word.slice(end + 1);
  if (pattern.startsWith('"')) {
    try {
      const exact: unknown = JSON.parse(pattern);
      if (typeof exact === 'string') return { path: r.path, exact };
    } catch {
      // not a quoted string: a glob that starts with a quote
    }
  }
  return { path: r.path, glob: pattern };
}

/** Where the `$…` path at the start of a word ends (its steps: `.name`, `[0]`, `["quoted"]`). */
function pathEnd(word: string): number | undefined {
  let i = 1;
  for (;;) {
    const rest = word.slice(i);
    const m = /^\.[^.[\]\s:]+/.exec(rest) ?? /^\[\d+\]/.exec(rest) ?? /^\["(?:[^"\\]|\\.)*"\]/.exec(rest) ?? /^\['[^']*'\]/.exec(rest);
    if (!m) return i;
    i += m[0].length;
  }
}

const words = new Map<string, FieldWord | undefined>();
/** Whether a row's JSON answers a filter word like `$.payload.kind:order*`. */
export function matchFieldWord(row: Row, word: string): boolean {
  let f = words.get(word);
  if (!words.has(word)) {
    if (words.size > 256) words.clear();
    words.set(word, (f = parseFieldWord(word)));
  }
  if (!f) return false;
  const text = fieldText(rowJson(row), f.path);
  if (text === undefined) return false;
  return f.exact !== undefined ? text === f.exact : matchGlob(f.glob!, text);
}
