// Test support (Node): launches Debian's Chromium with the built extension, and opens the real DevTools WS panel.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { CHROMIUM, EXTENSION_DIR, chromiumArgs, extensionIdOf, showWsPanel, wsPanelFrame } from '../../scripts/chromium.mjs';

export { EXTENSION_DIR };

export function assertChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No built extension in ${EXTENSION_DIR}. Run npm run build first (npm run test:e2e does).`);
}

export interface Session {
  browser: Browser;
  extensionId?: string;
  close(): Promise<void>;
}

export async function launch({ extension = true } = {}): Promise<Session> {
  assertChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'wsi-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: [...chromiumArgs({ extension }), '--disable-gpu', '--host-resolver-rules=MAP *.test 127.0.0.1'],
    ignoreDefaultArgs: extension ? ['--disable-extensions'] : [],
  });
  const extensionId = extension ? await extensionIdOf(browser) : undefined;
  return {
    browser,
    extensionId,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens DevTools for the page, shows the WS panel and returns its frame (a frame of the DevTools page). */
export async function openPanel(session: Session, page: Page): Promise<Frame> {
  const devtools = await page.openDevTools();
  if (!(await showWsPanel(devtools, session.extensionId!))) throw new Error('The WS panel did not appear in DevTools');
  const frame = await wsPanelFrame(devtools, session.extensionId!);
  await frame.waitForSelector('[role=grid]');
  return frame;
}
