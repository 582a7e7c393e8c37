// MQTT over WebSocket split across frames (aedes through ws's createWebSocketStream writes each field as its own
// frame) and several packets in one frame: reassembled per connection and direction, whatever order rows are decoded in.
import mqtt from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { connectionContext, decodeFacts, decodeFrame } from '../../src/panel/decode/registry';
import type { ConnectionHints, FrameInput } from '../../src/panel/decode/types';

const HINTS: ConnectionHints = { url: 'ws://127.0.0.1/mqtt', protocol: 'mqtt', protocols: ['mqtt'] };
const gen = (packet: object): Uint8Array => new Uint8Array(mqtt.generate(packet as mqtt.Packet, { protocolVersion: 4 }));
/** A packet cut at the given offsets, one frame per piece. */
const split = (dir: FrameInput['dir'], bytes: Uint8Array, ...cuts: number[]): FrameInput[] =>
  [0, ...cuts].map((from, i) => ({ dir, data: bytes.subarray(from, i < cuts.length ? cuts[i] : bytes.length) }));
const hex = (f: FrameInput) => Array.from(f.data as Uint8Array, (b) => b.toString(16).padStart(2, '0')).join(' ');

const connect = gen({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'e2e-client', keepalive: 1 });
const connack = gen({ cmd: 'connack', returnCode: 0, sessionPresent: false });
const subscribe = gen({ cmd: 'subscribe', messageId: 31446, subscriptions: [{ topic: 'sensors/temp', qos: 1 }] });
const suback = gen({ cmd: 'suback', messageId: 31446, granted: [1] });
const publish = gen({ cmd: 'publish', topic: 'sensors/temp', payload: Buffer.from('23.5'), qos: 1, messageId: 10805, retain: false, dup: false });

/** The exchange as aedes sends it through createWebSocketStream: the broker's packets split field by field. */
function exchange(): FrameInput[] {
  return [
    { dir: 'sent', data: connect },
    ...split('received', connack, 1, 2, 3),
    { dir: 'sent', data: subscribe },
    ...split('received', suback, 1, 2, 4),
    ...split('received', publish, 1, 2, 4, 16, 18),
  ];
}

describe('MQTT packets split across frames', () => {
  it('splits as aedes does', () => {
    const f = exchange();
    expect(f.slice(1, 5).map(hex)).toEqual(['20', '02', '00', '00']);
    expect(f.slice(6, 10).map(hex)).toEqual(['90', '03', '7a d6', '01']);
    expect(f.slice(10).map(hex)).toEqual(['32', '14', '00 0c', hex({ dir: 'sent', data: new TextEncoder().encode('sensors/temp') }), '2a 35', '32 33 2e 35']);
  });

  const expected = [
    'CONNECT e2e-client · v3.1.1 · keepalive 1',
    'part of CONNACK (1 B so far)',
    'part of CONNACK (2 of 4 B)',
    'part of CONNACK (3 of 4 B)',
    'CONNACK 0 (accepted)',
    'SUBSCRIBE sensors/temp qos 1 · id 31446',
    'part of SUBACK (1 B so far)',
    'part of SUBACK (2 of 5 B)',
    'part of SUBACK (4 of 5 B)',
    'SUBACK id 31446 · [1]',
    'part of PUBLISH (1 B so far)',
    'part of PUBLISH (2 of 22 B)',
    'part of PUBLISH (4 of 22 B)',
    'part of PUBLISH (16 of 22 B)',
    'part of PUBLISH (18 of 22 B)',
    'PUBLISH sensors/temp qos 1 (4 B) · id 10805',
  ];

  it('shows each packet on the frame that completes it, and the other frames as parts of it', () => {
    const frames = exchange();
    const ctx = connectionContext(HINTS, frames.slice(0, 8), () => frames);
    expect(frames.map((f) => decodeFrame('mqtt', f, ctx).summary)).toEqual(expected);
    const last = decodeFrame('mqtt', frames[15], ctx);
    expect(last).toMatchObject({ payload: '23.5', terms: { type: ['PUBLISH'], topic: ['sensors/temp'] }, pairs: [{ key: 'mqtt:received:10805', role: 'request' }] });
    expect(decodeFrame('mqtt', frames[9], ctx).pairs).toEqual([{ key: 'mqtt:sent:31446', role: 'end' }]);
    expect(decodeFrame('mqtt', frames[8], ctx)).toMatchObject({ fields: [['MQTT', 'part of SUBACK'], ['received', '4 of 5 B']] });
    expect(decodeFrame('mqtt', frames[8], ctx).terms).toBeUndefined();
    expect(decodeFrame('mqtt', frames[8], ctx).error).toBeUndefined();
  });

  it('gives the same results in any decoding order (visible rows first, newest first)', () => {
    const frames = exchange();
    const ctx = connectionContext(HINTS, frames.slice(0, 8), () => frames);
    const order = [15, 9, 4, 12, 0, 7, 14, 1, 3, 2, 5, 6, 8, 10, 11, 13];
    const got: string[] = [];
    for (const i of order) got[i] = decodeFrame('mqtt', frames[i], ctx, { keep: false }).summary;
    expect(got).toEqual(expected);
    expect(decodeFacts('mqtt', frames[15], connectionContext(HINTS, frames.slice(0, 8), () => frames))).toMatchObject({ terms: { topic: ['sensors/temp'] } });
  });

  it('reads the frames as they arrive: the list may grow after a frame was decoded', () => {
    const frames = exchange();
    const kept: FrameInput[] = [];
    const ctx = connectionContext(HINTS, frames.slice(0, 8), () => kept);
    const got: string[] = [];
    for (const f of frames) {
      kept.push(f);
      got.push(decodeFrame('mqtt', f, ctx).summary);
    }
    expect(got).toEqual(expected);
  });

  it('keeps directions apart: a sent packet between two parts of a received one does not break it', () => {
    const ping = gen({ cmd: 'pingreq' });
    const frames: FrameInput[] = [{ dir: 'sent', data: connect }, ...split('received', connack, 2).flatMap((f, i) => (i === 0 ? [f, { dir: 'sent' as const, data: ping }] : [f]))];
    const ctx = connectionContext(HINTS, frames, () => frames);
    expect(frames.map((f) => decodeFrame('mqtt', f, ctx).summary)).toEqual(['CONNECT e2e-client · v3.1.1 · keepalive 1', 'part of CONNACK (2 of 4 B)', 'PINGREQ', 'CONNACK 0 (accepted)']);
  });

  it('reads several packets in one frame, with the end of one packet and the start of the next', () => {
    const both = new Uint8Array([...suback, ...publish]);
    // The first frame ends a packet begun before it and begins one it does not finish.
    const frames: FrameInput[] = [{ dir: 'sent', data: connect }, { dir: 'received', data: both.subarray(0, 3) }, { dir: 'received', data: both.subarray(3, 10) }, { dir: 'received', data: both.subarray(10) }];
    const ctx = connectionContext(HINTS, frames, () => frames);
    expect(frames.slice(1).map((f) => decodeFrame('mqtt', f, ctx).summary)).toEqual([
      'part of SUBACK (3 of 5 B)',
      '2 messages: SUBACK id 31446 · [1]; part of PUBLISH (5 of 22 B)',
      'PUBLISH sensors/temp qos 1 (4 B) · id 10805',
    ]);
    expect(decodeFrame('mqtt', frames[2], ctx).terms).toEqual({ type: ['SUBACK'] });
    const whole = { dir: 'received' as const, data: new Uint8Array([...connack, ...suback, ...publish]) };
    expect(decodeFrame('mqtt', whole, connectionContext(HINTS, [whole], () => [whole])).summary).toBe('3 messages: CONNACK 0 (accepted); SUBACK id 31446 · [1]; PUBLISH sensors/temp qos 1 (4 B) · id 10805');
  });

  it('marks parts of heartbeats as heartbeats', () => {
    const ping = gen({ cmd: 'pingresp' });
    const frames = split('received', ping, 1);
    const ctx = connectionContext(HINTS, frames, () => frames);
    expect(frames.map((f) => decodeFrame('mqtt', f, ctx))).toMatchObject([{ summary: 'part of PINGRESP (1 B so far)', heartbeat: true }, { summary: 'PINGRESP', heartbeat: true }]);
  });

  it('still reports a cut frame, or one it cannot place, as running past the frame', () => {
    const cut: FrameInput = { dir: 'received', data: publish.subarray(0, 10), truncated: true };
    expect(decodeFrame('mqtt', cut, connectionContext(HINTS, [cut], () => [cut])).error).toMatch(/runs past the frame/);
    expect(decodeFrame('mqtt', { dir: 'received', data: publish.subarray(0, 10) }, connectionContext(HINTS)).error).toMatch(/runs past the frame/);
  });
});
