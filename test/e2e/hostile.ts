// End to end, written once for every browser: capture keeps working, and the page keeps working without an error from
// us, on pages that sabotage built-ins after load, wrap WebSocket themselves, or are locked down by CSP; and the earliest
// sockets are whole. Each browser's test file calls hostileScenarios() with its driver.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { waitForConnections, waitForRows, type BrowserDriver } from '../support/driver';
import { browserContext } from './scenarios';

const js = JSON.stringify;

/** Polls with plain evaluate (waitForFunction would run puppeteer's helpers in a page whose built-ins are sabotaged). */
async function until(page: Page, expression: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${expression}: ${await page.evaluate('window.state && `${state.got.join()} | ${state.hits.join()}`').catch(String)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function hostileScenarios<D extends BrowserDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);
  const openPage = (path: string, body: string, headers?: Record<string, string>) => ctx.openPage(path, body, headers);
  const openPanel = (page: Page) => ctx.driver.openPanel(page);

  describe('hostile pages', () => {
    it('sabotaged built-ins, frozen Object.prototype and the page’s own WebSocket wrapper: the page works and is captured, we call none of them', async () => {
      const page = await openPage(
        '/hostile',
        `<!doctype html><body><script>
          addEventListener('load', () => {
            const hits = [];
            window.state = { hits, got: [] };
            // Each sabotaged built-in records who called it and throws; this page's own code calls none of them.
            const poison = (name) => function () { hits[hits.length] = name; throw new Error('sabotaged ' + name); };
            window.postMessage = poison('postMessage');
            EventTarget.prototype.addEventListener = poison('addEventListener');
            EventTarget.prototype.dispatchEvent = poison('dispatchEvent');
            JSON.stringify = poison('JSON.stringify');
            Array.prototype.push = poison('Array.prototype.push');
            Map = poison('Map');
            WeakMap.prototype.get = poison('WeakMap get');
            WeakMap.prototype.set = poison('WeakMap set');
            Promise.prototype.then = poison('Promise then');
            Function.prototype.call = poison('Function call');
            Function.prototype.apply = poison('Function apply');
            Reflect.apply = poison('Reflect.apply');
            Reflect.construct = poison('Reflect.construct');
            MessagePort.prototype.postMessage = poison('MessagePort postMessage');
            ArrayBuffer.prototype.slice = poison('ArrayBuffer slice');
            Object.defineProperty(ArrayBuffer.prototype, 'constructor', { get: poison('ArrayBuffer species') });
            Object.defineProperty = poison('Object.defineProperty');
            Blob.prototype.slice = poison('Blob slice');
            setTimeout = poison('setTimeout');
            performance.now = poison('performance.now');
            String = poison('String');
            Proxy = poison('Proxy');
            Error.prepareStackTrace = poison('prepareStackTrace');
            Object.freeze(Object.prototype);
            // The page's own wrapper on top of ours.
            const Inner = WebSocket;
            const innerSend = Inner.prototype.send;
            Inner.prototype.send = function (d) { return Reflect.getPrototypeOf(Inner.prototype).constructor && innerSend.bind(this)(d); };
            window.WebSocket = class PageWrapper extends Inner { constructor(u, p) { super(u, p); this.wrapped = true; } };
            const run = (W, tag) => {
              const s = new W(${js(ctx.ws.echo)});
              s.binaryType = 'arraybuffer';
              s.onopen = () => { s.send(tag + ' text'); s.send(new Uint8Array([1, 2, 3])); s.send(new Blob([tag + ' blob'])); };
              s.onmessage = (e) => { const g = window.state.got; g[g.length] = typeof e.data === 'string' ? e.data : e.data.byteLength; };
            };
            run(WebSocket, 'hostile');
            const f = document.createElement('iframe');
            document.body.appendChild(f);
            run(f.contentWindow.WebSocket, 'child');
          });
        </script>`,
      );
      await until(page, 'window.state && state.got.length === 6');
      expect(await page.evaluate('state.hits.length')).toBe(0);
      const panel = await openPanel(page);
      await waitForRows(panel, ['hostile text', 'child text', '01 02 03  ...', '68 6f 73 74 69 6c 65 20 62 6c 6f 62  hostile blob', '63 68 69 6c 64 20 62 6c 6f 62  child blob']);
      const items = await waitForConnections(panel, (i) => i.length === 2 && i.every((x) => x.includes('↑ 3 (') && x.includes('↓ 3 (')), 'two connections, 3 frames each way');
      expect(items.map((i) => /open(.*?)↑/.exec(i)?.[1])).toEqual(expect.arrayContaining(['top document', 'iframe about:blank']));
      expect(await page.evaluate('state.hits.length')).toBe(0);
      expect(page.errors).toEqual([]);
      await page.close();
    });

    it('a strict CSP sent as a header (default-src \'none\'; connect-src ws:)', async () => {
      const page = await openPage('/csp', '<!doctype html><title>csp</title>', { 'content-security-policy': "default-src 'none'; connect-src ws:" });
      // No page script may run under this policy; DevTools' own evaluation does, like a user at the console.
      await page.evaluate(`window.s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('under csp'); s.onmessage = (e) => (window.got = e.data);`);
      await until(page, `window.got === 'under csp'`);
      const panel = await openPanel(page);
      await waitForRows(panel, ['under csp']);
      // The browsers' own requests this policy blocks (Chromium's DevTools JSON, Firefox's favicon) are theirs, not ours.
      expect(page.errors.filter((e) => !e.includes('/.well-known/appspecific/com.chrome.devtools.json') && !/blocked the loading of a resource \(img-src\) at \S+\/favicon\.ico/.test(e))).toEqual([]);
      await page.close();
    });

    it('a page served with Content-Security-Policy: sandbox allow-scripts (opaque origin)', async () => {
      const page = await openPage(
        '/csp-sandbox',
        `<script>const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('sandboxed page'); s.onmessage = (e) => (window.got = e.data);</script>`,
        { 'content-security-policy': 'sandbox allow-scripts' },
      );
      await until(page, `window.got === 'sandboxed page'`);
      const panel = await openPanel(page);
      await waitForRows(panel, ['sandboxed page']);
      expect(page.errors).toEqual([]);
      await page.close();
    });

    it('a page served with Content-Security-Policy: sandbox (scripts disabled): nothing can open a socket, the page still loads', async () => {
      const page = await openPage('/csp-sandbox-strict', `<p>static</p>`, { 'content-security-policy': 'sandbox' });
      expect(await page.$eval('p', (p) => p.textContent)).toBe('static');
      // Known difference: Chromium blocks our MAIN-world script here as it would block the page's, and says so in the console.
      expect(page.errors.filter((e) => !e.startsWith('Blocked script execution'))).toEqual([]);
      await page.close();
    });
  });

  describe('early sockets', () => {
    it('captures, with every frame, a socket from the first inline script in <head> and one from a synchronous script before DOMContentLoaded', async () => {
      ctx.pages.set(
        '/early.js',
        `const b = new WebSocket(${js(ctx.ws.echo)}); b.onopen = () => { for (let i = 0; i < 3; i++) b.send('sync script ' + i); };
         document.addEventListener('DOMContentLoaded', () => (window.dcl = b.readyState));`,
        { 'content-type': 'text/javascript' },
      );
      const page = await openPage(
        '/early',
        `<!doctype html><html><head><script>
          const a = new WebSocket(${js(ctx.ws.echo)}); a.onopen = () => { for (let i = 0; i < 3; i++) a.send('head script ' + i); };
          a.onmessage = () => (window.gotA = (window.gotA || 0) + 1);
        </script><script src="/early.js"></script></head><body>early</body></html>`,
      );
      const panel = await openPanel(page);
      await waitForRows(panel, ['head script 0', 'head script 1', 'head script 2', 'sync script 0', 'sync script 1', 'sync script 2']);
      const items = await waitForConnections(panel, (i) => i.length === 2 && i.every((x) => x.includes('↑ 3 (') && x.includes('↓ 3 (')), 'both early sockets, all frames');
      expect(items).toHaveLength(2);
      expect(await page.evaluate('window.dcl')).toBe(0); // the second socket really was opened before DOMContentLoaded
      expect(page.errors).toEqual([]);
      await page.close();
    });
  });
}
