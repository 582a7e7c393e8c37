// The decoders' fast paths (preview, toPlain, terms, matchTerm, one shared Socket.IO and MessagePack decoder) give what
// the straightforward versions they replaced gave: those are kept here as references and compared on many values.
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { connectionContext, decodeFrame } from '../../src/panel/decode/registry';
import { readMsgpack } from '../../src/panel/decode/msgpack';
import { matchTerm } from '../../src/panel/decode/terms';
import { setOwn, toPlain } from '../../src/panel/decode/plainValues';
import { clip, preview, quote } from '../../src/panel/decode/preview';
import { isRecord, terms } from '../../src/panel/decode/util';

function referencePreview(value: unknown, max = 60): string {
  let out = '';
  const write = (s: string): boolean => {
    out += s;
    return out.length < max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (v instanceof Uint8Array) return write(`‹${v.length} B›`);
    if (Array.isArray(v)) {
      if (depth > 3) return write(v.length ? '[…]' : '[]');
      if (!write('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i && !write(',')) || !walk(v[i], depth + 1)) return false;
      return write(']');
    }
    if (isRecord(v)) {
      const keys = Object.keys(v);
      if (depth > 3) return write(keys.length ? '{…}' : '{}');
      if (!write('{')) return false;
      for (let i = 0; i < keys.length; i++) if ((i && !write(',')) || !write(`${JSON.stringify(keys[i])}:`) || !walk(v[keys[i]], depth + 1)) return false;
      return write('}');
    }
    if (typeof v === 'string') return write(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    if (v === undefined) return write('undefined');
    return write(String(v));
  };
  walk(value, 0);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

function referenceToPlain(value: unknown, depth = 0): unknown {
  if (depth > 64) return '…';
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return value instanceof DataView ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : Array.from(value as unknown as ArrayLike<number>, (x) => referenceToPlain(x, depth + 1));
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, (x) => referenceToPlain(x, depth + 1));
  if (value instanceof Map) {
    const plainKeys = [...value.keys()].every((k) => typeof k === 'string' || typeof k === 'number');
    if (!plainKeys) return Array.from(value, ([k, v]) => [referenceToPlain(k, depth + 1), referenceToPlain(v, depth + 1)]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) setOwn(out, String(k), referenceToPlain(v, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) setOwn(out, k, referenceToPlain((value as Record<string, unknown>)[k], depth + 1));
  return out;
}

let deep: unknown = 'bottom';
for (let i = 0; i < 70; i++) deep = i % 2 ? [deep] : { d: deep };
class Point {
  constructor(public x: number, public y: number) {}
}
const VALUES: unknown[] = [
  null, undefined, true, 0, -0, 1.5, NaN, Infinity, -Infinity, 10n, 2n ** 70n, '', 'plain', 'quote " and \\ backslash', 'tab\tnewline\n\u0001',
  'lone \ud800 surrogate', 'pair 😀 emoji', 'line\u2028sep', 'x'.repeat(500), Symbol('s'), () => 1,
  [], [1, 'a', null], [undefined, 1], [, 2], new Array(3), [[[[[1]]]]], [[[[[]]]]], { a: { b: { c: { d: { e: 1 } } } } }, { a: { b: { c: { d: {} } } } },
  {}, { a: 1, b: 'two', c: [3], d: { e: null } }, { undefinedValue: undefined }, JSON.parse('{"__proto__":{"polluted":1},"k":2}'), Object.create(null),
  Object.assign(Object.create(null), { a: 1 }), new Point(1, 2), new Uint8Array([1, 2, 3]), Buffer.from('buf'), new Uint16Array([1, 2]), new DataView(new ArrayBuffer(2)),
  new ArrayBuffer(3), new Date(0), new Date(NaN), new Map<unknown, unknown>([['a', 1], [2, 'b']]), new Map<unknown, unknown>([[{ k: 1 }, 'v']]), new Set([1, 'x']),
  { nested: [{ deep: [1, { deeper: [2, 3] }] }], bytes: new Uint8Array(4), big: 5n }, deep,
  { 'key with "quotes"': 'v', 'ключ': 'значение', '\n': 1 }, Array.from({ length: 100 }, (_, i) => ({ i, s: `item ${i}` })),
];

describe('fast paths give what the straightforward versions gave', () => {
  it('preview, at several widths', () => {
    for (const v of VALUES) for (const max of [1, 10, 30, 60, 110, 1000]) expect(preview(v, max), `${String(typeof v)} at ${max}`).toBe(referencePreview(v, max));
  });

  it('toPlain (values equal, no prototype from the data)', () => {
    for (const v of VALUES) {
      if (typeof v === 'symbol' || typeof v === 'function') continue;
      const got = toPlain(v);
      expect(got).toStrictEqual(referenceToPlain(v));
      expect(preview(got, 1000)).toBe(referencePreview(referenceToPlain(v), 1000));
    }
    const polluted = toPlain(JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype);
    expect(Object.keys(polluted)).toEqual(['__proto__']);
    expect(toPlain(new Map([['__proto__', 1]]))).toStrictEqual(referenceToPlain(new Map([['__proto__', 1]])));
    // The one difference: an array is no longer copied, so a named property on it (no decoder makes one) stays; the
    // tree, previews and JSON read arrays by index and never show it.
    const named = toPlain(Object.assign([1, { a: 2 }], { extra: 'prop' })) as unknown[];
    expect([...named]).toStrictEqual([1, { a: 2 }]);
    expect(JSON.stringify(named)).toBe('[1,{"a":2}]');
  });

  it('quote is JSON.stringify for strings', () => {
    for (const s of ['', 'a', '"', '\\', '\u0000', '\u001f', '\u007f', '\ud83d\ude00', '\ud800', '\udc00x', 'é', '\u2028']) expect(quote(s)).toBe(JSON.stringify(s));
  });

  it('clip and terms', () => {
    for (const s of ['one line', 'two\nlines', 'cr\r\n  lf', 'x'.repeat(200), '  \n  ']) expect(clip(s)).toBe(clip(s.replace(/\s*[\r\n]+\s*/g, ' ')));
    expect(terms({ type: 'EVENT', event: undefined, topic: '', method: null, op: 0 })).toEqual({ type: ['EVENT'], op: ['0'] });
  });

  it('matchTerm answers the same word the same way row after row', () => {
    const t = { event: ['chat'], topic: ['sensors/temp'] };
    for (let i = 0; i < 3; i++) {
      expect(matchTerm(t, 'event:chat')).toBe(true);
      expect(matchTerm(t, 'EVENT:ch*')).toBe(true);
      expect(matchTerm(t, 'event:news')).toBe(false);
      expect(matchTerm(t, 'topic:sensors/#')).toBe(true);
      expect(matchTerm(t, 'topic:+/humidity')).toBe(false);
      expect(matchTerm(undefined, 'event:chat')).toBe(false);
      expect(matchTerm(t, 'nokey:chat')).toBe(false);
    }
  });

  it('one MessagePack decoder reads frame after frame, also after a bad one', () => {
    expect(readMsgpack(encode({ a: 1 }))).toEqual({ a: 1 });
    expect(() => readMsgpack(new Uint8Array([0xc1]))).toThrow();
    expect(() => readMsgpack(new Uint8Array([0x92, 0x01]))).toThrow();
    expect(readMsgpack(encode([1, 'two']))).toEqual([1, 'two']);
  });

  it('one Socket.IO decoder reads packet after packet, also after a bad or binary one', () => {
    const ctx = connectionContext({ url: 'ws://x/socket.io/?EIO=4&transport=websocket', protocol: '', protocols: [] });
    const d = (data: string | Uint8Array, dir: 'sent' | 'received' = 'received') => decodeFrame('socket.io', { dir, data }, ctx, { keep: false });
    expect(d('42["chat","a"]').summary).toBe('EVENT chat ["a"]');
    expect(d('42["chat",').fields).toContainEqual(['Socket.IO', 'not a packet: invalid payload']);
    expect(d('49').fields[1][1]).toMatch(/^not a packet: unknown packet type/);
    expect(d('451-["up",{"_placeholder":true,"num":0}]').summary).toBe('BINARY_EVENT up [{"_placeholder":true,"num":0}] · 1 attachment');
    expect(d(new Uint8Array([1, 2])).summary).toBe('attachment 1/1 of up (2 B)');
    expect(d('42/admin,7["stats",{"n":1}]').summary).toBe('EVENT /admin stats [{"n":1}] · ack 7');
    expect(d('43/admin,7[true]', 'sent').pairs).toEqual([{ key: 'sio:received:/admin:7', role: 'end' }]);
    expect(d('40').summary).toBe('CONNECT');
  });
});
