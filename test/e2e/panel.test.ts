// End to end in real Chromium: the inspection workflow in the real DevTools WS panel — filters, detail views, pause,
// clear, preserve log across a reload, and HAR export.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { showWsPanel, wsPanelFrame } from '../../scripts/chromium.mjs';
import { ChromiumDriver, ChromiumPanel } from '../support/chromium';
import { PANEL, rowData, waitForRows, waitUntil } from '../support/driver';
import { choose, detailText, openRow, pasteFilter, resetFilters, toggle } from '../support/workflow';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const TICK = '{"type":"tick","price":101.5,"book":{"bids":[[101,5]],"asks":[[102,7]]}}';
const MQTT = '30 0e 00 0c 73 65 6e 73 6f 72 73 2f 74 65 6d 70 …  0...sensors/temp';

describe('the WS panel in Chromium', () => {
  const ctx = browserContext(() => ChromiumDriver.launch());

  /** A page with an echo socket that sends a fixed mix of frames, and a greet socket. */
  async function mixedPage(path: string): Promise<{ page: Page; panel: ChromiumPanel }> {
    const page = await ctx.openPage(
      path,
      `<script>
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.binaryType = 'arraybuffer';
        s.onopen = () => {
          s.send('apple');
          s.send(${js(TICK)});
          s.send(new Uint8Array([0x30, 0x0e, 0x00, 0x0c, ...new TextEncoder().encode('sensors/temp'), 0xff]));
        };
        new WebSocket(${js(ctx.ws.greet)});
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel.frame);
    await waitForRows(panel, ['apple', 'ho!', TICK]);
    await waitUntil(() => rowData(panel), (r) => r.filter((x) => x === 'apple').length === 2 && r.filter((x) => x === MQTT).length === 2, 'all echoes');
    return { page, panel };
  }

  it('combines text, regex, invert, direction and type filters', async () => {
    const { page, panel } = await mixedPage('/filters');
    const rows = () => rowData(panel);

    await panel.setFilter('sensors/temp'); // an MQTT topic inside a binary frame
    await waitUntil(rows, (r) => r.length === 2 && r.every((x) => x === MQTT), 'binary frames by topic');

    await panel.setFilter('/^a.+e$/');
    await waitUntil(rows, (r) => r.length === 2 && r.every((x) => x === 'apple'), 'regex');

    await pasteFilter(panel.frame, '/(/');
    await panel.frame.waitForSelector('[role=alert]');
    expect(await panel.frame.$eval('[role=alert]', (a) => a.textContent)).toMatch(/Invalid regex/);
    expect(await rows()).toEqual(['apple', 'apple']); // the last valid result stays

    await panel.setFilter('tick');
    await toggle(panel.frame, 'Invert');
    await choose(panel.frame, 'Direction', 'received');
    await choose(panel.frame, 'Type', 'text');
    await waitUntil(rows, (r) => [...r].sort().join('|') === 'apple|ho!', 'received text frames without "tick"');

    await toggle(panel.frame, 'Invert');
    await choose(panel.frame, 'Type', 'lifecycle');
    await panel.setFilter('');
    await choose(panel.frame, 'Direction', 'all');
    await waitUntil(rows, (r) => r.length === 2 && r.every((x) => x === 'Connection open'), 'lifecycle rows');
    expect(await panel.status()).toMatch(/^0 of 7 frames/);
    await page.close();
  });

  it('remembers the filters for the page’s origin when DevTools is closed and opened again', async () => {
    const { page, panel } = await mixedPage('/remember');
    await panel.setFilter('apple');
    await toggle(panel.frame, 'Invert');
    await choose(panel.frame, 'Direction', 'sent');
    await panel.close();
    const again = await ctx.driver.openPanel(page);
    await waitUntil(() => again.frame.$eval(PANEL.filter, (i) => (i as HTMLInputElement).value), (v) => v === 'apple', 'the remembered filter');
    expect(await again.frame.$eval('select[aria-label=Direction]', (s) => (s as HTMLSelectElement).value)).toBe('sent');
    expect(await again.frame.$eval('input[aria-label=Invert]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await waitUntil(() => rowData(again), (r) => r.length > 0 && !r.includes('apple') && r.every((x) => x !== 'ho!'), 'the filters applied');
    await page.close();
  });

  it('opens a JSON frame as a tree and a binary frame as a hex dump', async () => {
    const { page, panel } = await mixedPage('/detail');
    const frame = panel.frame;
    await openRow(frame, TICK);
    await frame.waitForSelector('[role=tree][aria-label=JSON]');
    const tree = await frame.$eval('[role=tree]', (t) => t.textContent);
    expect(tree).toContain('type: "tick"');
    expect(tree).toContain('book: {bids, asks}');
    await frame.click('[role=tab]:not([aria-selected=true])'); // Raw
    expect(await frame.$eval('[aria-label=Message]', (m) => m.textContent)).toBe(TICK);

    await openRow(frame, MQTT);
    await frame.waitForSelector('[aria-label="Hex dump"]');
    expect(await frame.$eval('[aria-label="Hex dump"]', (h) => h.textContent)).toBe(
      `00000000  30 0e 00 0c 73 65 6e 73  6f 72 73 2f 74 65 6d 70  0...sensors/temp\n00000010  ff${' '.repeat(46)}  .\n`,
    );
    expect(await detailText(frame)).toContain(`URL${ctx.ws.echo}`);
    await page.close();
  });

  it('shows the close code, reason and who closed in the detail pane', async () => {
    const page = await ctx.openPage('/closed', `<script>new WebSocket(${js(ctx.ws.bye)});</script>`);
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel.frame);
    await waitForRows(panel, ['Closed: code 4001 reason "bye"']);
    expect((await panel.connections())[0]).toContain('closed 4001 “bye”');
    await openRow(panel.frame, 'Closed: code 4001 reason "bye"');
    const text = await detailText(panel.frame);
    expect(text).toContain('Close code4001');
    expect(text).toContain('Close reasonbye');
    expect(text).toContain('Clean closetrue');
    expect(text).toContain('Closed bythe server');
    await page.close();
  });

  it('pauses (counting what it skips), clears, and preserves the log across a reload', async () => {
    const page = await ctx.openPage(
      '/reload',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => s.send('loaded ' + (sessionStorage.n = (+sessionStorage.n || 0) + 1));
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel.frame);
    await waitForRows(panel, ['loaded 1']);

    await panel.frame.click('button[aria-label="Pause recording"]');
    await page.evaluate(() => (window as unknown as { s: WebSocket }).s.send('while paused'));
    await waitUntil(() => panel.status(), (s) => s.includes('2 frames not recorded while paused'), 'the paused count');
    expect(await rowData(panel)).not.toContain('while paused');
    await panel.frame.click('button[aria-label="Resume recording"]');

    // Without "Preserve log" a reload starts afresh.
    await page.reload();
    // The navigation event can reach the panel after the new page's first frames: the old rows go a moment later.
    await waitUntil(() => rowData(panel), (r) => r.includes('loaded 2') && !r.includes('loaded 1'), 'only the new page');

    await toggle(panel.frame, 'Preserve log');
    await page.reload();
    await waitForRows(panel, ['loaded 2', /^Navigated to http:\/\/127\.0\.0\.1:\d+\/reload$/, 'loaded 3']);
    const rows = await rowData(panel);
    const marker = rows.findIndex((r) => r.startsWith('Navigated'));
    expect(rows.indexOf('loaded 2')).toBeLessThan(marker);
    expect(marker).toBeLessThan(rows.indexOf('loaded 3'));

    await panel.clear();
    await waitUntil(() => rowData(panel), (r) => r.length === 0, 'an empty table');
    await page.close();
  });

  it('works in an undocked DevTools window', async () => {
    const page = await ctx.openPage('/undock', `<script>window.s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('before DevTools');</script>`);
    const devtools = await page.openDevTools();
    // Undock as soon as the DevTools front end can, then open the panel: it connects from the undocked window, whose
    // sender carries a DevTools `tab` of its own.
    const undock = `import('./ui/legacy/legacy.js').then((UI) => UI.DockController.DockController.instance().setDockSide('undocked')).then(() => true)`;
    await waitUntil(() => devtools.evaluate(undock).catch(() => false), Boolean, 'DevTools undocked');
    const extensionId = ctx.driver.session.extensionId!;
    expect(await showWsPanel(devtools, extensionId)).toBe(true);
    const panel = new ChromiumPanel(await wsPanelFrame(devtools, extensionId));
    await panel.frame.waitForSelector(PANEL.grid);
    await resetFilters(panel.frame);
    await page.evaluate(() => (window as unknown as { s: WebSocket }).s.send('undocked'));
    await waitForRows(panel, ['before DevTools', 'undocked']);
    await page.close();
  });

  it('exports a HAR that parses and contains the frames', async () => {
    const { page, panel } = await mixedPage('/export');
    const dir = mkdtempSync(join(tmpdir(), 'wsi-download-'));
    const cdp = await ctx.driver.session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    try {
      await panel.frame.click('button[title^="Export the visible connections as HAR"]');
      const file = await waitUntil(async () => readdirSync(dir).find((f) => f.endsWith('.har')), Boolean, 'the HAR download');
      const har = JSON.parse(readFileSync(join(dir, file!), 'utf8'));
      expect(har.log.version).toBe('1.2');
      const echo = har.log.entries.find((e: { request: { url: string } }) => e.request.url === ctx.ws.echo.replace('ws:', 'http:'));
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
