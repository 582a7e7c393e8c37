// End to end in real Chromium: the inspection workflow in the real DevTools WS panel — filters, detail views, pause,
// clear, preserve log across a reload, and HAR export.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPanel, type Session } from '../support/chromium';
import {
  choose, connectionItems, detailText, openRow, pasteFilter, rowData, setFilter, statusText, toggle, waitForPanel, waitForRows,
} from '../support/panel';
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
const TICK = '{"type":"tick","price":101.5,"book":{"bids":[[101,5]],"asks":[[102,7]]}}';

/** A page with an echo socket that sends a fixed mix of frames, and a greet socket. */
async function mixedPage(path: string): Promise<{ page: Page; panel: Frame }> {
  pages.set(
    path,
    `<script>
      window.s = new WebSocket(${js(ws.echo)});
      s.binaryType = 'arraybuffer';
      s.onopen = () => {
        s.send('apple');
        s.send(${js(TICK)});
        s.send(new Uint8Array([0x30, 0x0e, 0x00, 0x0c, ...new TextEncoder().encode('sensors/temp'), 0xff]));
      };
      new WebSocket(${js(ws.greet)});
    </script>`,
  );
  const page = await session.browser.newPage();
  await page.goto(pages.origin + path);
  const panel = await openPanel(session, page);
  await waitForRows(panel, ['apple', 'ho!', TICK]);
  await waitForPanel(panel, rowData, (r) => r.filter((x) => x === 'apple').length === 2 && r.filter((x) => x.startsWith('30 0e')).length === 2, 'all echoes');
  return { page, panel };
}

describe('the WS panel in Chromium', () => {
  it('combines text, regex, invert, direction and type filters', async () => {
    const { page, panel } = await mixedPage('/filters');
    const rowsNow = () => rowData(panel);
    const binary = '30 0e 00 0c 73 65 6e 73 6f 72 73 2f 74 65 6d 70 …  0...sensors/temp';

    await setFilter(panel, 'sensors/temp'); // an MQTT topic inside a binary frame
    await waitForPanel(panel, rowsNow, (r) => r.length === 2 && r.every((x) => x === binary), 'binary frames by topic');

    await setFilter(panel, '/^a.+e$/');
    await waitForPanel(panel, rowsNow, (r) => r.length === 2 && r.every((x) => x === 'apple'), 'regex');

    await pasteFilter(panel, '/(/');
    await panel.waitForSelector('[role=alert]');
    expect(await panel.$eval('[role=alert]', (a) => a.textContent)).toMatch(/Invalid regex/);
    expect(await rowsNow()).toEqual(['apple', 'apple']); // the last valid result stays

    await setFilter(panel, 'tick');
    await toggle(panel, 'Invert');
    await choose(panel, 'Direction', 'received');
    await choose(panel, 'Type', 'text');
    await waitForPanel(panel, rowsNow, (r) => [...r].sort().join('|') === 'apple|ho!', 'received text frames without "tick"');

    await toggle(panel, 'Invert');
    await choose(panel, 'Type', 'lifecycle');
    await setFilter(panel, '');
    await choose(panel, 'Direction', 'all');
    await waitForPanel(panel, rowsNow, (r) => r.length === 2 && r.every((x) => x === 'Connection open'), 'lifecycle rows');
    expect(await statusText(panel)).toMatch(/^0 of 7 frames/);
    await page.close();
  });

  it('opens a JSON frame as a tree and a binary frame as a hex dump', async () => {
    const { page, panel } = await mixedPage('/detail');
    await openRow(panel, TICK);
    await panel.waitForSelector('[role=tree][aria-label=JSON]');
    const tree = await panel.$eval('[role=tree]', (t) => t.textContent);
    expect(tree).toContain('type: "tick"');
    expect(tree).toContain('book: {bids, asks}');
    await panel.click('[role=tab]:not([aria-selected=true])'); // Raw
    expect(await panel.$eval('[aria-label=Message]', (m) => m.textContent)).toBe(TICK);

    await openRow(panel, '30 0e 00 0c 73 65 6e 73 6f 72 73 2f 74 65 6d 70 …  0...sensors/temp');
    await panel.waitForSelector('[aria-label="Hex dump"]');
    expect(await panel.$eval('[aria-label="Hex dump"]', (h) => h.textContent)).toBe(
      `00000000  30 0e 00 0c 73 65 6e 73  6f 72 73 2f 74 65 6d 70  0...sensors/temp\n00000010  ff${' '.repeat(46)}  .\n`,
    );
    expect(await detailText(panel)).toContain(`URL${ws.echo}`);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('shows the close code, reason and who closed in the detail pane', async () => {
    pages.set('/closed', `<script>new WebSocket(${js(ws.bye)});</script>`);
    const page = await session.browser.newPage();
    await page.goto(pages.origin + '/closed');
    const panel = await openPanel(session, page);
    await waitForRows(panel, ['Closed: code 4001 reason "bye"']);
    expect((await connectionItems(panel))[0]).toContain('closed 4001 “bye”');
    await openRow(panel, 'Closed: code 4001 reason "bye"');
    const text = await detailText(panel);
    expect(text).toContain('Close code4001');
    expect(text).toContain('Close reasonbye');
    expect(text).toContain('Clean closetrue');
    expect(text).toContain('Closed bythe server');
    await page.close();
  });

  it('pauses (counting what it skips), clears, and preserves the log across a reload', async () => {
    pages.set(
      '/reload',
      `<script>
        window.s = new WebSocket(${js(ws.echo)});
        s.onopen = () => s.send('loaded ' + (sessionStorage.n = (+sessionStorage.n || 0) + 1));
      </script>`,
    );
    const page = await session.browser.newPage();
    await page.goto(pages.origin + '/reload');
    const panel = await openPanel(session, page);
    await waitForRows(panel, ['loaded 1']);

    await panel.click('button[aria-label="Pause recording"]');
    await page.evaluate(() => (window as unknown as { s: WebSocket }).s.send('while paused'));
    await waitForPanel(panel, statusText, (s) => s.includes('2 frames not recorded while paused'), 'the paused count');
    expect(await rowData(panel)).not.toContain('while paused');
    await panel.click('button[aria-label="Resume recording"]');

    // Without "Preserve log" a reload starts afresh.
    await page.reload();
    await waitForRows(panel, ['loaded 2']);
    expect(await rowData(panel)).not.toContain('loaded 1');

    await toggle(panel, 'Preserve log');
    await page.reload();
    await waitForRows(panel, ['loaded 2', /^Navigated to http:\/\/127\.0\.0\.1:\d+\/reload$/, 'loaded 3']);
    const rows = await rowData(panel);
    expect(rows.indexOf('loaded 2')).toBeLessThan(rows.findIndex((r) => r.startsWith('Navigated')));
    expect(rows.findIndex((r) => r.startsWith('Navigated'))).toBeLessThan(rows.indexOf('loaded 3'));

    await panel.click('button[aria-label=Clear]');
    await waitForPanel(panel, rowData, (r) => r.length === 0, 'an empty table');
    await page.close();
  });

  it('exports a HAR that parses and contains the frames', async () => {
    const { page, panel } = await mixedPage('/export');
    const dir = mkdtempSync(join(tmpdir(), 'wsi-download-'));
    const cdp = await session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    try {
      await panel.click('button[title^="Export the visible connections as HAR"]');
      const file = await waitFor(() => readdirSync(dir).find((f) => f.endsWith('.har')));
      const har = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      expect(har.log.version).toBe('1.2');
      const echo = har.log.entries.find((e: { request: { url: string } }) => e.request.url === ws.echo.replace('ws:', 'http:'));
      const messages = echo._webSocketMessages as { type: string; opcode: number; data: string }[];
      expect(messages.filter((m) => m.data === 'apple').map((m) => m.type)).toEqual(['send', 'receive']);
      expect(messages.filter((m) => m.opcode === 2)).toHaveLength(2);
      expect(Buffer.from(messages.find((m) => m.opcode === 2)!.data, 'base64').includes('sensors/temp')).toBe(true);
    } finally {
      await cdp.detach();
      rmSync(dir, { recursive: true, force: true });
      await page.close();
    }
  });
});

async function waitFor<T>(read: () => T | undefined, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
