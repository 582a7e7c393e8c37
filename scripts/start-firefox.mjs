// `npm run start:firefox`: builds dist/firefox, starts the demo server, and runs firefox-esr with the extension installed
// as a temporary add-on (web-ext run) on the demo page. Without Firefox or a display it prints how to load it by hand and
// keeps the demo server running until Ctrl+C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../demo/server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const EXTENSION_DIR = join(ROOT, 'dist', 'firefox');
const bin = (name) => join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const say = (msg = '') => console.log(msg);

function run(cmd, args) {
  return spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
}

function build() {
  say('› Building the Firefox extension (vite build --mode firefox)…');
  return new Promise((ok, fail) => {
    const child = run(bin('vite'), ['build', '--mode', 'firefox']);
    child.on('error', (err) => fail(new Error(`could not run vite: ${err.message}`)));
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`vite build exited with code ${code}`))));
  });
}

function manualSteps(url) {
  say('  To try it by hand in Firefox (140 or later):');
  say('    1. Open about:debugging › This Firefox › Load Temporary Add-on… and choose');
  say(`       ${join(EXTENSION_DIR, 'manifest.json')}`);
  say(`    2. Open the demo: ${url}`);
  say('    3. Open DevTools (F12) and pick the WS panel (behind » if the tab strip is full).');
}

let demo = null;
let firefox = null;
const stop = async (code = 0) => {
  if (firefox && firefox.exitCode === null) firefox.kill('SIGTERM');
  if (demo) await demo.close().catch(() => undefined);
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

say('WS Inspector — npm run start:firefox');
try {
  await build();
} catch (err) {
  console.error(`\n✗ Build failed: ${err.message}`);
  process.exit(1);
}
demo = await startDemo({ port: 8080, fallback: true, log: (m) => say(`  demo ${m}`) });
say(`› Demo server: ${demo.url}`);

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!existsSync(FIREFOX)) {
  say(`\nFirefox not found at ${FIREFOX}: apt-get install -y firefox-esr (Debian), or set FIREFOX_PATH.`);
  manualSteps(demo.url);
  say('\nDemo server is running. Press Ctrl+C to stop.');
} else if (!hasDisplay) {
  say('\nNo display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so Firefox is not started.');
  manualSteps(demo.url);
  say('\nDemo server is running. Press Ctrl+C to stop.');
} else {
  say(`› Starting ${FIREFOX} with dist/firefox as a temporary add-on (web-ext run)…`);
  say('  Then press F12 on the demo tab and pick the WS panel.');
  // web-ext uses a fresh temporary profile and removes it on exit; --no-reload because dist/ is rebuilt only by hand.
  firefox = run(bin('web-ext'), ['run', '--source-dir', EXTENSION_DIR, '--firefox', FIREFOX, '--start-url', demo.url, '--no-reload']);
  firefox.on('exit', (code) => {
    say('› Firefox was closed. Stopping the demo server.');
    stop(code ?? 0);
  });
}
