// End to end, written once for every browser: the composer in the real DevTools WS panel acting on the page's own
// sockets — send to the server (which receives exactly those bytes), deliver to the page (whose handlers get the data
// type its binaryType asks for), edit and resend — and a page that cannot make the panel send anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server as SocketIoServer } from 'socket.io';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PANEL, waitForRows, waitUntil, type WorkbenchPanel } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const MESSAGE = 'textarea[aria-label=Message]';
const FORMAT = 'select[aria-label=Format]';
const SEND = 'button[aria-label="Send to server"]';
const DELIVER = 'button[aria-label="Deliver to page"]';
const STATUS = '[role=region][aria-label=Composer] .composer-status';
const COMPOSE_AS = 'select[aria-label="Compose as"]';
const PREVIEW = '[aria-label="Frame preview"]';
const DETAILS = '[role=region][aria-label="Frame details"]';
const nodeModule = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

export function composerScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  // A socket.io server whose `shout` handler records what it heard and acknowledges it.
  let sioHttp: Server;
  let sio: SocketIoServer;
  const heard: string[] = [];
  beforeAll(async () => {
    ctx.pages.file('/lib/socket.io.min.js', nodeModule('socket.io-client/dist/socket.io.min.js'));
    sioHttp = createServer();
    sio = new SocketIoServer(sioHttp, { cors: { origin: '*' } });
    sio.on('connection', (socket) => {
      socket.on('shout', (text: unknown, ack?: (r: string) => void) => {
        heard.push(String(text));
        if (typeof ack === 'function') ack(`ok:${String(text).toUpperCase()}`);
      });
    });
    await new Promise<void>((r) => sioHttp.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await sio?.close();
  });

  /** Opens the composer (on the only open connection) and writes `text` in `format` in place of what it held. */
  async function compose(panel: WorkbenchPanel, format: string, text: string) {
    if ((await panel.attribute('button[aria-label=Composer]', 'aria-pressed')) !== 'true') await panel.click('button[aria-label=Composer]');
    await panel.choose(FORMAT, format);
    await panel.press(MESSAGE, 'a', ['Control']);
    await panel.press(MESSAGE, 'Backspace');
    await panel.typeKeys(MESSAGE, text);
  }

  it('sends text and binary on the page’s socket: the server receives exactly those, and the rows say the panel sent them', async () => {
    const page = await ctx.openPage('/compose-send', `<script>window.s = new WebSocket(${js(ctx.ws.record)}); s.onopen = () => s.send('from the page');</script>`);
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['from the page']);
    await compose(panel, 'text', 'héllo from the panel');
    await panel.click(SEND);
    await waitUntil(() => panel.text(STATUS), (t) => t === 'Sent to the server on #1', 'the composer’s report');
    await compose(panel, 'hex', '00 ff 7f');
    await waitUntil(() => panel.attribute(MESSAGE, 'aria-invalid'), (v) => v === null, 'valid hex');
    await panel.press(MESSAGE, 'Enter', ['Control']);
    await waitUntil(async () => ctx.ws.received(), (r) => r.length === 3, 'three messages at the server');
    expect(ctx.ws.received().slice(-3).map(({ binary, data }) => ({ binary, data }))).toEqual([
      { binary: false, data: 'from the page' },
      { binary: false, data: 'héllo from the panel' },
      { binary: true, data: '00 ff 7f' },
    ]);
    const rows = await waitUntil(() => panel.rows(), (r) => r.filter((x) => x.dir === 'sent from the panel').length === 2, 'two rows sent from the panel');
    expect(rows.filter((r) => r.dir === 'sent').map((r) => r.data)).toEqual(['from the page']);
    await panel.close();
    await page.close();
  });

  it('delivers text and binary to the page: onmessage and listeners get a string, a Blob or an ArrayBuffer per binaryType', async () => {
    const page = await ctx.openPage(
      '/compose-deliver',
      `<script>
        window.heard = [];
        const note = (how) => (e) => heard.push(how + ':' + (typeof e.data === 'string' ? e.data : Object.prototype.toString.call(e.data)) + ':' + e.origin);
        window.s = new WebSocket(${js(ctx.ws.greet)});
        s.binaryType = 'blob';
        s.onmessage = note('onmessage');
        s.addEventListener('message', note('listener'));
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['ho!']);
    await compose(panel, 'text', 'to the page');
    await panel.click(DELIVER);
    await waitUntil(() => panel.text(STATUS), (t) => t === 'Delivered to the page on #1', 'the composer’s report');
    await compose(panel, 'base64', 'AQID');
    await panel.click(DELIVER);
    await waitUntil(() => page.evaluate('heard.length') as Promise<number>, (n) => n === 6, 'the Blob heard');
    await page.evaluate(`s.binaryType = 'arraybuffer'`);
    await panel.click(DELIVER);
    const origin = new URL(ctx.ws.greet).origin;
    const heard = await waitUntil(() => page.evaluate('heard') as Promise<string[]>, (h) => h.length === 8, 'every delivery heard');
    expect(heard).toEqual([
      `onmessage:ho!:${origin}`, `listener:ho!:${origin}`,
      `onmessage:to the page:${origin}`, `listener:to the page:${origin}`,
      `onmessage:[object Blob]:${origin}`, `listener:[object Blob]:${origin}`,
      `onmessage:[object ArrayBuffer]:${origin}`, `listener:[object ArrayBuffer]:${origin}`,
    ]);
    const rows = await waitUntil(() => panel.rows(), (r) => r.filter((x) => x.dir === 'delivered to the page by the panel').length === 3, 'three delivered rows');
    expect(rows.filter((r) => r.dir === 'delivered to the page by the panel').map((r) => r.data)).toEqual(['to the page', '01 02 03  ...', '01 02 03  ...']);
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('edits a frame and resends it (E, then Ctrl+Enter), and resends one as it was (R)', async () => {
    const page = await ctx.openPage('/compose-edit', `<script>window.s = new WebSocket(${js(ctx.ws.record)}); s.onopen = () => s.send('{"op":"sub","id":1}');</script>`);
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['{"op":"sub","id":1}']);
    const before = ctx.ws.received().length;
    await panel.clickRow('{"op":"sub","id":1}');
    await panel.press(PANEL.grid, 'r');
    await panel.press(PANEL.grid, 'e');
    await waitUntil(() => panel.attribute(MESSAGE, 'aria-label'), (v) => v === 'Message', 'the composer, filled');
    await panel.typeKeys(MESSAGE, ' ');
    await panel.press(MESSAGE, 'Enter', ['Control']);
    const got = await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 2, 'the resent and the edited frame');
    expect(got).toEqual([
      { binary: false, data: '{"op":"sub","id":1}' },
      { binary: false, data: '{"op":"sub","id":1} ' },
    ]);
    await panel.close();
    await page.close();
  });

  it('composes a Socket.IO emit with an ack: the server’s handler gets it, and the panel pairs the ack with it', async () => {
    const url = `http://127.0.0.1:${(sioHttp.address() as AddressInfo).port}`;
    const page = await ctx.openPage(
      '/compose-socketio',
      `<script src="/lib/socket.io.min.js"></script><script>
        window.socket = io(${js(url)}, { transports: ['websocket'] });
        socket.on('connect', () => socket.emit('hello', 'from the page'));
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['42["hello","from the page"]']);
    await panel.click('button[aria-label=Composer]');
    // Taller than its default, so the form's fields sit where the test browser's window takes real clicks.
    await panel.drag('[role=separator][aria-label="Resize composer"]', 0, -250);
    await waitUntil(() => panel.attribute(COMPOSE_AS, 'disabled'), (v) => v === null, 'the Socket.IO form offered');
    await panel.choose(COMPOSE_AS, 'socketio');
    await panel.typeKeys('input[aria-label=Event]', 'shout');
    await panel.typeKeys('textarea[aria-label=Arguments]', '"from the panel"');
    await waitUntil(() => panel.text(PREVIEW), (t) => t === '42["shout","from the panel"]', 'the emit in the preview');
    // Ticked from the keyboard: in the short test panels the form scrolls, and a click can land beside the box.
    await panel.press('input[aria-label="With ack"]', ' ');
    // The page asked for no ack yet: the first free ack id is 0.
    await waitUntil(() => panel.text(PREVIEW), (t) => t === '420["shout","from the panel"]', 'the raw frame in the preview');
    await panel.click(SEND);
    await waitUntil(async () => heard, (h) => h.includes('from the panel'), 'the server’s handler called');
    await waitForRows(panel, ['420["shout","from the panel"]', '430["ok:FROM THE PANEL"]']);
    const rows = await panel.rows();
    expect(rows.find((r) => r.data === '420["shout","from the panel"]')?.dir).toBe('sent from the panel');
    // The emit's Decoded tab names its reply (the ack) and how long it took.
    await panel.clickRow('420["shout","from the panel"]');
    await waitUntil(() => panel.text(DETAILS), (t) => /Reply after \d+(\.\d+)? (ms|s)/.test(t ?? '') && (t ?? '').includes('shout'), 'the ack paired in the Decoded tab');
    // The next emit with an ack takes the next free id.
    await waitUntil(() => panel.text(PREVIEW), (t) => t === '421["shout","from the panel"]', 'the next ack id');
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('cannot be made to send by the page: forged handshakes, events and messages reach nothing', async () => {
    const page = await ctx.openPage(
      '/compose-forge',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.record)});
        s.onopen = () => {
          const command = { v: 1, type: 'command', requestId: 1, doc: 0, socket: 1, action: 'send', data: 'FORGED' };
          const ch = new MessageChannel();
          dispatchEvent(new MessageEvent('wsinspector:port', { ports: [ch.port2], cancelable: true }));
          ch.port1.postMessage(command);
          dispatchEvent(new MessageEvent('message', { data: command }));
          postMessage(command, '*');
          postMessage({ v: 1, type: 'command', docId: 'x', socket: 1, command: { action: 'send', payload: { type: 'text', text: 'FORGED' } } }, '*');
          dispatchEvent(new CustomEvent('wsinspector:relay-ready'));
          s.send('page done');
        };
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['page done']);
    await new Promise((r) => setTimeout(r, 500));
    expect(ctx.ws.received().filter((m) => m.data.includes('FORGED'))).toEqual([]);
    await panel.close();
    await page.close();
  });
}
