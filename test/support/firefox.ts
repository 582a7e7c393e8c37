// Test support (Node): launches Debian's firefox-esr with dist/firefox as a temporary add-on, and opens and reads the real
// Firefox DevTools WS panel. Everything that leans on Firefox internals (chrome-scope script, frame scripts) lives here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PANEL, collectErrors, type BrowserDriver, type PanelDriver, type PanelRow } from './driver';

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

/**
 * Runs one operation on the panel document. The panel is an extension page in a remote <browser> inside the toolbox,
 * out of reach of BiDi, so a one-shot frame script does the DOM work in the panel's process and replies.
 */
function panelOp(op: 'query' | 'type' | 'click', arg: object): string {
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
      } else {
        one(arg.selector).click();
      }
    } catch (e) { error = String(e); }
    sendAsyncMessage(reply, { id: arg.id, value, error });
  })();`;
  return frameScript;
}

let opIds = 0;

class FirefoxPanel implements PanelDriver {
  constructor(private readonly ff: FirefoxDriver, private readonly ctx: string) {}

  private async op<T>(op: 'query' | 'type' | 'click', arg: object): Promise<T> {
    const id = ++opIds;
    const script = 'data:text/javascript,' + encodeURIComponent(panelOp(op, { ...arg, id }));
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
  async close() {
    await this.ff.chrome(`(async () => { ${PRELUDE} await gDevTools.closeToolboxForTab(tabOf(${JSON.stringify(this.ctx)})); })()`);
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
      extraPrefsFirefox: {
        // other.test is the test page server under a second origin, for cross-origin iframes.
        'network.dns.localDomains': 'other.test',
        // The toolbox opens on its default tool first; the console is the cheapest one to start.
        'devtools.toolbox.selectedTool': 'webconsole',
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

  async openPanel(page: Page): Promise<PanelDriver> {
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
