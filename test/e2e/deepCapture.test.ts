// End to end in real Chromium: deep capture — the WS panel's "Deep capture" switch attaches the debugger to the tab and
// its workers, and the dedicated and module workers' sockets appear live from the socket made in the worker's first
// task, with their handshakes, each once (not again from DevTools' log); a shared worker's, from when it is found
// running; the page and workers run unchanged; turning it off detaches. Chrome's permission prompt cannot be clicked by automation: this test loads its own copy of dist/chrome
// whose manifest has `debugger` moved from optional_permissions to permissions, so it is granted at install and the
// panel's permissions.request resolves true without a prompt. The shipped build is unchanged (build.test.ts checks).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebWorker } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdOf, launchChromium } from '../../scripts/chromium.mjs';
import { assertChromium, ChromiumWorkbench, EXTENSION_DIR, openPanel, type Session } from '../support/chromium';
import { collectErrors, rowData, waitUntil } from '../support/driver';
import { startPageServer, startWsServers, type PageServer, type WsServers } from '../support/servers';

const js = JSON.stringify;
const JS = { 'content-type': 'text/javascript' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SWITCH = '[role=switch][aria-label="Deep capture"]';
const count = (rows: string[], text: string) => rows.filter((r) => r === text).length;

const ctx = {} as { session: Session; ws: WsServers; pages: PageServer; dir: string };

beforeAll(async () => {
  assertChromium();
  [ctx.ws, ctx.pages] = await Promise.all([startWsServers(), startPageServer()]);
  // The test's own copy of the build, with `debugger` granted at install (see the header).
  ctx.dir = mkdtempSync(join(tmpdir(), 'wsi-deep-'));
  cpSync(EXTENSION_DIR, ctx.dir, { recursive: true });
  const manifestPath = join(ctx.dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  expect(manifest.optional_permissions).toEqual(['debugger']);
  manifest.permissions = [...manifest.permissions, 'debugger'];
  delete manifest.optional_permissions;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const session = await launchChromium({
    extension: false,
    args: ['--host-resolver-rules=MAP *.test 127.0.0.1', `--load-extension=${ctx.dir}`, `--disable-extensions-except=${ctx.dir}`],
    options: { ignoreDefaultArgs: ['--disable-extensions'] },
  });
  ctx.session = { ...session, extensionId: await extensionIdOf(session.browser) };
});
afterAll(async () => {
  await ctx.session?.close();
  await ctx.ws?.close();
  await ctx.pages?.close();
  if (ctx.dir) rmSync(ctx.dir, { recursive: true, force: true });
});

/**
 * Each worker opens its socket in its first task (top-level code, before any await: a debugger that enables Network
 * only after the worker ran would miss its creation and handshake) and sends `first` as soon as it opens.
 */
function setUp() {
  const body = (first: string) => `
    const s = new WebSocket(${js(ctx.ws.handshake)});
    s.onopen = () => s.send(${js(first)});
    const onCommand = (command) => (command === 'close' ? s.close(1000, 'done') : s.send(command.slice(5)));`;
  ctx.pages.set('/w/helper.js', `self.helper = 'loaded relative to ' + self.location.pathname;`, JS);
  ctx.pages.set('/w/dedicated.js', `importScripts('helper.js'); ${body('first from a dedicated worker')}
    s.onmessage = (e) => postMessage({ echoed: e.data, location: self.location.href, helper: self.helper });
    onmessage = (e) => onCommand(e.data);`, JS);
  ctx.pages.set('/w/dep.js', `export const dep = 'imported';`, JS);
  ctx.pages.set('/w/module.js', `import { dep } from './dep.js'; ${body('first from a module worker')}
    s.onmessage = (e) => postMessage({ echoed: e.data, location: self.location.href, dep });
    onmessage = (e) => onCommand(e.data);`, JS);
  ctx.pages.set('/w/shared.js', `${body('first from a shared worker')}
    const ports = [];
    // A page's message opens another socket, which sends the message once open.
    onconnect = (c) => { ports.push(c.ports[0]); c.ports[0].onmessage = (e) => {
      const t = new WebSocket(${js(ctx.ws.handshake)}); t.onopen = () => t.send(e.data);
      t.onmessage = (m) => { for (const p of ports) p.postMessage({ echoed: m.data, location: self.location.href }); };
    }; };
    s.onmessage = (e) => { for (const p of ports) p.postMessage({ echoed: e.data, location: self.location.href }); };`, JS);
  const blob = `${body('first from a blob worker')} s.onmessage = (e) => postMessage({ echoed: e.data, blob: self.location.protocol });`;
  ctx.pages.set('/workers', `<!doctype html><title>workers</title><script>
    window.results = { dedicated: [], module: [], blob: [], shared: [], page: [] };
    window.start = () => {
      window.dedicated = new Worker('/w/dedicated.js');
      dedicated.onmessage = (e) => results.dedicated.push(e.data);
      window.moduleWorker = new Worker('/w/module.js', { type: 'module' });
      moduleWorker.onmessage = (e) => results.module.push(e.data);
      const url = URL.createObjectURL(new Blob([${js('BLOB')}], { type: 'text/javascript' }));
      window.blobWorker = new Worker(url);
      URL.revokeObjectURL(url);
      blobWorker.onmessage = (e) => results.blob.push(e.data);
      window.shared = new SharedWorker('/w/shared.js');
      shared.port.onmessage = (e) => results.shared.push(e.data);
      const s = new WebSocket(${js(ctx.ws.handshake)}); s.onopen = () => s.send('first from the page'); s.onmessage = (e) => results.page.push(e.data);
    };
  </script>`.replace(js('BLOB'), js(blob).replace(/<\//g, '<\\/')));
}

/** Pages a test opened: closed after it even when it fails, so a failed test leaves no deep capture on for the next. */
const opened: Page[] = [];
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close().catch(() => undefined);
});

async function openWorkersPage(): Promise<{ page: Page & { errors: string[] }; panel: ChromiumWorkbench }> {
  setUp();
  const page = collectErrors(await ctx.session.browser.newPage());
  opened.push(page);
  await page.goto(`${ctx.pages.origin}/workers`);
  const panel = new ChromiumWorkbench(await openPanel(ctx.session, page));
  await panel.frame.page().setViewport({ width: 1400, height: 1600 });
  return { page, panel };
}

/** A user's press on the switch (trusted input, so the permission request has its user gesture). */
async function toggle(panel: ChromiumWorkbench) {
  await panel.frame.focus(SWITCH);
  await panel.frame.page().keyboard.press('Space');
}

const switchOn = (panel: ChromiumWorkbench) => panel.frame.$eval(SWITCH, (e) => (e as HTMLInputElement).checked);

/** The extension's service worker, to ask chrome.debugger what it is attached to. */
async function background(): Promise<WebWorker> {
  const target = await ctx.session.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${ctx.session.extensionId}/`));
  return (await target.worker())!;
}

const tabOf = (panel: ChromiumWorkbench) => panel.frame.evaluate('chrome.devtools.inspectedWindow.tabId') as Promise<number>;
const ATTACHED = (tabId: number) => `chrome.debugger.sendCommand({ tabId: ${tabId} }, 'Runtime.evaluate', { expression: '1' }).then(() => true, () => false)`;

/** Whether the extension's debugger is attached to the panel's tab: a command on it succeeds only then. Asked from the panel. */
async function attachedToTab(panel: ChromiumWorkbench): Promise<boolean> {
  return panel.frame.evaluate(ATTACHED(await tabOf(panel))) as Promise<boolean>;
}

describe('deep capture (Chromium)', () => {
  // First: once puppeteer has attached to the extension's service worker (background() below), a restarted one can
  // stay paused for puppeteer, which is the harness's doing, not the extension's.
  it('turns off, saying why, when the extension’s service worker is restarted', async () => {
    const { page, panel } = await openWorkersPage();
    await toggle(panel);
    await waitUntil(() => switchOn(panel), (on) => on, 'the switch on', 8000);
    // Stopped as Chrome stops an idle worker; the panel reconnects, which starts a new one.
    const cdp = await ctx.session.browser.target().createCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ctx.session.extensionId}/`));
    expect((await cdp.send('Target.closeTarget', { targetId: sw!.targetId })).success).toBe(true);
    await cdp.detach();
    await waitUntil(() => switchOn(panel), (on) => !on, 'the switch off', 8000);
    expect(await panel.text('.deep-capture-reason')).toMatch(/background restarted/);
    // Asked from the panel (an extension page too): puppeteer does not see the restarted worker's target at once.
    // Chrome keeps the session the stopped worker attached: the panel's "off" after reconnecting ends it.
    await waitUntil(() => attachedToTab(panel), (a) => !a, 'no debugger left on the tab', 10_000);
    await page.close();
  });
  it('shows dedicated, module and blob: workers’ sockets live from their first task, with the handshake, once each; turning it off detaches', async () => {
    const { page, panel } = await openWorkersPage();
    expect(await switchOn(panel)).toBe(false);
    expect(await panel.text('#deep-capture-note')).toContain('WS Inspector started debugging this browser');

    await toggle(panel);
    await waitUntil(() => switchOn(panel), (on) => on, 'the switch on', 8000);
    expect(await attachedToTab(panel)).toBe(true);
    expect(await panel.text('#deep-capture-note')).toMatch(/^On: Chrome shows “WS Inspector started debugging this browser”/);

    await page.evaluate('start()');
    // Read from Node (no polling in the page), so a timeout says which worker never answered.
    await waitUntil(() => page.evaluate('JSON.stringify(results)') as Promise<string>, (r) => Object.values(JSON.parse(r)).every((a) => (a as unknown[]).length > 0), 'an echo from every worker and the page', 30_000);
    // The page and its workers run as without the extension: their own locations, relative imports, the blob: URL revoked at once.
    expect(await page.evaluate('results')).toEqual({
      dedicated: [{ echoed: 'first from a dedicated worker', location: `${ctx.pages.origin}/w/dedicated.js`, helper: 'loaded relative to /w/dedicated.js' }],
      module: [{ echoed: 'first from a module worker', location: `${ctx.pages.origin}/w/module.js`, dep: 'imported' }],
      blob: [{ echoed: 'first from a blob worker', blob: 'blob:' }],
      shared: [{ echoed: 'first from a shared worker', location: `${ctx.pages.origin}/w/shared.js` }],
      page: ['first from the page'],
    });

    const wanted = ['first from a dedicated worker', 'first from a module worker', 'first from a blob worker', 'first from the page'];
    let rows = await waitUntil(() => rowData(panel), (r) => wanted.every((w) => count(r, w) === 2), 'the workers’ first frames, sent and echoed', 8000);
    // Past a few DevTools-log polls: still each once (the log's copies of the workers' sockets are left out).
    await sleep(3500);
    rows = await rowData(panel);
    expect(wanted.map((w) => count(rows, w))).toEqual([2, 2, 2, 2]);
    const items = await panel.connections();
    console.log('deep capture connections:', items);
    for (const name of ['dedicated.js', 'module.js']) expect(items.filter((i) => i.includes(`worker /w/${name}`))).toHaveLength(1);
    expect(items.filter((i) => i.includes('top document'))).toHaveLength(1);
    // A shared worker is no child of the tab: it is found running (getTargets, within a second) and attached by
    // targetId, so the socket it made in its first task is missed, and the sockets it opens afterwards are shown.
    expect(count(rows, 'first from a shared worker')).toBe(0);
    expect(items).toHaveLength(4);
    await page.evaluate(`shared.port.postMessage('later from the shared worker')`);
    await page.waitForFunction(`results.shared.some((r) => r.echoed === 'later from the shared worker')`);
    rows = await waitUntil(() => rowData(panel), (r) => count(r, 'later from the shared worker') === 2, 'the shared worker’s later socket', 4000);
    expect((await panel.connections()).filter((i) => i.includes('worker /w/shared.js'))).toHaveLength(1);

    // Live: a frame the worker sends now shows at once, not a DevTools-log poll later.
    const sentAt = Date.now();
    await page.evaluate(`dedicated.postMessage('send:live from the worker')`);
    rows = await waitUntil(() => rowData(panel), (r) => count(r, 'live from the worker') === 2, 'a live worker frame', 4000);
    const latency = Date.now() - sentAt;
    console.log(`deep capture: worker frame shown ${latency} ms after it was sent`);
    expect(latency).toBeLessThan(900);

    // Seen by deep capture, with its handshake (the server's own response header).
    await panel.clickRow('live from the worker');
    const facts = await panel.text('[aria-label="Connection facts"]');
    expect(facts).toContain('Seen inDeep capture (the debugger in the worker, not the page hook)');
    expect(facts).toContain(`Opened by${ctx.pages.origin}/w/dedicated.js`);
    expect(await waitUntil(() => panel.text('[aria-label="Response headers"]'), (t) => (t ?? '').includes('hello from the server'), 'the handshake')).toContain('X-Handshake-Test');
    expect(await panel.text('[aria-label="Handshake facts"]')).toMatch(/101 Switching Protocols/);

    // A close shows at once.
    await page.evaluate(`moduleWorker.postMessage('close')`);
    await waitUntil(() => panel.connections(), (i) => i.some((x) => x.includes('worker /w/module.js') && x.includes('closed')), 'the module worker’s socket closed', 4000);

    // Off: the debugger detaches, the workers' sockets stop updating (and the log's copies stay out), the page works on.
    await toggle(panel);
    await waitUntil(() => switchOn(panel), (on) => !on, 'the switch off', 4000);
    await waitUntil(() => attachedToTab(panel), (a) => !a, 'the debugger detached', 4000);
    await page.evaluate(`dedicated.postMessage('send:after deep capture is off')`);
    await page.waitForFunction(`results.dedicated.some((r) => r.echoed === 'after deep capture is off')`);
    await sleep(3500);
    expect(count(await rowData(panel), 'after deep capture is off')).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('detaches when DevTools closes', async () => {
    const { page, panel } = await openWorkersPage();
    await toggle(panel);
    await waitUntil(() => switchOn(panel), (on) => on, 'the switch on', 8000);
    expect(await attachedToTab(panel)).toBe(true);
    const tabId = await tabOf(panel);
    await panel.frame.page().close();
    // The panel is gone, so asked from the service worker.
    const sw = await background();
    await waitUntil(() => sw.evaluate(ATTACHED(tabId)) as Promise<boolean>, (a) => !a, 'the debugger detached after DevTools closed', 5000);
    await page.close();
  });

});
