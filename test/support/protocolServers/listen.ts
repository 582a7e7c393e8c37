// Test support (Node): small helpers the protocol servers share — listening on 127.0.0.1, a ws server on a path,
// timers that are cleared on close.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Closer {
  close(): Promise<void>;
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

export const portOf = (server: Server | WebSocketServer) => (server.address() as AddressInfo).port;

/** A ws server on its own port; `protocol` is the subprotocol it picks when the client offers it. */
export async function wsServer(onConnection: (ws: WebSocket, url: URL) => void, protocol?: string): Promise<WebSocketServer & Closer & { port: number }> {
  const http = createServer();
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (offered) => (protocol && offered.has(protocol) ? protocol : false),
  });
  wss.on('connection', (ws, req) => onConnection(ws, new URL(req.url ?? '/', 'http://127.0.0.1')));
  const port = await listen(http);
  const closeWss = wss.close.bind(wss);
  let closed = false;
  wss.on('close', () => (closed = true));
  const close = async () => {
    for (const c of wss.clients) c.terminate();
    // A library may have closed it already (graphql-ws's dispose does).
    if (!closed) await new Promise((r) => closeWss(r));
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
  };
  return Object.assign(wss, { port, close });
}

/** Calls `tick` every `ms` while the socket is open. */
export function every(ws: WebSocket, ms: number, tick: () => void) {
  const t = setInterval(() => ws.readyState === ws.OPEN && tick(), ms);
  ws.on('close', () => clearInterval(t));
}
