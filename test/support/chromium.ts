// Test support (Node): launches Debian's Chromium with the built extension, and opens and reads the real DevTools WS panel.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import {
  EXTENSION_DIR,
  assertChromium as assertChromiumInstalled,
  launchChromium,
  openWsPanel,
  type ChromiumSession,
} from '../../scripts/chromium.mjs';
import { startPageServer, startWsServers, type PageServer, type WsServers } from './servers';
import { PANEL, collectErrors, type BrowserDriver, type PanelDriver, type PanelRow } from './driver';

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
  async openPanel(page: Page): Promise<ChromiumPanel> {
    return new ChromiumPanel(await openPanel(this.session, page));
  }
  close() {
    return this.session.close();
  }
}
