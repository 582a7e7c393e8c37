// End to end in real Chromium: workers' WebSockets, read from DevTools' own network log while DevTools is open — a
// dedicated and a module worker's frames appear live in the WS panel, labelled with their script; a shared worker's
// are not in the log; the page's own socket (captured by the hook) shows once.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { ChromiumWorkbench, chromiumWithServers, openPanel } from '../support/chromium';
import { collectErrors, rowData, waitUntil } from '../support/driver';
import { showWsPanel, wsPanelFrame } from '../../scripts/chromium.mjs';
import { IDLE_POLL_MS } from '../../src/panel/logPollDelay';

const ctx = chromiumWithServers();
const js = JSON.stringify;
const JS = { 'content-type': 'text/javascript' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A worker body: opens an echo socket, sends `first`, reports each echo to the page with its location; the page's
 * messages `send:<text>` and `close` drive the socket afterwards.
 */
const workerBody = (first: string) => `
  const s = new WebSocket(${js('ECHO')});
  const echoes = [];
  s.onopen = () => s.send(${js(first)});
  const onCommand = (command, post) => {
    if (command === 'close') s.close(1000, 'done');
    else s.send(command.slice(5));
  };`;

function setUp() {
  const body = (first: string) => workerBody(first).replace(js('ECHO'), js(ctx.ws.echo));
  ctx.pages.set('/w/helper.js', `self.helper = 'loaded relative to ' + self.location.pathname;`, JS);
  ctx.pages.set('/w/dedicated.js', `importScripts('helper.js'); ${body('from a dedicated worker')}
    s.onmessage = (e) => postMessage({ echoed: e.data, location: self.location.href, helper: self.helper });
    onmessage = (e) => onCommand(e.data);`, JS);
  ctx.pages.set('/w/dep.js', `export const dep = 'imported';`, JS);
  ctx.pages.set('/w/module.js', `import { dep } from './dep.js'; ${body('from a module worker')}
    s.onmessage = (e) => postMessage({ echoed: e.data, location: self.location.href, dep });
    onmessage = (e) => onCommand(e.data);`, JS);
  ctx.pages.set('/w/shared.js', `${body('from a shared worker')}
    const ports = []; onconnect = (c) => { ports.push(c.ports[0]); };
    s.onmessage = (e) => { for (const p of ports) p.postMessage({ echoed: e.data, location: self.location.href }); };`, JS);
  const blob = `${body('from a blob worker')} s.onmessage = (e) => postMessage({ echoed: e.data, blob: self.location.protocol });`;
  ctx.pages.set('/workers', `<!doctype html><title>workers</title><script>
    window.results = { dedicated: [], module: [], blob: [], shared: [], page: [] };
    window.start = () => {
      window.dedicated = new Worker('/w/dedicated.js');
      dedicated.onmessage = (e) => results.dedicated.push(e.data);
      window.moduleWorker = new Worker('/w/module.js', { type: 'module' });
      moduleWorker.onmessage = (e) => results.module.push(e.data);
      // As mqtt.js does: a worker from a blob: URL revoked at once.
      const url = URL.createObjectURL(new Blob([${js(`BLOB`)}], { type: 'text/javascript' }));
      window.blobWorker = new Worker(url);
      URL.revokeObjectURL(url);
      blobWorker.onmessage = (e) => results.blob.push(e.data);
      const shared = new SharedWorker('/w/shared.js');
      shared.port.onmessage = (e) => results.shared.push(e.data);
      // The page's own socket, to the same URL at the same moment: the hook has it, the log has it too.
      const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('from the page'); s.onmessage = (e) => results.page.push(e.data);
    };
  </script>`.replace(js('BLOB'), js(blob).replace(/<\//g, '<\\/')));
}

async function openWorkersPage(): Promise<{ page: Page & { errors: string[] }; panel: ChromiumWorkbench }> {
  setUp();
  const page = collectErrors(await ctx.session.browser.newPage());
  await page.goto(`${ctx.pages.origin}/workers`);
  // DevTools' log holds what happens after it opened: the workers start once the panel is there.
  const panel = new ChromiumWorkbench(await openPanel(ctx.session, page));
  await panel.frame.page().setViewport({ width: 1400, height: 1600 });
  await page.evaluate('start()');
  return { page, panel };
}

const count = (rows: string[], text: string) => rows.filter((r) => r === text).length;

describe('workers’ sockets from DevTools’ network log', () => {
  it('shows dedicated, module and blob: workers’ frames live, labelled with their scripts, the page’s socket once, no shared worker’s', async () => {
    const { page, panel } = await openWorkersPage();
    await page.waitForFunction('results.dedicated.length && results.module.length && results.blob.length && results.shared.length && results.page.length');
    // The workers run as without the extension: their own location, relative imports.
    expect(await page.evaluate('results')).toEqual({
      dedicated: [{ echoed: 'from a dedicated worker', location: `${ctx.pages.origin}/w/dedicated.js`, helper: 'loaded relative to /w/dedicated.js' }],
      module: [{ echoed: 'from a module worker', location: `${ctx.pages.origin}/w/module.js`, dep: 'imported' }],
      blob: [{ echoed: 'from a blob worker', blob: 'blob:' }],
      shared: [{ echoed: 'from a shared worker', location: `${ctx.pages.origin}/w/shared.js` }],
      page: ['from the page'],
    });
    const wanted = ['from a dedicated worker', 'from a module worker', 'from a blob worker', 'from the page'];
    let rows = await waitUntil(() => rowData(panel), (r) => wanted.every((w) => count(r, w) === 2), 'workers’ and page’s frames', 8000);
    // Sent and echoed, each once: the page's socket is not doubled by its copy in the log.
    expect(wanted.map((w) => count(rows, w))).toEqual([2, 2, 2, 2]);

    const items = await panel.connections();
    expect(items).toHaveLength(4);
    expect(items.filter((i) => i.includes('top document'))).toHaveLength(1);
    expect(items.filter((i) => i.includes('worker /w/dedicated.js'))).toHaveLength(1);
    expect(items.filter((i) => i.includes('worker /w/module.js'))).toHaveLength(1);
    expect(items.filter((i) => i.includes(`worker blob:${ctx.pages.origin}/`.slice(0, 20)))).toHaveLength(1);
    // The label (list and Socket column) names the script, as the page's socket has the same URL.
    for (const name of ['dedicated.js', 'module.js', 'blob']) expect(items.filter((i) => i.includes(`· worker ${name}`))).toHaveLength(1);
    expect(await panel.text('.connections .log-note')).toMatch(/DevTools’ own network log: shown from the moment DevTools opened/);

    // Live: a frame the dedicated worker sends now shows within a poll or two.
    const sentAt = Date.now();
    await page.evaluate(`dedicated.postMessage('send:live from the worker')`);
    rows = await waitUntil(() => rowData(panel), (r) => count(r, 'live from the worker') === 2, 'a live worker frame', 6000);
    const latency = Date.now() - sentAt;
    console.log(`worker frame shown ${latency} ms after it was sent`);
    expect(latency).toBeLessThan(IDLE_POLL_MS + 1500); // at worst one idle poll's wait

    // The connection says where it comes from, and that the panel cannot drive it.
    await panel.clickRow('live from the worker');
    const facts = await panel.text('[aria-label="Connection facts"]');
    expect(facts).toContain('Seen inDevTools’ network log (not by the page hook): frames since DevTools opened');
    expect(facts).toContain(`Opened by${ctx.pages.origin}/w/dedicated.js`);

    // Closing: the log reports the request finished, the connection shows closed (the log has no close code).
    await page.evaluate(`moduleWorker.postMessage('close')`);
    await waitUntil(() => panel.connections(), (i) => i.some((x) => x.includes('worker /w/module.js') && x.includes('closed')), 'the module worker’s socket closed', 6000);
    rows = await rowData(panel);
    expect(count(rows, 'Closed (DevTools’ network log does not record the code)')).toBe(1);

    // The shared worker's socket is not in the log: after several polls, still none of its frames.
    await sleep(2500);
    rows = await rowData(panel);
    expect(count(rows, 'from a shared worker')).toBe(0);
    expect(await panel.connections()).toHaveLength(4);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('reads the log only once the network layer saw a socket the hook did not report (a worker’s)', async () => {
    setUp();
    const page = collectErrors(await ctx.session.browser.newPage());
    await page.goto(`${ctx.pages.origin}/workers`);
    const panel = new ChromiumWorkbench(await openPanel(ctx.session, page));
    await panel.frame.evaluate(`(() => {
      const n = chrome.devtools.network; const real = n.getHAR.bind(n); window.harCalls = 0;
      n.getHAR = (cb) => { harCalls++; return real(cb); };
    })()`);
    // The page's own sockets only: every read would copy every frame in DevTools' log, for nothing.
    await page.evaluate(`for (let i = 0; i < 3; i++) { const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('page socket ' + i); }`);
    await waitUntil(() => rowData(panel), (r) => count(r, 'page socket 2') === 2, 'the page’s frames');
    await sleep(3000);
    expect(await panel.frame.evaluate('harCalls')).toBe(0);
    // A navigation retires the old page's sockets, whose handshakes the background keeps: still nothing to read there.
    await page.goto(`${ctx.pages.origin}/workers`);
    await page.evaluate(`{ const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('after navigating'); }`);
    await waitUntil(() => rowData(panel), (r) => count(r, 'after navigating') === 2, 'the new page’s frames');
    await sleep(2500);
    expect(await panel.frame.evaluate('harCalls')).toBe(0);
    await page.evaluate('start()');
    await waitUntil(() => rowData(panel), (r) => count(r, 'from a dedicated worker') === 2, 'the dedicated worker’s frames', 8000);
    expect(await panel.frame.evaluate('harCalls')).toBeGreaterThan(0);
    await page.close();
  });

  it('reads the log only while the WS panel is shown, and catches up when it shows again', async () => {
    const { page, panel } = await openWorkersPage();
    await waitUntil(() => rowData(panel), (r) => count(r, 'from a dedicated worker') === 2, 'the dedicated worker’s frames', 8000);
    // Count getHAR calls from here on, wrapping the panel's own API object.
    await panel.frame.evaluate(`(() => {
      const n = chrome.devtools.network; const real = n.getHAR.bind(n); window.harCalls = 0;
      n.getHAR = (cb) => { harCalls++; return real(cb); };
    })()`);
    await sleep(2500);
    const shown = (await panel.frame.evaluate('harCalls')) as number;
    expect(shown).toBeGreaterThan(0);
    const devtools = panel.frame.page();
    await devtools.evaluate(`import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().showPanel('network'))`);
    await sleep(500);
    const before = (await panel.frame.evaluate('harCalls')) as number;
    await page.evaluate(`dedicated.postMessage('send:while hidden')`);
    await sleep(3000);
    expect(await panel.frame.evaluate('harCalls')).toBe(before);
    await devtools.evaluate(`import('./ui/legacy/legacy.js').then((UI) => UI.InspectorView.InspectorView.instance().showPanel(${js(`chrome-extension://${ctx.session.extensionId}WS`)}))`);
    // Shown again: what the worker sent meanwhile comes in from the log.
    await waitUntil(() => rowData(panel), (r) => count(r, 'while hidden') === 2, 'the frames sent while hidden', 6000);
    await page.close();
  });

  it('a worker’s socket that closed while DevTools showed another tool shows, with its frames, closed', async () => {
    setUp();
    const page = collectErrors(await ctx.session.browser.newPage());
    await page.goto(`${ctx.pages.origin}/workers`);
    const devtools = await page.openDevTools(); // on its default tool: the WS panel is not loaded yet
    // DevTools logs from when its front end is up and attached, a moment after the window opens.
    await waitUntil(
      () => devtools.evaluate(`import('./ui/legacy/legacy.js').then((UI) => !!UI.InspectorView.InspectorView.maybeGetInspectorViewInstance())`).catch(() => false),
      (up) => up === true,
      'DevTools to start',
    );
    await sleep(1000);
    await page.evaluate('start()');
    await page.waitForFunction('results.dedicated.length && results.module.length');
    await page.evaluate(`moduleWorker.postMessage('close')`);
    await sleep(500);
    expect(await showWsPanel(devtools, ctx.session.extensionId!)).toBe(true);
    const panel = new ChromiumWorkbench(await wsPanelFrame(devtools, ctx.session.extensionId!));
    await panel.frame.page().setViewport({ width: 1400, height: 1600 });
    const items = await waitUntil(() => panel.connections(), (i) => i.some((x) => x.includes('worker /w/module.js')) && i.some((x) => x.includes('worker /w/dedicated.js')), 'the workers’ sockets', 8000);
    expect(items.find((x) => x.includes('worker /w/module.js'))).toMatch(/closed/);
    expect(items.find((x) => x.includes('worker /w/dedicated.js'))).toMatch(/open/);
    const rows = await rowData(panel);
    expect(count(rows, 'from a module worker')).toBe(2);
    expect(count(rows, 'Closed (DevTools’ network log does not record the code)')).toBe(1);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
