// Test support (Node): launches Debian's Chromium with the built extension, and opens and reads the real DevTools WS panel.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, KeyInput, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import {
  EXTENSION_DIR,
  assertChromium as assertChromiumInstalled,
  launchChromium,
  openWsPanel,
  type ChromiumSession,
} from '../../scripts/chromium.mjs';
import { startPageServer, startWsServers, type PageServer, type WsServers } from './servers';
import { PANEL, collectErrors, type BrowserDriver, type PanelDriver, type PanelRow, type TestFile, type WorkbenchPanel } from './driver';

export { EXTENSION_DIR };

export function assertChromium() {
  assertChromiumInstalled();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No built extension in ${EXTENSION_DIR}. Run npm run build first (npm run test:e2e does).`);
}

export type Session = ChromiumSession;

export async function launch({ extension = true } = {}): Promise<Session> {
  assertChromium();
  return launchChromium({ extension, args: ['--host-resolver-rules=MAP *.test 127.0.0.1'] });
}

/**
 * Registers, in the enclosing file or describe block, one Chromium with the extension and the test servers; the
 * returned object is filled in before the tests run.
 */
export function chromiumWithServers() {
  const ctx = {} as { session: Session; ws: WsServers; pages: PageServer };
  beforeAll(async () => {
    [ctx.ws, ctx.pages] = await Promise.all([startWsServers(), startPageServer()]);
    ctx.session = await launch();
  });
  afterAll(async () => {
    await ctx.session?.close();
    await ctx.ws?.close();
    await ctx.pages?.close();
  });
  return ctx;
}

/** Opens DevTools for the page, shows the WS panel and returns its frame (a frame of the DevTools page). */
export const openPanel = (session: Session, page: Page): Promise<Frame> => openWsPanel(session, page);

/** The WS panel of the page's DevTools, as the shared driver reads it. */
export async function openPanelDriver(session: Session, page: Page): Promise<ChromiumPanel> {
  return new ChromiumPanel(await openPanel(session, page));
}

/** The panel is an ordinary frame of the DevTools page here, so puppeteer reads it and types into it like a user. */
export class ChromiumPanel implements PanelDriver {
  constructor(readonly frame: Frame) {}

  rows() {
    return this.frame.$$eval(
      PANEL.row,
      (rows, cells) => rows.map((r) => ({
        dir: r.querySelector(cells.dir)?.getAttribute('aria-label') ?? '',
        type: r.querySelector(cells.type)?.textContent ?? '',
        size: r.querySelector(cells.size)?.textContent ?? '',
        data: r.querySelector(cells.data)?.textContent ?? '',
      })),
      PANEL.cells,
    ) as Promise<PanelRow[]>;
  }
  connections() {
    return this.frame.$$eval(PANEL.connection, (items) => items.map((i) => i.textContent ?? ''));
  }
  status() {
    return this.frame.$eval(PANEL.status, (s) => s.textContent ?? '');
  }
  async setFilter(text: string) {
    const input = (await this.frame.$(PANEL.filter))!;
    await input.click({ count: 3 });
    await input.press('Backspace');
    if (text) await input.type(text);
  }
  clear() {
    return this.frame.click(PANEL.clear);
  }
  selectConnection(url: string) {
    return this.frame.click(PANEL.connectionButton(url));
  }
  /** A click on the element itself: a list long enough to scroll can move under puppeteer's pointer between its steps. */
  selectConnectionAt(index: number) {
    return this.frame.$eval(PANEL.connectionButtonAt(index), (b) => (b as HTMLButtonElement).click());
  }
  close() {
    return this.frame.page().close();
  }
}

export class ChromiumDriver implements BrowserDriver {
  readonly name = 'Chromium';
  private constructor(readonly session: Session) {}

  static async launch() {
    return new ChromiumDriver(await launch());
  }
  async openPage(url: string) {
    const page = collectErrors(await this.session.browser.newPage());
    await page.goto(url);
    return page;
  }
  async openPanel(page: Page): Promise<ChromiumWorkbench> {
    return new ChromiumWorkbench(await openPanel(this.session, page));
  }
  close() {
    return this.session.close();
  }
}

/** The Chromium panel with real input: the panel is a frame of the DevTools page, whose keyboard and mouse are real. */
export class ChromiumWorkbench extends ChromiumPanel implements WorkbenchPanel {
  private get devtoolsPage() {
    return this.frame.page();
  }
  async press(selector: string, key: string, modifiers: ('Control' | 'Shift')[] = []) {
    await this.frame.focus(selector);
    const keyboard = this.devtoolsPage.keyboard;
    for (const m of modifiers) await keyboard.down(m);
    await keyboard.press(key as KeyInput);
    for (const m of [...modifiers].reverse()) await keyboard.up(m);
  }
  async typeKeys(selector: string, text: string) {
    await this.frame.focus(selector);
    for (const ch of text) await this.devtoolsPage.keyboard.type(ch);
  }
  async click(selector: string) {
    await this.frame.click(selector);
  }
  async fill(selector: string, text: string) {
    await this.frame.$eval(
      selector,
      (el, t) => {
        (el as HTMLInputElement).value = t;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, data: t, inputType: 'insertText' }));
      },
      text,
    );
  }
  /** Finds and clicks in one step inside the panel: between two steps a flood could move another row under the pointer. */
  async clickRow(text: string) {
    const found = await this.frame.evaluate(
      (selector, cell, t) => {
        const row = [...document.querySelectorAll<HTMLElement>(selector)].find((r) => r.querySelector(cell)?.textContent === t);
        row?.click();
        return !!row;
      },
      PANEL.row,
      PANEL.cells.data,
      text,
    );
    if (!found) throw new Error(`no row reads ${JSON.stringify(text)}`);
  }
  text(selector: string) {
    return this.frame.$eval(selector, (el) => el.textContent).catch(() => null);
  }
  async choose(selector: string, value: string) {
    const chosen = await this.frame.select(selector, value);
    if (!chosen.includes(value)) throw new Error(`${selector} has no option ${value}`);
  }
  async drag(selector: string, dx: number, dy: number) {
    const box = await (await this.frame.waitForSelector(selector))!.boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    const mouse = this.devtoolsPage.mouse;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await mouse.move(x, y);
    await mouse.down();
    for (let i = 1; i <= 5; i++) await mouse.move(x + (dx * i) / 5, y + (dy * i) / 5);
    await mouse.up();
  }
  attribute(selector: string, name: string) {
    return this.frame.$eval(selector, (el, n) => el.getAttribute(n), name).catch(() => null);
  }
  value(selector: string) {
    return this.frame.$eval(selector, (el) => ((el as HTMLInputElement).type === 'checkbox' ? String((el as HTMLInputElement).checked) : (el as HTMLInputElement).value)).catch(() => null);
  }
  /** Real files on disk, set through the DevTools protocol (as the file picker would). */
  async setFiles(selector: string, files: TestFile[]) {
    const dir = mkdtempSync(join(tmpdir(), 'wsi-files-'));
    const paths = files.map((f) => {
      const path = join(dir, f.name);
      writeFileSync(path, f.text);
      return path;
    });
    const input = await this.frame.$(selector);
    if (!input) throw new Error(`nothing matches ${selector}`);
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...paths);
  }
  async dropFiles(selector: string, files: TestFile[]) {
    await this.frame.$eval(
      selector,
      (el, list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type ?? '' }));
        for (const type of ['dragenter', 'dragover', 'drop']) el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      },
      files,
    );
  }
  focused() {
    return this.frame.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || '');
  }
  selectedTool() {
    return this.devtoolsPage.evaluate(`(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      const view = UI.InspectorView.InspectorView.instance();
      return view.tabbedPane?.selectedTabId ?? view.currentPanelDeprecated()?.name ?? '';
    })()`) as Promise<string>;
  }
  /** Read from DevTools' own front end: the drawer from its InspectorView, the find bar as a shown `.search-bar`. */
  devtools() {
    return this.devtoolsPage.evaluate(`(async () => {
      const UI = await import('./ui/legacy/legacy.js');
      const deep = (root, out = []) => { for (const el of root.querySelectorAll('*')) { out.push(el); if (el.shadowRoot) deep(el.shadowRoot, out); } return out; };
      const findBar = deep(document).some((e) => e.classList.contains('search-bar') && !e.classList.contains('hidden') && e.getBoundingClientRect().height > 0);
      return { drawer: UI.InspectorView.InspectorView.instance().drawerVisible(), findBar };
    })()`) as Promise<{ drawer: boolean; findBar: boolean }>;
  }
}
