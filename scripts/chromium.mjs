// Node: the Chromium facts shared by `npm start`, `npm run screenshot`, the E2E tests and the benchmarks — where Debian's
// Chromium is, the flags that load the built extension, and how to switch its DevTools to the WS panel.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const EXTENSION_DIR = fileURLToPath(new URL('../dist/chrome', import.meta.url));

/** Flags for a quiet Chromium on a machine with no internet, loading the built extension when `extension` is true. */
export function chromiumArgs({ extension = true } = {}) {
  const args = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (extension) args.push(`--load-extension=${EXTENSION_DIR}`, `--disable-extensions-except=${EXTENSION_DIR}`);
  return args;
}

export async function extensionIdOf(browser, timeout = 15_000) {
  const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout });
  return new URL(worker.url()).host;
}

/**
 * Shows the WS panel in a DevTools page (what `page.openDevTools()` returns) and resolves true once it is selected.
 * The panel id is the extension origin followed by the panel title; the code is a string because it runs in DevTools' own page.
 */
export async function showWsPanel(devtools, extensionId, timeout = 20_000) {
  const id = JSON.stringify(`chrome-extension://${extensionId}WS`);
  const show = `import('./ui/legacy/legacy.js').then((UI) => {
    const iv = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
    if (!iv || !iv.hasPanel(${id})) return false;
    return iv.showPanel(${id}).then(() => true);
  })`;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await devtools.evaluate(show).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** The WS panel's frame inside a DevTools page, once loaded. */
export async function wsPanelFrame(devtools, extensionId, timeout = 20_000) {
  const url = `chrome-extension://${extensionId}/src/panel/panel.html`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = devtools.frames().find((f) => f.url() === url);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('The WS panel frame did not load');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function assertChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
}

/**
 * A headless Chromium in a fresh profile, with the built extension unless `extension` is false; `args` and `options`
 * add to the shared flags and puppeteer's launch options. Resolves to { browser, extensionId, close }.
 */
export async function launchChromium({ extension = true, args = [], options = {} } = {}) {
  assertChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'wsi-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: [...chromiumArgs({ extension }), '--disable-gpu', ...args],
    ignoreDefaultArgs: extension ? ['--disable-extensions'] : [],
    ...options,
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

/** Opens DevTools for `page`, shows the WS panel and resolves to the panel's frame once its table is there. */
export async function openWsPanel(session, page) {
  const devtools = await page.openDevTools();
  if (!(await showWsPanel(devtools, session.extensionId))) throw new Error('The WS panel did not appear in DevTools');
  const frame = await wsPanelFrame(devtools, session.extensionId);
  await frame.waitForSelector('[role=grid]');
  return frame;
}
