// End to end in real Chromium: every kind of frame a page can open a WebSocket in is captured, and the panel names it.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { chromiumWithServers, openPanelDriver } from '../support/chromium';
import { collectErrors, rowData, waitForRows, waitUntil } from '../support/driver';

const ctx = chromiumWithServers();

const js = JSON.stringify;
/** A script that opens an echo socket, sends `text` and records the echo in `top.echoed` when it can (window.name otherwise). */
const sender = (text: string, global = 'WebSocket') =>
  `{ const s = new ${global}(${js(ctx.ws.echo)}); s.onopen = () => s.send(${js(text)}); s.onmessage = (e) => { try { parent.postMessage('echo:' + e.data, '*'); } catch {} }; }`;

async function openPage(path: string, html: string): Promise<Page & { errors: string[] }> {
  ctx.pages.set(path, html);
  const page = collectErrors(await ctx.session.browser.newPage());
  await page.goto(ctx.pages.origin + path);
  return page;
}

describe('every kind of frame', () => {
  it('captures same-origin, cross-origin, nested, about:blank, srcdoc, sandboxed, data: and script-made iframes', async () => {
    const kinds = {
      'same-origin iframe': `<iframe src="/same"></iframe>`,
      'cross-origin iframe': `<iframe src="${ctx.pages.otherOrigin}/cross"></iframe>`,
      'nested iframe': `<iframe src="/nest-outer"></iframe>`,
      'srcdoc iframe': `<iframe srcdoc="${`<script>${sender('from srcdoc')}</script>`.replace(/"/g, '&quot;')}"></iframe>`,
      'sandboxed iframe with allow-scripts': `<iframe sandbox="allow-scripts" src="/sandboxed"></iframe>`,
      'sandboxed srcdoc with allow-scripts': `<iframe sandbox="allow-scripts" srcdoc="${`<script>${sender('from sandboxed srcdoc')}</script>`.replace(/"/g, '&quot;')}"></iframe>`,
      'data: iframe': `<iframe src="data:text/html,${encodeURIComponent(`<script>${sender('from data')}</script>`)}"></iframe>`,
    };
    ctx.pages.set('/same', `<script>${sender('from same-origin')}</script>`);
    ctx.pages.set('/cross', `<script>${sender('from cross-origin')}</script>`);
    ctx.pages.set('/nest-outer', `<iframe src="${ctx.pages.otherOrigin}/nest-inner"></iframe>`);
    ctx.pages.set('/nest-inner', `<iframe src="/nest-innermost"></iframe><script>${sender('from nested')}</script>`);
    ctx.pages.set('/nest-innermost', `<script>${sender('from nested twice')}</script>`);
    ctx.pages.set('/navigated', `<script>${sender('from a navigated iframe')}</script>`);
    ctx.pages.set('/sandboxed', `<script>${sender('from sandboxed')}</script>`);
    const page = await openPage(
      '/frames',
      `<!doctype html><body>${Object.values(kinds).join('\n')}
      <iframe id="blank" src="about:blank"></iframe>
      <iframe sandbox src="/sandboxed"></iframe>
      <script>
        // about:blank: the parent uses the child's WebSocket after load.
        addEventListener('load', () => {
          // Reading a cross-origin child's window or (null) document must stay as quiet as natively.
          for (const f of document.querySelectorAll('iframe')) { f.contentWindow; f.contentDocument; } const W = blank.contentWindow; const s = new W.WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('from an about:blank iframe'); });
        // Created and used synchronously by script: the child's content scripts may not have run yet.
        const f = document.createElement('iframe');
        document.body.appendChild(f);
        const s = new f.contentWindow.WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => s.send('from a script-made iframe');
        // The same, with a document written into it.
        const g = document.createElement('iframe');
        document.body.appendChild(g);
        g.contentDocument.write(${js(`<script>${sender('from a document.write() iframe')}</script>`).replace(/<\//g, '<\\/')});
        g.contentDocument.close();
        // Reached while still the initial about:blank, then navigated: the new document has its own hook; nothing twice.
        const h = document.createElement('iframe');
        h.src = '/navigated';
        document.body.appendChild(h);
        h.contentWindow.WebSocket;
      </script>`,
    );
    const wanted = ['from same-origin', 'from cross-origin', 'from nested', 'from nested twice', 'from srcdoc', 'from sandboxed',
      'from sandboxed srcdoc', 'from data', 'from an about:blank iframe', 'from a script-made iframe', 'from a document.write() iframe', 'from a navigated iframe'];
    const panel = await openPanelDriver(ctx.session, page);
    await panel.frame.page().setViewport({ width: 1200, height: 3000 }); // the frames table renders only the rows in view
    const rows = await waitUntil(() => rowData(panel), (r) => wanted.every((w) => r.filter((x) => x === w).length === 2), 'every frame kind', 8000).catch(async () => rowData(panel));
    // Each text twice (sent and echoed), never more: no frame is recorded by two hooks.
    expect(wanted.filter((w) => rows.filter((x) => x === w).length !== 2)).toEqual([]);
    const items = await panel.connections();
    expect(items).toHaveLength(wanted.length);
    const docOf = (bytes: number) => items.filter((i) => i.includes(`↑ 1 (${bytes} B)`)).map((i) => /open(iframe .*?)↑/.exec(i)?.[1]);
    expect(docOf('from an about:blank iframe'.length)).toEqual(['iframe about:blank']);
    expect(docOf('from a script-made iframe'.length)).toEqual(['iframe about:blank']);
    // document.write() makes the child's URL the writer's.
    expect(docOf('from a document.write() iframe'.length)).toEqual([`iframe ${ctx.pages.origin}`]);
    expect(docOf('from nested twice'.length)).toEqual([`iframe ${ctx.pages.otherOrigin}`, `iframe ${ctx.pages.otherOrigin}`]);
    // Known difference: Chromium logs one more "Blocked script execution" for our MAIN-world script in the frame sandboxed
    // without allow-scripts (it blocks ours as it blocks the page's; nothing can open a socket there).
    const blocked = page.errors.filter((e) => e.startsWith(`Blocked script execution in '${ctx.pages.origin}/sandboxed'`));
    expect(blocked.length).toBeLessThanOrEqual(2);
    expect(page.errors.filter((e) => !blocked.includes(e))).toEqual([]);
    await page.close();
  });
});

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
