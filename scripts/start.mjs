// `npm start`: builds the extension, starts the demo server, and opens Chromium with the extension loaded,
// the demo page in the first tab and DevTools on the WS panel. Without Chromium or a display it prints
// how to do the same by hand and keeps the demo server running until Ctrl+C.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../demo/server.mjs';
import { CHROMIUM, EXTENSION_DIR, chromiumArgs, extensionIdOf, showWsPanel } from './chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 8080;
const PANEL_TIMEOUT_MS = 20_000;

const say = (msg = '') => console.log(msg);

function build() {
  say('› Building the extension (npx vite build)…');
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (err) => reject(new Error(`could not run npx vite build: ${err.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`npx vite build ${signal ? `was killed by ${signal}` : `exited with code ${code}`}`));
    });
  });
}

function manualSteps(url) {
  say('  To try it by hand:');
  say('    1. Open chrome://extensions › turn on Developer mode › Load unpacked › choose');
  say(`       ${EXTENSION_DIR}`);
  say(`    2. Open the demo: ${url}`);
  say('    3. Open DevTools (F12) and pick the WS panel.');
}

// ---- cleanup: one place that closes the browser, the demo server and the temporary profile ----
let demo = null;
let browser = null;
let userDataDir = null;
let shuttingDown = false;

async function shutdown(code = 0, why = '') {
  if (shuttingDown) return;
  shuttingDown = true;
  if (why) say(why);
  if (browser) await browser.close().catch(() => undefined);
  if (demo) await demo.close().catch(() => undefined);
  if (userDataDir) {
    try { rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } catch { /* a temp dir left behind */ }
  }
  process.exit(code);
}

process.on('SIGINT', () => shutdown(0, '\n› Stopping…'));
process.on('SIGTERM', () => shutdown(0, '\n› Stopping…'));
process.on('SIGHUP', () => shutdown(0));

function waitForCtrlC() {
  say('');
  say('Demo server is running. Press Ctrl+C to stop.');
}

function onBrowserGone() {
  browser = null;
  shutdown(0, '› Chromium was closed. Stopping the demo server.');
}

async function launchChromium(url) {
  const { default: puppeteer } = await import('puppeteer-core');
  userDataDir = mkdtempSync(join(tmpdir(), 'ws-inspector-start-'));
  const args = [...chromiumArgs(), '--auto-open-devtools-for-tabs', '--window-size=1400,900'];

  say(`› Starting Chromium (${CHROMIUM}) with the extension from dist/chrome…`);
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: false,
    defaultViewport: null,
    ignoreDefaultArgs: ['--disable-extensions'],
    userDataDir,
    args,
    // This script closes Chromium itself on Ctrl+C, so the demo server and the temporary profile go too.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  browser.on('disconnected', onBrowserGone);

  // Wait for the extension first, so its page hook is in place when the demo page loads.
  let extensionId = null;
  try {
    extensionId = await extensionIdOf(browser);
    say(`› Extension loaded (id ${extensionId}).`);
  } catch {
    say('  The extension did not start in time (no service worker seen); the WS panel may be missing.');
  }

  const [first] = await browser.pages();
  const page = first ?? (await browser.newPage());
  say(`› Opening the demo page: ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.bringToFront().catch(() => undefined);

  let shown = false;
  if (extensionId) {
    say('› Switching DevTools to the WS panel…');
    shown = await showWsPanel(await page.openDevTools(), extensionId, PANEL_TIMEOUT_MS).catch(() => false);
  }
  if (shown) say('✓ DevTools is showing the WS panel. Watch the frames come in.');
  else say('  Open the WS panel in DevTools (F12 › WS, or the » menu if it is hidden).');
}

async function main() {
  say('WS Inspector — npm start');
  try {
    await build();
  } catch (err) {
    console.error(`\n✗ Build failed: ${err.message}. Fix the errors above and run npm start again.`);
    process.exit(1);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.error(`\n✗ The build did not produce ${join(EXTENSION_DIR, 'manifest.json')}.`);
    process.exit(1);
  }

  try {
    demo = await startDemo({ port: PORT, fallback: true, log: (m) => say(`  demo ${m}`) });
  } catch (err) {
    console.error(`\n✗ Could not start the demo server: ${err.message}`);
    process.exit(1);
  }
  say(`› Demo server: ${demo.url}`);

  if (!existsSync(CHROMIUM)) {
    say('');
    say(`Chromium not found: apt-get install -y chromium (Debian) — or load dist/chrome by hand: chrome://extensions › Developer mode › Load unpacked › dist/chrome`);
    say(`  (looked for ${CHROMIUM}; set CHROMIUM_PATH to use another Chromium or Chrome)`);
    manualSteps(demo.url);
    waitForCtrlC();
    return;
  }

  const hasDisplay = process.platform === 'darwin' || process.platform === 'win32'
    || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) {
    say('');
    say('No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so Chromium is not started.');
    manualSteps(demo.url);
    waitForCtrlC();
    return;
  }

  try {
    await launchChromium(demo.url);
    say('');
    say('Close Chromium or press Ctrl+C to stop.');
  } catch (err) {
    if (shuttingDown) return;
    say('');
    say(`✗ Could not start Chromium: ${err.message.split('\n')[0]}`);
    if (browser) {
      browser.off('disconnected', onBrowserGone);
      await browser.close().catch(() => undefined);
      browser = null;
    }
    manualSteps(demo.url);
    waitForCtrlC();
  }
}

await main();
