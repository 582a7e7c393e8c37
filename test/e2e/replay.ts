// End to end, written once for every browser: replaying frames and a connection's own actions in the real DevTools WS
// panel — 100 frames replayed in order, and Reconnect after the server closed the page's socket.
import { expect, it } from 'vitest';
import { PANEL, waitForConnections, waitForRows, waitUntil } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;

export function replayScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  it('replays 100 selected frames in order, as fast as possible, on the page’s socket', async () => {
    const page = await ctx.openPage('/replay', `<script>window.s = new WebSocket(${js(ctx.ws.record)}); s.onopen = () => { for (let i = 0; i < 100; i++) s.send('r' + i); };</script>`);
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['r99']);
    await waitUntil(async () => ctx.ws.received().filter((m) => m.data.startsWith('r')).length, (n) => n === 100, 'the page’s 100 frames');
    const before = ctx.ws.received().length;
    await panel.setFilter('/^r\\d+$/');
    await panel.clickRow('r99');
    await panel.press(PANEL.grid, 'a', ['Control']);
    await panel.press(PANEL.grid, 'p');
    // As a user would, wait for the bar: keys reach Firefox's panel on its input queue, which the next step can overtake.
    await waitUntil(() => panel.attribute('select[aria-label="Replay timing"]', 'aria-label'), Boolean, 'the replay bar');
    await panel.choose('select[aria-label="Replay timing"]', 'fast');
    await panel.click('[role=group][aria-label=Replay] button:not(.close)');
    await waitUntil(() => panel.text('.replay-progress'), (t) => t === 'Replayed 100 of 100', 'the replay done', 20_000);
    const replayed = ctx.ws.received().slice(before).map((m) => m.data);
    expect(replayed).toEqual(Array.from({ length: 100 }, (_, i) => `r${i}`));
    await panel.close();
    await page.close();
  });

  it('reconnects after the server closed the page’s socket: a new connection whose frames show like any other', async () => {
    const page = await ctx.openPage('/reconnect', `<script>window.s = new WebSocket(${js(ctx.ws.bye)}); s.onclose = () => (window.gone = true);</script>`);
    await page.waitForFunction('window.gone === true', { timeout: 5000 }).catch(async (e) => {
      throw new Error(`${e}: readyState ${await page.evaluate('s.readyState')}`);
    });
    const panel = await ctx.driver.openPanel(page);
    await waitForConnections(panel, (i) => i.length === 1 && i[0].includes('closed 4001'), 'the closed socket');
    await panel.selectConnection(ctx.ws.bye);
    await panel.click('[role=group][aria-label="Connection actions"] button[aria-label=Reconnect]');
    const items = await waitForConnections(panel, (i) => i.length === 2, 'a second connection');
    expect(items[1]).toContain('#2');
    expect(items[1]).toContain(ctx.ws.bye);
    // The server closes it too, as it should: it is a real socket to the same URL.
    await waitForConnections(panel, (i) => i[1]?.includes('closed 4001') ?? false, 'the new socket closed by the server');
    await panel.close();
    await page.close();
  });
}
