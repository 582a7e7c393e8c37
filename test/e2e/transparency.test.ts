// End to end in real Chromium: the page's own view of WebSocket is the same with and without the extension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Session } from '../support/chromium';
import { probeWebSocket } from '../support/probe';
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

async function probe(session: Session) {
  const page = await session.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${pages.origin}/probe`);
  const result = await page.evaluate(`(${probeWebSocket})(${JSON.stringify(ws.echo)})`);
  await page.close();
  return { result, errors };
}

describe('the page sees the native WebSocket', () => {
  it('observes identical constructor, prototype, toString, errors, events and subclassing', async () => {
    const native = await probe(without);
    const hooked = await probe(withExtension);
    // The probe did run a full session (so equality is not two empty results).
    expect(JSON.stringify(native.result)).toContain('subclass closed');
    expect(JSON.stringify(native.result)).toContain('[native code]');
    expect(hooked.result).toEqual(native.result);
    expect(hooked.errors).toEqual(native.errors);
  });
});
