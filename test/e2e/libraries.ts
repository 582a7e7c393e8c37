// End to end, written once for every browser: real client libraries work unchanged with the extension installed, and
// the panel shows their frames. Each library's own browser bundle is served from node_modules, talking to its own
// server. Each browser's test file calls libraryScenarios() with its driver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { useServer } from 'graphql-ws/use/ws';
import { Server as SocketIoServer } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { waitForRows, type BrowserDriver } from '../support/driver';
import { schema } from '../support/protocolServers';
import { browserContext } from './scenarios';

const nodeModule = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));
const js = JSON.stringify;

let socketIoHttp: Server;
let socketIo: SocketIoServer;
let graphqlWss: WebSocketServer;
let disposeGraphql: () => Promise<void> | void;

export function libraryScenarios<D extends BrowserDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);
  const openPage = (path: string, html: string) => ctx.openPage(path, html);
  const openPanel = (page: Parameters<D['openPanel']>[0]) => ctx.driver.openPanel(page);

  beforeAll(async () => {
    ctx.pages.file('/socket.io.min.js', nodeModule('socket.io-client/dist/socket.io.min.js'));
    ctx.pages.file('/graphql-ws.min.js', nodeModule('graphql-ws/umd/graphql-ws.min.js'));

    socketIoHttp = createServer();
    socketIo = new SocketIoServer(socketIoHttp, { cors: { origin: '*' } });
    socketIo.on('connection', (socket) => {
      socket.on('shout', (text: string, ack: (r: string) => void) => {
        socket.emit('heard', text.toUpperCase());
        ack('ok');
      });
    });
    await new Promise<void>((r) => socketIoHttp.listen(0, '127.0.0.1', r));

    graphqlWss = await new Promise<WebSocketServer>((resolve) => {
      const wss: WebSocketServer = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' }, () => resolve(wss));
    });
    const server = useServer({ schema }, graphqlWss);
    disposeGraphql = () => server.dispose();
  });
  afterAll(async () => {
    await disposeGraphql?.();
    await new Promise((r) => graphqlWss?.close(r));
    await socketIo?.close();
  });

  describe('real client libraries', () => {
    it('socket.io-client: polling, the upgrade to WebSocket, an event, its ack and the reply all work and the frames are shown', async () => {
      const url = `http://127.0.0.1:${(socketIoHttp.address() as AddressInfo).port}`;
      const page = await openPage(
        '/socket.io',
        `<script src="/socket.io.min.js"></script><script>
          window.result = {};
          const socket = io(${js(url)});
          socket.on('heard', (text) => (result.heard = text));
          // Emit once the connection has upgraded from long-polling to a WebSocket, as apps see it by default.
          socket.io.engine.on('upgrade', () => socket.emit('shout', 'hello from socket.io', (ack) => (result.ack = ack)));
        </script>`,
      );
      await page.waitForFunction(`result.heard === 'HELLO FROM SOCKET.IO' && result.ack === 'ok'`, { timeout: 10_000 });
      const panel = await openPanel(page);
      await waitForRows(panel, ['2probe', '3probe', '5', /^42\d*\["shout","hello from socket.io"\]$/, '42["heard","HELLO FROM SOCKET.IO"]', /^43\d*\["ok"\]$/]);
      const [item] = await panel.connections();
      expect(item).toContain(`ws://127.0.0.1:${(socketIoHttp.address() as AddressInfo).port}/socket.io/?EIO=4&transport=websocket`);
      expect(page.errors).toEqual([]);
      await page.close();
    });

    it('graphql-ws: a query and a subscription over graphql-transport-ws work and the frames are shown', async () => {
      const url = `ws://127.0.0.1:${(graphqlWss.address() as AddressInfo).port}/graphql`;
      const page = await openPage(
        '/graphql-ws',
        `<script src="/graphql-ws.min.js"></script><script>
          window.result = { counts: [] };
          const client = graphqlWs.createClient({ url: ${js(url)} });
          client.subscribe({ query: '{ hello }' }, { next: (r) => (result.hello = r.data.hello), error: (e) => (result.error = String(e)), complete: () => {
            client.subscribe({ query: 'subscription { countdown(from: 2) }' }, {
              next: (r) => result.counts.push(r.data.countdown), error: (e) => (result.error = String(e)), complete: () => (result.done = true),
            });
          } });
        </script>`,
      );
      await page.waitForFunction('result.done === true', { timeout: 10_000 });
      expect(await page.evaluate('result')).toEqual({ hello: 'world', counts: [2, 1, 0], done: true });
      const panel = await openPanel(page);
      await waitForRows(panel, [
        '{"type":"connection_init"}',
        '{"type":"connection_ack"}',
        /"type":"subscribe","payload":\{"query":"\{ hello \}"\}/,
        /"type":"next","payload":\{"data":\{"hello":"world"\}\}/,
        /"type":"next","payload":\{"data":\{"countdown":0\}\}/,
        /"type":"complete"/,
      ]);
      const [item] = await panel.connections();
      expect(item).toContain(url);
      expect(page.errors).toEqual([]);
      await page.close();
    });
  });
}
