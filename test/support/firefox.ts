// Test support (Node): launches Debian's firefox-esr with dist/firefox as a temporary add-on, and opens and reads the real
// Firefox DevTools WS panel. Everything that leans on Firefox internals (chrome-scope script, frame scripts) lives here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PANEL, collectErrors, waitUntil, type BrowserDriver, type PanelRow, type TestFile, type WorkbenchPanel } from './driver';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL('../../dist/firefox', import.meta.url));

export function assertFirefox() {
  if (!existsSync(FIREFOX))
    throw new Error(`Firefox not found at ${FIREFOX}. Install it: apt-get update && apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No built extension in ${FIREFOX_EXTENSION_DIR}. Run npm run build first (npm run test:e2e does).`);
}

/** The panel's title, as devtools.ts creates it; the toolbox lists extension panels by this label. */
const PANEL_LABEL = 'WS';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

/**
 * Chrome-scope prelude: finds the tab behind a WebDriver BiDi context id, and the <browser> that shows our panel in
 * that tab's toolbox. Uses the Remote Agent's own id mapping, so it is the tab puppeteer drives, not a guess by URL.
 */
const PRELUDE = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
  const { TabManager } = ChromeUtils.importESModule('chrome://remote/content/shared/TabManager.sys.mjs');
  const tabOf = (ctx) => {
    const bc = NavigableManager.getBrowsingContextById(ctx);
    const tab = bc && TabManager.getTabForBrowsingContext(bc);
    if (!tab) throw new Error('no tab for browsing context ' + ctx);
    return tab;
  };
  const wsTool = (toolbox) => toolbox.getAdditionalTools().find((t) => t.label === ${JSON.stringify(PANEL_LABEL)});
  const panelBrowser = (ctx) => {
    const toolbox = gDevTools.getToolboxForTab(tabOf(ctx));
    const tool = toolbox && wsTool(toolbox);
    const iframe = tool && toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id);
    return iframe && iframe.contentDocument && iframe.contentDocument.querySelector('browser');
  };
`;

type PanelOp = 'query' | 'type' | 'click' | 'attribute' | 'text' | 'value' | 'focus' | 'focused' | 'rect' | 'clickRow' | 'choose' | 'files' | 'watchCount' | 'countSeenAt';

/**
 * Runs one operation on the panel document. The panel is an extension page in a remote <browser> inside the toolbox,
 * out of reach of BiDi, so a one-shot frame script does the DOM work in the panel's process and replies. Reading is
 * done here; real input (keys, mouse) is synthesized in the parent process (see FirefoxPanel), this only aims it.
 */
function panelOp(op: PanelOp, arg: object): string {
  const frameScript = `(() => {
    const op = ${JSON.stringify(op)}, arg = ${JSON.stringify(arg)}, reply = ${JSON.stringify(`wsi:reply`)};
    let value = null, error = null;
    try {
      const doc = content.document;
      const one = (s) => { const el = doc.querySelector(s); if (!el) throw new Error('nothing matches ' + s); return el; };
      if (op === 'query') {
        value = Array.from(doc.querySelectorAll(arg.selector), (el) => {
          if (!arg.fields) return el.textContent || '';
          const o = {};
          for (const [k, [sel, attr]] of Object.entries(arg.fields)) {
            const c = el.querySelector(sel);
            o[k] = c ? (attr ? c.getAttribute(attr) : c.textContent) || '' : '';
          }
          return o;
        });
      } else if (op === 'type') {
        const input = one(arg.selector);
        input.focus();
        input.value = arg.text;
        input.dispatchEvent(new content.InputEvent('input', { bubbles: true, data: arg.text, inputType: 'insertText' }));
      } else if (op === 'attribute') {
        const el = doc.querySelector(arg.selector);
        value = el ? el.getAttribute(arg.name) : null;
      } else if (op === 'text') {
        const el = doc.querySelector(arg.selector);
        value = el ? el.textContent : null;
      } else if (op === 'value') {
        const el = doc.querySelector(arg.selector);
        value = !el ? null : el.type === 'checkbox' ? String(el.checked) : el.value;
      } else if (op === 'focus') {
        const el = one(arg.selector);
        el.focus();
        if (doc.activeElement !== el) throw new Error(arg.selector + ' did not take focus');
      } else if (op === 'focused') {
        const el = doc.activeElement;
        value = el ? el.id || el.tagName : '';
      } else if (op === 'rect') {
        // Where a user would point at it: scrolled into view, its centre in the panel's viewport (CSS px).
        const el = one(arg.selector);
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const r = el.getBoundingClientRect();
        if (!r.width && !r.height) throw new Error(arg.selector + ' is not visible');
        value = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      } else if (op === 'clickRow') {
        // Found and clicked in one step: between two steps a flood could move another row there.
        const row = Array.from(doc.querySelectorAll(arg.selector)).find((r) => { const c = r.querySelector(arg.cell); return c && c.textContent === arg.text; });
        if (!row) throw new Error('no row reads ' + JSON.stringify(arg.text));
        row.click();
      } else if (op === 'choose') {
        // A <select>'s options are drawn by the parent process: choosing one is its value and a change event, as there.
        const el = one(arg.selector);
        el.value = arg.value;
        if (el.value !== arg.value) throw new Error(arg.selector + ' has no option ' + arg.value);
        el.dispatchEvent(new content.Event('change', { bubbles: true }));
      } else if (op === 'files') {
        // BiDi cannot reach the panel's document (see above), so its input.setFiles cannot either. The files are made
        // in a sandbox with the panel page's own principal: items a DataTransfer gets from the frame script's system
        // principal are hidden from the page's code (a drop would carry no files).
        one(arg.selector);
        const sandbox = Cu.Sandbox(content, { sandboxPrototype: content, wantXrays: false });
        sandbox.arg = Cu.cloneInto(arg, sandbox);
        const handOver = function () {
          const el = document.querySelector(arg.selector);
          const dt = new DataTransfer();
          for (const f of arg.files) dt.items.add(new File([f.text], f.name, { type: f.type || '' }));
          if (arg.drop) {
            for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
          } else {
            el.files = dt.files;
            el.dispatchEvent(new Event('change', { bubbles: true }));
          }
        };
        Cu.evalInSandbox('(' + handOver.toString() + ')()', sandbox);
      } else if (op === 'watchCount') {
        // Timed in the panel's own process as the DOM changes (a MutationObserver), not by polling from the parent: when
        // the number leading arg.selector's text first reaches arg.atLeast, as the panel's performance.timeOrigin + now(),
        // kept in an attribute of its root element for countSeenAt.
        const root = doc.documentElement;
        root.removeAttribute('data-wsi-count-seen-at');
        const check = () => {
          const el = doc.querySelector(arg.selector);
          if (el && Number((/^(\\d+)/.exec(el.textContent || '') || [])[1] || 0) >= arg.atLeast) {
            root.setAttribute('data-wsi-count-seen-at', String(content.performance.timeOrigin + content.performance.now()));
            observer.disconnect();
          }
        };
        const observer = new content.MutationObserver(check);
        observer.observe(doc.body, { subtree: true, childList: true, characterData: true });
        check();
      } else if (op === 'countSeenAt') {
        const at = doc.documentElement.getAttribute('data-wsi-count-seen-at');
        value = at === null ? null : Number(at);
      } else {
        one(arg.selector).click();
      }
    } catch (e) { error = String(e); }
    sendAsyncMessage(reply, { id: arg.id, value, error });
  })();`;
  return frameScript;
}

let opIds = 0;

/**
 * Chrome-scope input helpers (after PRELUDE): real, trusted input, synthesized in the parent process the way Firefox's
 * own tests do (EventUtils: nsITextInputProcessor for keys, window.synthesizeMouseEvent for the mouse). Both go through
 * the widget and PresShell like OS input: keys go to the focused element — the panel's remote <browser>, which forwards
 * them to the panel page — and whatever the page leaves alone comes back to the toolbox and the browser window
 * (Esc → split console, Ctrl+F → find bar), exactly as for a user.
 */
const INPUT = `
  const NAMED = { Escape: 27, Enter: 13, Tab: 9, Backspace: 8, Delete: 46, ArrowUp: 38, ArrowDown: 40, ArrowLeft: 37,
    ArrowRight: 39, Home: 36, End: 35, PageUp: 33, PageDown: 34, Control: 17, Shift: 16 };
  const SHIFTED = '~!@#$%^&*()_+{}|:"<>?';
  const keyboard = (toolbox) => {
    const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
    if (!tip.beginInputTransactionForTests(toolbox.win)) throw new Error('no keyboard (text input processor) for the toolbox');
    const event = (key) => new toolbox.win.KeyboardEvent('', key in NAMED
      ? { key, code: key === 'Control' || key === 'Shift' ? key + 'Left' : key, keyCode: NAMED[key] }
      : { key, code: tip.guessCodeValueOfPrintableKeyInUSEnglishKeyboardLayout(key), keyCode: tip.guessKeyCodeValueOfPrintableKeyInUSEnglishKeyboardLayout(key) });
    const press = (key, modifiers = []) => {
      const mods = [...modifiers];
      if (key.length === 1 && (SHIFTED.includes(key) || key !== key.toLowerCase()) && !mods.includes('Shift')) mods.push('Shift');
      for (const m of mods) tip.keydown(event(m));
      const e = event(key);
      tip.keydown(e);
      tip.keyup(e);
      for (const m of mods.reverse()) tip.keyup(event(m));
    };
    return { press };
  };
  /** The mouse, at a point of the panel page given in its CSS px, synthesized on the browser window. */
  const mouseOn = (b) => {
    const top = tabOf(ctxId).ownerDocument.defaultView;
    const inner = b.ownerDocument.defaultView;
    const box = b.getBoundingClientRect();
    const ox = inner.mozInnerScreenX - top.mozInnerScreenX + box.left;
    const oy = inner.mozInnerScreenY - top.mozInnerScreenY + box.top;
    const tick = () => new Promise((r) => top.requestAnimationFrame(() => r()));
    return async (type, x, y, buttons) => {
      top.synthesizeMouseEvent(type, ox + x, oy + y, { button: 0, buttons }, {});
      await tick();
    };
  };
`;

/** The panel, read by frame scripts and driven with real input from the parent process. */
class FirefoxPanel implements WorkbenchPanel {
  constructor(private readonly ff: FirefoxDriver, private readonly ctx: string) {}

  /** Runs `body` in chrome scope with `toolbox`, `tab`, `b` (the panel's <browser>) and the INPUT helpers in scope. */
  private inChrome<T>(body: string): Promise<T> {
    return this.ff.chrome<T>(`(async () => {
      ${PRELUDE}
      const ctxId = ${JSON.stringify(this.ctx)};
      ${INPUT}
      const tab = tabOf(ctxId);
      const toolbox = gDevTools.getToolboxForTab(tab);
      const b = panelBrowser(ctxId);
      if (!toolbox || !b) throw new Error('The WS panel is not open in this tab');
      ${body}
    })()`);
  }

  private async op<T>(op: PanelOp, arg: object): Promise<T> {
    const id = ++opIds;
    const script = 'data:text/javascript;charset=utf-8,' + encodeURIComponent(panelOp(op, { ...arg, id }));
    const r = await this.ff.chrome<{ value: T; error: string | null } | 'no panel'>(`(async () => {
      ${PRELUDE}
      const b = panelBrowser(${JSON.stringify(this.ctx)});
      if (!b || !b.messageManager) return 'no panel';
      const mm = b.messageManager;
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => { mm.removeMessageListener('wsi:reply', listener); reject(new Error('the panel did not answer')); }, 5000);
        function listener(m) {
          if (m.data.id !== ${id}) return;
          mm.removeMessageListener('wsi:reply', listener);
          clearTimeout(timer);
          resolve(m.data);
        }
        mm.addMessageListener('wsi:reply', listener);
        mm.loadFrameScript(${JSON.stringify(script)}, false);
      });
    })()`);
    if (r === 'no panel') throw new Error('The WS panel is not open in this tab');
    if (r.error) throw new Error(`WS panel ${op}: ${r.error}`);
    return r.value;
  }

  private query<T>(selector: string, fields?: Record<string, [string, string | null]>) {
    return this.op<T[]>('query', { selector, fields: fields ?? null });
  }

  rows() {
    const { dir, type, size, data } = PANEL.cells;
    return this.query<PanelRow>(PANEL.row, { dir: [dir, 'aria-label'], type: [type, null], size: [size, null], data: [data, null] });
  }
  connections() {
    return this.query<string>(PANEL.connection);
  }
  /** From now on, the panel notes when its status line first counts `atLeast` (see the `watchCount` op). */
  watchStatusCount(atLeast: number) {
    return this.op<null>('watchCount', { selector: PANEL.status, atLeast });
  }
  /** When the status line first counted what watchStatusCount asked (ms since the epoch, the panel's clock), or null. */
  statusCountSeenAt() {
    return this.op<number | null>('countSeenAt', {});
  }
  async status() {
    return (await this.query<string>(PANEL.status))[0] ?? '';
  }
  async setFilter(text: string) {
    await this.op('type', { selector: PANEL.filter, text });
  }
  async clear() {
    await this.op('click', { selector: PANEL.clear });
  }
  async selectConnection(url: string) {
    await this.op('click', { selector: PANEL.connectionButton(url) });
  }
  async selectConnectionAt(index: number) {
    await this.op('click', { selector: PANEL.connectionButtonAt(index) });
  }
  async close() {
    await this.ff.chrome(`(async () => { ${PRELUDE} await gDevTools.closeToolboxForTab(tabOf(${JSON.stringify(this.ctx)})); })()`);
  }

  /** Gives the panel's <browser> the toolbox's focus (as a click into the panel would), then `selector` the page's. */
  private async focus(selector: string) {
    await this.inChrome(`b.focus(); if (Services.focus.focusedElement !== b) throw new Error('the panel did not take focus');`);
    await this.op('focus', { selector });
  }

  async press(selector: string, key: string, modifiers: ('Control' | 'Shift')[] = []) {
    await this.focus(selector);
    await this.inChrome(`keyboard(toolbox).press(${JSON.stringify(key)}, ${JSON.stringify(modifiers)});`);
  }
  async typeKeys(selector: string, text: string) {
    await this.focus(selector);
    const before = (await this.value(selector))?.length ?? 0;
    await this.inChrome(`const k = keyboard(toolbox); for (const ch of ${JSON.stringify([...text])}) k.press(ch);`);
    // Keys reach the panel's process on the input queue, which a later op (focusing the next field) can overtake:
    // wait until they are in the field, as a user would see them before moving on.
    await waitUntil(async () => (await this.value(selector))?.length ?? 0, (n) => n >= before + text.length, `the keys ${JSON.stringify(text)} in ${selector}`);
  }
  async click(selector: string) {
    const { x, y } = await this.op<{ x: number; y: number }>('rect', { selector });
    await this.inChrome(`const mouse = mouseOn(b);
      await mouse('mousemove', ${x}, ${y}, 0);
      await mouse('mousedown', ${x}, ${y}, 1);
      await mouse('mouseup', ${x}, ${y}, 0);`);
  }
  async fill(selector: string, text: string) {
    await this.op('type', { selector, text });
  }
  async clickRow(text: string) {
    await this.op('clickRow', { selector: PANEL.row, cell: PANEL.cells.data, text });
  }
  async choose(selector: string, value: string) {
    await this.op('choose', { selector, value });
  }
  text(selector: string) {
    return this.op<string | null>('text', { selector });
  }
  async drag(selector: string, dx: number, dy: number) {
    const { x, y } = await this.op<{ x: number; y: number }>('rect', { selector });
    await this.inChrome(`const mouse = mouseOn(b);
      await mouse('mousemove', ${x}, ${y}, 0);
      await mouse('mousedown', ${x}, ${y}, 1);
      for (let i = 1; i <= 5; i++) await mouse('mousemove', ${x} + ${dx} * i / 5, ${y} + ${dy} * i / 5, 1);
      await mouse('mouseup', ${x + dx}, ${y + dy}, 0);`);
  }
  attribute(selector: string, name: string) {
    return this.op<string | null>('attribute', { selector, name });
  }
  value(selector: string) {
    return this.op<string | null>('value', { selector });
  }
  async setFiles(selector: string, files: TestFile[]) {
    await this.op('files', { selector, files, drop: false });
  }
  async dropFiles(selector: string, files: TestFile[]) {
    await this.op('files', { selector, files, drop: true });
  }
  focused() {
    return this.op<string>('focused', {});
  }
  /**
   * The split console is the toolbox's own state. Firefox's toolbox has no find bar of its own for an extension
   * panel: a Ctrl+F that the panel leaves alone goes on to the browser window, which opens the tab's find bar (seen
   * with focus in the toolbox, and in the panel with its Ctrl+F handler bypassed), so that find bar is the one to watch.
   */
  devtools() {
    return this.inChrome<{ drawer: boolean; findBar: boolean }>(`
      const { gBrowser } = tab.ownerDocument.defaultView;
      const findBar = gBrowser.isFindBarInitialized(tab) && !gBrowser.getCachedFindBar(tab).hidden;
      return { drawer: !!toolbox.splitConsole, findBar };`);
  }

  selectedTool() {
    return this.inChrome<string>(`return toolbox.currentToolId;`);
  }

  /** Resolves once the panel page has rendered its frames grid. */
  async ready(timeout = 20_000) {
    const deadline = Date.now() + timeout;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        if ((await this.query<string>(PANEL.grid)).length) return;
      } catch (e) {
        last = e; // the panel's <browser> is still loading (about:blank, or mid process switch)
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The WS panel did not render in Firefox: ${String(last)}`);
  }
}

export class FirefoxDriver implements BrowserDriver {
  readonly name = 'Firefox';
  private constructor(readonly browser: Browser, private readonly chromeContext: string) {}

  /** `extension: false` gives the same browser without the add-on, to compare what a page sees. */
  static async launch({ extension = true } = {}): Promise<FirefoxDriver> {
    assertFirefox();
    const browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      // Lets BiDi evaluate in the browser window's chrome scope, which is where DevTools is opened and read.
      args: ['--remote-allow-system-access'],
      // No emulated viewport: puppeteer's fixed 800×600 page would overflow the browser window onto the docked toolbox
      // and take the mouse events meant for the panel.
      defaultViewport: null,
      extraPrefsFirefox: {
        // other.test is the test page server under a second origin, for cross-origin iframes.
        'network.dns.localDomains': 'other.test',
        // The toolbox opens on its default tool first; the console is the cheapest one to start.
        'devtools.toolbox.selectedTool': 'webconsole',
        // A docked toolbox tall enough for the panel to show a table, a composer and a detail pane at once.
        'devtools.toolbox.footer.height': 560,
      },
    });
    try {
      if (extension) {
        const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
        const gecko = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
        if (id !== gecko) throw new Error(`installed add-on ${id}, expected ${gecko}`);
      }
      const connection = (browser as unknown as { connection: BidiConnection }).connection;
      const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const win = (tree.result.contexts as { context: string; url: string }[]).find((c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!win) throw new Error('no chrome-scope browser window (is --remote-allow-system-access honoured?)');
      return new FirefoxDriver(browser, win.context);
    } catch (e) {
      await browser.close().catch(() => undefined);
      throw e;
    }
  }

  /** Evaluates `expression` (awaiting a promise) in the browser window's chrome scope and returns its JSON value. */
  async chrome<T>(expression: string): Promise<T> {
    const connection = (this.browser as unknown as { connection: BidiConnection }).connection;
    const { result } = await connection.send('script.evaluate', {
      // JSON over the wire keeps results plain, whatever BiDi's own serialisation would make of them.
      expression: `(async () => JSON.stringify(await ${expression}))()`,
      target: { context: this.chromeContext },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (result.type === 'exception') throw new Error(`chrome-scope script failed: ${result.exceptionDetails.text}`);
    const json = result.result.value as string | undefined;
    return (json === undefined ? undefined : JSON.parse(json)) as T;
  }

  async openPage(url: string) {
    const page = collectErrors(await this.browser.newPage());
    await page.goto(url);
    return page;
  }

  /** Opens the page's toolbox on one of Firefox's own tools (`netmonitor`: its WebSocket inspector), for comparisons. */
  async openDevTools(page: Page, toolId: string): Promise<void> {
    const ctx = (page.mainFrame() as unknown as { _id?: string })._id;
    if (!ctx) throw new Error('no BiDi browsing context id for the page');
    await this.chrome(`(async () => {
      ${PRELUDE}
      const toolbox = await gDevTools.showToolboxForTab(tabOf(${JSON.stringify(ctx)}), { toolId: ${JSON.stringify(toolId)} });
      await toolbox.selectTool(${JSON.stringify(toolId)});
      return true;
    })()`);
  }

  async openPanel(page: Page): Promise<FirefoxPanel> {
    const ctx = (page.mainFrame() as unknown as { _id?: string })._id;
    if (!ctx) throw new Error('no BiDi browsing context id for the page');
    const opened = await this.chrome<string>(`(async () => {
      ${PRELUDE}
      const toolbox = await gDevTools.showToolboxForTab(tabOf(${JSON.stringify(ctx)}));
      for (let i = 0; i < 200; i++) {
        const tool = wsTool(toolbox);
        if (tool) { await toolbox.selectTool(tool.id); return tool.id; }
        await new Promise((r) => setTimeout(r, 100));
      }
      return 'missing: ' + JSON.stringify(toolbox.getAdditionalTools().map((t) => t.label));
    })()`);
    if (opened.startsWith('missing')) throw new Error(`The WS panel did not appear in Firefox DevTools (${opened})`);
    const panel = new FirefoxPanel(this, ctx);
    await panel.ready();
    return panel;
  }

  async close() {
    await this.browser.close().catch(() => undefined);
  }
}
