// End to end in real firefox-esr: the page's own view of WebSocket is the same with and without the add-on (the MAIN-world
// hook runs in the page's compartment here too, so everything the probe can see must match).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** One browser at a time: two Firefox instances at once are slow on two cores. */
async function probe(extension: boolean, rulesOff = false, where: 'top' | 'script-made iframe' = 'top') {
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
    return { result, errors };
  } finally {
    await driver.close();
  }
}

describe('the page sees the native WebSocket in Firefox', () => {
  it('observes identical constructor, prototype, toString, errors, events and subclassing', async () => {
    const native = await probe(false);
    const hooked = await probe(true);
    expect(JSON.stringify(native.result)).toContain('subclass closed');
    expect(JSON.stringify(native.result)).toContain('[native code]');
    expect(hooked.result).toEqual(native.result);
    expect(hooked.errors).toEqual(native.errors);
  });

  it('observes the same in an iframe created and used synchronously by script', async () => {
    const native = await probe(false, false, 'script-made iframe');
    const hooked = await probe(true, false, 'script-made iframe');
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
