// End to end, written once for every browser: each socket's opening handshake, from the browser's network layer, in the
// connection's details of the real DevTools WS panel — the server's own response header, the status, the request's
// cookie masked until revealed — and, for sockets to different URLs at once, each connection's own response: the
// negotiated subprotocol and extension, the server's header for that URL, status 101 and the timing line.
import { expect, it } from 'vitest';
import { waitForRows, waitUntil } from '../support/driver';
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
    // Both browsers report Sec-WebSocket-Version; Firefox reports the request before its network layer adds Upgrade and
    // Connection (README, "What it captures"), Chromium with them.
    expect(request).toMatch(/Sec-WebSocket-Version\s*13/i);
    if (ctx.driver.name === 'Firefox') expect(request).not.toMatch(/Upgrade/i);
    else expect(request).toMatch(/Upgrade\s*websocket/i);
    expect(request).toMatch(/Cookie/i);
    expect(request).not.toContain('s3cret-value');
    expect(details).not.toContain('s3cret-value');
    await panel.click('button[aria-label="Reveal secret headers"]');
    await waitUntil(() => panel.text('[aria-label="Request headers"]'), (t) => (t ?? '').includes('session=s3cret-value'), 'the revealed cookie');
    await panel.close();
    await page.close();
  });

  it('shows each socket’s own response: negotiated subprotocol and extension, the server’s header for its URL, 101, timing', async () => {
    // Two sockets to one server at once, by path and query: only the URL tells their handshakes apart.
    const sockets = [
      { url: `${ctx.ws.negotiate}alpha?room=1`, text: 'via alpha', path: '/alpha?room=1' },
      { url: `${ctx.ws.negotiate}beta?room=2`, text: 'via beta', path: '/beta?room=2' },
    ];
    const page = await ctx.openPage(
      '/negotiate',
      `<script>
        window.opened = [];
        for (const { url, text } of ${js(sockets)}) {
          const s = new WebSocket(url, ['chat.v2']);
          s.onopen = () => { opened.push({ url: s.url, protocol: s.protocol, deflate: s.extensions.startsWith('permessage-deflate') }); s.send(text); };
        }
      </script>`,
    );
    await page.waitForFunction('opened.length === 2');
    // The server did agree to both (so the headers below are a real negotiation's).
    expect(await page.evaluate('opened.map((o) => [o.protocol, o.deflate])')).toEqual([['chat.v2', true], ['chat.v2', true]]);
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel);
    await waitForRows(panel, sockets.map((s) => s.text));
    for (const [i, s] of sockets.entries()) {
      const other = sockets[1 - i];
      await panel.selectConnection(s.url);
      await waitUntil(async () => (await panel.rows()).map((r) => r.data), (r) => r.includes(s.text) && !r.includes(other.text), `${s.url}'s frames only`);
      await openRow(panel, s.text);
      const response = await waitUntil(
        () => panel.text('[aria-label="Response headers"]'),
        (t) => (t ?? '').includes(`X-Handshake-Path${s.path}`),
        `${s.url}'s handshake in the details`,
      );
      expect(response).not.toContain(other.path);
      expect(response).toMatch(/Sec-WebSocket-Protocol\s*chat\.v2/i);
      expect(response).toMatch(/Sec-WebSocket-Extensions\s*permessage-deflate/i);
      const facts = (await panel.text('[aria-label="Handshake facts"]')) ?? '';
      expect(facts).toContain(`GET ${s.url}`);
      expect(facts).toMatch(/HTTP\/1\.1 101 Switching Protocols/);
      const duration = String.raw`(\d+ ms|\d+\.\d s)`;
      expect(facts).toMatch(new RegExp(String.raw`Timingrequest sent ${duration} after new WebSocket\(\); answered ${duration} later`));
      // Chromium adds the offered subprotocols and extensions (and the key) to the request after webRequest reported it;
      // Firefox reports them. The hook's "Protocols requested" shows the offer in both (README, "Handshakes").
      const request = (await panel.text('[aria-label="Request headers"]')) ?? '';
      if (ctx.driver.name === 'Firefox') expect(request).toMatch(/Sec-WebSocket-Protocol\s*chat\.v2/i);
      else expect(request).not.toMatch(/Sec-WebSocket-Protocol/i);
      expect(request).toMatch(/Sec-WebSocket-Version\s*13/i);
      const connection = (await panel.text('[aria-label="Connection facts"]')) ?? '';
      expect(connection).toMatch(/Protocols requestedchat\.v2/);
      expect(connection).toMatch(/Protocol negotiatedchat\.v2/);
      expect(connection).toMatch(/Extensionspermessage-deflate/);
    }
    await panel.close();
    await page.close();
  });
}
