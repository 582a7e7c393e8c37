// End to end in real Chromium: the built extension captures a page's WebSockets and the real DevTools WS panel shows them.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPanel, type Session } from '../support/chromium';
import { connectionItems, rowData, selectConnection, setFilter, statusText, waitForConnections, waitForPanel, waitForRows } from '../support/panel';
import { startPageServer, startWsServers, type PageServer, type WsServers } from '../support/servers';

let session: Session;
let ws: WsServers;
let pages: PageServer;

beforeAll(async () => {
  [ws, pages] = await Promise.all([startWsServers(), startPageServer()]);
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await ws?.close();
  await pages?.close();
});

const js = JSON.stringify;

/** Opens a tab on a page from the test server and waits for `ready` (a page global) to be true. */
async function openPage(path: string, html: string): Promise<Page> {
  pages.set(path, html);
  const page = await session.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(pages.origin + path);
  return page;
}

describe('capture in Chromium', () => {
  it('shows history from before DevTools was opened: text, binary, lifecycle, close code and reason', async () => {
    const page = await openPage(
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
    const panel = await openPanel(session, page);
    await waitForRows(panel, ['hey', 'ho!', '00 01 02 03 4d 51 54 54 2f 74 6f 70 69 63 ff fe  ....MQTT/topic..', 'Closed: code 4001 reason "bye"']);
    const items = await connectionItems(panel);
    expect(items).toHaveLength(3);
    expect(items.find((i) => i.includes(ws.greet))).toMatch(/open.*top document.*↑ 1 \(3 B\).*↓ 1 \(3 B\)/);
    expect(items.find((i) => i.includes(ws.binary))).toContain('↓ 1 (16 B)');
    expect(items.find((i) => i.includes(ws.bye))).toContain('closed 4001 “bye”');
    await page.close();
  });

  it('shows frames live, sent and received, text and binary, and the page calling close()', async () => {
    const page = await openPage(
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
    const panel = await openPanel(session, page);
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
    const dirs = await panel.$$eval('[role=rowgroup] [role=row]', (rs) => rs.map((r) => `${r.querySelector('.c-dir')!.getAttribute('aria-label')} ${r.querySelector('.c-type')!.textContent} ${r.querySelector('.c-size')!.textContent}`));
    expect(dirs).toEqual(expect.arrayContaining(['sent text 13', 'received text 13', 'sent binary 6', 'received binary 6', 'sent binary 9', 'sent binary 2']));
    await page.close();
  });

  it('captures a cross-origin iframe’s socket and says which document it came from', async () => {
    pages.set('/frame', `<script>const s = new WebSocket(${js(ws.greet)}); s.onopen = () => s.send('from the iframe');</script>`);
    const page = await openPage('/parent', `<iframe src="${pages.otherOrigin}/frame"></iframe>`);
    const panel = await openPanel(session, page);
    await waitForRows(panel, ['from the iframe', 'ho!']);
    const [item] = await connectionItems(panel);
    expect(item).toContain(`iframe ${pages.otherOrigin}`);
    await page.close();
  });

  it('filters with the Filter box, and by selecting a connection', async () => {
    const page = await openPage(
      '/filter',
      `<script>
        const a = new WebSocket(${js(ws.echo)});
        a.onopen = () => { a.send('apple'); a.send('banana'); a.send(new Uint8Array([0x68, 0x6f, 0x21, 0x00])); };
        const b = new WebSocket(${js(ws.greet)});
      </script>`,
    );
    const panel = await openPanel(session, page);
    await waitForRows(panel, ['apple', 'banana', 'ho!']);
    await setFilter(panel, 'APP');
    await waitForPanel(panel, rowData, (r) => r.length === 2 && r.every((x) => x === 'apple'), 'only apple rows');
    await setFilter(panel, '68 6f 21');
    await waitForPanel(panel, rowData, (r) => r.length === 2 && r.every((x) => x === '68 6f 21 00  ho!.'), 'binary rows found by hex');
    expect(await statusText(panel)).toMatch(/2 of 7 frames/);
    await setFilter(panel, '');
    await selectConnection(panel, ws.greet);
    await waitForPanel(panel, rowData, (r) => r.join('|') === 'Connection open|ho!', 'only the greet connection');
    await page.close();
  });

  it('keeps tabs apart: a panel shows only its own tab’s sockets', async () => {
    const a = await openPage('/tab-a', `<script>const s = new WebSocket(${js(ws.echo)}); s.onopen = () => s.send('tab A');</script>`);
    const b = await openPage('/tab-b', `<script>window.s = new WebSocket(${js(ws.echo)}); s.onopen = () => s.send('tab B');</script>`);
    const panelA = await openPanel(session, a);
    const panelB = await openPanel(session, b);
    await waitForRows(panelA, ['tab A']);
    await waitForRows(panelB, ['tab B']);
    await b.evaluate(() => (window as unknown as { s: WebSocket }).s.send('tab B again'));
    await waitForRows(panelB, ['tab B again']);
    expect((await rowData(panelA)).some((r) => r.includes('tab B'))).toBe(false);
    expect((await rowData(panelB)).some((r) => r.includes('tab A'))).toBe(false);
    await a.close();
    await b.close();
  });

  it('loses and duplicates nothing when the service worker is stopped mid-stream', async () => {
    const N = 400;
    const page = await openPage(
      '/restart',
      `<script>
        window.sent = 0; window.got = 0;
        const s = new WebSocket(${js(ws.echo)});
        s.onmessage = () => got++;
        window.go = () => { const t = setInterval(() => { s.send('n-' + sent++); if (sent === ${N}) clearInterval(t); }, 5); };
        s.onopen = () => (window.ready = true);
      </script>`,
    );
    await page.waitForFunction('window.ready === true');
    const panel = await openPanel(session, page);
    await waitForConnections(panel, (i) => i.length === 1, 'the connection');
    await page.evaluate('go()');
    await page.waitForFunction('sent > 100');
    const stopped = await stopServiceWorker(session);
    await page.waitForFunction(`got === ${N}`, { timeout: 20_000 });
    // The panel's reconnect started a new service worker.
    expect(await serviceWorkerIds(session)).not.toContain(stopped);
    expect(await serviceWorkerIds(session)).toHaveLength(1);
    const [item] = await waitForConnections(panel, (i) => i[0]?.includes(`↓ ${N} (`) ?? false, `↓ ${N} frames`);
    expect(item).toContain(`↑ ${N} (`);
    await setFilter(panel, 'n-');
    await waitForPanel(panel, statusText, (s) => s.startsWith(`${2 * N} of ${2 * N} frames`), 'every frame exactly once');
    await page.close();
  });

  it('keeps 4 MiB of a bigger frame, shows its true length and marks it truncated', async () => {
    const page = await openPage(
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
    const panel = await openPanel(session, page);
    const rows = await waitForPanel(panel, rowData, (r) => r.filter((x) => x.includes('truncated')).length === 4, 'four truncated rows');
    expect(rows).toEqual(expect.arrayContaining([
      expect.stringMatching(/^€€€.*\(truncated: 6291456 bytes in all\)$/),
      expect.stringMatching(/^41 41 41 .*\(truncated: 5242880 bytes in all\)$/),
    ]));
    const sizes = await panel.$$eval('[role=rowgroup] [role=row] .c-size', (c) => c.map((x) => x.textContent));
    expect(sizes).toEqual(expect.arrayContaining(['6291456', '5242880']));
    await page.close();
  });

  it('Clear empties the panel and the page’s kept history, and new frames still arrive', async () => {
    const page = await openPage('/clear', `<script>window.s = new WebSocket(${js(ws.echo)}); s.onopen = () => s.send('before clear');</script>`);
    const panel = await openPanel(session, page);
    await waitForRows(panel, ['before clear']);
    await panel.click('button[aria-label=Clear]');
    await waitForPanel(panel, rowData, (r) => r.length === 0, 'an empty table');
    await page.evaluate(() => (window as unknown as { s: WebSocket }).s.send('after clear'));
    await waitForRows(panel, ['after clear']);
    // DevTools opened afresh gets the page's kept history, which no longer holds the cleared frames.
    await panel.page().close();
    const reopened = await openPanel(session, page);
    const rows = await waitForRows(reopened, ['after clear']);
    expect(rows).not.toContain('before clear');
    await page.close();
  });

  it('never lets the page see an error from us', async () => {
    const page = await openPage('/quiet', `<script>const s = new WebSocket(${js(ws.echo)}); s.onopen = () => { s.send('x'); s.close(); };</script>`);
    await page.waitForNetworkIdle();
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });
});

async function serviceWorkerIds(s: Session): Promise<string[]> {
  const cdp = await s.browser.target().createCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  await cdp.detach();
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${s.extensionId}/`)).map((t) => t.targetId);
}

/** Stops the extension's service worker, as Chrome does when it is idle, and returns the stopped worker's target id. */
async function stopServiceWorker(s: Session): Promise<string> {
  const [id] = await serviceWorkerIds(s);
  expect(id).toBeTruthy();
  const cdp = await s.browser.target().createCDPSession();
  const { success } = await cdp.send('Target.closeTarget', { targetId: id });
  await cdp.detach();
  expect(success).toBe(true);
  return id;
}
