// Test support (Node): WebSocket servers on 127.0.0.1 (the ws package) and a tiny HTTP server for test pages.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

export interface WsServers {
  /** Echoes every message back as it came (text stays text, binary stays binary). */
  echo: string;
  /** Sends "ho!" to each new client. */
  greet: string;
  /** Sends one binary frame: bytes 0x00..0x03, "MQTT/topic" in ASCII, then 0xff 0xfe. */
  binary: string;
  /** Closes each new client with code 4001 and reason "bye". */
  bye: string;
  /** Keeps every message it receives (`received()`), and answers none. */
  record: string;
  /** Echoes, and answers every handshake with the header `X-Handshake-Test: hello from the server`. */
  handshake: string;
  /**
   * Echoes; agrees to the subprotocol `chat.v2` when the client offers it and to permessage-deflate, and answers each
   * handshake with `X-Handshake-Path: <the request's path and query>`, so sockets to different URLs get different replies.
   */
  negotiate: string;
  /** What `record` received so far, in order: text as text, binary as lowercase hex bytes ("01 ff"). */
  received(): { binary: boolean; data: string }[];
  /** When each of those arrived (Date.now()), in the same order. */
  arrivals(): number[];
  close(): Promise<void>;
}

export const BINARY_SAMPLE = Buffer.from([0, 1, 2, 3, ...Buffer.from('MQTT/topic'), 0xff, 0xfe]);

function wsServer(onConnection: (ws: WebSocket) => void, options: ServerOptions = {}): Promise<WebSocketServer> {
  return new Promise((resolve) => {
    const wss: WebSocketServer = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options }, () => resolve(wss));
    wss.on('connection', onConnection);
  });
}

const url = (wss: WebSocketServer) => `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;

export async function startWsServers(): Promise<WsServers> {
  const echo = await wsServer((ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  const greet = await wsServer((ws) => ws.send('ho!'));
  const binary = await wsServer((ws) => ws.send(BINARY_SAMPLE));
  const bye = await wsServer((ws) => ws.close(4001, 'bye'));
  const received: { binary: boolean; data: string }[] = [];
  const arrivals: number[] = [];
  const record = await wsServer((ws) =>
    ws.on('message', (data, isBinary) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
      received.push({ binary: isBinary, data: isBinary ? [...buf].map((b) => b.toString(16).padStart(2, '0')).join(' ') : buf.toString('utf8') });
      arrivals.push(Date.now());
    }),
  );
  const handshake = await wsServer((ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  handshake.on('headers', (headers) => headers.push('X-Handshake-Test: hello from the server'));
  const echoBack = (ws: WebSocket) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  const negotiate = await wsServer(echoBack, {
    perMessageDeflate: true,
    handleProtocols: (offered) => (offered.has('chat.v2') ? 'chat.v2' : false),
  });
  negotiate.on('headers', (headers, request) => headers.push(`X-Handshake-Path: ${request.url}`));
  const all = [echo, greet, binary, bye, record, handshake, negotiate];
  return {
    echo: url(echo),
    greet: url(greet),
    binary: url(binary),
    bye: url(bye),
    record: url(record),
    handshake: url(handshake),
    negotiate: url(negotiate),
    received: () => [...received],
    arrivals: () => [...arrivals],
    close: async () => {
      for (const s of all) {
        for (const c of s.clients) c.terminate();
        await new Promise((r) => s.close(r));
      }
    },
  };
}

export interface PageServer {
  /** http://127.0.0.1:port */
  origin: string;
  /** The same server under another origin (http://other.test:port; the browser maps *.test to 127.0.0.1), for cross-origin iframes. */
  otherOrigin: string;
  /** Serves `body` at `path` from now on: HTML unless `headers` says otherwise (e.g. a CSP header, or a script's content-type). */
  set(path: string, body: string, headers?: Record<string, string>): void;
  /** Serves a file from disk (a client library's browser bundle from node_modules) at `path`, as JavaScript. */
  file(path: string, file: string): void;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, { body: string | Buffer; headers: Record<string, string> }>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', ...page?.headers });
    res.end(page?.body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://other.test:${port}`,
    set: (path, body, headers = {}) => pages.set(path, { body, headers }),
    file: (path, file) => pages.set(path, { body: readFileSync(file), headers: { 'content-type': 'text/javascript; charset=utf-8' } }),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
