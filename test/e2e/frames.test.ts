// End to end in real Chromium: sockets in workers (every kind of iframe is in frameKinds.ts, for both browsers).
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { chromiumWithServers, openPanelDriver } from '../support/chromium';
import { collectErrors, rowData, waitForRows } from '../support/driver';

const ctx = chromiumWithServers();

const js = JSON.stringify;
async function openPage(path: string, html: string): Promise<Page & { errors: string[] }> {
  ctx.pages.set(path, html);
  const page = collectErrors(await ctx.session.browser.newPage());
  await page.goto(ctx.pages.origin + path);
  return page;
}

describe('workers opened before DevTools (see README, "What it captures"; workers.test.ts for DevTools open first)', () => {
  it('dedicated and shared workers run unchanged with the extension; their sockets, older than DevTools’ log, are not shown, the page’s are', async () => {
    const worker = (reply: string) => `importScripts('helper.js');
      const run = (post) => { const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send(${js(reply)});
        s.onmessage = (e) => post({ echoed: e.data, location: self.location.href, helper: self.helper }); };`;
    ctx.pages.set('/w/helper.js', `self.helper = 'loaded relative to ' + self.location.pathname;`, { 'content-type': 'text/javascript' });
    ctx.pages.set('/w/dedicated.js', `${worker('from a dedicated worker')} run((m) => postMessage(m));`, { 'content-type': 'text/javascript' });
    ctx.pages.set('/w/shared.js', `${worker('from a shared worker')} onconnect = (c) => run((m) => c.ports[0].postMessage(m));`, { 'content-type': 'text/javascript' });
    const page = await openPage(
      '/workers',
      `<script>
        window.results = {};
        new Worker('/w/dedicated.js').onmessage = (e) => (results.dedicated = e.data);
        new SharedWorker('/w/shared.js').port.onmessage = (e) => (results.shared = e.data);
        const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('from the page');
      </script>`,
    );
    await page.waitForFunction('results.dedicated && results.shared');
    expect(await page.evaluate('results')).toEqual({
      dedicated: { echoed: 'from a dedicated worker', location: `${ctx.pages.origin}/w/dedicated.js`, helper: 'loaded relative to /w/dedicated.js' },
      shared: { echoed: 'from a shared worker', location: `${ctx.pages.origin}/w/shared.js`, helper: 'loaded relative to /w/shared.js' },
    });
    const panel = await openPanelDriver(ctx.session, page);
    await waitForRows(panel, ['from the page']);
    // Past the log reader's grace and a few polls: DevTools' network log began after these sockets opened.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await rowData(panel)).filter((r) => r.includes('worker'))).toEqual([]);
    expect(await panel.connections()).toHaveLength(1);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
