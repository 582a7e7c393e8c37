// Panel decoder (pure logic): MessagePack binary frames, read with @msgpack/msgpack.
import { Decoder } from '@msgpack/msgpack';
import { formatDecoder, isContainer } from './formatDecoder';
import { TERM_KEYS, type Facts, type TermKey, type Terms } from './types';

// One decoder for every frame: `decode()` builds a new one per call, which costs as much as reading a small frame.
// A Decoder is reusable (its state is reset per call, also after a throw) and re-entrant (a nested call gets a clone).
const decoder = new Decoder();

/** Throws on anything but exactly one MessagePack value (trailing bytes included). */
export const readMsgpack = (bytes: Uint8Array): unknown => decoder.decode(bytes);

/** Fixed sizes (header included) of the scalar types by head byte; 0: not a fixed-size scalar. */
const FIXED = new Uint8Array(256);
for (let i = 0; i < 256; i++) if (i <= 0x7f || i >= 0xe0) FIXED[i] = 1;
for (const [b, n] of [[0xc0, 1], [0xc2, 1], [0xc3, 1], [0xca, 5], [0xcb, 9], [0xcc, 2], [0xcd, 3], [0xce, 5], [0xcf, 9], [0xd0, 2], [0xd1, 3], [0xd2, 5], [0xd3, 9]]) FIXED[b] = n;
const MAX_DEPTH = 64;

/** A length of `size` bytes at `at` (big-endian); -1 past the end. */
function lengthAt(b: Uint8Array, at: number, size: number): number {
  if (at + size > b.length) return -1;
  return size === 1 ? b[at] : size === 2 ? b[at] * 256 + b[at + 1] : b[at] * 0x1000000 + b[at + 1] * 0x10000 + b[at + 2] * 256 + b[at + 3];
}

/** The end of a string's or bytes' header and data: [data start, data end], or undefined when `pos` holds neither. */
function rawAt(b: Uint8Array, pos: number, head: number): [number, number] | undefined {
  let size: number;
  if (head >= 0xa0 && head <= 0xbf) return [pos + 1, pos + 1 + (head & 31)];
  if (head === 0xd9 || head === 0xc4) size = 1;
  else if (head === 0xda || head === 0xc5) size = 2;
  else if (head === 0xdb || head === 0xc6) size = 4;
  else return undefined;
  const n = lengthAt(b, pos + 1, size);
  return n < 0 ? [pos, -1] : [pos + 1 + size, pos + 1 + size + n];
}

const isStrHead = (h: number) => (h >= 0xa0 && h <= 0xbf) || h === 0xd9 || h === 0xda || h === 0xdb;
const isNumberHead = (h: number) => h <= 0x7f || h >= 0xe0 || (h >= 0xca && h <= 0xd3);
const PROTO = [...'__proto__'].map((c) => c.charCodeAt(0));

/** Whether a map key is one @msgpack/msgpack accepts (a string but `__proto__`, or a number). */
function keyOk(b: Uint8Array, pos: number, head: number): boolean {
  if (isNumberHead(head)) return true;
  if (!isStrHead(head)) return false;
  const r = rawAt(b, pos, head)!;
  if (r[1] - r[0] !== PROTO.length) return true;
  for (let i = 0; i < PROTO.length; i++) if (b[r[0] + i] !== PROTO[i]) return true;
  return false;
}

/**
 * The position after the value at `pos`, checked the way @msgpack/msgpack reads it without building it; -1 when this
 * scan cannot vouch for the value (past the end, extension types, unusual keys, deep nesting): the full read decides.
 */
function skip(b: Uint8Array, pos: number, depth: number): number {
  if (pos >= b.length) return -1;
  const head = b[pos];
  const fixed = FIXED[head];
  if (fixed) return pos + fixed <= b.length ? pos + fixed : -1;
  const raw = rawAt(b, pos, head);
  if (raw) return raw[1] >= 0 && raw[1] <= b.length ? raw[1] : -1;
  let count: number;
  let map: boolean;
  if (head >= 0x80 && head <= 0x9f) {
    map = head < 0x90;
    count = head & 15;
    pos += 1;
  } else if (head >= 0xdc && head <= 0xdf) {
    map = head >= 0xde;
    const size = head & 1 ? 4 : 2;
    count = lengthAt(b, pos + 1, size);
    if (count < 0) return -1;
    pos += 1 + size;
  } else return -1;
  if (depth >= MAX_DEPTH) return -1;
  for (let i = 0; i < count; i++) {
    if (map) {
      if (pos >= b.length || !keyOk(b, pos, b[pos])) return -1;
      pos = skip(b, pos, depth + 1);
      if (pos < 0) return -1;
    }
    pos = skip(b, pos, depth + 1);
    if (pos < 0) return -1;
  }
  return pos;
}

const KEY_BYTES = TERM_KEYS.map((k) => [...k].map((c) => c.charCodeAt(0)));

function termKeyAt(b: Uint8Array, pos: number): TermKey | undefined {
  const head = b[pos];
  if (!isStrHead(head)) return undefined;
  const [start, stop] = rawAt(b, pos, head)!;
  next: for (let k = 0; k < KEY_BYTES.length; k++) {
    const key = KEY_BYTES[k];
    if (stop - start !== key.length) continue;
    for (let i = 0; i < key.length; i++) if (b[start + i] !== key[i]) continue next;
    return TERM_KEYS[k];
  }
  return undefined;
}

/** A term value as envelopeTerms takes it from the decoded map: a string or number, as a string; else undefined. */
function termValue(b: Uint8Array, start: number, stop: number): string | undefined {
  const head = b[start];
  if (isStrHead(head)) {
    const [from, to] = rawAt(b, start, head)!;
    let ascii = true;
    for (let i = from; i < to && ascii; i++) ascii = b[i] < 0x80;
    if (ascii && to - from <= 1024) return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]);
  } else if (!isNumberHead(head)) return undefined;
  return String(readMsgpack(b.subarray(start, stop)));
}

/**
 * The formatDecoder's terms for a MessagePack frame (the filter keys among a top-level map's keys) without building
 * the value or its summary; undefined when the scan cannot vouch for the frame (the full decode decides).
 */
export function msgpackFacts(b: Uint8Array): Facts | undefined {
  const end = skip(b, 0, 0);
  if (end !== b.length) return undefined;
  const head = b[0];
  const isMap = (head >= 0x80 && head <= 0x8f) || head === 0xde || head === 0xdf;
  if (!isMap) return {};
  let pos = head <= 0x8f ? 1 : head === 0xde ? 3 : 5;
  const count = head <= 0x8f ? head & 15 : lengthAt(b, 1, head === 0xde ? 2 : 4);
  let found: Partial<Record<TermKey, [number, number]>> | undefined;
  for (let i = 0; i < count; i++) {
    const key = termKeyAt(b, pos);
    pos = skip(b, pos, 1);
    const valueEnd = skip(b, pos, 1);
    // The last of repeated keys wins, as in the decoded object.
    if (key) (found ??= {})[key] = [pos, valueEnd];
    pos = valueEnd;
  }
  if (!found) return {};
  let terms: Terms | undefined;
  for (const key of TERM_KEYS) {
    const at = found[key];
    const v = at && termValue(b, at[0], at[1]);
    if (v !== undefined) (terms ??= {})[key] = [v];
  }
  return terms ? { terms } : {};
}

export const msgpackDecoder = formatDecoder({
  id: 'msgpack',
  label: 'MessagePack',
  readBytes: readMsgpack,
  factsOfBytes: msgpackFacts,
  convincing: isContainer,
});
