// `npm run screenshot`: makes docs/panel-light.png and docs/panel-dark.png, the README's pictures of the WS panel with a
// JSON frame open in the detail pane, from the real extension in headless Chromium on the demo page.
import { startDemo } from '../demo/server.mjs';
import { launchChromium, showWsPanel, wsPanelFrame } from './chromium.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const demo = await startDemo({ port: 0, log: () => {} });
const session = await launchChromium();
try {
  const { extensionId } = session;
  const page = await session.browser.newPage();
  await page.goto(demo.url);
  const devtools = await page.openDevTools();
  if (!(await showWsPanel(devtools, extensionId))) throw new Error('The WS panel did not appear');
  // Undocked, the DevTools window is all panel (docked, the page's share of the window is blank in headless).
  await devtools.evaluate(`import('./ui/legacy/legacy.js').then((UI) => UI.DockController.DockController.instance().setDockSide('undocked'))`);
  await sleep(1000);
  await devtools.setViewport({ width: 1280, height: 640 });
  const panel = await wsPanelFrame(devtools, extensionId);
  await sleep(4500); // let the ticker and the binary stream run for a while
  await page.evaluate(() => {
    const input = document.querySelector('input');
    const button = [...document.querySelectorAll('button')].find((b) => /send/i.test(b.textContent ?? ''));
    if (input && button) {
      input.value = 'hello from the demo';
      button.click();
    }
  });
  await sleep(600);
  // Open the newest ticker frame (JSON) in the detail pane, the way a keyboard user would, then show every frame again.
  await panel.type('input[aria-label=Filter]', 'tick');
  await panel.focus('[role=grid]');
  await devtools.keyboard.press('ArrowUp');
  await devtools.keyboard.press('Enter');
  await panel.waitForSelector('[role=region][aria-label="Frame details"] [role=tree]');
  await panel.click('input[aria-label=Filter]', { count: 3 });
  await devtools.keyboard.press('Backspace');
  await sleep(500);
  await devtools.screenshot({ path: 'docs/panel-light.png' });
  // Switch DevTools to its dark theme; the panel follows through the theme-change handler.
  for (let tries = 0; (await panel.evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; tries++) {
    if (tries === 50) throw new Error('The panel did not follow the DevTools theme');
    await devtools.evaluate(`import('./core/common/common.js').then((C) => C.Settings.Settings.instance().moduleSetting('ui-theme').set('dark'))`);
    await sleep(200);
  }
  await sleep(300);
  await devtools.screenshot({ path: 'docs/panel-dark.png' });
  console.log('Wrote docs/panel-light.png and docs/panel-dark.png');
} finally {
  await session.close();
  await demo.close();
}
