// End to end, written once for every browser: the session tools in the real DevTools WS panel — pins and notes through
// Clear and a reload, a saved filter applied in one click after DevTools was closed and opened again, Group by and a
// group's click, Diff of two frames selected together, and Copy as code whose JavaScript, run in a page, sends the
// same frames again.
import { expect, it } from 'vitest';
import { PANEL, rowData, waitForRows, waitUntil, type WorkbenchPanel } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const button = (name: string) => `button[aria-label=${js(name)}]`;
const DETAILS = '[role=region][aria-label="Frame details"]';
const SAVED = 'summary[aria-label="Saved filters"]';

/** Filters are remembered per origin, and every page here has the same one: each scenario starts from none. */
async function freshFilters(panel: WorkbenchPanel) {
  if (await panel.attribute(button('Reset filters'), 'aria-label')) await panel.click(button('Reset filters'));
  await waitUntil(() => panel.attribute(button('Reset filters'), 'aria-label'), (v) => v === null, 'no filter active');
}

export function sessionScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  it('pins a frame with a note; Clear and a reload leave it, and the Pinned view shows it', async () => {
    const page = await ctx.openPage(
      '/pins',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => ['pin me ' + (sessionStorage.n = (+sessionStorage.n || 0) + 1), 'plain'].forEach((t) => s.send(t));
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await freshFilters(panel);
    await waitForRows(panel, ['pin me 1', 'plain']);
    await panel.clickRow('pin me 1');
    await panel.click(`${DETAILS} ${button('Pin frame')}`);
    await waitUntil(() => panel.attribute(`${DETAILS} ${button('Pin frame')}`, 'aria-pressed'), (v) => v === 'true', 'the frame pinned');
    await panel.fill(`${DETAILS} input[aria-label=Note]`, 'the first load');
    await waitUntil(() => panel.attribute(`${PANEL.row} .pin-mark`, 'aria-label'), (v) => v === 'Pinned: the first load', 'the pinned row marked with its note');
    await panel.clear();
    await waitUntil(() => rowData(panel), (r) => !r.includes('pin me 1'), 'the table cleared');
    await page.reload();
    await waitForRows(panel, ['pin me 2']);
    expect(await rowData(panel)).not.toContain('pin me 1');
    await panel.click(button('Pinned'));
    await waitUntil(() => rowData(panel), (r) => r.length === 1 && r[0] === 'pin me 1', 'only the pinned frame');
    expect(await panel.attribute(button('Pinned'), 'aria-pressed')).toBe('true');
    expect(await panel.attribute(`${PANEL.row} .pin-mark`, 'aria-label')).toBe('Pinned: the first load');
    await panel.clickRow('pin me 1');
    await waitUntil(() => panel.attribute(`${DETAILS} ${button('Pin frame')}`, 'aria-pressed'), (v) => v === 'true', 'its detail, pinned');
    await panel.click(button('Pinned'));
    await waitForRows(panel, ['pin me 2', 'plain']);
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('saves the filters under a name and applies them with one click after DevTools is opened again; one saved for all sites shows on another site', async () => {
    const page = await ctx.openPage(
      '/saved-filters',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => ['apple', 'banana', 'cherry'].forEach((t) => s.send(t));
      </script>`,
    );
    let panel = await ctx.driver.openPanel(page);
    await freshFilters(panel);
    await waitForRows(panel, ['apple', 'banana', 'cherry']);
    await panel.setFilter('an');
    await panel.choose('select[aria-label=Direction]', 'received');
    await waitUntil(() => rowData(panel), (r) => r.length === 1 && r[0] === 'banana', 'the received banana alone');
    await panel.click(SAVED);
    await panel.fill('input[aria-label="Filter name"]', 'bananas');
    await panel.click(button('Save filter'));
    await waitUntil(() => panel.attribute(button('Apply bananas'), 'aria-label'), (v) => v === 'Apply bananas', 'the filter saved');
    await panel.click(button('Reset filters'));
    await waitUntil(() => rowData(panel), (r) => r.includes('apple'), 'every frame again');
    await panel.close();

    panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['apple', 'banana', 'cherry']);
    await panel.click(SAVED);
    await panel.click(button('Apply bananas'));
    await waitUntil(() => rowData(panel), (r) => r.length === 1 && r[0] === 'banana', 'the saved filter applied');
    expect(await panel.attribute(button('Reset filters'), 'title')).toBe('Filters active: matching “an”, received only. Click to show every frame.');
    // Typed without a click elsewhere, which would close the menu.
    await panel.fill(PANEL.filter, 'cherry');
    await panel.fill('input[aria-label="Filter name"]', 'cherries');
    await panel.choose('select[aria-label="Save for"]', 'all');
    await panel.click(button('Save filter'));
    await waitUntil(() => panel.attribute(button('Apply cherries'), 'aria-label'), (v) => v === 'Apply cherries', 'the filter for all sites saved');
    await panel.click(button('Reset filters'));
    await panel.close();
    await page.close();

    // Another origin: the site's filter is not offered there, the one for all sites is.
    const html = `<script>window.s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => ['cherry', 'date'].forEach((t) => s.send(t));</script>`;
    ctx.pages.set('/saved-filters-elsewhere', html);
    const elsewhere = await ctx.driver.openPage(`${ctx.pages.otherOrigin}/saved-filters-elsewhere`);
    panel = await ctx.driver.openPanel(elsewhere);
    await freshFilters(panel);
    await waitForRows(panel, ['cherry', 'date']);
    await panel.click(SAVED);
    await waitUntil(() => panel.attribute(button('Apply cherries'), 'aria-label'), (v) => v === 'Apply cherries', 'the filter for all sites, on another site');
    expect(await panel.attribute(button('Apply bananas'), 'aria-label')).toBeNull();
    await panel.click(button('Apply cherries'));
    // “cherry”, received only (the direction chosen before is part of the filter set): the echo, not the send.
    await waitUntil(() => rowData(panel), (r) => r.length === 1 && r[0] === 'cherry', 'the filter for all sites applied');
    expect(await panel.attribute(button('Reset filters'), 'title')).toBe('Filters active: matching “cherry”, received only. Click to show every frame.');
    await panel.click(button('Delete cherries'));
    await panel.click(button('Reset filters'));
    await panel.close();
    await elsewhere.close();
  });

  it('groups the frames by a decoded field or a typed JSON field path with counts, and a group’s click filters by it', async () => {
    const page = await ctx.openPage(
      '/group-by',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => [['tick', 1], ['tick', 2], ['quote', 3], ['tick', 4]].forEach(([type, n]) => s.send(JSON.stringify({ type, n })));
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await freshFilters(panel);
    await waitForRows(panel, ['{"type":"quote","n":3}']);
    await panel.choose('select[aria-label="Group by"]', 'type');
    // Sent and echoed: each frame twice.
    const table = '[role=region][aria-label=Groups] table';
    await waitUntil(() => panel.text(`${table} tbody tr:first-child`), (t) => !!t && /^tick6\d+ B/.test(t), 'the tick group first, 6 frames');
    expect(await panel.text(`${table} tbody tr:nth-child(2)`)).toMatch(/^quote2\d+ B/);
    await panel.click(button('Filter by type:quote'));
    await waitUntil(() => rowData(panel), (r) => r.filter((x) => x.startsWith('{')).join() === '{"type":"quote","n":3},{"type":"quote","n":3}', 'only the quotes');
    expect(await panel.attribute(button('Reset filters'), 'title')).toBe('Filters active: matching “type:quote”. Click to show every frame.');
    // Any JSON field, typed as a path: its groups, and a click that filters by exactly that value.
    await panel.click(button('Reset filters'));
    await panel.choose('select[aria-label="Group by"]', '$');
    const pathForm = 'form[aria-label="Group by a JSON field"]';
    await panel.fill(`${pathForm} input[aria-label="JSON field to group by"]`, 'n');
    await panel.click(`${pathForm} button[type=submit]`);
    await waitUntil(() => panel.text('[role=region][aria-label=Groups] header strong'), (t) => t === 'Grouped by $.n', 'grouped by $.n');
    await waitUntil(() => panel.text(`${table} tbody`), (t) => !!t && /^(?:[1-4]2\d+ B[\d.]+\/s){4}$/.test(t), 'four groups of 2 frames each');
    await panel.click(button('Filter by $.n:3'));
    await waitUntil(() => rowData(panel), (r) => r.filter((x) => x.startsWith('{')).join() === '{"type":"quote","n":3},{"type":"quote","n":3}', 'only n 3');
    expect(await panel.value(PANEL.filter)).toBe('$.n:"3"');
    await panel.click(button('Close groups'));
    await panel.click(button('Reset filters'));
    await panel.close();
    await page.close();
  });

  it('diffs two frames selected together, by JSON path', async () => {
    const page = await ctx.openPage(
      '/diff',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.record)});
        s.onopen = () => { s.send('{"type":"order","qty":1,"side":"buy"}'); s.send('{"type":"order","qty":2,"note":"x"}'); };
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await freshFilters(panel);
    await waitForRows(panel, ['{"type":"order","qty":2,"note":"x"}']);
    await panel.clickRow('{"type":"order","qty":1,"side":"buy"}');
    await panel.press(PANEL.grid, 'ArrowDown', ['Shift']);
    await waitUntil(() => panel.attribute(`${DETAILS} ${button('Diff')}`, 'aria-label'), (v) => v === 'Diff', 'Diff offered for two frames');
    await panel.click(`${DETAILS} ${button('Diff')}`);
    const changes = await waitUntil(() => panel.text(`${DETAILS} [aria-label=Changes]`), (t) => t !== null, 'the changes');
    expect(changes).toBe('− $.side "buy"~ $.qty 1 → 2+ $.note "x"');
    await panel.close();
    await page.close();
  });

  it('copies a connection as JavaScript that, run in a page, sends the same frames to the server', async () => {
    const before = ctx.ws.received().length;
    const page = await ctx.openPage(
      '/copy-as-code',
      `<script>
        window.s = new WebSocket(${js(ctx.ws.record)}, ['v1.demo']);
        s.onopen = () => { s.send('first "quoted"'); s.send(new Uint8Array([1, 2, 255])); s.send('third\\nline'); };
      </script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await freshFilters(panel);
    await waitForRows(panel, ['first "quoted"']);
    const sent = await waitUntil(async () => ctx.ws.received().slice(before).map((r) => r.data), (r) => r.length === 3, 'the page’s frames at the server');
    await panel.click(PANEL.connectionButton(ctx.ws.record));
    await panel.click('[role=group][aria-label="Connection actions"] summary[aria-label="Copy as code"]');
    const code = await waitUntil(() => panel.text('pre[aria-label=JavaScript]'), (t) => !!t?.includes('new WebSocket'), 'the JavaScript');
    expect(code).toContain(`new WebSocket(${js(ctx.ws.record)}, ["v1.demo"])`);
    expect(await panel.text('pre[aria-label=websocat]')).toContain(`--protocol 'v1.demo' --text-prefix T: --binary-prefix B: --base64 '${ctx.ws.record}'`);
    const other = await ctx.openPage('/run-the-code', '<p>the snippet runs here</p>');
    await other.evaluate(code!);
    const again = await waitUntil(async () => ctx.ws.received().slice(before + 3).map((r) => r.data), (r) => r.length === 3, 'the snippet’s frames at the server');
    expect(again).toEqual(sent);
    expect(sent).toEqual(['first "quoted"', '01 02 ff', 'third\nline']);
    await panel.close();
    await other.close();
    await page.close();
  });
}
