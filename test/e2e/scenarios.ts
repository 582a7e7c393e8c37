// End to end, written once for every browser: the built extension captures a page's WebSockets and the real DevTools WS
// panel shows them. Each browser's test file calls captureScenarios() with its driver (test/support/driver.ts).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowData, waitForConnections, waitForRows, waitUntil, type BrowserDriver } from '../support/driver';
import { startPageServer, startWsServers, type PageServer, type WsServers } from '../support/servers';

export interface ScenarioContext<D extends BrowserDriver> {
  driver: D;
  ws: WsServers;
  pages: PageServer;
  /** Serves `html` at `path` (with `headers`, e.g. a CSP) on the test page server and opens it in a new tab. */
  openPage(path: string, html: string, headers?: Record<string, string>): Promise<Page & { errors: string[] }>;
}

const js = JSON.stringify;

/** Registers a browser's launch and teardown, and the test servers', in the enclosing describe block. */
export function browserContext<D extends BrowserDriver>(launch: () => Promise<D>): ScenarioContext<D> {
  let driver: D | undefined;
  let launchError: unknown;
  const ctx = {
    // A browser that cannot start (not installed…) fails every test with its reason; vitest would only skip them.
    get driver(): D {
      if (!driver) throw launchError ?? new Error('the browser was not launched');
      return driver;
    },
    openPage(path: string, html: string, headers?: Record<string, string>) {
      ctx.pages.set(path, html, headers);
      return ctx.driver.openPage(ctx.pages.origin + path);
    },
  } as ScenarioContext<D>;

  beforeAll(async () => {
    [ctx.ws, ctx.pages] = await Promise.all([startWsServers(), startPageServer()]);
    try {
      driver = await launch();
    } catch (e) {
      launchError = e;
    }
  });
  afterAll(async () => {
    await driver?.close();
    await ctx.ws?.close();
    await ctx.pages?.close();
  });
  return ctx;
}

/** Registers the shared scenarios (and the browser's launch and teardown) in the enclosing describe block. */
export function captureScenarios<D extends BrowserDriver>(launch: () => Promise<D>): ScenarioContext<D> {
  const ctx = browserContext(launch);

  it('shows history from before DevTools was opened: text, binary, lifecycle, close code and reason', async () => {
    const { ws, driver } = ctx;
    const page = await ctx.openPage(
      '/history',
      `<script>
        window.done = 0;
        const greet = new WebSocket(${js(ws.greet)});
        greet.onopen = () => greet.send('hey');
        greet.onmessage = () => done++;
        const bin = new WebSocket(${js(ws.binary)});
        bin.binaryType = 'arraybuffer';
        bin.onmessage = () => done++;
        const bye = new WebSocket(${js(ws.bye)});
        bye.onclose = () => done++;
      </script>`,
    );
    await page.waitForFunction('done === 3');
    const panel = await driver.openPanel(page);
    await waitForRows(panel, ['hey', 'ho!', '00 01 02 03 4d 51 54 54 2f 74 6f 70 69 63 ff fe  ....MQTT/topic..', 'Closed: code 4001 reason "bye"']);
    const items = await panel.connections();
    expect(items).toHaveLength(3);
    expect(items.find((i) => i.includes(ws.greet))).toMatch(/open.*top document.*↑ 1 \(3 B\).*↓ 1 \(3 B\)/);
    expect(items.find((i) => i.includes(ws.binary))).toContain('↓ 1 (16 B)');
    expect(items.find((i) => i.includes(ws.bye))).toContain('closed 4001 “bye”');
    await page.close();
  });

  it('shows frames live, sent and received, text and binary, and the page calling close()', async () => {
    const { ws, driver } = ctx;
    const page = await ctx.openPage(
      '/live',
      `<script>
        window.sock = new WebSocket(${js(ws.echo)});
        sock.binaryType = 'arraybuffer';
        window.echoes = [];
        sock.onmessage = (e) => echoes.push(e.data);
        sock.onopen = () => (window.ready = true);
      </script>`,
    );
    await page.waitForFunction('window.ready === true');
    const panel = await driver.openPanel(page);
    await waitForConnections(panel, (items) => items.some((i) => i.includes(ws.echo) && i.includes('open')), 'the echo connection');
    await page.evaluate(() => {
      const w = window as unknown as { sock: WebSocket };
      w.sock.send('live text ✓');
      w.sock.send(new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x68, 0x69]));
      w.sock.send(new Blob(['blob body']));
      w.sock.send(new DataView(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2));
    });
    await page.waitForFunction('echoes.length === 4');
    await page.evaluate(() => (window as unknown as { sock: WebSocket }).sock.close(4000, 'done here'));
    const rows = await waitForRows(panel, ['live text ✓', 'de ad be ef 68 69  ....hi', '62 6c 6f 62 20 62 6f 64 79  blob body', '02 03  ..', 'Page called close(4000, "done here")', 'Closed: code 4000 reason "done here"']);
    // Each message shows twice: as sent and as echoed back.
    expect(rows.filter((r) => r === 'live text ✓')).toHaveLength(2);
    const dirs = (await panel.rows()).map((r) => `${r.dir} ${r.type} ${r.size}`);
    expect(dirs).toEqual(expect.arrayContaining(['sent text 13', 'received text 13', 'sent binary 6', 'received binary 6', 'sent binary 9', 'sent binary 2']));
    await page.close();
  });

  it('captures a cross-origin iframe’s socket and says which document it came from', async () => {
    const { ws, pages, driver } = ctx;
    pages.set('/frame', `<script>const s = new WebSocket(${js(ws.greet)}); s.onopen = () => s.send('from the iframe');</script>`);
    const page = await ctx.openPage('/parent', `<iframe src="${pages.otherOrigin}/frame"></iframe>`);
    const panel = await driver.openPanel(page);
    await waitForRows(panel, ['from the iframe', 'ho!']);
    const [item] = await panel.connections();
    expect(item).toContain(`iframe ${pages.otherOrigin}`);
    await page.close();
  });

  it('filters with the Filter box, and by selecting a connection', async () => {
    const { ws, driver } = ctx;
    const page = await ctx.openPage(
      '/filter',
      `<script>
        const a = new WebSocket(${js(ws.echo)});
        a.onopen = () => { a.send('apple'); a.send('banana'); a.send(new Uint8Array([0x68, 0x6f, 0x21, 0x00])); };
        const b = new WebSocket(${js(ws.greet)});
      </script>`,
    );
    const panel = await driver.openPanel(page);
    await waitForRows(panel, ['apple', 'banana', 'ho!']);
    await panel.setFilter('APP');
    await waitUntil(() => rowData(panel), (r) => r.length === 2 && r.every((x) => x === 'apple'), 'only apple rows');
    await panel.setFilter('68 6f 21');
    await waitUntil(() => rowData(panel), (r) => r.length === 2 && r.every((x) => x === '68 6f 21 00  ho!.'), 'binary rows found by hex');
    expect(await panel.status()).toMatch(/^2 of 7 frames/);
    await panel.setFilter('');
    await panel.selectConnection(ws.greet);
    await waitUntil(() => rowData(panel), (r) => r.join('|') === 'Connection open|ho!', 'only the greet connection');
    await page.close();
  });

  it('keeps tabs apart: a panel shows only its own tab’s sockets', async () => {
    const { ws, driver } = ctx;
    const a = await ctx.openPage('/tab-a', `<script>const s = new WebSocket(${js(ws.echo)}); s.onopen = () => s.send('tab A');</script>`);
    const b = await ctx.openPage('/tab-b', `<script>window.s = new WebSocket(${js(ws.echo)}); s.onopen = () => s.send('tab B');</script>`);
    const panelA = await driver.openPanel(a);
    const panelB = await driver.openPanel(b);
    await waitForRows(panelA, ['tab A']);
    await waitForRows(panelB, ['tab B']);
    await b.evaluate(() => (window as unknown as { s: WebSocket }).s.send('tab B again'));
    await waitForRows(panelB, ['tab B again']);
    expect((await rowData(panelA)).some((r) => r.includes('tab B'))).toBe(false);
    expect((await rowData(panelB)).some((r) => r.includes('tab A'))).toBe(false);
    await a.close();
    await b.close();
  });

  it('keeps 4 MiB of a bigger frame, shows its true length and marks it truncated', async () => {
    const { ws, driver } = ctx;
    const page = await ctx.openPage(
      '/big',
      `<script>
        window.got = [];
        const s = new WebSocket(${js(ws.echo)});
        s.binaryType = 'arraybuffer';
        s.onmessage = (e) => got.push(typeof e.data === 'string' ? e.data.length : e.data.byteLength);
        s.onopen = () => { s.send('€'.repeat(2 * 1024 * 1024)); s.send(new Uint8Array(5 * 1024 * 1024).fill(0x41)); };
      </script>`,
    );
    await page.waitForFunction('got.length === 2', { timeout: 20_000 });
    expect(await page.evaluate('got')).toEqual([2 * 1024 * 1024, 5 * 1024 * 1024]); // the page's data is untouched
    const panel = await driver.openPanel(page);
    const rows = await waitUntil(() => panel.rows(), (r) => r.filter((x) => x.data.includes('truncated')).length === 4, 'four truncated rows', 20_000);
    expect(rows.map((r) => r.data)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^€€€.*\(truncated: 6291456 bytes in all\)$/),
      expect.stringMatching(/^41 41 41 .*\(truncated: 5242880 bytes in all\)$/),
    ]));
    expect(rows.map((r) => r.size)).toEqual(expect.arrayContaining(['6291456', '5242880']));
    await page.close();
  });

  it('delivers a frame bigger than one port message whole: its parts join into the exact text', async () => {
    const { ws, driver } = ctx;
    // Over 1 Mi characters: it crosses the extension's ports in parts (PAYLOAD_PART_CHARS), an emoji near a cut.
    const page = await ctx.openPage(
      '/parts',
      `<script>
        const text = 'HEAD-' + 'é'.repeat(512 * 1024 - 6) + '😀' + 'z'.repeat(600 * 1024) + '-TAIL-7f3a';
        window.expected = text.length;
        const s = new WebSocket(${js(ws.echo)});
        s.onmessage = (e) => (window.echoed = e.data === text);
        s.onopen = () => s.send(text);
      </script>`,
    );
    const panel = await driver.openPanel(page);
    await page.waitForFunction('window.echoed === true', { timeout: 20_000 });
    // The filter searches each row's whole payload: the tail is there only if every part arrived, in order.
    await panel.setFilter('-TAIL-7f3a');
    await waitUntil(() => panel.rows(), (r) => r.length === 2 && r.every((x) => x.data.startsWith('HEAD-éé')), 'both copies of the frame, whole', 20_000);
    await panel.setFilter('😀zzz');
    await waitUntil(() => panel.rows(), (r) => r.length === 2, 'the emoji at the cut, intact', 10_000);
    await panel.setFilter('');
    await page.close();
  });

  it('Clear empties the panel and the page’s kept history, and new frames still arrive', async () => {
    const { ws, driver } = ctx;
    const page = await ctx.openPage('/clear', `<script>window.s = new WebSocket(${js(ws.echo)}); s.onopen = () => s.send('before clear');</script>`);
    const panel = await driver.openPanel(page);
    await waitForRows(panel, ['before clear']);
    await panel.clear();
    await waitUntil(() => rowData(panel), (r) => r.length === 0, 'an empty table');
    await page.evaluate(() => (window as unknown as { s: WebSocket }).s.send('after clear'));
    await waitForRows(panel, ['after clear']);
    // DevTools opened afresh gets the page's kept history, which no longer holds the cleared frames.
    await panel.close();
    const reopened = await driver.openPanel(page);
    const rows = await waitForRows(reopened, ['after clear']);
    expect(rows).not.toContain('before clear');
    await page.close();
  });

  it('never lets the page see an error from us', async () => {
    const { ws } = ctx;
    const page = await ctx.openPage('/quiet', `<script>const s = new WebSocket(${js(ws.echo)}); s.onopen = () => { s.send('x'); s.close(); }; s.onclose = () => (window.finished = true);</script>`);
    await page.waitForFunction('window.finished === true');
    await new Promise((r) => setTimeout(r, 200));
    expect(page.errors).toEqual([]);
    // The error collection itself works: a real page error is seen.
    await page.evaluate('setTimeout(() => { throw new Error("page error seen") })');
    await waitUntil(async () => page.errors, (e) => e.some((x) => x.includes('page error seen')), 'the page’s own error to be collected');
    await page.close();
  });

  return ctx;
}
