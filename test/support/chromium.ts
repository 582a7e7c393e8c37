// Test support (Node): launches Debian's Chromium with the built extension, and opens the real DevTools WS panel.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve('dist/chrome');

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

export async function launch({ extension = true, headless = true } = {}): Promise<Session> {
  assertChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'wsi-chromium-'));
  const args = [
    '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--host-resolver-rules=MAP *.test 127.0.0.1',
  ];
  if (extension) args.push(`--load-extension=${EXTENSION_DIR}`, `--disable-extensions-except=${EXTENSION_DIR}`);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless,
    userDataDir,
    args,
    ignoreDefaultArgs: extension ? ['--disable-extensions'] : [],
  });
  let extensionId: string | undefined;
  if (extension) {
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 15_000 });
    extensionId = new URL(worker.url()).host;
  }
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
  const panelId = `chrome-extension://${session.extensionId}WS`;
  // Passed as a string: the DevTools front end's own module, evaluated in its page.
  const show = `import('./ui/legacy/legacy.js').then((UI) => {
    const iv = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
    if (!iv || !iv.hasPanel(${JSON.stringify(panelId)})) return false;
    return iv.showPanel(${JSON.stringify(panelId)}).then(() => true);
  })`;
  const deadline = Date.now() + 20_000;
  while (!(await devtools.evaluate(show).catch(() => false))) {
    if (Date.now() > deadline) throw new Error('The WS panel did not appear in DevTools');
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `chrome-extension://${session.extensionId}/src/panel/panel.html`;
  for (;;) {
    const frame = devtools.frames().find((f) => f.url() === url);
    if (frame) {
      await frame.waitForSelector('[role=grid]');
      return frame;
    }
    if (Date.now() > deadline) throw new Error('The WS panel frame did not load');
    await new Promise((r) => setTimeout(r, 100));
  }
}
