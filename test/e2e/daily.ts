// End to end, written once for every browser: the panel as a daily tool in the real DevTools — splitters that resize and
// are remembered, keys that stay in the panel, a selection that holds under a flood, filters that do not trap. Each
// browser's test file calls dailyScenarios() with its driver.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { PANEL, rowData, waitForRows, waitUntil, type BrowserDriver, type WorkbenchPanel } from '../support/driver';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LIST_SPLITTER = '[role=separator][aria-label="Resize connection list"]';
const DETAILS = '[role=region][aria-label="Frame details"]';

/** A driver whose panels take real input. */
export interface WorkbenchDriver extends BrowserDriver {
  openPanel(page: Page): Promise<WorkbenchPanel>;
}

/** What a browser does whatever a panel does, so its scenarios expect it. */
export interface BrowserLimits {
  /**
   * Firefox's toolbox toggles its split console on the Esc keypress before the panel's page sees the key, so the
   * panel's preventDefault comes too late (the toolbox's `_splitConsoleOnKeypress` asks only the selected panel's
   * `shouldPreventSplitConsoleToggle()`, which an extension panel cannot provide; Mozilla bug 1652045).
   */
  escapeOpensSplitConsole?: boolean;
}

export function dailyScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>, limits: BrowserLimits = {}) {
  const drawer = limits.escapeOpensSplitConsole === true;
  const ctx = browserContext(launch);

  /** A page with an echo socket that has sent a few text frames, one of them JSON. */
  async function echoPage(path: string) {
    const page = await ctx.openPage(
      path,
      `<script>
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => ['apple', '{"type":"tick","n":1}', 'banana'].forEach((t) => s.send(t));
        window.flood = (n) => { let i = 0; const t = setInterval(() => { s.send('flood ' + i++); if (i === n) clearInterval(t); }, 4); };
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await panel.setFilter('');
    await waitForRows(panel, ['apple', 'banana', '{"type":"tick","n":1}']);
    return { page, panel };
  }

  it('resizes the connection list by dragging its splitter, and remembers the width when DevTools is opened again', async () => {
    const { page, panel } = await echoPage('/splitter');
    const width = async (p: WorkbenchPanel) => Number(await p.attribute(LIST_SPLITTER, 'aria-valuenow'));
    const before = await width(panel);
    await panel.drag(LIST_SPLITTER, 40, 0);
    const after = await waitUntil(() => width(panel), (w) => Math.abs(w - (before + 40)) <= 2, 'the list 40 px wider');
    await panel.close();
    const again = await ctx.driver.openPanel(page);
    await waitUntil(() => width(again), (w) => w === after, 'the remembered width');
    await again.close();
    await page.close();
  });

  it(`keeps Esc and Ctrl+F in the panel: the detail pane closes, the filter gets focus, DevTools opens ${drawer ? 'no find bar (its split console opens on Esc whatever the panel does)' : 'neither its console nor its find bar'}`, async () => {
    const { page, panel } = await echoPage('/keys');
    await panel.clickRow('apple');
    await waitUntil(() => panel.attribute(DETAILS, 'aria-label'), (v) => v === 'Frame details', 'the detail pane');
    await panel.press(PANEL.grid, 'Escape');
    await waitUntil(() => panel.attribute(DETAILS, 'aria-label'), (v) => v === null, 'the detail pane closed');
    await sleep(300);
    expect(await panel.devtools()).toEqual({ drawer, findBar: false });
    await panel.press(PANEL.grid, 'f', ['Control']);
    await waitUntil(() => panel.focused(), (id) => id === 'filter', 'the filter focused');
    await sleep(300);
    expect(await panel.devtools()).toEqual({ drawer, findBar: false });
    await panel.close();
    await page.close();
  });

  it('holds a selected row still during a flood, and Newest goes back to following', async () => {
    const { page, panel } = await echoPage('/flood');
    await page.evaluate('flood(600)');
    // Mid-flood, pick a row the table shows (it follows the newest until then).
    const shown = await waitUntil(() => rowData(panel), (r) => r.filter((x) => x.startsWith('flood ')).length > 10, 'the flood under way');
    const picked = shown.filter((x) => x.startsWith('flood ')).at(-3)!;
    await panel.clickRow(picked);
    const selected = () => panel.text(`${PANEL.row}[aria-selected=true] .c-data`);
    const held = await selected();
    expect(held).toBe(picked);
    for (let i = 0; i < 6; i++) {
      await sleep(250);
      expect(await selected()).toBe(held); // still rendered, so still in view
    }
    expect(await page.evaluate('s.bufferedAmount >= 0 && true')).toBe(true);
    await panel.click('button[aria-label="Jump to newest"]');
    await waitUntil(() => rowData(panel), (r) => r.includes('flood 599'), 'the newest frame in view', 20_000);
    await panel.close();
    await page.close();
  });

  it('ignores Invert while the filter is empty, and names the filters that hide every frame', async () => {
    const { page, panel } = await echoPage('/invert');
    await panel.click('input[aria-label=Invert]');
    await sleep(300);
    expect(await rowData(panel)).toEqual(expect.arrayContaining(['apple', 'banana']));
    await panel.setFilter('apple');
    await waitUntil(() => rowData(panel), (r) => r.includes('banana') && !r.includes('apple'), 'every frame but apple');
    await panel.click('input[aria-label=Invert]');
    await panel.setFilter('no such frame');
    await waitUntil(() => rowData(panel), (r) => r.length === 0, 'nothing matching');
    await waitUntil(() => panel.attribute('.frames-body .empty button', 'class'), (c) => c === 'link', 'the hint’s reset');
    await panel.click('.frames-body .empty button');
    await waitUntil(() => rowData(panel), (r) => r.includes('apple'), 'every frame again');
    await panel.close();
    await page.close();
  });

  it('treats a query typed key by key from / as a regex being typed: never an empty table, the error under the box', async () => {
    const { page, panel } = await echoPage('/regex');
    await panel.typeKeys(PANEL.filter, '/an');
    await waitUntil(() => rowData(panel), (r) => r.includes('banana') && !r.includes('apple'), '/an as a regex');
    for (const key of ['a', '(']) {
      await panel.typeKeys(PANEL.filter, key);
      await sleep(150);
      expect((await rowData(panel)).length).toBeGreaterThan(0);
    }
    await panel.typeKeys(PANEL.filter, '/');
    await waitUntil(() => panel.attribute('#filter-error', 'role'), (r) => r === 'alert', 'the regex error');
    expect(await rowData(panel)).toContain('banana'); // the last valid regex's result stays
    await panel.close();
    await page.close();
  });
}
