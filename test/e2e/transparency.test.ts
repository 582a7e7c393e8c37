// End to end in real Chromium: the page's own view of WebSocket is the same with and without the extension, in the top
// document and in an iframe the page creates and uses at once (which the hook reaches from the parent).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumWorkbench, launch, openPanelDriver, type Session } from '../support/chromium';
import { rowData, waitForRows, waitUntil } from '../support/driver';
import { probeWebSocket } from '../support/probe';
import { addRule, switchOff } from './rules';
import { startPageServer, startWsServers, type PageServer, type WsServers } from '../support/servers';

let withExtension: Session;
let without: Session;
let ws: WsServers;
let pages: PageServer;

beforeAll(async () => {
  [ws, pages] = await Promise.all([startWsServers(), startPageServer()]);
  pages.set('/probe', '<!doctype html><title>probe</title>');
  withExtension = await launch();
  without = await launch({ extension: false });
});
afterAll(async () => {
  await withExtension?.close();
  await without?.close();
  await ws?.close();
  await pages?.close();
});

/** Runs the probe in the top document, or in a same-origin iframe created and used in the same task. */
async function probe(session: Session, where: 'top' | 'script-made iframe', keepOpen = false) {
  const page = await session.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico') && errors.push(m.text()));
  await page.goto(`${pages.origin}/probe`);
  const run = `(${probeWebSocket})(${JSON.stringify(ws.echo)})`;
  const result = await page.evaluate(
    where === 'top'
      ? run
      : `(() => { const f = document.createElement('iframe'); document.body.appendChild(f); return f.contentWindow.eval(${JSON.stringify(run)}); })()`,
  );
  if (!keepOpen) await page.close();
  return { result, errors, page };
}

async function compare(where: 'top' | 'script-made iframe') {
  const native = await probe(without, where);
  const hooked = await probe(withExtension, where, true);
  // The probe did run a full session (so equality is not two empty results).
  expect(JSON.stringify(native.result)).toContain('subclass closed');
  expect(JSON.stringify(native.result)).toContain('[native code]');
  if (process.env.PROBE_DUMP) (await import("node:fs")).writeFileSync(process.env.PROBE_DUMP + where, JSON.stringify(native.result, null, 1));
  expect(hooked.result).toEqual(native.result);
  expect(hooked.errors).toEqual(native.errors);
  return hooked.page;
}

/** The panel shows the probe's frames, the subclass's included, and not the page's synthetic event. */
async function expectCaptured(page: Page, docLabel: string) {
  const panel = await openPanelDriver(withExtension, page);
  await panel.frame.page().setViewport({ width: 1200, height: 3000 });
  await waitForRows(panel, ['text', '01 02 03  ...', '62 6c 6f 62  blob', 'from sub', 'Closed: code 4000 reason "bye now"']);
  expect(await rowData(panel)).not.toContain('synthetic');
  const items = await waitUntil(() => panel.connections(), (i) => i.some((x) => x.includes('↑ 1 (8 B) ↓ 1 (8 B)')), 'the subclass connection');
  expect(items.filter((i) => i.includes('↑ 1 (8 B) ↓ 1 (8 B)'))[0]).toContain(docLabel);
  await page.close();
}

describe('the page sees the native WebSocket', () => {
  it('observes identical constructor, prototype, toString, errors, events and subclassing; the panel shows the frames, the subclass’s too', async () => {
    const page = await compare('top');
    await expectCaptured(page, 'top document');
  });

  it('observes the same with the WS panel open and an interception rule made, then switched off', async () => {
    const native = await probe(without, 'top');
    const page = await withExtension.browser.newPage();
    await page.goto(`${pages.origin}/probe`);
    const panel = new ChromiumWorkbench((await openPanelDriver(withExtension, page)).frame);
    // On, this rule would keep the probe's first frame from the server (and its echo from the probe).
    await addRule(panel, 'would block', { 'Rule direction': 'both', Payload: 'text', Action: 'block' }, { 'Payload value': 'text' });
    await switchOff(panel, 'would block');
    const result = await page.evaluate(`(${probeWebSocket})(${JSON.stringify(ws.echo)})`);
    expect(JSON.stringify(native.result)).toContain('subclass closed');
    expect(result).toEqual(native.result);
    await page.close();
  });

  it('observes the same in an iframe created and used synchronously by script', async () => {
    const page = await compare('script-made iframe');
    await expectCaptured(page, 'iframe about:blank');
  });
});
