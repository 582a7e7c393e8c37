// Socket.IO decoding on frames recorded from socket.io-client talking to a socket.io server (through a recording proxy).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodePacket } from 'engine.io-parser';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { Encoder, PacketType } from 'socket.io-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionContext, decodeFrame, detectProtocol } from '../../src/panel/decode/registry';
import type { Decoded, FrameInput } from '../../src/panel/decode/types';
import { recordingProxy, until, type Recording } from './decodeRecord';

let rec: Recording;
let decoded: Decoded[];
let closeAll: () => Promise<void>;

beforeAll(async () => {
  const http = createServer();
  const server = new Server(http, { pingInterval: 80, pingTimeout: 2000 });
  server.on('connection', (socket) => {
    socket.on('chat', (msg: string, ack: (r: unknown) => void) => ack({ ok: true, echo: msg }));
    socket.on('upload', (_name: string, _buf: Buffer, ack: (r: unknown) => void) => ack('stored'));
    socket.emit('news', { headline: 'decoders' });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  rec = await recordingProxy(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const client = io(rec.url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((r) => client.on('connect', () => r()));
  await client.emitWithAck('chat', 'hi');
  await client.emitWithAck('upload', 'photo.png', Buffer.from([1, 2, 3, 4]));
  await until(() => rec.frames.some((f) => f.data === '3'));
  client.close();
  closeAll = async () => {
    await rec.close();
    await new Promise<void>((r) => server.close(() => r()));
  };
  const ctx = connectionContext({ url: `${rec.url}/socket.io/?EIO=4&transport=websocket`, protocol: '', protocols: [] }, rec.frames);
  decoded = rec.frames.map((f) => decodeFrame('socket.io', f, ctx));
}, 20_000);

afterAll(() => closeAll?.());

const find = (pred: (d: Decoded) => boolean) => {
  const d = decoded.find(pred);
  if (!d) throw new Error(`not found among: ${decoded.map((x) => x.summary).join(' | ')}`);
  return d;
};

describe('Socket.IO decoder (socket.io-client ↔ socket.io 4)', () => {
  it('detects the connection by its URL, and by the open packet without one', () => {
    expect(detectProtocol({ url: `${rec.url}/socket.io/?EIO=4&transport=websocket`, protocol: '', protocols: [] }, rec.frames)).toMatchObject({ reason: 'URL /socket.io/?EIO=4', by: 'url' });
    expect(detectProtocol({ url: 'ws://x/socket.io/?EIO=3&transport=websocket', protocol: '', protocols: [] }, [])?.decoder.id).toBe('socket.io-v3');
    expect(detectProtocol({ url: 'ws://x/custom', protocol: '', protocols: [] }, rec.frames)).toMatchObject({ reason: 'handshake: Engine.IO open packet' });
  });

  it('decodes every recorded frame', () => {
    expect(decoded.filter((d) => d.error)).toEqual([]);
    expect(decoded[0].summary).toMatch(/^open sid \S+ · ping 80 ms$/);
  });

  it('summarises events with their ack ids, and acks', () => {
    const chat = find((d) => d.summary.startsWith('EVENT chat'));
    expect(chat.summary).toMatch(/^EVENT chat \["hi"\] · ack \d+$/);
    expect(chat.terms).toEqual({ type: ['EVENT'], event: ['chat'] });
    expect(chat.fields).toContainEqual(['event', 'chat']);
    const ackId = /ack (\d+)/.exec(chat.summary)?.[1];
    const ack = find((d) => d.summary.startsWith(`ACK ${ackId}`));
    expect(ack.summary).toBe(`ACK ${ackId} [{"ok":true,"echo":"hi"}]`);
    expect(chat.pairs).toEqual([{ key: `sio:sent:/:${ackId}`, role: 'request' }]);
    expect(ack.pairs).toEqual([{ key: `sio:sent:/:${ackId}`, role: 'end' }]);
    expect(find((d) => d.summary.startsWith('EVENT news')).summary).toBe('EVENT news [{"headline":"decoders"}]');
  });

  it('counts binary attachments and labels the frames that carry them', () => {
    const upload = find((d) => d.summary.startsWith('BINARY_EVENT upload'));
    expect(upload.summary).toMatch(/^BINARY_EVENT upload \["photo.png",\{"_placeholder":true,"num":0\}\] · ack \d+ · 1 attachment$/);
    expect(upload.fields).toContainEqual(['attachments', '1']);
    const attachment = find((d) => d.summary.startsWith('attachment'));
    expect(attachment.summary).toBe('attachment 1/1 of upload (4 B)');
    expect([...(attachment.payload as Uint8Array)]).toEqual([1, 2, 3, 4]);
  });

  it('marks Engine.IO ping and pong as heartbeats, and pairs CONNECT', () => {
    const beats = decoded.filter((d) => d.heartbeat);
    expect(beats.map((d) => d.summary)).toEqual(expect.arrayContaining(['ping', 'pong']));
    expect(find((d) => d.summary.startsWith('CONNECT')).pairs?.[0].key).toBe('sio:connect:/');
  });

  it('reads Engine.IO v3 binary frames (type byte first) and library-encoded packets with namespaces', () => {
    const [text, bin] = new Encoder().encode({ type: PacketType.EVENT, nsp: '/admin', data: ['file', Buffer.from([9, 9])], id: 7 }) as [string, Buffer];
    const ctx = connectionContext({ url: 'ws://x/socket.io/?EIO=3', protocol: '', protocols: [] });
    let wire = '';
    encodePacket({ type: 'message', data: text }, false, (s) => (wire = String(s)));
    const first = decodeFrame('socket.io-v3', { dir: 'sent', data: wire }, ctx);
    expect(first.summary).toBe('BINARY_EVENT /admin file [{"_placeholder":true,"num":0}] · ack 7 · 1 attachment');
    const second = decodeFrame('socket.io-v3', { dir: 'sent', data: new Uint8Array([4, ...bin]) }, ctx);
    expect(second.summary).toBe('attachment 1/1 of file (2 B)');
    expect(decodeFrame('socket.io-v3', { dir: 'received', data: new Uint8Array([2, 1]) }, ctx).error).toMatch(/not a message/);
  });

  it('falls back with a reason on garbage', () => {
    const frames: FrameInput[] = [{ dir: 'received', data: 'x{}' }, { dir: 'received', data: '42[unclosed' }, { dir: 'received', data: '' }];
    const out = frames.map((f) => decodeFrame('socket.io', f));
    expect(out[0].error).toMatch(/not an Engine.IO packet/);
    expect(out[1].fields).toContainEqual(['Socket.IO', expect.stringMatching(/^not a packet/)]);
    expect(out[2].error).toBeDefined();
  });
});
