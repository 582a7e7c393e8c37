// Panel decoder (pure logic): helpers every decoder shares — text and JSON envelopes, one-line previews, building results.
import { globSource, type RuleMatch } from '../../shared/rules';
import type { Decoded, Direction, FrameInput, PairLink, TermKey, Terms } from './types';

export const SUMMARY_MAX = 120;
/** Larger frames are left raw: decoding them would stall the panel (the JSON tree has the same limit). */
export const DECODE_LIMIT = 4 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export const encodeUtf8 = (s: string): Uint8Array => utf8Encoder.encode(s);

/** Strict UTF-8, so binary that is not text is not shown as mojibake. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The frame as text: text frames as they are, binary frames only if they are valid UTF-8. */
export const textOf = (frame: FrameInput): string | undefined => (typeof frame.data === 'string' ? frame.data : decodeUtf8(frame.data));

export const byteLength = (data: string | Uint8Array): number => (typeof data === 'string' ? encodeUtf8(data).length : data.length);

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** An id as a pairing key part: 1 and "1" stay different. */
export const idKey = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? JSON.stringify(v) : undefined);
export const other = (dir: Direction): Direction => (dir === 'sent' ? 'received' : 'sent');

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
}

/** Text that starts like a JSON object or array (cheap check before parsing). */
export const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text);

/** JSON from a text frame or a UTF-8 binary frame; most envelope protocols accept both. */
export function frameJson(frame: FrameInput): JsonResult {
  const text = textOf(frame);
  if (text === undefined) return { ok: false, error: 'binary frame is not UTF-8 text' };
  return parseJson(text);
}

/** A string as JSON.stringify writes it; most keys and values need no escaping, and quoting them is much cheaper. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
export const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** A bounded one-line rendering of a JSON-like value: stops writing once `max` is reached, so huge payloads cost little. */
export function preview(value: unknown, max = 60): string {
  const out = new Preview(max);
  out.walk(value, 0);
  return out.text.length > max ? `${out.text.slice(0, max - 1)}…` : out.text;
}

/** preview's writer (a class rather than closures: it runs for every decoded frame). */
class Preview {
  text = '';
  constructor(private readonly max: number) {}
  /** Appends; false once the text is long enough (the walk stops). */
  write(s: string): boolean {
    this.text += s;
    return this.text.length < this.max;
  }
  walk(v: unknown, depth: number): boolean {
    if (typeof v === 'string') return this.write(quote(v.length > this.max ? v.slice(0, this.max) : v));
    if (typeof v !== 'object' || v === null) return this.write(v === undefined ? 'undefined' : String(v));
    if (v instanceof Uint8Array) return this.write(`‹${v.length} B›`);
    if (Array.isArray(v)) {
      if (depth > 3) return this.write(v.length ? '[…]' : '[]');
      if (!this.write('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i && !this.write(',')) || !this.walk(v[i], depth + 1)) return false;
      return this.write(']');
    }
    const keys = Object.keys(v);
    if (depth > 3) return this.write(keys.length ? '{…}' : '{}');
    if (!this.write('{')) return false;
    for (let i = 0; i < keys.length; i++) {
      if ((i && !this.write(',')) || !this.write(`${quote(keys[i])}:`) || !this.walk((v as Record<string, unknown>)[keys[i]], depth + 1)) return false;
    }
    return this.write('}');
  }
}

/** One line of at most SUMMARY_MAX characters. */
export function clip(s: string, max = SUMMARY_MAX): string {
  const line = s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace(/\s*[\r\n]+\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Summary parts joined the way every decoder shows them: `EVENT chat ["hi"] · ack 3`. */
export const join = (...parts: (string | undefined | false)[]): string => parts.filter((p): p is string => !!p).join(' · ');

export const failed = (error: string, fields: [string, string][] = []): Decoded => ({ summary: '', fields, error });

export function terms(entries: Partial<Record<TermKey, string | number | undefined | null>>): Terms {
  const out: Terms = {};
  for (const k in entries) {
    const v = entries[k as TermKey];
    if (v !== undefined && v !== null && v !== '') out[k as TermKey] = [String(v)];
  }
  return out;
}

/** Top-level keys of a JSON object that are also filter keys (`{"type":"tick"}` answers `type:tick`). */
export function envelopeTerms(value: unknown): Terms | undefined {
  if (!isRecord(value)) return undefined;
  const t = terms({});
  for (const k of ['event', 'type', 'topic', 'destination', 'method', 'op'] as const) {
    const v = value[k];
    if (typeof v === 'string' || typeof v === 'number') t[k] = [String(v)];
  }
  return Object.keys(t).length ? t : undefined;
}

export const request = (key: string): PairLink[] => [{ key, role: 'request' }];
export const reply = (key: string): PairLink[] => [{ key, role: 'reply' }];
export const end = (key: string): PairLink[] => [{ key, role: 'end' }];

/** A frame that carries several messages: its summary, heartbeat, pairs and terms are its parts'. */
export function combine(parts: Decoded[], fields: [string, string][] = [], title = `${parts.length} messages`): Decoded {
  if (parts.length === 1) return { ...parts[0], fields: [...fields, ...parts[0].fields] };
  const pairs = parts.flatMap((p) => p.pairs ?? []);
  const merged: Terms = {};
  for (const p of parts)
    for (const [k, vs] of Object.entries(p.terms ?? {}) as [TermKey, string[]][]) merged[k] = [...(merged[k] ?? []), ...vs.filter((v) => !merged[k]?.includes(v))];
  const errors = parts.filter((p) => p.error);
  const out: Decoded = {
    summary: clip(`${title}: ${parts.map((p) => p.summary || '?').join('; ')}`),
    fields: [...fields, ['messages', String(parts.length)]],
    parts,
  };
  if (parts.length > 0 && parts.every((p) => p.heartbeat)) out.heartbeat = true;
  if (pairs.length) out.pairs = pairs;
  if (Object.keys(merged).length) out.terms = merged;
  if (parts.length === 0) out.error = 'no messages';
  else if (errors.length === parts.length) out.error = errors[0].error;
  return out;
}

/**
 * A decoded value as the tree shows it: Maps, Dates, bigints, typed arrays and extension objects from the binary
 * formats become plain JSON-like values (or Uint8Array), so the UI needs to know no format.
 */
export function toPlain(value: unknown, depth = 0): unknown {
  // Most values (JSON.parse output, MessagePack maps and arrays) are plain already: checking costs less than copying.
  return isPlain(value, depth) ? value : copyPlain(value, depth);
}

/** Whether toPlain would return an equal value: finite numbers, strings, booleans, null, bytes, arrays and `{}` objects of them. */
function isPlain(value: unknown, depth: number): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return depth <= 64;
  if (typeof value === 'number') return depth <= 64 && Number.isFinite(value);
  if (typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlain(value[i], depth + 1)) return false;
    return true;
  }
  if (value instanceof Uint8Array) return value.constructor === Uint8Array;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const k in value) if (!Object.hasOwn(value, k) || !isPlain((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

function copyPlain(value: unknown, depth: number): unknown {
  if (depth > 64) return '…';
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return value instanceof DataView ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : Array.from(value as unknown as ArrayLike<number>, (x) => toPlain(x, depth + 1));
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, (x) => toPlain(x, depth + 1));
  if (value instanceof Map) {
    const plainKeys = [...value.keys()].every((k) => typeof k === 'string' || typeof k === 'number');
    if (!plainKeys) return Array.from(value, ([k, v]) => [toPlain(k, depth + 1), toPlain(v, depth + 1)]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) put(out, String(k), toPlain(v, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) put(out, k, toPlain((value as Record<string, unknown>)[k], depth + 1));
  return out;
}

/** Plain assignment (fast, keeps the object's fast shape) except for `__proto__`, which only setOwn stores as data. */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') setOwn(obj, key, value);
  else obj[key] = value;
}

/** A key named `__proto__` (a decoded map may have one) stays data instead of replacing the prototype. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A glob (`*`: any run of characters but `stop`) as regex source, its literal parts escaped as they appear in JSON strings. */
export function fieldGlob(pattern: string, stop = '"', json = true): string {
  return pattern
    .split('*')
    .map((part) => (json ? JSON.stringify(part).slice(1, -1) : part).replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join(`[^${stop === '\n' ? '\\n' : stop}]*`);
}

/** A rule condition on the raw text: the regex source, case-insensitive. */
export const textCondition = (source: string): RuleMatch['payload'] => ({ kind: 'regex', value: `/${source}/i` });

/** A rule condition on a JSON field (`$.type`, `$[3]`) whose text value matches the glob, case-insensitive. */
export const fieldCondition = (path: string, pattern: string): RuleMatch['payload'] => ({ kind: 'json', value: `${path} =~ /${globSource(pattern)}/i` });
