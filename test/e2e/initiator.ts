// End to end, written once for every browser: with "Record where frames are sent from" on (⚙, off by default), each
// frame the page sends shows the stack of its send() call in the real DevTools WS panel, the socket's initiator too,
// and, where the browser has devtools.panels.openResource (Chromium), a stack's source link opens the line in DevTools'
// Sources panel; Firefox has no such API, and the locations are plain text there.
import { expect, it } from 'vitest';
import { waitUntil } from '../support/driver';
import { DETAILS, openRow, resetFilters } from '../support/workflow';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const SEND_STACKS = 'input[aria-label="Record where frames are sent from"]';

/** `sourceTool`: the DevTools tool a source link opens, or undefined where the browser cannot open one. */
export function initiatorScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>, sourceTool: string | undefined) {
  const ctx = browserContext(launch);

  it('shows where each frame was sent from, with a link to the line in DevTools', async () => {
    ctx.pages.set('/chat.js', `window.sendChat = function sendChat(text) {\n  s.send(text);\n};\nfunction connect() { window.s = new WebSocket(${js(ctx.ws.echo)}); }\nconnect();\n`, { 'content-type': 'text/javascript' });
    const page = await ctx.openPage('/initiator', `<script src="/chat.js"></script>`);
    const panel = await ctx.driver.openPanel(page);
    await resetFilters(panel);
    await panel.press('summary[aria-label=Settings]', 'Enter');
    if ((await panel.value(SEND_STACKS)) !== 'true') await panel.click(SEND_STACKS);
    await waitUntil(() => panel.value(SEND_STACKS), (v) => v === 'true', 'the switch on');
    await panel.click('form[aria-label=Settings] button[type=submit]');
    await waitUntil(() => panel.text('form[aria-label=Settings] [role=status]'), (t) => (t ?? '').startsWith('Saved'), 'the settings saved');
    await panel.click('summary[aria-label=Settings]'); // closed again: an open menu would sit over the detail pane
    await waitUntil(() => panel.attribute('details:has(> summary[aria-label=Settings])', 'open'), (o) => o === null, 'the settings menu closed');
    await page.waitForFunction('window.s.readyState === 1');
    await new Promise((r) => setTimeout(r, 500)); // the new setting travels to the page (storage, relay, hook)
    await page.evaluate(`sendChat('with a stack')`);
    await waitUntil(async () => (await panel.rows()).map((r) => r.data), (r) => r.includes('with a stack'), 'the frame');
    await openRow(panel, 'with a stack');
    const stack = await waitUntil(() => panel.text('[aria-label="Send stack"]'), (t) => (t ?? '').includes('sendChat'), 'the send stack');
    expect(stack).toContain(`${ctx.pages.origin}/chat.js:2:`);
    expect(stack).not.toMatch(/extension:\/\//); // our own frames are left out
    expect(await panel.text(DETAILS)).toMatch(/Initiator.*connect/s);
    // The connection's initiator (new WebSocket in connect(), line 4) is linked the same way, where links can be.
    expect(await panel.text('[aria-label="Initiator stack"]')).toContain(`${ctx.pages.origin}/chat.js:4:`);
    const initiatorLink = `[aria-label="Initiator stack"] button[aria-label="Open ${ctx.pages.origin}/chat.js:4 in DevTools"]`;
    if (sourceTool) expect(await panel.text(initiatorLink)).toContain('chat.js:4:');
    else expect(await panel.text(initiatorLink)).toBeNull();
    const link = `[aria-label="Send stack"] button[aria-label="Open ${ctx.pages.origin}/chat.js:2 in DevTools"]`;
    if (sourceTool) {
      await panel.click(link);
      await waitUntil(() => panel.selectedTool(), (t) => t === sourceTool, `DevTools showing ${sourceTool}`);
    } else expect(await panel.text(link)).toBeNull();
    // Off again (it is a setting of every page): later frames carry no stack.
    await ctx.driver.openPanel(page).then(async (again) => {
      await again.press('summary[aria-label=Settings]', 'Enter');
      await again.click(SEND_STACKS);
      await again.click('form[aria-label=Settings] button[type=submit]');
      await again.close();
    });
    await page.close();
  });
}
