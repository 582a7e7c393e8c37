// `npm run screenshot`: makes docs/panel-{1280,700}-{light,dark}.png, the README's pictures of the WS panel with a JSON
// frame open in the detail pane (beside the table at 1280 px, below it at 700 px), docs/panel-composer.png (a message
// sent from the composer), docs/panel-rules.png (a rule rewriting received frames), docs/panel-timeline.png (the
// timeline with a time range dragged across it) and docs/panel-sessions.png (Group by, and a pinned frame with a note),
// from the real extension in headless Chromium on the demo page.
import { startDemo } from '../demo/server.mjs';
import { launchChromium, showWsPanel, wsPanelFrame } from './chromium.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const WIDTHS = [1280, 700];
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
  await devtools.setViewport({ width: WIDTHS[0], height: 640 });
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
  await devtools.keyboard.press('End');
  await devtools.keyboard.press('Enter');
  await panel.waitForSelector('[role=region][aria-label="Frame details"] [role=tree]');
  await panel.click('input[aria-label=Filter]', { count: 3 });
  await devtools.keyboard.press('Backspace');
  await panel.focus('[role=grid]');
  await sleep(500);
  const written = [];
  for (const theme of ['light', 'dark']) {
    // Switch DevTools' theme; the panel follows through the theme-change handler.
    for (let tries = 0; (await panel.evaluate(() => document.documentElement.dataset.theme)) !== theme; tries++) {
      if (tries === 50) throw new Error(`The panel did not follow the DevTools theme to ${theme}`);
      await devtools.evaluate(`import('./core/common/common.js').then((C) => C.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)}))`);
      await sleep(200);
    }
    for (const width of WIDTHS) {
      await devtools.setViewport({ width, height: 640 });
      await sleep(600);
      // The detail pane moved (beside at 1280, below at 700): bring the selected frame back into view.
      const back = await panel.$('xpath/.//button[normalize-space()="Back to selection"]');
      if (back) await back.click();
      await sleep(200);
      const path = `docs/panel-${width}-${theme}.png`;
      await devtools.screenshot({ path });
      written.push(path);
    }
  }
  // Back to light at 1280 px: the composer with a message for the ticker, then a rule in the Rules view.
  await devtools.evaluate(`import('./core/common/common.js').then((C) => C.Settings.Settings.instance().moduleSetting('ui-theme').set('light'))`);
  await devtools.setViewport({ width: WIDTHS[0], height: 640 });
  await sleep(600);
  await panel.click('button[aria-label="Close details"]').catch(() => undefined);
  await panel.click('button[aria-label=Composer]');
  await panel.select('select[aria-label=Format]', 'json');
  await panel.type('textarea[aria-label=Message]', '{"type":"subscribe","symbol":"WSI"}');
  await panel.click('button[aria-label="Send to server"]');
  await sleep(800);
  await devtools.screenshot({ path: 'docs/panel-composer.png' });
  written.push('docs/panel-composer.png');
  await panel.click('button[aria-label=Composer]');
  await panel.click('button[aria-label=Rules]');
  await panel.click('button[aria-label="Add rule"]');
  await panel.type('.rule-editor input[aria-label=Name]', 'Free ticks');
  await panel.select('.rule-editor select[aria-label="Rule direction"]', 'received');
  await panel.select('.rule-editor select[aria-label=Payload]', 'json');
  await panel.type('.rule-editor input[aria-label="Payload value"]', '$.type == "tick"');
  await panel.select('.rule-editor select[aria-label=Action]', 'jsonSet');
  await panel.type('.rule-editor input[aria-label="JSON path"]', 'price');
  await panel.type('.rule-editor input[aria-label="JSON value"]', '0');
  await panel.click('button[aria-label="Save rule"]');
  await sleep(3000); // a few ticks go by, rewritten
  await devtools.screenshot({ path: 'docs/panel-rules.png' });
  written.push('docs/panel-rules.png');
  // The timeline of the demo's traffic, with a time range dragged across its middle filtering the table.
  await panel.click('button[aria-label="Close rules"]');
  await panel.click('button[aria-label=Timeline]');
  const over = await panel.waitForSelector('.timeline .u-over');
  await sleep(800);
  const box = await over.boundingBox();
  await devtools.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2);
  await devtools.mouse.down();
  await devtools.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await devtools.mouse.up();
  await sleep(600);
  await devtools.screenshot({ path: 'docs/panel-timeline.png' });
  written.push('docs/panel-timeline.png');
  // Session tools: the frames grouped by their decoded type, and a frame pinned with a note.
  await panel.click('button[aria-label="Clear time range"]');
  await panel.click('button[aria-label=Timeline]');
  await panel.select('select[aria-label="Group by"]', 'type');
  await sleep(600);
  await panel.evaluate(() => [...document.querySelectorAll('[role=grid] [role=row]')].find((r) => r.querySelector('.c-data')?.textContent?.includes('"tick"'))?.click());
  await panel.click('button[aria-label="Pin frame"]');
  await panel.type('[aria-label=Note]', 'price spike: check the feed');
  await sleep(600);
  await devtools.screenshot({ path: 'docs/panel-sessions.png' });
  written.push('docs/panel-sessions.png');
  console.log(`Wrote ${written.join(', ')}`);
} finally {
  await session.close();
  await demo.close();
}
