// End to end, written once for every browser: the inspection workflow in the real DevTools WS panel — filters that
// combine and are remembered per origin, detail views (JSON tree, raw, hex dump, close details), pause, clear, and the
// log preserved across a reload. Each browser's test file calls workflowScenarios() with its driver.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { PANEL, rowData, waitForRows, waitUntil } from '../support/driver';
import { choose, detailText, openRow, pasteFilter, resetFilters, setCheckbox } from '../support/workflow';
import type { WorkbenchDriver } from './daily';
import { browserContext, type ScenarioContext } from './scenarios';

const js = JSON.stringify;
const TICK = '{"type":"tick","price":101.5,"book":{"bids":[[101,5]],"asks":[[102,7]]}}';
const MQTT = '30 0e 00 0c 73 65 6e 73 6f 72 73 2f 74 65 6d 70 …  0...sensors/temp';
const INVERT = 'input[aria-label=Invert]';

/** A page with an echo socket that sends a fixed mix of frames, and a greet socket; its panel showing them all. */
export async function openMixedPage<D extends WorkbenchDriver>(ctx: ScenarioContext<D>, path: string): Promise<{ page: Page; panel: Awaited<ReturnType<D['openPanel']>> }> {
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
  const panel = (await ctx.driver.openPanel(page)) as Awaited<ReturnType<D['openPanel']>>;
  await resetFilters(panel);
  await waitForRows(panel, ['apple', 'ho!', TICK]);
  await waitUntil(() => rowData(panel), (r) => r.filter((x) => x === 'apple').length === 2 && r.filter((x) => x === MQTT).length === 2, 'all echoes');
  return { page, panel };
}

export function workflowScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  const mixedPage = (path: string) => openMixedPage(ctx, path);

  it('combines text, regex, invert, direction and type filters', async () => {
    const { page, panel } = await mixedPage('/filters');
    const rows = () => rowData(panel);

    await panel.setFilter('sensors/temp'); // an MQTT topic inside a binary frame
    await waitUntil(rows, (r) => r.length === 2 && r.every((x) => x === MQTT), 'binary frames by topic');

    await panel.setFilter('/^a.+e$/');
    await waitUntil(rows, (r) => r.length === 2 && r.every((x) => x === 'apple'), 'regex');

    await pasteFilter(panel, '/(/');
    expect(await waitUntil(() => panel.text('[role=alert]'), (t) => t !== null, 'the regex error')).toMatch(/Invalid regex/);
    expect(await rows()).toEqual(['apple', 'apple']); // the last valid result stays

    await panel.setFilter('tick');
    await setCheckbox(panel, INVERT, true);
    await choose(panel, 'Direction', 'received');
    await choose(panel, 'Type', 'text');
    await waitUntil(rows, (r) => [...r].sort().join('|') === 'apple|ho!', 'received text frames without "tick"');

    await setCheckbox(panel, INVERT, false);
    await choose(panel, 'Type', 'lifecycle');
    await panel.setFilter('');
    await choose(panel, 'Direction', 'all');
    await waitUntil(rows, (r) => r.length === 2 && r.every((x) => x === 'Connection open'), 'lifecycle rows');
    expect(await panel.status()).toMatch(/^0 of 7 frames/);
    await page.close();
  });

  it('remembers the filters for the page’s origin when DevTools is closed and opened again', async () => {
    const { page, panel } = await mixedPage('/remember');
    await panel.setFilter('apple');
    await setCheckbox(panel, INVERT, true);
    await choose(panel, 'Direction', 'sent');
    await panel.close();
    const again = await ctx.driver.openPanel(page);
    await waitUntil(() => again.value(PANEL.filter), (v) => v === 'apple', 'the remembered filter');
    expect(await again.value('select[aria-label=Direction]')).toBe('sent');
    expect(await again.value(INVERT)).toBe('true');
    await waitUntil(() => rowData(again), (r) => r.length > 0 && !r.includes('apple') && r.every((x) => x !== 'ho!'), 'the filters applied');
    await page.close();
  });

  it('opens a JSON frame as a tree and a binary frame as a hex dump', async () => {
    const { page, panel } = await mixedPage('/detail');
    await openRow(panel, TICK);
    const tree = await waitUntil(() => panel.text('[role=tree][aria-label=JSON]'), (t) => t !== null, 'the JSON tree');
    expect(tree).toContain('type: "tick"');
    expect(tree).toContain('book: {bids, asks}');
    await panel.click('[role=tab]:not([aria-selected=true])'); // Raw
    expect(await waitUntil(() => panel.text('[aria-label=Message]'), (t) => t !== null, 'the raw message')).toBe(TICK);

    await openRow(panel, MQTT);
    expect(await waitUntil(() => panel.text('[aria-label="Hex dump"]'), (t) => t !== null, 'the hex dump')).toBe(
      `00000000  30 0e 00 0c 73 65 6e 73  6f 72 73 2f 74 65 6d 70  0...sensors/temp\n00000010  ff${' '.repeat(46)}  .\n`,
    );
    expect(await detailText(panel)).toContain(`URL${ctx.ws.echo}`);
    await page.close();
  });

  it('shows the close code, reason and who closed in the detail pane', async () => {
    const page = await ctx.openPage('/closed', `<script>new WebSocket(${js(ctx.ws.bye)});</script>`);
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel);
    await waitForRows(panel, ['Closed: code 4001 reason "bye"']);
    expect((await panel.connections())[0]).toContain('closed 4001 “bye”');
    await openRow(panel, 'Closed: code 4001 reason "bye"');
    const text = await detailText(panel);
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
    await resetFilters(panel);
    await waitForRows(panel, ['loaded 1']);

    await panel.click('button[aria-label="Pause recording"]');
    await page.evaluate(() => (window as unknown as { s: WebSocket }).s.send('while paused'));
    await waitUntil(() => panel.status(), (s) => s.includes('2 frames not recorded while paused'), 'the paused count');
    expect(await rowData(panel)).not.toContain('while paused');
    await panel.click('button[aria-label="Resume recording"]');

    // Without "Preserve log" a reload starts afresh.
    await page.reload();
    // The navigation event can reach the panel after the new page's first frames: the old rows go a moment later.
    await waitUntil(() => rowData(panel), (r) => r.includes('loaded 2') && !r.includes('loaded 1'), 'only the new page');

    await setCheckbox(panel, 'input[aria-label="Preserve log"]', true);
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
}
