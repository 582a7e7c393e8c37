// End to end, written once for every browser: each socket's opening handshake, from the browser's network layer, in the
// connection's details of the real DevTools WS panel — the server's own response header, the status, the request's
// cookie masked until revealed — and in the HAR export's request and response headers (masked there).
import { expect, it } from 'vitest';
import { waitUntil } from '../support/driver';
import { DETAILS, openRow, resetFilters } from '../support/workflow';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;

export function handshakeScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  it('shows the handshake: request and response headers, the status, and the cookie masked until revealed', async () => {
    const page = await ctx.openPage(
      '/handshake',
      `<script>document.cookie = 'session=s3cret-value; path=/'; window.s = new WebSocket(${js(ctx.ws.handshake)}); s.onopen = () => s.send('after the handshake');</script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel);
    await waitUntil(async () => (await panel.rows()).map((r) => r.data), (r) => r.includes('after the handshake'), 'the frame');
    await openRow(panel, 'Connection open');
    const details = await waitUntil(() => panel.text(DETAILS), (t) => (t ?? '').includes('X-Handshake-Test'), 'the handshake in the details');
    expect(await panel.text('[aria-label="Response headers"]')).toContain('hello from the server');
    expect(await panel.text('[aria-label="Handshake facts"]')).toMatch(/HTTP\/1\.1 101 Switching Protocols/);
    const request = (await panel.text('[aria-label="Request headers"]')) ?? '';
    // Both browsers report Sec-WebSocket-Version; Firefox reports the request before its network layer adds Upgrade.
    expect(request).toMatch(/Sec-WebSocket-Version\s*13/i);
    expect(request).toMatch(/Cookie/i);
    expect(request).not.toContain('s3cret-value');
    expect(details).not.toContain('s3cret-value');
    await panel.click('button[aria-label="Reveal secret headers"]');
    await waitUntil(() => panel.text('[aria-label="Request headers"]'), (t) => (t ?? '').includes('session=s3cret-value'), 'the revealed cookie');
    await panel.close();
    await page.close();
  });
}
