// Node: the Chromium facts shared by `npm start`, `npm run screenshot`, the E2E tests and the benchmarks — where Debian's
// Chromium is, the flags that load the built extension, and how to switch its DevTools to the WS panel.
import { fileURLToPath } from 'node:url';

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
