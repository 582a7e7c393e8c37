// `npm run screenshot`: makes docs/panel.png, the README's picture of the WS panel, from the real extension in headless
// Chromium on the demo page (run after a build; the npm script builds first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startDemo } from '../demo/server.mjs';
import { CHROMIUM, chromiumArgs, extensionIdOf, showWsPanel, wsPanelFrame } from './chromium.mjs';

const OUT = 'docs/panel.png';
const demo = await startDemo({ port: 0, log: () => {} });
const userDataDir = mkdtempSync(join(tmpdir(), 'wsi-screenshot-'));
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  userDataDir,
  args: [...chromiumArgs(), '--disable-gpu', '--window-size=1200,1000'],
  ignoreDefaultArgs: ['--disable-extensions'],
});
try {
  const extensionId = await extensionIdOf(browser);
  const page = await browser.newPage();
  await page.goto(demo.url);
  const devtools = await page.openDevTools();
  if (!(await showWsPanel(devtools, extensionId))) throw new Error('The WS panel did not appear');
  // Docked at the bottom, DevTools spans the window's width; the screenshot is clipped to it below.
  await devtools.evaluate(`import('./ui/legacy/legacy.js').then((UI) => UI.DockController.DockController.instance().setDockSide('bottom'))`);
  await devtools.setViewport({ width: 1200, height: 900 });
  const panel = await wsPanelFrame(devtools, extensionId);
  // Let the ticker and the binary stream run for a while, then show the greeting exchange selected.
  await new Promise((r) => setTimeout(r, 4500));
  await page.evaluate(() => {
    const input = document.querySelector('input');
    const button = [...document.querySelectorAll('button')].find((b) => /send/i.test(b.textContent ?? ''));
    if (input && button) {
      input.value = 'hello from the demo';
      button.click();
    }
  });
  await new Promise((r) => setTimeout(r, 600));
  await panel.waitForSelector('[role=grid] [role=rowgroup] [role=row]');
  const box = await (await panel.frameElement()).boundingBox();
  const header = 30; // DevTools' tab strip above the panel, so the "WS" tab shows
  await devtools.screenshot({ path: OUT, clip: { x: box.x, y: box.y - header, width: box.width, height: box.height + header } });
  console.log(`Wrote ${OUT}`);
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
  await demo.close();
}
