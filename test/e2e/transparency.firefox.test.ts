// End to end in real firefox-esr: the page's own view of WebSocket is the same with and without the add-on (the MAIN-world
// hook runs in the page's compartment here too, so everything the probe can see must match), and the WS panel shows
// the probe's frames, in the top document and in a script-made iframe.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowData, waitForRows, waitUntil } from '../support/driver';
import { FirefoxDriver } from '../support/firefox';
import { probeWebSocket } from '../support/probe';
import { addRule, switchOff } from './rules';
import { startPageServer, startWsServers, type PageServer, type WsServers } from '../support/servers';

let ws: WsServers;
let pages: PageServer;

beforeAll(async () => {
  [ws, pages] = await Promise.all([startWsServers(), startPageServer()]);
  pages.set('/probe', '<!doctype html><title>probe</title>');
});
afterAll(async () => {
  await ws?.close();
  await pages?.close();
});

/** The panel shows the probe's frames, the subclass's included, and not the page's synthetic event (as transparency.test.ts). */
async function expectCaptured(driver: FirefoxDriver, page: Page, docLabel: string) {
  const panel = await driver.openPanel(page);
  // The table renders the rows in view only, and the probe's failing sockets make many: filter down to the ones wanted.
  await panel.setFilter('/^(text|from sub|synthetic)$|blob|bye now/');
  await waitForRows(panel, ['text', '62 6c 6f 62  blob', 'from sub', 'Closed: code 4000 reason "bye now"']);
  expect(await rowData(panel)).not.toContain('synthetic');
  await panel.setFilter('01 02 03');
  await waitForRows(panel, ['01 02 03  ...']);
  await panel.setFilter('');
  const items = await waitUntil(() => panel.connections(), (i) => i.some((x) => x.includes('↑ 1 (8 B) ↓ 1 (8 B)')), 'the subclass connection');
  expect(items.filter((i) => i.includes('↑ 1 (8 B) ↓ 1 (8 B)'))[0]).toContain(docLabel);
}

/**
 * One browser at a time: two Firefox instances at once are slow on two cores. `inspect` looks at the panel after the
 * probe ran, before the browser closes.
 */
async function probe(extension: boolean, rulesOff = false, where: 'top' | 'script-made iframe' = 'top', inspect?: (driver: FirefoxDriver, page: Page) => Promise<void>) {
  const driver = await FirefoxDriver.launch({ extension });
  try {
    const page = await driver.openPage(`${pages.origin}/probe`);
    if (rulesOff) {
      // The WS panel open, with a rule that would keep the probe's first frame from the server, switched off.
      const panel = await driver.openPanel(page);
      await addRule(panel, 'would block', { 'Rule direction': 'both', Payload: 'text', Action: 'block' }, { 'Payload value': 'text' });
      await switchOff(panel, 'would block');
    }
    const run = `(${probeWebSocket})(${JSON.stringify(ws.echo)})`;
    const result = await page.evaluate(
      where === 'top'
        ? run
        : `(() => { const f = document.createElement('iframe'); document.body.appendChild(f); return f.contentWindow.eval(${JSON.stringify(run)}); })()`,
    );
    // Firefox logs every socket the probe leaves connecting when the page goes away; how many depends on timing, and
    // they are the browser's network messages, not errors thrown in the page.
    const errors = page.errors.filter((e) => !/can’t establish a connection|was interrupted while the page was loading/.test(e));
    await inspect?.(driver, page);
    return { result, errors };
  } finally {
    await driver.close();
  }
}

describe('the page sees the native WebSocket in Firefox', () => {
  it('observes identical constructor, prototype, toString, errors, events and subclassing; the panel shows the frames, the subclass’s too', async () => {
    const native = await probe(false);
    const hooked = await probe(true, false, 'top', (driver, page) => expectCaptured(driver, page, 'top document'));
    expect(JSON.stringify(native.result)).toContain('subclass closed');
    expect(JSON.stringify(native.result)).toContain('[native code]');
    expect(hooked.result).toEqual(native.result);
    expect(hooked.errors).toEqual(native.errors);
  });

  it('observes the same in an iframe created and used synchronously by script; the panel shows its frames', async () => {
    const native = await probe(false, false, 'script-made iframe');
    const hooked = await probe(true, false, 'script-made iframe', (driver, page) => expectCaptured(driver, page, 'iframe about:blank'));
    expect(JSON.stringify(native.result)).toContain('subclass closed');
    expect(hooked.result).toEqual(native.result);
    expect(hooked.errors).toEqual(native.errors);
  });

  it('observes the same with the WS panel open and an interception rule made, then switched off', async () => {
    const native = await probe(false);
    const hooked = await probe(true, true);
    expect(JSON.stringify(native.result)).toContain('subclass closed');
    expect(hooked.result).toEqual(native.result);
  });
});
