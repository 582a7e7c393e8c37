// Payload formats, detection order, filter terms and the never-throw guarantee of decodeFrame.
import { gzipSync, deflateSync } from 'node:zlib';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { compressionOf, decompress } from '../../src/panel/decode/compressed';
import { guessPayload } from '../../src/panel/decode/payload';
import { readProtobuf } from '../../src/panel/decode/protobuf';
import { connectionContext, decodeFrame, DECODERS, detectProtocol } from '../../src/panel/decode/registry';
import { matchTerm, matchTopic, searchText } from '../../src/panel/decode/terms';
import type { ConnectionHints, FrameInput } from '../../src/panel/decode/types';

const hints: ConnectionHints = { url: 'ws://127.0.0.1/feed', protocol: '', protocols: [] };
const bin = (b: Uint8Array): FrameInput => ({ dir: 'received', data: new Uint8Array(b) });

describe('payload formats', () => {
  const tick = { type: 'tick', price: 1.25, tags: ['a', 'b'], at: new Date(0) };
  it('MessagePack: detected from binary frames, summarised, with terms', () => {
    const frame = bin(msgpackEncode(tick));
    expect(detectProtocol(hints, [frame])).toMatchObject({ reason: 'content: MessagePack' });
    const d = decodeFrame('msgpack', frame);
    expect(d.summary).toBe('{"type":"tick","price":1.25,"tags":["a","b"],"at":"1970-01-01T00:00:00.000Z"}');
    expect(d.terms).toEqual({ type: ['tick'] });
    expect(decodeFrame('msgpack', bin(new Uint8Array([0xc1]))).error).toMatch(/not MessagePack/);
  });
  it('CBOR: decoded with cbor-x, Maps and tags made plain', () => {
    const frame = bin(cborEncode({ event: 'reading', values: new Map<unknown, unknown>([[1, 'one']]) }));
    expect(decodeFrame('cbor', frame).payload).toEqual({ event: 'reading', values: { 1: 'one' } });
    expect(detectProtocol(hints, [bin(new Uint8Array([0x82, 0x01, 0x61, 0x61]))])?.decoder.id).toBe('cbor');
  });
  it('schema-less protobuf: varints, strings, nested messages, packed numbers, repeated fields, fixed floats', () => {
    const inner = new BinaryWriter().tag(1, WireType.Varint).int32(150).finish();
    const bytes = new BinaryWriter()
      .tag(1, WireType.Varint).int32(42)
      .tag(2, WireType.LengthDelimited).string('hello')
      .tag(3, WireType.LengthDelimited).bytes(inner)
      .tag(4, WireType.LengthDelimited).bytes(new BinaryWriter().int32(0).int32(300).int32(5).finish())
      .tag(5, WireType.LengthDelimited).string('x')
      .tag(5, WireType.LengthDelimited).string('y')
      .tag(6, WireType.Bit64).double(3.5)
      .finish();
    expect(readProtobuf(bytes)).toEqual({ 1: 42, 2: 'hello', 3: { 1: 150 }, 4: [0, 300, 5], 5: ['x', 'y'], 6: 3.5 });
    expect(decodeFrame('protobuf', bin(bytes)).summary).toMatch(/^\{"1":42,"2":"hello"/);
    expect(readProtobuf(new Uint8Array([0x0a, 0x05, 1]))).toBeUndefined();
  });
  it('gzip and zlib: recognised synchronously, inflated by DecompressionStream', async () => {
    const json = JSON.stringify({ type: 'snapshot', rows: [1, 2, 3] });
    const gz = new Uint8Array(gzipSync(json));
    const z = new Uint8Array(deflateSync(json));
    expect([compressionOf(gz), compressionOf(z)]).toEqual(['gzip', 'deflate']);
    expect(decodeFrame('msgpack', bin(gz))).toMatchObject({ compressed: 'gzip', summary: `gzip-compressed (${gz.length} B)` });
    const out = await decompress(z);
    expect(new TextDecoder().decode(out.bytes)).toBe(json);
    expect(guessPayload(out.bytes)).toEqual({ format: 'json', value: { type: 'snapshot', rows: [1, 2, 3] } });
    await expect(decompress(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not gzip or zlib/);
  });
  it('JSON inside binary frames, and the best guess for nested payloads', () => {
    const frame = bin(new TextEncoder().encode('{"op":2,"d":{}}'));
    expect(decodeFrame('json', frame)).toMatchObject({ summary: '{"op":2,"d":{}}', terms: { op: ['2'] } });
    expect(guessPayload(new TextEncoder().encode('plain words')).format).toBe('text');
    expect(guessPayload(msgpackEncode([1, 'x', { y: 2 }])).format).toBe('msgpack');
    expect(guessPayload(new Uint8Array([0xff, 0xfe, 0x00])).format).toBe('bytes');
  });
});

describe('detection order', () => {
  it('prefers the URL over the subprotocol over handshakes over content', () => {
    const json: FrameInput = { dir: 'sent', data: '{"type":"connection_init"}' };
    expect(detectProtocol({ url: 'ws://h/socket.io/?EIO=4', protocol: 'graphql-transport-ws', protocols: [] }, [json])?.decoder.id).toBe('socket.io');
    expect(detectProtocol({ ...hints, protocol: 'graphql-transport-ws' }, [json])?.by).toBe('subprotocol');
    expect(detectProtocol(hints, [json])?.by).toBe('handshake');
    expect(detectProtocol(hints, [{ dir: 'received', data: '{"a":1}' }])).toMatchObject({ reason: 'content: JSON' });
    expect(detectProtocol(hints, [{ dir: 'received', data: 'hello' }])).toBeUndefined();
  });
});

describe('filter terms', () => {
  it('matches MQTT wildcards for topics and globs elsewhere', () => {
    expect(matchTopic('sensors/#', 'sensors/temp/1')).toBe(true);
    expect(matchTopic('sensors/#', 'sensors')).toBe(true);
    expect(matchTopic('sensors/+/1', 'sensors/temp/1')).toBe(true);
    expect(matchTopic('sensors/+', 'sensors/temp/1')).toBe(false);
    expect(matchTopic('#', '$SYS/x')).toBe(false);
    const terms = { topic: ['sensors/temp'], event: ['chat'], destination: ['/topic/prices'] };
    expect(matchTerm(terms, 'topic:sensors/#')).toBe(true);
    expect(matchTerm(terms, 'topic:other/#')).toBe(false);
    expect(matchTerm(terms, 'event:ch*')).toBe(true);
    expect(matchTerm(terms, 'EVENT:CHAT')).toBe(true);
    expect(matchTerm(terms, 'destination:/topic/prices')).toBe(true);
    expect(matchTerm(terms, 'method:subscribe')).toBe(false);
    expect(matchTerm(terms, 'nokey:x')).toBe(false);
    expect(matchTerm({ topic: ['room:lobby'] }, 'topic:room:*')).toBe(true);
  });
  it('offers decoded text to the text filter (a string inside MessagePack)', () => {
    const d = decodeFrame('msgpack', bin(msgpackEncode({ user: 'needle-in-msgpack' })));
    expect(searchText(d)).toContain('needle-in-msgpack');
  });
});

describe('decodeFrame never throws', () => {
  const rand = (n: number, seed: number) => {
    let s = seed;
    return Uint8Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s & 0xff));
  };
  it('on random bytes, invalid JSON, huge strings and odd text for every decoder', () => {
    const frames: FrameInput[] = [
      ...Array.from({ length: 60 }, (_, i) => bin(rand(1 + ((i * 37) % 300), i + 1))),
      { dir: 'sent', data: '{"unclosed": [' },
      { dir: 'sent', data: '' },
      { dir: 'received', data: '\u001e\u001e' },
      { dir: 'received', data: 'a["\\u0000"]' },
      { dir: 'received', data: '4'.repeat(50) },
      { dir: 'received', data: '[' .repeat(100_000) },
      { dir: 'received', data: 'x'.repeat(5 * 1024 * 1024) },
      { dir: 'received', data: new Uint8Array([0x30, 0xff, 0xff, 0xff, 0xff]) },
      { dir: 'received', data: new Uint8Array([0x1f, 0x8b, 8]) },
      { dir: 'received', data: '{"__proto__":{"polluted":1},"type":"x"}', truncated: true },
    ];
    for (const decoder of DECODERS) {
      const ctx = connectionContext(hints, frames.slice(0, 8));
      for (const f of frames) {
        const d = decodeFrame(decoder.id, f, ctx);
        expect(typeof d.summary).toBe('string');
        expect(d.summary.length).toBeLessThanOrEqual(120);
        expect(Array.isArray(d.fields)).toBe(true);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decodeFrame('json', frames[frames.length - 1]).payload).toMatchObject({ type: 'x' });
    expect(decodeFrame('nope', frames[0]).error).toBe('no decoder "nope"');
    expect(decodeFrame('json', { dir: 'sent', data: '{"a":', truncated: true }).error).toMatch(/truncated/);
  });
  it('caches per frame object and decoder', () => {
    const f: FrameInput = { dir: 'sent', data: '{"a":1}' };
    expect(decodeFrame('json', f)).toBe(decodeFrame('json', f));
    expect(decodeFrame('json', f)).not.toBe(decodeFrame('json', { ...f }));
  });
});
