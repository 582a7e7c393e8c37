// End to end, written once for every browser: interception rules made in the real DevTools WS panel's Rules view, run
// by the page hook on the page's real sockets: block both ways, rewrite a JSON field both ways, delay in order, mock
// replies from servers that never answer (JSON-RPC, a real graphql-ws client), breakpoints edited, dropped and timed
// out, rules kept across reopen and reload, a decoded-field condition (Socket.IO `event:chat`), and a rule that cannot
// act.
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { waitForRows, waitUntil, type WorkbenchPanel } from '../support/driver';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const EDITOR = '.rule-editor';

/**
 * Adds a rule through the editor: `fields` are the editor's text inputs by accessible name, each filled in one step
 * (Firefox's synthesized keys can outrun the panel's renders and lose a character; typing is tested elsewhere).
 */
export async function addRule(panel: WorkbenchPanel, name: string, selects: Record<string, string>, fields: Record<string, string>) {
  if ((await panel.attribute('button[aria-label=Rules]', 'aria-pressed')) !== 'true') await panel.click('button[aria-label=Rules]');
  await panel.click('button[aria-label="Add rule"]');
  await panel.fill(`${EDITOR} input[aria-label=Name]`, name);
  for (const [label, value] of Object.entries(selects)) await panel.choose(`${EDITOR} select[aria-label=${js(label)}]`, value);
  for (const [label, value] of Object.entries(fields)) await panel.fill(`${EDITOR} [aria-label=${js(label)}]`, value);
  await panel.press('button[aria-label="Save rule"]', 'Enter'); // the keyboard: a tall editor can reach below Firefox's short panel
  await waitUntil(() => panel.text('.rules-banner'), (t) => (t ?? '').includes('active'), 'the rule active');
  // The banner shows the panel's state; the rule still has to travel to the page (background, relay, hook).
  await new Promise((r) => setTimeout(r, 1000));
}

/** Switches a rule off in the Rules view and waits until no rule is active (and the page has been told). */
export async function switchOff(panel: WorkbenchPanel, name: string) {
  await panel.click(`input[role=switch][aria-label=${js(`${name} on`)}]`);
  await waitUntil(() => panel.text('.rules-banner'), (t) => t === null, 'no rule active');
  await new Promise((r) => setTimeout(r, 1000));
}

export function rulesScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  async function open(path: string, url: string): Promise<{ page: Page; panel: WorkbenchPanel }> {
    const page = await ctx.openPage(path, `<script>window.heard = []; window.s = new WebSocket(${js(url)}); s.onmessage = (e) => heard.push(e.data); s.onopen = () => s.send('hello');</script>`);
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['hello']);
    return { page, panel };
  }

  it('blocks a sent frame: the server never receives it, the row says so', async () => {
    const { page, panel } = await open('/rules-block', ctx.ws.record);
    await addRule(panel, 'no secrets', { 'Rule direction': 'sent', Payload: 'text', Action: 'block' }, { 'Payload value': 'secret' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('my secret'); s.send('public')`);
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 1, 'the public frame at the server');
    await new Promise((r) => setTimeout(r, 300));
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['public']);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => /blocked/i.test(t ?? ''), 'the blocked row');
    await panel.close();
    await page.close();
  });

  it('rewrites a JSON field of received frames: the page’s handler gets the changed frame', async () => {
    const { page, panel } = await open('/rules-rewrite', ctx.ws.echo);
    await addRule(panel, 'free', { 'Rule direction': 'received', Payload: 'json', Action: 'jsonSet' }, { 'Payload value': '$.type == "price"', 'JSON path': '$.value', 'JSON value': '0' });
    await new Promise((r) => setTimeout(r, 1000));
    await page.evaluate(`s.send(JSON.stringify({ type: 'price', value: 99 }))`);
    const heard = await waitUntil(() => page.evaluate('heard') as Promise<string[]>, (h) => h.length === 2, 'the echo');
    expect(heard).toEqual(['hello', '{"type":"price","value":0}']);
    await panel.close();
    await page.close();
  });

  it('answers a JSON-RPC request with a mock reply when the server never answers', async () => {
    const { page, panel } = await open('/rules-mock', ctx.ws.record);
    await addRule(panel, 'mock add', { 'Rule direction': 'sent', Payload: 'json', Action: 'mock' }, { 'Payload value': '$.method == "add"', 'Reply template': '{"jsonrpc":"2.0","id":{{$.id}},"result":3}' });
    await page.evaluate(`s.send(JSON.stringify({ jsonrpc: '2.0', id: 41, method: 'add', params: [1, 2] }))`);
    const heard = await waitUntil(() => page.evaluate('heard') as Promise<string[]>, (h) => h.length === 1, 'the mock reply').catch(async (e) => {
      throw new Error(`${e}; rules: ${await panel.text('.rule-list')}; server: ${JSON.stringify(ctx.ws.received().slice(-2))}`);
    });
    expect(heard).toEqual(['{"jsonrpc":"2.0","id":41,"result":3}']);
    await panel.close();
    await page.close();
  });

  it('holds a sent frame at a breakpoint until it is forwarded edited', async () => {
    const { page, panel } = await open('/rules-break', ctx.ws.record);
    await addRule(panel, 'stop', { 'Rule direction': 'sent', Payload: 'text', Action: 'breakpoint' }, { 'Payload value': 'order' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('order 1'); s.send('behind it')`);
    await waitUntil(() => panel.attribute('[role=region][aria-label=Breakpoint]', 'aria-label'), (v) => v === 'Breakpoint', 'the breakpoint editor').catch(async (e) => {
      throw new Error(`${e}; server got ${JSON.stringify(ctx.ws.received().slice(before))}; rules: ${await panel.text('.rule-list')}`);
    });
    expect(ctx.ws.received().length).toBe(before);
    await panel.fill('textarea[aria-label="Paused frame"]', 'order 1 edited');
    await panel.press('button[aria-label="Forward edited"]', 'Enter'); // the keyboard: Firefox's panel is too short to click it
    await waitUntil(async () => ctx.ws.received().slice(before).map((m) => m.data), (r) => r.length === 2, 'both frames, in order').catch(async (e) => {
      throw new Error(`${e}; editor: ${await panel.attribute('[role=region][aria-label=Breakpoint]', 'aria-label')}; text: ${await panel.text('textarea[aria-label="Paused frame"]')}`);
    });
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['order 1 edited', 'behind it']);
    await panel.close();
    await page.close();
  });

  it('blocks a received frame: the page’s handler never hears it', async () => {
    const { page, panel } = await open('/rules-block-received', ctx.ws.echo);
    await addRule(panel, 'mute', { 'Rule direction': 'received', Payload: 'text', Action: 'block' }, { 'Payload value': 'noise' });
    await page.evaluate(`s.send('noise'); s.send('signal')`);
    const heard = await waitUntil(() => page.evaluate('heard') as Promise<string[]>, (h) => h.length === 2, 'the signal');
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.evaluate('heard')).toEqual(heard);
    expect(heard).toEqual(['hello', 'signal']);
    await panel.close();
    await page.close();
  });

  it('keeps the rules when DevTools is closed and opened again and when the page reloads', async () => {
    const { page, panel } = await open('/rules-persist', ctx.ws.record);
    await addRule(panel, 'kept', { 'Rule direction': 'sent', Payload: 'text', Action: 'block' }, { 'Payload value': 'kept-secret' });
    await panel.close();
    await page.reload();
    const again = await ctx.driver.openPanel(page);
    // Rules are the origin's: those of the tests before are still there too.
    await waitUntil(() => again.text('.rules-banner'), (t) => / rules? active/.test(t ?? ''), 'the remembered rules');
    if ((await again.attribute('button[aria-label=Rules]', 'aria-pressed')) !== 'true') await again.click('button[aria-label=Rules]');
    expect(await again.text('.rule-list')).toContain('kept');
    await new Promise((r) => setTimeout(r, 1000));
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('kept-secret'); s.send('after reload')`);
    await waitUntil(async () => ctx.ws.received().slice(before).map((m) => m.data), (r) => r.includes('after reload'), 'the second frame');
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['after reload']);
    await again.close();
    await page.close();
  });

  it('rewrites a JSON field of sent frames: the server gets the changed frame', async () => {
    const { page, panel } = await open('/rules-rewrite-sent', ctx.ws.record);
    await addRule(panel, 'cheaper', { 'Rule direction': 'sent', Payload: 'json', Action: 'jsonSet' }, { 'Payload value': '$.kind == "bid"', 'JSON path': '$.amount', 'JSON value': '1' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send(JSON.stringify({ kind: 'bid', amount: 500 })); s.send(JSON.stringify({ kind: 'ask', amount: 500 }))`);
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 2, 'both frames at the server');
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['{"kind":"bid","amount":1}', '{"kind":"ask","amount":500}']);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => (t ?? '').includes('Rewritten by rule “cheaper”'), 'the rewritten row');
    await panel.close();
    await page.close();
  });

  it('delays a sent frame and keeps the frames behind it in order', async () => {
    const { page, panel } = await open('/rules-delay', ctx.ws.record);
    await addRule(panel, 'slow down', { 'Rule direction': 'sent', Payload: 'text', Action: 'delay' }, { 'Payload value': 'slowly', 'Delay (ms)': '800' });
    const before = ctx.ws.received().length;
    const sentAt = Date.now();
    await page.evaluate(`s.send('slowly 1'); s.send('right behind'); s.send('last')`);
    await new Promise((r) => setTimeout(r, 400));
    expect(ctx.ws.received().slice(before)).toEqual([]); // the two behind it wait too
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 3, 'all three frames');
    const got = ctx.ws.received().slice(before);
    expect(got.map((m) => m.data)).toEqual(['slowly 1', 'right behind', 'last']);
    expect(ctx.ws.arrivals()[before] - sentAt).toBeGreaterThanOrEqual(700);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => (t ?? '').includes('Delayed by rule “slow down”'), 'the delayed row');
    await panel.close();
    await page.close();
  });

  it('mocks a GraphQL server that never answers: graphql-ws gets its ack and subscription data from two rules', async () => {
    ctx.pages.file('/lib/graphql-ws.min.js', fileURLToPath(new URL('../../node_modules/graphql-ws/umd/graphql-ws.min.js', import.meta.url)));
    const page = await ctx.openPage('/rules-graphql', `<script src="/lib/graphql-ws.min.js"></script><script>window.got = [];</script>`);
    const panel = await ctx.driver.openPanel(page);
    await addRule(panel, 'gql ack', { 'Rule direction': 'sent', Payload: 'json', Action: 'mock' }, { 'Payload value': '$.type == "connection_init"', 'Reply template': '{"type":"connection_ack"}' });
    await addRule(panel, 'gql data', { 'Rule direction': 'sent', Payload: 'json', Action: 'mock' }, { 'Payload value': '$.type == "subscribe"', 'Reply template': '{"id":"{{$.id}}","type":"next","payload":{"data":{"greetings":"mocked {{$.payload.variables.who}}"}}}' });
    const before = ctx.ws.received().length;
    await page.evaluate(`
      const client = graphqlWs.createClient({ url: ${js(ctx.ws.record)}, lazy: false });
      client.subscribe({ query: 'subscription ($who: String) { greetings(who: $who) }', variables: { who: 'ada' } }, { next: (v) => got.push(v), error: (e) => got.push({ error: String(e) }), complete: () => {} });
    `);
    const got = await waitUntil(() => page.evaluate('got') as Promise<unknown[]>, (g) => g.length > 0, 'the mocked subscription data');
    expect(got).toEqual([{ data: { greetings: 'mocked ada' } }]);
    // Neither request reached the server: the page ran against mocks alone.
    expect(ctx.ws.received().slice(before).filter((m) => /connection_init|subscribe/.test(m.data))).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('drops a frame at a breakpoint: the frames behind it go on, the dropped one never does', async () => {
    const { page, panel } = await open('/rules-break-drop', ctx.ws.record);
    await addRule(panel, 'halt', { 'Rule direction': 'sent', Payload: 'text', Action: 'breakpoint' }, { 'Payload value': 'halt-drop' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('halt-drop me'); s.send('after the drop')`);
    await waitUntil(() => panel.text('[role=region][aria-label=Breakpoint]'), (t) => (t ?? '').includes('halt'), 'the breakpoint editor');
    expect(ctx.ws.received().length).toBe(before);
    await panel.press('button[aria-label=Drop]', 'Enter');
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 1, 'the frame behind it');
    await new Promise((r) => setTimeout(r, 300));
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['after the drop']);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => (t ?? '').includes('Dropped at breakpoint “halt”'), 'the dropped row');
    await panel.close();
    await page.close();
  });

  it('forwards a held frame unchanged when its breakpoint times out, so the page never hangs', async () => {
    const { page, panel } = await open('/rules-break-timeout', ctx.ws.record);
    await addRule(panel, 'wait', { 'Rule direction': 'sent', Payload: 'text', Action: 'breakpoint' }, { 'Payload value': 'halt-wait', 'Timeout (ms)': '1500' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('halt-wait 1'); s.send('behind the wait')`);
    await waitUntil(() => panel.text('[role=region][aria-label=Breakpoint]'), (t) => (t ?? '').includes('wait'), 'the breakpoint editor');
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 2, 'both frames after the timeout');
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['halt-wait 1', 'behind the wait']);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => (t ?? '').includes('timed out and forwarded unchanged'), 'the timed-out row');
    // The editor counts the timeout down and lets the frame go from its list once it has passed (within a tick).
    await waitUntil(() => panel.text('[role=region][aria-label=Breakpoint]'), (t) => t === null, 'the editor gone');
    await panel.close();
    await page.close();
  });

  it('blocks Socket.IO chat events by their decoded name, on the connection the panel decodes as Socket.IO', async () => {
    const { page, panel } = await open('/rules-decoded', `${ctx.ws.record}socket.io/?EIO=4&transport=websocket`);
    await addRule(panel, 'no chat', { 'Rule direction': 'sent', Payload: 'decoded', Action: 'block' }, { 'Payload value': 'event:chat' });
    expect(await panel.text('.rule-list')).toContain('Applies to Socket.IO (Engine.IO v4) on its connection.');
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('42["chat","hi"]'); s.send('42/admin,7["chat","secret"]'); s.send('42["news","chat"]')`);
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 1, 'the news event at the server');
    await new Promise((r) => setTimeout(r, 300));
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['42["news","chat"]']);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => (t ?? '').includes('Blocked by rule “no chat”'), 'the blocked row');
    await panel.close();
    await page.close();
  });

  it('acts before the page’s capture-phase listeners: they never hear a blocked frame, and hear a rewritten one once, rewritten', async () => {
    // At the target the DOM runs capture listeners before the others, whenever they were added: the hook's must be one.
    const page = await ctx.openPage(
      '/rules-capture',
      `<script>window.heard = []; window.s = new WebSocket(${js(ctx.ws.echo)}); s.addEventListener('message', (e) => heard.push(e.data), { capture: true }); s.addEventListener('message', (e) => heard.push('flag ' + e.data), true); s.onopen = () => s.send('hello');</script>`,
    );
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['hello']);
    await addRule(panel, 'capture mute', { 'Rule direction': 'received', Payload: 'text', Action: 'block' }, { 'Payload value': 'cap-drop' });
    await addRule(panel, 'capture edit', { 'Rule direction': 'received', Payload: 'text', Action: 'rewrite' }, { 'Payload value': 'cap-old', Find: 'cap-old', 'Replace with': 'cap-new' });
    await page.evaluate(`s.send('cap-drop'); s.send('cap-old 1'); s.send('cap-last')`);
    await waitUntil(() => page.evaluate('heard') as Promise<string[]>, (h) => h.includes('flag cap-last'), 'the last echo');
    expect(await page.evaluate('heard')).toEqual(['hello', 'flag hello', 'cap-new 1', 'flag cap-new 1', 'cap-last', 'flag cap-last']);
    await panel.close();
    await page.close();
  });

  it('holds a received frame at a breakpoint: forwarded edited, the page hears it edited, the frames behind it after', async () => {
    const { page, panel } = await open('/rules-break-received', ctx.ws.echo);
    await addRule(panel, 'catch', { 'Rule direction': 'received', Payload: 'text', Action: 'breakpoint' }, { 'Payload value': 'incoming-stop' });
    await page.evaluate(`s.send('incoming-stop 1'); s.send('incoming behind')`);
    await waitUntil(() => panel.value('textarea[aria-label="Paused frame"]'), (t) => t === 'incoming-stop 1', 'the breakpoint editor');
    await waitForRows(panel, ['incoming behind']); // sent; its echo, behind the held one, waits
    expect(await page.evaluate('heard')).toEqual(['hello']);
    await panel.fill('textarea[aria-label="Paused frame"]', 'incoming edited');
    await panel.press('button[aria-label="Forward edited"]', 'Enter');
    const heard = await waitUntil(() => page.evaluate('heard') as Promise<string[]>, (h) => h.length === 3, 'both frames at the page');
    expect(heard).toEqual(['hello', 'incoming edited', 'incoming behind']);
    await waitUntil(() => panel.attribute('.row .badge', 'aria-label'), (t) => /edited/i.test(t ?? ''), 'the edited row');
    await panel.close();
    await page.close();
  });

  it('applies rules only while the panel is open: once DevTools closes, a blocked frame reaches the server again', async () => {
    const { page, panel } = await open('/rules-panel-closed', ctx.ws.record);
    await addRule(panel, 'while open', { 'Rule direction': 'sent', Payload: 'text', Action: 'block' }, { 'Payload value': 'open-only' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('open-only 1'); s.send('open marker')`);
    await waitUntil(async () => ctx.ws.received().slice(before).map((m) => m.data), (r) => r.includes('open marker'), 'the marker at the server');
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['open marker']);
    await panel.close();
    // The background tells the page the rules are gone when the panel's port closes: until then, each try is blocked.
    await waitUntil(
      async () => {
        await page.evaluate(`s.send('open-only again')`);
        return ctx.ws.received().slice(before).map((m) => m.data);
      },
      (r) => r.includes('open-only again'),
      'the once-blocked frame at the server',
    );
    expect(ctx.ws.received().slice(before).map((m) => m.data)).not.toContain('open-only 1');
    expect(await page.evaluate('s.readyState')).toBe(1);
    await page.close();
  });

  it('shows a bad payload regex on its rule and blocks nothing with it', async () => {
    const { page, panel } = await open('/rules-bad-regex', ctx.ws.record);
    if ((await panel.attribute('button[aria-label=Rules]', 'aria-pressed')) !== 'true') await panel.click('button[aria-label=Rules]');
    await panel.click('button[aria-label="Add rule"]');
    await panel.fill(`${EDITOR} input[aria-label=Name]`, 'unclosed');
    await panel.choose(`${EDITOR} select[aria-label="Rule direction"]`, 'sent');
    await panel.choose(`${EDITOR} select[aria-label=Payload]`, 'regex');
    await panel.choose(`${EDITOR} select[aria-label=Action]`, 'block');
    await panel.fill(`${EDITOR} [aria-label="Payload value"]`, '(bad-regex');
    await waitUntil(() => panel.text(`${EDITOR} .rule-error`), (t) => (t ?? '').startsWith('Payload regex:'), 'the problem in the editor');
    await panel.press('button[aria-label="Save rule"]', 'Enter');
    await waitUntil(() => panel.text('.rule-list'), (t) => /unclosed.*Not active: Payload regex: /s.test(t ?? ''), 'the error on the rule');
    // A rule saved after it reaches the page with the same set: once it acts, the bad one has had its chance to.
    await addRule(panel, 'probe', { 'Rule direction': 'sent', Payload: 'text', Action: 'rewrite' }, { 'Payload value': 'regex-probe', Find: 'regex-probe', 'Replace with': 'probe seen' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('(bad-regex'); s.send('bad-regex'); s.send('regex-probe')`);
    await waitUntil(async () => ctx.ws.received().slice(before), (r) => r.length === 3, 'all three frames at the server');
    expect(ctx.ws.received().slice(before).map((m) => m.data)).toEqual(['(bad-regex', 'bad-regex', 'probe seen']);
    await panel.close();
    await page.close();
  });

  it('lets a frame go on unchanged when its rule cannot act, and shows the error on the rule', async () => {
    const { page, panel } = await open('/rules-error', ctx.ws.record);
    await addRule(panel, 'broken', { 'Rule direction': 'sent', Payload: 'any', Action: 'mock' }, { 'Reply template': 'id {{$.id}}' });
    const before = ctx.ws.received().length;
    await page.evaluate(`s.send('not json')`);
    await waitUntil(async () => ctx.ws.received().slice(before).map((m) => m.data), (r) => r.includes('not json'), 'the frame at the server');
    await waitUntil(() => panel.text('.rule-list'), (t) => (t ?? '').includes('no field $.id in the request'), 'the error on the rule');
    await panel.close();
    await page.close();
  });
}
