// The facts-only path a filter uses (decodeFacts) answers exactly what the full decode does: heartbeat flag and terms.
import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { connectionContext, decodeFacts, decodeFrame } from '../../src/panel/decode/registry';
import type { FrameInput } from '../../src/panel/decode/types';

const ctx = () => connectionContext({ url: 'ws://h/socket.io/?EIO=4', protocol: '', protocols: [] });
const same = (id: string, f: FrameInput) => {
  const full = decodeFrame(id, f, ctx(), { keep: false });
  const facts = decodeFacts(id, { ...f }, ctx());
  expect({ heartbeat: !!facts.heartbeat, terms: facts.terms && Object.keys(facts.terms).length ? facts.terms : undefined }, JSON.stringify(f.data instanceof Uint8Array ? [...f.data] : f.data)).toEqual({
    heartbeat: !!full.heartbeat,
    terms: full.terms && Object.keys(full.terms).length ? full.terms : undefined,
  });
};

describe('facts without the full decode', () => {
  it('Socket.IO: pings, pongs, events, acks and odd packets', () => {
    const texts = ['2', '3', '2probe', '4', '40', '41', '42["chat","hi"]', '42/admin,7["stats",{"a":[1]}]', '421["join","room"]', '431["ok"]', '43/x,2[]', '42[1,2]', '42["conn\\"ect"]',
      '42["connect"]', '42["disconnect",1]', '42{"a":1}', '42["chat",', '42[]', '42[null]', '42"x"', '42 ["x"]', '4hello', '451-["up",{"_placeholder":true,"num":0}]', '0{"sid":"a"}', '6', 'b4AQI=', '42["\\u00e9v"]', '42["é",{}]', '42/a[b,["x"]'];
    for (const data of texts) for (const dir of ['sent', 'received'] as const) same('socket.io', { dir, data });
    same('socket.io', { dir: 'received', data: new Uint8Array([1, 2]) });
  });

  it('MessagePack: envelope terms of maps, and everything else as the full read says', () => {
    const values: unknown[] = [
      { type: 'tick', seq: 1, price: 1.5, bid: [1, 2], nested: { type: 'inner' } },
      { event: 'chat', topic: 7, op: -3, method: 2.5, destination: '/q', type: null },
      { type: 'a', type2: 'b' }, { type: 'é ü' }, { type: 'x'.repeat(300) }, { type: 2 ** 40 }, { type: -(2 ** 40) }, { type: new Uint8Array([1]) },
      [1, 2, 3], 'str', 5, null, {}, { a: { b: { c: [{ d: 1 }] } } }, { 1: 'one', type: true }, { type: new Date(0) }, { deep: JSON.parse('['.repeat(70) + ']'.repeat(70)) },
    ];
    for (const v of values) same('msgpack', { dir: 'received', data: encode(v) });
    const tick = encode({ type: 'tick', seq: 1 });
    same('msgpack', { dir: 'received', data: tick.subarray(0, tick.length - 1) });
    same('msgpack', { dir: 'received', data: new Uint8Array([...tick, 0]) });
    same('msgpack', { dir: 'received', data: new Uint8Array([0x81, 0xa9, ...new TextEncoder().encode('__proto__'), 1]) });
    same('msgpack', { dir: 'received', data: new Uint8Array([0x81, 0x91, 1, 1]) });
    same('msgpack', { dir: 'received', data: new Uint8Array([0xc1]) });
    same('msgpack', { dir: 'received', data: new Uint8Array([0x81, 0xa4, 0x74, 0x79, 0x70, 0x65, 0xa2, 0xff, 0xfe]) });
    same('msgpack', { dir: 'received', data: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) });
    same('msgpack', { dir: 'received', data: 'text' });
  });
});
