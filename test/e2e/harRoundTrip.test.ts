// End to end in real Chromium, HAR round trips: the panel's own *Export HAR* download imports back as the same frames;
// with DevTools' own HAR code (its front end's `models/har`), a HAR that Chrome DevTools' exporter writes of a page's
// WebSocket opens in the WS panel as the same frames, and a HAR our exporter writes is accepted by DevTools' own HAR
// importer, frames included. Chromium only: Firefox's DevTools export WebSocket handshakes
// without frames, so there are no frames to compare; that HAR shape is a unit test (importParse.test.ts).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHar } from '../../src/panel/exporters';
import { reduceConnection, rowFromEvent } from '../../src/panel/model';
import { ChromiumDriver } from '../support/chromium';
import { rowData, waitForRows, waitUntil } from '../support/driver';
import { browserContext } from './scenarios';

const js = JSON.stringify;

describe('HAR round trips in Chromium', () => {
  const ctx = browserContext(() => ChromiumDriver.launch());
  const frames = (rows: { dir: string; data: string; size: string }[]) => rows.filter((r) => r.dir === 'sent' || r.dir === 'received').map((r) => [r.dir, r.data, r.size]);

  it('the panel’s own Export HAR download imports back as the same frames', async () => {
    const page = await ctx.openPage(
      '/export-import',
      `<script>
        const s = new WebSocket(${js(ctx.ws.echo)});
        s.binaryType = 'arraybuffer';
        s.onopen = () => { s.send('apple'); s.send('{"type":"tick","n":1}'); s.send(new Uint8Array([0, 1, 2, 255])); s.send('héllo ✓'); };
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await waitUntil(() => panel.rows(), (r) => frames(r).length === 8, 'the four frames and their echoes');
    const live = frames(await panel.rows());
    const dir = mkdtempSync(join(tmpdir(), 'wsi-download-'));
    const cdp = await ctx.driver.session.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    try {
      await panel.frame.click('button[title^="Export the visible connections as HAR"]');
      const file = await waitUntil(async () => readdirSync(dir).find((f) => f.endsWith('.har')), Boolean, 'the HAR download');
      await panel.setFiles('input[aria-label="Open HAR or NDJSON"]', [{ name: file!, text: readFileSync(join(dir, file!), 'utf8') }]);
      await waitUntil(() => panel.attribute('[role=tablist][aria-label=Sessions] .session-tab-group > [role=tab]', 'aria-selected'), (v) => v === 'true', 'the imported session');
      await waitUntil(() => panel.rows(), (r) => frames(r).length === 8, 'the imported frames');
      expect(frames(await panel.rows())).toEqual(live);
      expect(live.map(([, data]) => data)).toContain('00 01 02 ff  ....');
    } finally {
      await cdp.detach();
      rmSync(dir, { recursive: true, force: true });
    }
    await panel.close();
    await page.close();
  });

  it('a HAR from DevTools’ own exporter (Network log while DevTools is open) opens in the WS panel as the same frames', async () => {
    const page = await ctx.openPage('/devtools-har', '<p>DevTools HAR</p>');
    const panel = await ctx.driver.openPanel(page);
    // DevTools records the Network log only while it is open: the socket starts now.
    await page.evaluate(`window.s = new WebSocket(${js(ctx.ws.echo)}); s.binaryType = 'arraybuffer'; s.onopen = () => { s.send('from chrome'); s.send(new Uint8Array([1, 2, 3])); };`);
    await waitUntil(() => rowData(panel), (r) => r.filter((x) => x === 'from chrome').length === 2, 'the echo, live');
    const har = await panel.frame.page().evaluate(`(async () => {
      const HAR = await import('./models/har/har.js');
      const Logs = await import('./models/logs/logs.js');
      const log = await HAR.Log.Log.build(Logs.NetworkLog.NetworkLog.instance().requests(), { sanitize: false });
      return JSON.stringify({ log });
    })()`) as string;
    const entry = JSON.parse(har).log.entries.find((e: { _resourceType?: string }) => e._resourceType === 'websocket');
    expect(entry._webSocketMessages).toHaveLength(4); // DevTools saw them: the comparison is not empty
    await panel.setFiles('input[aria-label="Open HAR or NDJSON"]', [{ name: 'devtools.har', text: har }]);
    await waitUntil(() => panel.attribute('[role=tablist][aria-label=Sessions] .session-tab-group > [role=tab]', 'aria-selected'), (v) => v === 'true', 'the imported session');
    await waitForRows(panel, ['Connection open', 'from chrome', '01 02 03  ...']);
    const rows = await panel.rows();
    expect(rows.filter((r) => r.dir === 'sent' || r.dir === 'received').map((r) => [r.dir, r.data])).toEqual([
      ['sent', 'from chrome'],
      ['sent', '01 02 03  ...'],
      ['received', 'from chrome'],
      ['received', '01 02 03  ...'],
    ]);
    expect((await panel.connections()).join('\n')).toContain(ctx.ws.echo);
    await panel.close();
    await page.close();
  });

  it('a HAR from our exporter is accepted by DevTools’ own HAR importer, its WebSocket frames included', async () => {
    const page = await ctx.openPage('/our-har', '<p>our HAR</p>');
    const panel = await ctx.driver.openPanel(page);
    const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
    let c = reduceConnection(undefined, { kind: 'created', seq: 1, id: 1, t: t0, url: 'wss://ours.test/feed', protocols: ['v1'], initiator: '' }, 'd', 0);
    c = reduceConnection(c, { kind: 'open', seq: 2, id: 1, t: t0 + 2, protocol: 'v1', extensions: '' }, 'd', 0);
    const rows = [
      rowFromEvent({ kind: 'frame', seq: 3, id: 1, t: t0 + 10, dir: 'sent', type: 'text', data: 'hello', length: 5, truncated: false }, c.key)!,
      rowFromEvent({ kind: 'frame', seq: 4, id: 1, t: t0 + 20, dir: 'received', type: 'binary', data: new Uint8Array([0, 255]), length: 2, truncated: false }, c.key)!,
    ];
    const ours = JSON.stringify(buildHar([c], rows, '0.1.0'));
    const imported = await panel.frame.page().evaluate(`(async () => {
      const HAR = await import('./models/har/har.js');
      const requests = HAR.Importer.Importer.requestsFromHARLog(new HAR.HARFormat.HARRoot(JSON.parse(${js(ours)})).log);
      return requests.map((r) => ({ url: r.url(), type: r.resourceType().name(), status: r.statusCode, frames: r.frames().map((f) => [f.type, f.text, f.opCode, f.time]) }));
    })()`);
    expect(imported).toEqual([
      {
        url: 'https://ours.test/feed',
        type: 'websocket',
        status: 101,
        frames: [
          ['send', 'hello', 1, (t0 + 10) / 1000],
          ['receive', 'AP8=', 2, (t0 + 20) / 1000],
        ],
      },
    ]);
    await panel.close();
    await page.close();
  });
});
