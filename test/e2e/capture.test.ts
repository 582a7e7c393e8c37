// End to end in real Chromium: the shared scenarios (scenarios.ts), plus what only Chrome has — an MV3 service worker
// that the browser may stop at any time.
import { describe, expect, it } from 'vitest';
import { ChromiumDriver, type Session } from '../support/chromium';
import { waitForConnections, waitUntil } from '../support/driver';
import { captureScenarios } from './scenarios';

describe('capture in Chromium', () => {
  const ctx = captureScenarios(() => ChromiumDriver.launch());

  it('loses and duplicates nothing when the service worker is stopped mid-stream', async () => {
    const { ws, driver } = ctx;
    const N = 400;
    const page = await ctx.openPage(
      '/restart',
      `<script>
        window.sent = 0; window.got = 0;
        const s = new WebSocket(${JSON.stringify(ws.echo)});
        s.onmessage = () => got++;
        window.go = () => { const t = setInterval(() => { s.send('n-' + sent++); if (sent === ${N}) clearInterval(t); }, 5); };
        s.onopen = () => (window.ready = true);
      </script>`,
    );
    await page.waitForFunction('window.ready === true');
    const panel = await driver.openPanel(page);
    await waitForConnections(panel, (i) => i.length === 1, 'the connection');
    await page.evaluate('go()');
    await page.waitForFunction('sent > 100');
    const stopped = await stopServiceWorker(driver.session);
    await page.waitForFunction(`got === ${N}`, { timeout: 20_000 });
    // The panel's reconnect started a new service worker.
    expect(await serviceWorkerIds(driver.session)).not.toContain(stopped);
    expect(await serviceWorkerIds(driver.session)).toHaveLength(1);
    const [item] = await waitForConnections(panel, (i) => i[0]?.includes(`↓ ${N} (`) ?? false, `↓ ${N} frames`);
    expect(item).toContain(`↑ ${N} (`);
    await panel.setFilter('n-');
    await waitUntil(() => panel.status(), (s) => s.startsWith(`${2 * N} of ${2 * N} frames`), 'every frame exactly once');
    await page.close();
  });
});

async function serviceWorkerIds(s: Session): Promise<string[]> {
  const cdp = await s.browser.target().createCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  await cdp.detach();
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${s.extensionId}/`)).map((t) => t.targetId);
}

/** Stops the extension's service worker, as Chrome does when it is idle, and returns the stopped worker's target id. */
async function stopServiceWorker(s: Session): Promise<string> {
  const [id] = await serviceWorkerIds(s);
  expect(id).toBeTruthy();
  const cdp = await s.browser.target().createCDPSession();
  const { success } = await cdp.send('Target.closeTarget', { targetId: id });
  await cdp.detach();
  expect(success).toBe(true);
  return id;
}
