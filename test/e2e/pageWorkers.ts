// End to end, written once for every browser: a page's dedicated, module, shared and revoked-blob: workers, started
// before DevTools opens and again with the panel open, run unchanged with the extension (own location, relative
// imports, sockets that echo). The first ones' sockets are not shown (Chromium's DevTools log began after they opened);
// the later dedicated, module and blob: workers' are in Chromium only, a shared worker's in neither; only Chromium has
// the Deep capture switch (README, "What it captures"; workers.test.ts and deepCapture.test.ts, in Chromium).
import { expect, it } from 'vitest';
import { rowData, waitForRows, waitUntil } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const JS = { 'content-type': 'text/javascript' };

export function pageWorkerScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  it('dedicated, module, shared and revoked-blob: workers run unchanged; sockets older than DevTools are not shown, later ones in Chromium only, no shared worker’s', async () => {
    /** Opens an echo socket, sends `text`, and hands each echo with what the worker sees of itself to `post`. */
    const socket = (text: string, facts: string) => `const run = (post) => { const s = new WebSocket(${js(ctx.ws.echo)});
      s.onopen = () => s.send(${js(text)}); s.onmessage = (e) => post({ echoed: e.data, ${facts} }); };`;
    const located = 'location: self.location.href';
    ctx.pages.set('/w/helper.js', `self.helper = 'loaded relative to ' + self.location.pathname;`, JS);
    ctx.pages.set('/w/dep.js', `export const dep = 'imported';`, JS);
    ctx.pages.set('/w/dedicated.js', `importScripts('helper.js'); ${socket('from a dedicated worker', `${located}, helper: self.helper`)} run((m) => postMessage(m));`, JS);
    ctx.pages.set('/w/module.js', `import { dep } from './dep.js'; ${socket('from a module worker', `${located}, dep`)} run((m) => postMessage(m));`, JS);
    ctx.pages.set('/w/shared.js', `importScripts('helper.js'); ${socket('from a shared worker', `${located}, helper: self.helper`)} onconnect = (c) => run((m) => c.ports[0].postMessage(m));`, JS);
    const blob = `${socket('from a blob worker', 'protocol: self.location.protocol')} run((m) => postMessage(m));`;
    const page = await ctx.openPage(
      '/workers',
      `<script>
        window.results = {};
        new Worker('/w/dedicated.js').onmessage = (e) => (results.dedicated = e.data);
        new Worker('/w/module.js', { type: 'module' }).onmessage = (e) => (results.module = e.data);
        new SharedWorker('/w/shared.js').port.onmessage = (e) => (results.shared = e.data);
        // As mqtt.js does: a worker from a blob: URL, revoked at once.
        const url = URL.createObjectURL(new Blob([${js(blob).replace(/<\//g, '<\\/')}], { type: 'text/javascript' }));
        new Worker(url).onmessage = (e) => (results.blob = e.data);
        URL.revokeObjectURL(url);
        const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('from the page');
      </script>`,
    );
    await page.waitForFunction('results.dedicated && results.module && results.shared && results.blob');
    const results = (await page.evaluate('results')) as Record<string, unknown>;
    expect(results).toEqual({
      dedicated: { echoed: 'from a dedicated worker', location: `${ctx.pages.origin}/w/dedicated.js`, helper: 'loaded relative to /w/dedicated.js' },
      module: { echoed: 'from a module worker', location: `${ctx.pages.origin}/w/module.js`, dep: 'imported' },
      shared: { echoed: 'from a shared worker', location: `${ctx.pages.origin}/w/shared.js`, helper: 'loaded relative to /w/shared.js' },
      blob: { echoed: 'from a blob worker', protocol: 'blob:' },
    });
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['from the page']);
    // An absence has no event to wait for: past Chromium's log reader's grace and a few polls, still none.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await rowData(panel)).filter((r) => r.includes('worker'))).toEqual([]);
    expect(await panel.connections()).toHaveLength(1);

    // Started with the panel open: they run unchanged too; Chromium shows the dedicated, module and blob: workers'
    // frames from DevTools' log, Firefox shows none (its HAR has no WebSocket messages; README, "What it captures").
    await page.evaluate(`(() => {
      window.later = {};
      new Worker('/w/dedicated.js').onmessage = (e) => (later.dedicated = e.data);
      new Worker('/w/module.js', { type: 'module' }).onmessage = (e) => (later.module = e.data);
      const url = URL.createObjectURL(new Blob([${js(blob)}], { type: 'text/javascript' }));
      new Worker(url).onmessage = (e) => (later.blob = e.data);
      URL.revokeObjectURL(url);
      // The running shared worker: connecting to it again opens another socket there.
      new SharedWorker('/w/shared.js').port.onmessage = (e) => (later.shared = e.data);
    })()`);
    await page.waitForFunction('later.dedicated && later.module && later.blob && later.shared');
    expect(await page.evaluate('later')).toEqual(results);
    const fromWorkers = ['from a dedicated worker', 'from a module worker', 'from a blob worker'];
    if (ctx.driver.name === 'Chromium')
      await waitUntil(() => rowData(panel), (r) => fromWorkers.every((w) => r.filter((x) => x === w).length === 2), 'the workers’ frames, sent and echoed', 8000);
    // A few more of Chromium's log reads: the shared worker's socket is in neither browser's panel, nor Firefox's others.
    await new Promise((r) => setTimeout(r, 2500));
    const rows = await rowData(panel);
    expect(rows.filter((r) => r === 'from a shared worker')).toEqual([]);
    if (ctx.driver.name === 'Chromium') expect(await panel.connections()).toHaveLength(4);
    else {
      expect(rows.filter((r) => fromWorkers.includes(r))).toEqual([]);
      expect(await panel.connections()).toHaveLength(1);
    }
    // Deep capture, which reaches workers from their first task, needs Chromium's debugger: Firefox has no switch.
    expect(await panel.attribute('[role=switch][aria-label="Deep capture"]', 'role')).toBe(ctx.driver.name === 'Chromium' ? 'switch' : null);
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });
}
