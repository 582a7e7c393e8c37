// Test helper: records the frames real client libraries exchange with real servers, through a WebSocket proxy on
// 127.0.0.1 that passes everything on and keeps a copy in order.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { FrameInput } from '../../src/panel/decode/types';

export interface Recording {
  url: string;
  frames: FrameInput[];
  protocol: () => string;
  close: () => Promise<void>;
}

const asFrame = (dir: FrameInput['dir'], data: RawData, isBinary: boolean): FrameInput => {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return { dir, data: isBinary ? new Uint8Array(buf) : buf.toString('utf8') };
};

/** A proxy in front of `target` (ws://127.0.0.1:port); connect clients to `url` + the path they would use. */
export async function recordingProxy(target: string): Promise<Recording> {
  const frames: FrameInput[] = [];
  let negotiated = '';
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (set) => set.values().next().value ?? false });
  server.on('connection', (client, req) => {
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const upstream = new WebSocket(target + (req.url ?? '/'), protocols);
    const queue: [RawData, boolean][] = [];
    upstream.on('open', () => {
      negotiated = upstream.protocol;
      for (const [d, b] of queue.splice(0)) upstream.send(d, { binary: b });
    });
    client.on('message', (d, b) => {
      frames.push(asFrame('sent', d, b));
      if (upstream.readyState === WebSocket.OPEN) upstream.send(d, { binary: b });
      else queue.push([d, b]);
    });
    upstream.on('message', (d, b) => {
      frames.push(asFrame('received', d, b));
      client.send(d, { binary: b });
    });
    client.on('close', () => upstream.close());
    upstream.on('close', () => client.close());
  });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    frames,
    protocol: () => negotiated,
    close: () => new Promise<void>((resolve) => {
      for (const c of server.clients) c.terminate();
      server.close(() => resolve());
    }),
  };
}

export const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const stop = Date.now() + ms;
  while (!check()) {
    if (Date.now() > stop) throw new Error('timed out waiting for frames');
    await new Promise((r) => setTimeout(r, 10));
  }
};
