// Panel (pure logic): recognising JSON frames and describing JSON values for the collapsible tree.
import { setOwn } from './decode/plainValues';

/** Larger texts are shown raw: parsing and walking them would stall the panel for little benefit. */
export const JSON_TREE_LIMIT = 4 * 1024 * 1024;

export type JsonParse = { kind: 'json'; value: unknown } | { kind: 'invalid'; error: string } | { kind: 'text' };

/** Text that starts like an object or array is parsed; anything else is plain text. */
export function parseJsonFrame(text: string): JsonParse {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return { kind: 'text' };
  if (text.length > JSON_TREE_LIMIT) return { kind: 'invalid', error: `too large for the tree view (over ${JSON_TREE_LIMIT} characters)` };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (e) {
    return { kind: 'invalid', error: (e as Error).message };
  }
}

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export function jsonKind(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonKind;
}

/** One-line summary of a value, as shown beside a collapsed node. */
export function jsonSummary(v: unknown, max = 80): string {
  const k = jsonKind(v);
  if (k === 'array') return `Array(${(v as unknown[]).length})`;
  if (k === 'object') {
    const keys = Object.keys(v as object);
    const s = `{${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}}`;
    return s.length > max ? s.slice(0, max) + '…' : s;
  }
  if (k === 'string') {
    const s = JSON.stringify(v);
    return s.length > max ? s.slice(0, max) + '…"' : s;
  }
  return String(v);
}

/** Children of an object or array as [key, value] pairs; at most `limit` of them (the tree offers "show more"). */
export function jsonChildren(v: unknown, limit: number): { entries: [string, unknown][]; total: number } {
  if (Array.isArray(v)) return { entries: v.slice(0, limit).map((x, i) => [String(i), x]), total: v.length };
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    return { entries: keys.slice(0, limit).map((k) => [k, (v as Record<string, unknown>)[k]]), total: keys.length };
  }
  return { entries: [], total: 0 };
}

/** A child's path in JSONPath's dot/bracket notation: `$.payload.data[0]`, `$["a b"]`. */
export function jsonPath(parent: string, key: string, parentIsArray: boolean): string {
  if (parentIsArray) return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Expand all opens this many levels: a 10,000-deep document would otherwise render 10,000 nested nodes at once. */
export const EXPAND_ALL_DEPTH = 16;

/** A decoded payload for the JSON tree: bytes inside it become hex strings. */
export function forTree(value: unknown, depth = 0): unknown {
  if (value instanceof Uint8Array) {
    const hex = Array.from(value.subarray(0, 4096), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return value.length > 4096 ? `${hex} … (${value.length} B)` : hex;
  }
  if (depth > 64 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => forTree(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, forTree(v, depth + 1));
  return out;
}
