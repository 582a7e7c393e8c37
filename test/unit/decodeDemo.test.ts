// The demo (`npm start`) shows decoding at once: its Socket.IO chat and MessagePack stream, recorded from the real
// socket.io-client and ws clients against the real demo server, are detected and decoded.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDemo } from '../../demo/server.mjs';
import { connectionContext, decodeFrame, detectProtocol } from '../../src/panel/decode/registry';
import { recordingProxy, until, type Recording } from './decodeRecord';

let demo: { url: string; close: () => Promise<void> };
let sioRec: Recording;
let mpRec: Recording;

beforeAll(async () => {
  demo = await startDemo({ port: 0, log: () => {} });
  const wsBase = demo.url.replace(/^http/, 'ws').replace(/\/$/, '');
  sioRec = await recordingProxy(wsBase);
  mpRec = await recordingProxy(wsBase);
  const client = io(sioRec.url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((r) => client.on('connect', () => r()));
  const reply = await client.emitWithAck('chat', 'hello from the test');
  expect(reply).toMatchObject({ ok: true });
  client.close();
  const ws = new WebSocket(`${mpRec.url}/msgpack`);
  await until(() => mpRec.frames.length >= 1);
  ws.close();
}, 20_000);

afterAll(async () => {
  await sioRec?.close();
  await mpRec?.close();
  await demo?.close();
});

describe('the demo shows decoding at once', () => {
  it('decodes its Socket.IO chat: detected by URL, the chat event with its ack, and the ack', () => {
    const hints = { url: `${sioRec.url}/socket.io/?EIO=4&transport=websocket`, protocol: '', protocols: [] };
    expect(detectProtocol(hints, sioRec.frames)?.decoder.id).toBe('socket.io');
    const ctx = connectionContext(hints, sioRec.frames);
    const summaries = sioRec.frames.map((f) => decodeFrame('socket.io', f, ctx).summary);
    expect(summaries).toContain('EVENT chat ["hello from the test"] · ack 0');
    expect(summaries).toContain('ACK 0 [{"ok":true,"id":1}]');
    expect(summaries.some((s) => s.startsWith('EVENT welcome'))).toBe(true);
  });

  it('decodes its MessagePack stream: detected by content, a reading with its type as a filter term', () => {
    const hints = { url: `${mpRec.url}/msgpack`, protocol: '', protocols: [] };
    expect(detectProtocol(hints, mpRec.frames)).toMatchObject({ decoder: { id: 'msgpack' }, by: 'content' });
    const d = decodeFrame('msgpack', mpRec.frames[0], connectionContext(hints, mpRec.frames));
    expect(d.error).toBeUndefined();
    expect(d.summary).toMatch(/^\{"type":"reading","sensor":"greenhouse-1","seq":1,/);
    expect(d.terms).toEqual({ type: ['reading'] });
  });
});
