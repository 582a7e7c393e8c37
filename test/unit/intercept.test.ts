// The page hook's interception engine, without a browser: the shipped hook bundle in a jsdom realm talking over real
// WebSockets to `ws` servers on 127.0.0.1, with this test as its relay sending rules and breakpoint answers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileRules } from '../../src/content/compileRules';
import { PROTOCOL_VERSION, type PageEvent, type PageFrame } from '../../src/shared/protocol';
import type { Rule, RuleAction, RuleMatch } from '../../src/shared/rules';
import { pageWithHook, until, type PageRealm } from '../support/pageRealm';
import { startWsServers, type WsServers } from '../support/servers';

let ws: WsServers;
beforeAll(async () => {
  ws = await startWsServers();
});
afterAll(() => ws.close());
const pages: PageRealm[] = [];
afterEach(() => {
  for (const p of pages.splice(0)) p.close();
});

const js = JSON.stringify;
let n = 0;
const rule = (match: Partial<RuleMatch>, action: RuleAction): Rule => ({
  id: `r${++n}`, name: `rule ${n}`, enabled: true, match: { url: '', direction: 'both', payload: { kind: 'any' }, ...match }, action,
});

/** A page with the hook, attached, whose socket to `url` counts what its handlers hear; `rules` applied before it opens. */
async function page(rules: Rule[], url = ws.echo) {
  const p = await pageWithHook();
  pages.push(p);
  p.send({ v: PROTOCOL_VERSION, type: 'attach', receivedThrough: [], epoch: 1 });
  p.send({ v: PROTOCOL_VERSION, type: 'rules', rules: compileRules(rules) });
  p.run(`
    window.heard = []; window.trusted = [];
    window.s = new WebSocket(${js(url)});
    s.onmessage = (e) => { heard.push(typeof e.data === 'string' ? e.data : 'binary'); trusted.push(e.isTrusted); };
  `);
  await until(() => p.run('s.readyState') === 1, 'open');
  return p;
}
const frames = (p: PageRealm) => p.events().filter((e): e is PageFrame => e.kind === 'frame');
const notes = (p: PageRealm) => p.events().filter((e): e is Extract<PageEvent, { kind: 'intercepted' }> => e.kind === 'intercepted');
const paused = (p: PageRealm) => p.posted.filter((m) => (m as { type?: string }).type === 'paused') as { hold: number; data: unknown; dir: string }[];

describe('interception in the page hook', () => {
  it('without rules, changes nothing: the page hears the browser\'s own (trusted) events', async () => {
    const p = await page([]);
    p.run(`s.send('plain')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the echo');
    expect(p.run('trusted')).toEqual([true]);
    expect(notes(p)).toEqual([]);
  });

  it('blocks a sent frame (the server never echoes it) and a received one (no handler hears it)', async () => {
    const p = await page([rule({ direction: 'sent', payload: { kind: 'text', value: 'secret' } }, { type: 'block' }), rule({ direction: 'received', payload: { kind: 'text', value: 'drop me' } }, { type: 'block' })]);
    p.run(`s.send('my secret'); s.send('drop me'); s.send('fine')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the one echo that gets through');
    await new Promise((r) => setTimeout(r, 100));
    expect(p.run('heard')).toEqual(['fine']);
    await until(() => notes(p).length === 2, 'two notes');
    expect(notes(p).map((x) => [x.dir, x.outcome, x.original, x.frameSeq])).toEqual([
      ['sent', 'blocked', 'my secret', undefined],
      ['received', 'blocked', 'drop me', undefined],
    ]);
    expect(frames(p).map((f) => [f.dir, f.data])).toEqual([['sent', 'drop me'], ['sent', 'fine'], ['received', 'fine']]);
  });

  it('rewrites with regex groups and JSON paths, both ways; a rewritten received frame is re-dispatched (isTrusted false)', async () => {
    const p = await page([
      rule({ direction: 'sent', payload: { kind: 'regex', value: 'hello (\\w+)' } }, { type: 'rewrite', find: 'hello (\\w+)', replace: 'bye $1' }),
      rule({ direction: 'received', payload: { kind: 'json', value: '$.type == "tick"' } }, { type: 'jsonSet', path: '$.price', value: '42' }),
    ]);
    p.run(`s.send('hello world'); s.send(JSON.stringify({ type: 'tick', price: 1 }))`);
    await until(() => p.run<string[]>('heard').length === 2, 'both echoes');
    expect(p.run('heard')).toEqual(['bye world', '{"type":"tick","price":42}']);
    expect(p.run('trusted')).toEqual([true, false]);
    await until(() => notes(p).length === 2, 'two notes');
    const [sent, received] = notes(p);
    expect(sent).toMatchObject({ dir: 'sent', outcome: 'rewritten', original: 'hello world' });
    expect(received).toMatchObject({ dir: 'received', outcome: 'rewritten', original: '{"type":"tick","price":1}' });
    // Each note follows the frame it annotates.
    const bySeq = new Map(p.events().map((e) => [e.seq, e]));
    expect((bySeq.get(sent.frameSeq!) as PageFrame).data).toBe('bye world');
    expect((bySeq.get(received.frameSeq!) as PageFrame).data).toBe('{"type":"tick","price":42}');
  });

  it('acts before a page listener of the capture phase too: it never hears a blocked frame, and a rewritten one once', async () => {
    const p = await page([
      rule({ direction: 'received', payload: { kind: 'text', value: 'drop me' } }, { type: 'block' }),
      rule({ direction: 'received', payload: { kind: 'text', value: 'old' } }, { type: 'rewrite', find: 'old', replace: 'new' }),
    ]);
    // At the target, the DOM runs capture listeners before the others, whenever they were added.
    p.run(`window.early = []; s.addEventListener('message', (e) => early.push(e.data), { capture: true }); s.addEventListener('message', (e) => early.push('flag ' + e.data), true);`);
    p.run(`s.send('drop me'); s.send('old news'); s.send('last')`);
    await until(() => p.run<string[]>('heard').length === 2, 'two echoes');
    await new Promise((r) => setTimeout(r, 100));
    expect(p.run('heard')).toEqual(['new news', 'last']);
    expect(p.run('early')).toEqual(['new news', 'flag new news', 'last', 'flag last']);
  });

  it('matches JSON conditions on fields, on the whole frame, and never on text that is not JSON', async () => {
    const p = await page([
      rule({ direction: 'sent', payload: { kind: 'json', value: '$.type == "x"' } }, { type: 'rewrite', find: 'x', replace: 'field' }),
      rule({ direction: 'sent', payload: { kind: 'json', value: '$ == 5' } }, { type: 'rewrite', find: '5', replace: 'whole' }),
      rule({ direction: 'sent', payload: { kind: 'json', value: '$[0]' } }, { type: 'rewrite', find: '1', replace: 'item' }),
      rule({ direction: 'sent', payload: { kind: 'json', value: '$.op =~ /^sub/i' } }, { type: 'rewrite', find: 'o', replace: '0' }),
      rule({ direction: 'sent', payload: { kind: 'decoded', value: 'event:chat' } }, { type: 'block' }),
    ]);
    p.run(`s.send('x {"type":"x"}'); s.send(' {"type":"x"}'); s.send('5'); s.send('[1]'); s.send('[1'); s.send('{"op":"SUBSCRIBE"}'); s.send('{"op":"unsub"}'); s.send('42["chat"]')`);
    await until(() => p.run<string[]>('heard').length === 8, 'eight echoes');
    // The last rule is of a kind the hook does not run (the panel expands decoded ones): it acts on nothing.
    expect(p.run('heard')).toEqual(['x {"type":"x"}', ' {"type":"field"}', 'whole', '[item]', '[1', '{"0p":"SUBSCRIBE"}', '{"op":"unsub"}', '42["chat"]']);
  });

  it('delays a frame and keeps the ones behind it in order', async () => {
    const p = await page([rule({ direction: 'sent', payload: { kind: 'text', value: 'slow' } }, { type: 'delay', ms: 150 })]);
    p.run(`s.send('slow'); s.send('after 1'); s.send('after 2')`);
    await until(() => p.run<string[]>('heard').length === 3, 'three echoes');
    expect(p.run('heard')).toEqual(['slow', 'after 1', 'after 2']);
  });

  it('answers a request with a mock reply built from its JSON, without the server ever seeing it', async () => {
    const p = await page([rule({ direction: 'sent', payload: { kind: 'json', value: '$.method == "add"' } }, { type: 'mock', ms: 10, template: '{"jsonrpc":"2.0","id":{{$.id}},"result":3}', sendOriginal: false })]);
    p.run(`s.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'add', params: [1, 2] }))`);
    await until(() => p.run<string[]>('heard').length === 1, 'the mock reply');
    expect(p.run('heard')).toEqual(['{"jsonrpc":"2.0","id":7,"result":3}']);
    await until(() => notes(p).length === 2, 'two notes');
    expect(notes(p).map((x) => [x.dir, x.outcome, x.frameSeq === undefined])).toEqual([['sent', 'mocked', true], ['received', 'mocked', false]]);
    expect(frames(p).map((f) => f.dir)).toEqual(['received']);
  });

  it('holds a frame at a breakpoint, with frames behind it waiting, until forwarded edited, dropped, or timed out', async () => {
    const p = await page([rule({ direction: 'sent', payload: { kind: 'text', value: 'stop' } }, { type: 'breakpoint', timeoutMs: 300 })]);
    p.run(`s.send('stop 1'); s.send('behind')`);
    await until(() => paused(p).length === 1, 'paused');
    await new Promise((r) => setTimeout(r, 50));
    expect(p.run('heard')).toEqual([]);
    p.send({ v: PROTOCOL_VERSION, type: 'resume', hold: paused(p)[0].hold, action: 'edited', data: 'stop 1 (edited)' });
    await until(() => p.run<string[]>('heard').length === 2, 'both, in order');
    expect(p.run('heard')).toEqual(['stop 1 (edited)', 'behind']);
    p.run(`s.send('stop 2')`);
    await until(() => paused(p).length === 2, 'paused again');
    p.send({ v: PROTOCOL_VERSION, type: 'resume', hold: paused(p)[1].hold, action: 'drop' });
    p.run(`s.send('stop 3')`);
    await until(() => p.run<string[]>('heard').length === 3, 'the third after its timeout');
    expect(p.run('heard')).toEqual(['stop 1 (edited)', 'behind', 'stop 3']);
    await until(() => notes(p).length === 3, 'three notes');
    expect(notes(p).map((x) => x.outcome)).toEqual(['edited', 'dropped', 'timedOut']);
  });

  it('holds a received frame at a breakpoint: forwarded edited, the page hears it edited, and the frames behind it after', async () => {
    const p = await page([rule({ direction: 'received', payload: { kind: 'text', value: 'stop' } }, { type: 'breakpoint', timeoutMs: 30_000 })]);
    p.run(`window.listened = []; s.addEventListener('message', (e) => listened.push(e.data));`);
    p.run(`s.send('stop here'); s.send('behind 1'); s.send('behind 2')`);
    await until(() => paused(p).length === 1, 'paused');
    expect(paused(p)[0]).toMatchObject({ dir: 'received', data: 'stop here' });
    // The two behind it have arrived by the time their sent frames are recorded and echoed back; they still wait.
    await until(() => frames(p).filter((f) => f.dir === 'sent').length === 3, 'all three sent');
    await new Promise((r) => setTimeout(r, 150));
    expect(p.run('heard')).toEqual([]);
    p.send({ v: PROTOCOL_VERSION, type: 'resume', hold: paused(p)[0].hold, action: 'edited', data: 'edited here' });
    await until(() => p.run<string[]>('heard').length === 3, 'all three, in order');
    expect(p.run('heard')).toEqual(['edited here', 'behind 1', 'behind 2']);
    expect(p.run('listened')).toEqual(['edited here', 'behind 1', 'behind 2']);
    // Recorded as the page heard them (the batch goes to the relay within a few ms).
    await until(() => frames(p).filter((f) => f.dir === 'received').length === 3, 'three received frames');
    expect(frames(p).filter((f) => f.dir === 'received').map((f) => f.data)).toEqual(['edited here', 'behind 1', 'behind 2']);
    await until(() => notes(p).length === 1, 'the note');
    expect(notes(p)[0]).toMatchObject({ dir: 'received', outcome: 'edited', original: 'stop here' });
  });

  it('delays a received frame and keeps the ones behind it in order', async () => {
    const p = await page([rule({ direction: 'received', payload: { kind: 'text', value: 'slow' } }, { type: 'delay', ms: 200 })]);
    p.run(`window.at = []; s.addEventListener('message', () => at.push(Date.now()));`);
    const start = Date.now();
    p.run(`s.send('slow'); s.send('after 1'); s.send('after 2')`);
    await until(() => p.run<string[]>('heard').length === 3, 'three echoes');
    expect(p.run('heard')).toEqual(['slow', 'after 1', 'after 2']);
    // The two behind it were echoed at once, yet heard only after the delayed one.
    expect(p.run<number[]>('at')[0] - start).toBeGreaterThanOrEqual(195);
    await until(() => notes(p).length === 1, 'the note');
    expect(notes(p)[0]).toMatchObject({ dir: 'received', outcome: 'delayed', original: 'slow' });
  });

  it('removes a JSON field, nested or at the top, and leaves frames without it as they were', async () => {
    const p = await page([
      rule({ direction: 'sent', payload: { kind: 'json', value: '$.user.token' } }, { type: 'jsonRemove', path: '$.user.token' }),
      rule({ direction: 'received', payload: { kind: 'json', value: '$.debug' } }, { type: 'jsonRemove', path: '$.debug' }),
    ]);
    p.run(`s.send('{"user":{"name":"ada","token":"t0k"},"n":1}'); s.send('{"debug":[1,2],"keep":true}'); s.send('{"user":{"name":"bob"}}')`);
    await until(() => p.run<string[]>('heard').length === 3, 'three echoes');
    expect(p.run('heard')).toEqual(['{"user":{"name":"ada"},"n":1}', '{"keep":true}', '{"user":{"name":"bob"}}']);
    expect(frames(p).filter((f) => f.dir === 'sent').map((f) => f.data)).toEqual(['{"user":{"name":"ada"},"n":1}', '{"debug":[1,2],"keep":true}', '{"user":{"name":"bob"}}']);
    await until(() => notes(p).length === 2, 'two notes');
    expect(notes(p).map((x) => [x.dir, x.outcome])).toEqual([['sent', 'rewritten'], ['received', 'rewritten']]);
  });

  it('mocks a reply and also sends the original when asked: the server gets the request, the page the mock, not before its delay', async () => {
    const before = ws.received().length;
    const p = await page([rule({ direction: 'sent', payload: { kind: 'json', value: '$.op == "ping"' } }, { type: 'mock', ms: 250, template: '{"op":"pong","id":{{$.id}}}', sendOriginal: true })], ws.record);
    p.run(`window.at = []; s.addEventListener('message', () => at.push(Date.now())); window.sentAt = Date.now(); s.send('{"op":"ping","id":3}')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the mock reply');
    expect(p.run('heard')).toEqual(['{"op":"pong","id":3}']);
    expect(p.run<number[]>('at')[0] - p.run<number>('sentAt')).toBeGreaterThanOrEqual(245);
    await until(() => ws.received().length > before, 'the request at the server');
    expect(ws.received().slice(before).map((m) => m.data)).toEqual(['{"op":"ping","id":3}']);
    await until(() => frames(p).length === 2, 'both frames recorded');
    expect(frames(p).map((f) => [f.dir, f.data])).toEqual([['sent', '{"op":"ping","id":3}'], ['received', '{"op":"pong","id":3}']]);
    await until(() => notes(p).length === 1, 'the note');
    expect(notes(p)[0]).toMatchObject({ dir: 'received', outcome: 'mocked' });
  });

  it('lets a frame go on unchanged when its rule cannot act, and says why', async () => {
    const p = await page([rule({ direction: 'sent' }, { type: 'mock', ms: 0, template: 'id {{$.id}}', sendOriginal: false })]);
    p.run(`s.send('not json')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the echo');
    expect(p.run('heard')).toEqual(['not json']);
    await until(() => notes(p).length === 1, 'the note');
    expect(notes(p)[0]).toMatchObject({ outcome: 'error', error: 'no field $.id in the request' });
  });

  it('leaves out a rule that is not as the relay compiles rules, without reaching the page, and runs the others', async () => {
    const p = await page([]);
    p.run(`window.reached = 0; for (const k of ['url', 'source', 'ms']) Object.defineProperty(Object.prototype, k, { configurable: true, get() { reached++; return null; } });`);
    const [block] = compileRules([rule({ direction: 'sent' }, { type: 'block' })]);
    const [rewrite] = compileRules([rule({ direction: 'sent' }, { type: 'rewrite', find: 'a', replace: 'b' })]);
    const { url: _, ...noUrl } = block;
    const broken = [
      noUrl,
      { ...block, text: { a: 1 } },
      { ...block, re: { flags: '' } },
      { ...block, json: { path: 'a', op: '', value: null, re: null } },
      { ...block, action: { type: 'delay' } },
      { ...block, action: { type: 'jsonRemove', path: [] } },
      { ...block, action: { type: 'unknown' } },
      42,
    ];
    p.send({ v: PROTOCOL_VERSION, type: 'rules', rules: [...broken, rewrite] });
    p.run(`s.send('a')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the rewritten echo');
    expect(p.run('heard')).toEqual(['b']);
    expect(p.run('reached')).toBe(0);
  });

  it('sets a JSON field the frame lacks without calling a setter the page put on Object.prototype', async () => {
    const p = await page([rule({ direction: 'sent' }, { type: 'jsonSet', path: '$.added', value: '1' })]);
    p.run(`window.hit = 0; Object.defineProperty(Object.prototype, 'added', { configurable: true, set() { hit++; } });`);
    p.run(`s.send('{"a":1}')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the echo');
    expect(p.run('heard')).toEqual(['{"a":1,"added":1}']);
    expect(p.run('hit')).toBe(0);
  });

  it('writes rewritten JSON and mock replies without running a toJSON the page put on Object.prototype or Array.prototype', async () => {
    const p = await page([
      rule({ direction: 'sent', payload: { kind: 'json', value: '$.op == "set"' } }, { type: 'jsonSet', path: '$.list', value: '[1,{"b":2}]' }),
    ]);
    p.run(`window.calls = 0;
      Object.defineProperty(Object.prototype, 'toJSON', { configurable: true, value() { calls++; return 'hijacked'; } });
      Object.defineProperty(Array.prototype, 'toJSON', { configurable: true, value() { calls++; return 'hijacked'; } });`);
    p.run(`s.send('{"op":"set","nested":{"x":[true,null,"s"]}}')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the echo');
    p.run(`delete Object.prototype.toJSON; delete Array.prototype.toJSON;`);
    expect(p.run('heard')).toEqual(['{"op":"set","nested":{"x":[true,null,"s"]},"list":[1,{"b":2}]}']);
    expect(p.run('calls')).toBe(0);
  });

  it('matches sockets by URL glob, and leaves others alone', async () => {
    const p = await page([rule({ url: '*://nowhere.example/*' }, { type: 'block' })]);
    p.run(`s.send('passes')`);
    await until(() => p.run<string[]>('heard').length === 1, 'the echo');
    expect(p.run('trusted')).toEqual([true]);
  });
});
