// End to end in real Chromium only: the WS panel in an undocked DevTools window, and the HAR export as a download
// (puppeteer's download behaviour is Chromium's). The rest of the workflow is shared with Firefox (workflow.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { showWsPanel, wsPanelFrame } from '../../scripts/chromium.mjs';
import { ChromiumDriver, ChromiumWorkbench } from '../support/chromium';
import { PANEL, waitForRows, waitUntil } from '../support/driver';
import { resetFilters } from '../support/workflow';
import { browserContext } from './scenarios';
import { openMixedPage } from './workflow';

const js = JSON.stringify;

describe('the WS panel in Chromium', () => {
  const ctx = browserContext(() => ChromiumDriver.launch());

  const mixedPage = (path: string) => openMixedPage(ctx, path);

  it('works in an undocked DevTools window', async () => {
    const page = await ctx.openPage('/undock', `<script>window.s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('before DevTools');</script>`);
    const devtools = await page.openDevTools();
    // Undock as soon as the DevTools front end can, then open the panel: it connects from the undocked window, whose
    // sender carries a DevTools `tab` of its own.
    const undock = `import('./ui/legacy/legacy.js').then((UI) => UI.DockController.DockController.instance().setDockSide('undocked')).then(() => true)`;
    await waitUntil(() => devtools.evaluate(undock).catch(() => false), Boolean, 'DevTools undocked');
    const extensionId = ctx.driver.session.extensionId!;
    expect(await showWsPanel(devtools, extensionId)).toBe(true);
    const panel = new ChromiumWorkbench(await wsPanelFrame(devtools, extensionId));
    await panel.frame.waitForSelector(PANEL.grid);
    await resetFilters(panel);
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
      // The file can show up before Chromium has written it: wait until it is whole.
      const text = await waitUntil(
        async () => {
          const file = readdirSync(dir).find((f) => f.endsWith('.har'));
          return file ? readFileSync(join(dir, file), 'utf8') : '';
        },
        (t) => t.trimEnd().endsWith('}'),
        'the HAR download, written',
      );
      const har = JSON.parse(text);
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
