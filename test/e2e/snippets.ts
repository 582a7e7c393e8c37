// End to end, written once for every browser: snippets in the real DevTools WS panel — saved per site in the panel's
// storage, still there after DevTools is closed and opened again, sent with one click, loaded into the composer, deleted.
import { expect, it } from 'vitest';
import { waitForRows, waitUntil, type WorkbenchPanel } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const COMPOSER = 'button[aria-label=Composer]';
const MESSAGE = 'textarea[aria-label=Message]';
const SNIPPETS = 'button[aria-label=Snippets]';
const NAME = 'input[aria-label="Snippet name"]';
const button = (name: string) => `button[aria-label=${js(name)}]`;
const STATUS = '[role=region][aria-label=Composer] .composer-status';
const COMPOSER_SPLITTER = '[role=separator][aria-label="Resize composer"]';

/**
 * Opens the composer, taller than its default: the test browsers' DevTools windows take real clicks only in their
 * upper part (Chromium's drops them below about 500 px), and the snippet list sits low in a short composer.
 */
async function openComposer(panel: WorkbenchPanel) {
  await panel.click(COMPOSER);
  await panel.drag(COMPOSER_SPLITTER, 0, -250);
}

export function snippetScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  it('keeps snippets across closing and reopening DevTools; sends one with one click, loads one, deletes one', async () => {
    const page = await ctx.openPage('/snippets', `<script>window.s = new WebSocket(${js(ctx.ws.record)}); s.onopen = () => s.send('page ready');</script>`);
    let panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['page ready']);
    await openComposer(panel);
    await panel.typeKeys(MESSAGE, 'saved hello');
    await panel.click(SNIPPETS);
    await waitUntil(() => panel.attribute(NAME, 'disabled'), (v) => v === null, 'the page’s origin known');
    await panel.typeKeys(NAME, 'greeting');
    await panel.click(button('Save snippet'));
    await waitUntil(() => panel.text(STATUS), (t) => t === 'Saved snippet “greeting”', 'the snippet saved');
    await panel.close();

    panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['page ready']);
    await openComposer(panel);
    await panel.click(SNIPPETS);
    await waitUntil(() => panel.attribute(button('Send greeting'), 'aria-label'), (v) => v === 'Send greeting', 'the snippet, after reopening DevTools');
    const before = ctx.ws.received().length;
    await panel.click(button('Send greeting'));
    await waitUntil(() => panel.text(STATUS), (t) => t === 'Sent to the server on #1', 'the composer’s report');
    // Loaded into the (empty) composer and sent from there.
    await panel.click(button('Edit greeting'));
    await panel.press(MESSAGE, 'Enter', ['Control']);
    const got = await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 2, 'both sends at the server');
    expect(got).toEqual([
      { binary: false, data: 'saved hello' },
      { binary: false, data: 'saved hello' },
    ]);
    await panel.click(button('Delete greeting'));
    await waitUntil(() => panel.attribute(button('Send greeting'), 'aria-label'), (v) => v === null, 'the snippet deleted');
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });
}
