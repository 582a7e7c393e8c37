// End to end, written once for every browser: a HAR file made by our exporter opens in the real DevTools WS panel as a
// read-only session beside the live tab (Import's file picker, and a file dropped on the panel), and dragging across
// the timeline picks a time range that filters the table. Each browser's test file calls importScenarios().
import { expect, it } from 'vitest';
import { buildHar, buildNdjson } from '../../src/panel/exporters';
import { reduceConnection, rowFromEvent, type Connection, type Row } from '../../src/panel/model';
import { PANEL, rowData, waitForRows, waitUntil, type TestFile, type WorkbenchPanel } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const IMPORT_INPUT = 'input[aria-label="Open HAR or NDJSON"]';
const SESSIONS = '[role=tablist][aria-label=Sessions]';
/** 1: the live tab, 2: the imported session's. */
const tab = (n: 1 | 2) => (n === 1 ? `${SESSIONS} > [role=tab]` : `${SESSIONS} .session-tab-group > [role=tab]`);
const CLOSE = 'button[aria-label="Close imported session"]';
const TIME_RANGE = '[role=group][aria-label="Time range"]';

/**
 * A HAR as WS Inspector's own "Export HAR" writes it (src/panel/exporters.ts), of a recorded session: `frames` as
 * [connection index, direction, text or bytes, ms after the start].
 */
function recordedHar(name: string, urls: string[], frames: [number, 'sent' | 'received', string | number[], number][]): TestFile {
  const t0 = Date.now() - 60_000;
  let seq = 0;
  const conns: Connection[] = urls.map((url, i) => {
    const created = reduceConnection(undefined, { kind: 'created', seq: ++seq, id: i + 1, t: t0, url, protocols: [], initiator: '' }, 'rec', 0);
    return reduceConnection(created, { kind: 'open', seq: ++seq, id: i + 1, t: t0 + 1, protocol: '', extensions: '' }, 'rec', 0);
  });
  const rows: Row[] = [];
  for (const [i, dir, payload, at] of frames) {
    const data = typeof payload === 'string' ? payload : new Uint8Array(payload);
    const e = { kind: 'frame' as const, seq: ++seq, id: i + 1, t: t0 + at, dir, type: typeof payload === 'string' ? ('text' as const) : ('binary' as const), data, length: typeof data === 'string' ? data.length : data.byteLength, truncated: false };
    rows.push(rowFromEvent(e, conns[i].key)!);
    conns[i] = reduceConnection(conns[i], e, 'rec', 0);
  }
  return { name, text: JSON.stringify(buildHar(conns, rows, '0.1.0'), null, 2), type: 'application/json' };
}

export function importScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  /** A live page with one frame, and its panel. */
  async function livePanel(path: string) {
    const page = await ctx.openPage(path, `<script>const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('live hello');</script>`);
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['live hello']);
    return { page, panel };
  }

  const tabs = (panel: WorkbenchPanel) => Promise.all(([1, 2] as const).map(async (n) => [await panel.text(tab(n)), await panel.attribute(tab(n), 'aria-selected')]));

  it('imports a HAR our export made as a read-only session beside the live tab, switches between them, and closes it', async () => {
    const { page, panel } = await livePanel('/import-har');
    const har = recordedHar('bug-report.har', ['wss://recorded.test/feed', 'ws://recorded.test/bin'], [
      [0, 'sent', 'recorded one', 10],
      [1, 'received', [0, 104, 111, 33], 20],
      [0, 'received', 'recorded <b>two</b>', 30],
    ]);
    await panel.setFiles(IMPORT_INPUT, [har]);
    await waitUntil(() => tabs(panel), (t) => js(t) === js([['Live', 'false'], ['bug-report.har', 'true']]), 'the imported session’s tab, selected');
    await waitForRows(panel, ['recorded one', '00 68 6f 21  .ho!', 'recorded <b>two</b>']);
    expect(await rowData(panel)).not.toContain('live hello');
    const conns = await panel.connections();
    expect(conns.join('\n')).toContain('wss://recorded.test/feed');
    expect(conns.join('\n')).toContain('ws://recorded.test/bin');
    // Read-only: no recording, clearing, composer or rules on a recording.
    for (const name of ['Clear', 'Composer', 'Rules']) expect(await panel.attribute(`button[aria-label=${name}]`, 'aria-label')).toBeNull();
    // The panel's features work on it: the filter.
    await panel.setFilter('two');
    await waitUntil(() => rowData(panel), (r) => js(r) === js(['recorded <b>two</b>']), 'the filter on the imported frames');
    // The live tab is as it was, and goes on.
    await panel.click(tab(1));
    await waitForRows(panel, ['live hello']);
    expect(await rowData(panel)).not.toContain('recorded one');
    await page.evaluate(`s.send('live again')`);
    await waitForRows(panel, ['live again']);
    await panel.click(tab(2));
    await waitUntil(() => rowData(panel), (r) => js(r) === js(['recorded <b>two</b>']), 'the imported session with its own filter');
    await panel.click(CLOSE);
    await waitForRows(panel, ['live hello', 'live again']);
    expect(await panel.attribute(SESSIONS, 'role')).toBeNull();
    // Our NDJSON export opens the same way.
    const ndjson = buildNdjson(
      [rowFromEvent({ kind: 'frame', seq: 1, id: 1, t: Date.now() - 1000, dir: 'received', type: 'text', data: 'from ndjson', length: 11, truncated: false }, 'rec:1')!],
      new Map([['rec:1', reduceConnection(undefined, { kind: 'created', seq: 0, id: 1, t: Date.now() - 2000, url: 'wss://ndjson.test/', protocols: [], initiator: '' }, 'rec', 0)]]),
    );
    await panel.setFiles(IMPORT_INPUT, [{ name: 'frames.ndjson', text: ndjson }]);
    await waitUntil(() => tabs(panel), (t) => js(t) === js([['Live', 'false'], ['frames.ndjson', 'true']]), 'the NDJSON session');
    await waitUntil(() => rowData(panel), (r) => js(r) === js(['from ndjson']), 'the NDJSON frame');
    expect((await panel.connections()).join('\n')).toContain('wss://ndjson.test/');
    await panel.click(CLOSE);
    await waitForRows(panel, ['live hello']);
    // A file that is not one says so, and the live session stays.
    await panel.setFiles(IMPORT_INPUT, [{ name: 'broken.har', text: '{"log": {"entries": [' }]);
    await waitUntil(() => panel.text('[role=alert]'), (t) => !!t?.startsWith('Could not open broken.har: Not a HAR or NDJSON file: it is not valid JSON'), 'the reason');
    expect(await rowData(panel)).toContain('live hello');
    await panel.close();
    await page.close();
  });

  it('filters the table by a time range dragged across the timeline of a dropped HAR, and clears it', async () => {
    const { page, panel } = await livePanel('/import-timeline');
    const frames: [number, 'sent' | 'received', string, number][] = [];
    for (const [group, at] of [['early', 100], ['middle', 6000], ['late', 10_000]] as const)
      for (let i = 0; i < 3; i++) frames.push([0, i % 2 ? 'received' : 'sent', `${group} ${i}`, at + i * 5]);
    await panel.dropFiles(PANEL.grid, [recordedHar('timeline.har', ['wss://recorded.test/ticks'], frames)]);
    await waitForRows(panel, ['early 0', 'middle 1', 'late 2']);
    await panel.click('button[aria-label=Timeline]');
    expect(await panel.attribute('button[aria-label=Timeline]', 'aria-pressed')).toBe('true');
    // uPlot arrives (a chunk of its own) and draws: the plot area sets its width.
    const style = await waitUntil(() => panel.attribute('.timeline .u-over', 'style'), (s) => /width:\s*\d/.test(s ?? ''), 'the chart drawn');
    const width = Number(/width:\s*([\d.]+)px/.exec(style!)![1]);
    // The chart spans 0–10 s: from its middle (5 s) a fifth to the right (7 s) holds only the middle frames.
    await panel.drag('.timeline .u-over', Math.round(width * 0.2), 0);
    await waitUntil(() => rowData(panel), (r) => js(r) === js(['middle 0', 'middle 1', 'middle 2']), 'only the frames of the range');
    expect(await panel.text(`${TIME_RANGE} .time-range-text`)).toMatch(/^\d\d:\d\d:\d\d\.\d{3} – \d\d:\d\d:\d\d\.\d{3}$/);
    expect(await panel.attribute('button[aria-label="Reset filters"]', 'title')).toMatch(/time range/);
    // The pointer rests on the chart where the drag ended: the legend shows the numbers of the bin under it.
    const legend = (await panel.text('.timeline .u-legend')) ?? '';
    expect(legend).toMatch(/↑ frames\/s\d[\d.,]*/);
    expect(legend).toMatch(/↓ bytes\/s\d[\d.,]* (B|KiB)\/s/);
    expect(legend).toMatch(/events(–|\d+ opened)/);
    await panel.click(`${TIME_RANGE} button[aria-label="Clear time range"]`);
    await waitForRows(panel, ['early 0', 'middle 1', 'late 2']);
    expect(await panel.attribute(TIME_RANGE, 'aria-label')).toBeNull();
    // The chart is of all connections, or of the one selected.
    expect(await panel.text('.timeline-scope')).toBe('All connections');
    await panel.selectConnection('wss://recorded.test/ticks');
    await waitUntil(() => panel.text('.timeline-scope'), (t) => /^#\d+ /.test(t ?? ''), 'the chart of the selected connection');
    await panel.click(CLOSE);
    await waitForRows(panel, ['live hello']);
    expect(await panel.attribute(PANEL.grid, 'aria-label')).toBe('Frames');
    await panel.close();
    await page.close();
  });
}
