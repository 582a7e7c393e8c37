// Panel decoder (pure logic): helpers every decoder shares — text and JSON envelopes, building results (previews:
// preview.ts; plain values: plainValues.ts; rule conditions: ruleConditions.ts).
import { clip } from './preview';
import type { Decoded, Direction, FrameInput, PairLink, TermKey, Terms } from './types';

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

/** A payload's size as the Decoded tab lists it: characters of text, bytes of binary. */
export const sizeField = (data: string | Uint8Array): [string, string] => ['size', typeof data === 'string' ? `${data.length} chars` : `${data.length} B`];

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
