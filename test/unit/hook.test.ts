// The page hook, without a browser: the bundle the extension ships, installed in a jsdom realm at "document_start",
// talking over real WebSockets to `ws` servers on 127.0.0.1, with this test as its relay. Capture of every kind of
// data, the history and commands, and pages that sabotage their realm after the hook installed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PROTOCOL_VERSION, type PageEvent, type PageFrame } from '../../src/shared/protocol';
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
async function page(options?: Parameters<typeof pageWithHook>[0]) {
  const p = await pageWithHook(options);
  pages.push(p);
  p.run('window.errors = []; window.addEventListener("error", (e) => errors.push(String(e.message)));');
  return p;
}
const attach = (p: PageRealm, receivedThrough: number[] = [], epoch = 1) => p.send({ v: PROTOCOL_VERSION, type: 'attach', receivedThrough, epoch });
const frames = (p: PageRealm) => p.events().filter((e): e is PageFrame => e.kind === 'frame');
const text = (f: PageFrame) => (typeof f.data === 'string' ? f.data : undefined);
const bytes = (f: PageFrame) => (typeof f.data === 'object' && !('size' in f.data) ? [...f.data] : undefined);
const js = JSON.stringify;

/** A page script that opens an echo socket, sends `sends` (JS expressions) on open, and counts the echoes. */
const echo = (sends: string[], binaryType = 'arraybuffer') => `
  window.got = [];
  window.s = new WebSocket(${js(ws.echo)}, ['chat', 'v2.chat']);
  s.binaryType = ${js(binaryType)};
  s.onopen = () => { ${sends.map((x) => `s.send(${x});`).join(' ')} };
  s.onmessage = (e) => got.push(typeof e.data === 'string' ? e.data : Object.prototype.toString.call(e.data));
`;

describe('the page hook captures', () => {
  it('text, ArrayBuffer, typed arrays (with an offset), DataView and Blob, sent and echoed, in seq order', async () => {
    const p = await page();
    attach(p);
    p.run(echo([`'héllo'`, `new Uint8Array([1, 2, 3]).buffer`, `new Uint8Array([9, 8, 7, 6]).subarray(1, 3)`, `new DataView(new Uint8Array([4, 5]).buffer)`, `new Blob(['blob!'])`]));
    await until(() => p.run<string[]>('got').length === 5 && frames(p).length === 10, 'five echoes');
    const f = frames(p);
    expect(f.map((x) => x.dir)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'received', 'received', 'received', 'received', 'received']);
    expect(text(f[0])).toBe('héllo');
    expect([bytes(f[1]), bytes(f[2]), bytes(f[3])]).toEqual([[1, 2, 3], [8, 7], [4, 5]]);
    expect(await (f[4].data as Blob).text()).toBe('blob!');
    expect(f[4].length).toBe(5);
    expect(text(f[5])).toBe('héllo');
    expect(bytes(f[9])).toEqual([...new TextEncoder().encode('blob!')]);
    const seqs = p.events().map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(p.run('errors')).toEqual([]);
  });

  it('received Blobs on a binaryType "blob" socket', async () => {
    const p = await page();
    attach(p);
    p.run(echo([`new Uint8Array([1, 2])`], 'blob'));
    await until(() => frames(p).length === 2, 'the echo');
    expect(p.run('got')).toEqual(['[object Blob]']);
    expect([...new Uint8Array(await (frames(p)[1].data as Blob).arrayBuffer())]).toEqual([1, 2]);
  });

  it('the lifecycle: created with URL and protocols, open with the negotiated protocol, the page calling close(code, reason), closed', async () => {
    const p = await page();
    attach(p);
    p.run(echo([]) + `; s.addEventListener('open', () => s.close(4000, 'done'));`);
    await until(() => p.events().some((e) => e.kind === 'closed'), 'the close');
    expect(p.events().map((e) => e.kind)).toEqual(['created', 'open', 'closeCalled', 'closed']);
    const [created, open, closeCalled, closed] = p.events();
    expect(created).toMatchObject({ url: ws.echo, protocols: ['chat', 'v2.chat'] });
    expect(open).toMatchObject({ protocol: 'chat' }); // the server picks the first
    expect(closeCalled).toMatchObject({ code: 4000, reason: 'done' });
    expect(closed).toMatchObject({ code: 4000, reason: 'done', wasClean: true });
  });

  it('before a page listener of the capture phase: open before the frame it sends, a received frame before the close() it calls', async () => {
    const p = await page();
    attach(p);
    // At the target the DOM runs capture listeners before the others, whenever they were added.
    p.run(`window.s = new WebSocket(${js(ws.echo)}); s.addEventListener('open', () => s.send('on open'), true); s.addEventListener('message', () => s.close(4001, 'heard'), { capture: true });`);
    await until(() => p.events().some((e) => e.kind === 'closed'), 'the close');
    expect(p.events().map((e) => (e.kind === 'frame' ? e.dir : e.kind))).toEqual(['created', 'open', 'sent', 'received', 'closeCalled', 'closed']);
  });

  it('a socket that fails to connect: created, error, closed 1006', async () => {
    const p = await page();
    attach(p);
    p.run(`window.bad = new WebSocket('ws://127.0.0.1:1/')`);
    await until(() => p.events().some((e) => e.kind === 'closed'), 'the close');
    expect(p.events().map((e) => e.kind)).toEqual(['created', 'error', 'closed']);
  });

  it('text longer than the payload cap: kept cut at it, with its true UTF-8 length', async () => {
    const p = await page();
    p.send({ v: PROTOCOL_VERSION, type: 'limits', limits: { ...DEFAULT_LIMITS, maxPayloadBytes: 1000 } });
    attach(p);
    p.run(echo([`'€'.repeat(600)`]));
    await until(() => frames(p).length === 2, 'the echo');
    const sent = frames(p)[0];
    expect(sent.length).toBe(1800);
    expect(text(sent)).toBe('€'.repeat(333));
  });

  it('nothing for data sent after close(), nor for events the page dispatches at a socket itself', async () => {
    const p = await page();
    attach(p);
    p.run(echo([`'one'`]) + `; s.addEventListener('message', () => { s.close(); try { s.send('late'); } catch {} s.dispatchEvent(new MessageEvent('message', { data: 'fake' })); });`);
    await until(() => p.events().some((e) => e.kind === 'closed'), 'the close');
    expect(frames(p).map(text)).toEqual(['one', 'one']);
  });

  it('an object that is not data: a note, without converting it (which would run page code)', async () => {
    const p = await page();
    attach(p);
    p.run(`window.converted = 0; ` + echo([`{ toString() { converted++; return 'obj'; } }`]));
    await until(() => frames(p).length === 2, 'the echo');
    expect(text(frames(p)[0])).toMatch(/object was sent/);
    expect(p.run('converted')).toBe(1); // the browser's own conversion, not ours
  });
});

describe('the page hook keeps a history', () => {
  it('posts nothing but one notice until attached; then the history after receivedThrough, then live events; nothing after detach', async () => {
    const p = await page();
    p.run(echo([`'a'`, `'b'`]));
    await until(() => p.run<string[]>('got').length === 2, 'two echoes');
    expect(p.posted).toEqual([{ v: PROTOCOL_VERSION, type: 'sockets' }]);
    attach(p, [3]);
    await until(() => frames(p).length === 3, 'the history after seq 3');
    expect(p.events().map((e) => e.seq)).toEqual([4, 5, 6]);
    p.run(`s.send('c')`);
    await until(() => frames(p).length === 5, 'live frames');
    p.send({ v: PROTOCOL_VERSION, type: 'detach' });
    const before = p.posted.length;
    p.run(`s.send('d')`);
    await until(() => p.run<string[]>('got').length === 4, 'the last echo');
    await new Promise((r) => setTimeout(r, 30));
    expect(p.posted.length).toBe(before);
  });

  it('clear forgets frames and says through which seq; a batch carries the epoch of the last attach or clear', async () => {
    const p = await page();
    p.run(echo([`'a'`]));
    await until(() => p.run<string[]>('got').length === 1, 'the echo');
    p.send({ v: PROTOCOL_VERSION, type: 'clear', epoch: 7 });
    attach(p, [], 8);
    await until(() => p.posted.length > 1, 'the history');
    const batch = p.posted[1] as { epoch: number; clearedThrough: number[] };
    expect(batch.epoch).toBe(8);
    expect(Array.from(batch.clearedThrough)).toEqual([4]);
    expect(p.events().map((e) => e.kind)).toEqual(['created', 'open']); // the open socket stays known
  });

  it('ignores commands that are not well-formed: NaN, Infinity, negative or fractional numbers, wrong versions', async () => {
    const p = await page();
    p.run(echo([`'a'`]));
    await until(() => p.run<string[]>('got').length === 1, 'the echo');
    p.sendSource(`{ v: 1, type: 'limits', limits: { maxFrames: NaN, maxBytes: 1, maxPayloadBytes: 1 } }`);
    p.sendSource(`{ v: 1, type: 'limits', limits: { maxFrames: 0, maxBytes: -1, maxPayloadBytes: 1 } }`);
    p.sendSource(`{ v: 1, type: 'attach', receivedThrough: [Infinity], epoch: 1 }`);
    p.sendSource(`{ v: 1, type: 'attach', receivedThrough: [0], epoch: 1.5 }`);
    p.sendSource(`{ v: 2, type: 'attach', receivedThrough: [0], epoch: 1 }`);
    p.sendSource(`{ v: 1, type: 'attach', receivedThrough: new Array(1000).fill(0), epoch: 1 }`);
    await new Promise((r) => setTimeout(r, 30));
    expect(p.posted).toHaveLength(1); // the first-socket notice only: no attach was taken
    attach(p);
    await until(() => frames(p).length === 2, 'the whole history, caps untouched');
  });
});

describe('the page hook, in a hostile realm', () => {
  /** Page scripts that run after the hook installed, each recording into `hits` whatever of theirs gets called. */
  const sabotage: Record<string, string> = {
    'setters and getters on Array.prototype indices': `
      for (let i = 0; i < 32; i++) Object.defineProperty(Array.prototype, i, { __proto__: null, configurable: true,
        get() { hits.push('get ' + i); return { kind: 'frame', seq: 1, id: 1, t: 0, dir: 'sent', data: 'forged', doc: 0 }; },
        set(v) { hits.push('set ' + i); } });`,
    'getters and setters on Object.prototype (then, length, data, type, toJSON, Symbol.iterator, and the hook’s own field names)': `
      for (const k of ['then', 'length', 'data', 'type', 'toJSON', 'kind', 'seq', 'id', 't', 'dir', 'doc', 'docUrl', 'frames', 'items',
                       'head', 'limits', 'lastSeq', 'clearedThrough', 'get', 'set', 'value', 'writable', 'ports', 'origin', 'keptBytes', Symbol.iterator])
        Object.defineProperty(Object.prototype, k, { __proto__: null, configurable: true, get() { hits.push('get ' + String(k)); }, set() { hits.push('set ' + String(k)); } });`,
    // jsdom's own WebSocket and event code call the page's String, ArrayBuffer, Uint8Array and Array, Function, EventTarget and Blob
    // methods, Chromium's do not: test/e2e/hostile.test.ts replaces those in a real browser.
    'replaced Map, Set, WeakMap, Reflect, JSON, Object and Math methods, Array statics, typed-array and timer globals': `
      const E = Error;
      const poison = (name) => function () { hits.push(name); throw new E('sabotaged ' + name); };
      const { getOwnPropertyNames: names, getOwnPropertyDescriptor: describe } = Object;
      const later = [];
      for (const [o, name] of [[Reflect, 'Reflect'], [JSON, 'JSON'], [Object, 'Object'], [Math, 'Math'], [Array, 'Array'], [Number, 'Number']])
        for (const k of names(o)) if (typeof o[k] === 'function') later.push([o, k, poison(name + '.' + k)]);
      for (const [C, name] of [[Map, 'Map'], [Set, 'Set'], [WeakMap, 'WeakMap'], [Uint8Array, 'Uint8Array'], [MessagePort, 'MessagePort'], [Object, 'Object']])
        for (const k of names(C.prototype)) {
          const d = describe(C.prototype, k);
          if (k !== 'constructor' && k !== 'toString' && typeof d.value === 'function' && d.configurable) later.push([C.prototype, k, poison(name + '.prototype.' + k)]);
        }
      later.push([Array.prototype, Symbol.iterator, poison('Array.prototype[Symbol.iterator]')]);
      for (let i = 0; i < later.length; i++) define(later[i][0], later[i][1], { __proto__: null, configurable: true, writable: true, value: later[i][2] });
      window.Map = poison('Map'); window.Set = poison('Set'); window.WeakMap = poison('WeakMap'); window.Float64Array = poison('Float64Array');
      window.setTimeout = poison('setTimeout');
      window.MessageEvent = poison('MessageEvent'); window.Proxy = poison('Proxy'); window.Error = poison('Error');
      performance.now = poison('performance.now');`,
    'frozen prototypes': `
      for (const o of [Object.prototype, Array.prototype, Function.prototype, WebSocket.prototype, EventTarget.prototype, Object, Array]) Object.freeze(o);`,
  };

  for (const [name, script] of Object.entries(sabotage)) {
    it(`${name}: every frame is captured, nothing of the page's is called, the page sees no error`, async () => {
      const p = await page();
      p.run(`window.hits = []; window.bin = new Uint8Array([1, 2, 3]); window.blob = new Blob(['blob']); const socket = new WebSocket(${js(ws.echo)}); socket.binaryType = 'arraybuffer'; window.socket = socket;`);
      await until(() => p.run('socket.readyState') === 1, 'the socket to open');
      // The page's own code runs first, like any page script after document_start; the hits list is the page's own, and
      // what the page sends was made before it broke its own realm.
      p.run(`{ const hits = window.hits, define = Object.defineProperty;
        hits.push = (x) => define(hits, hits.length, { __proto__: null, value: x, writable: true, enumerable: true, configurable: true });
        ${script} }`);
      p.run(`window.got = 0; socket.onmessage = () => got++; socket.send('text'); socket.send(bin); socket.send(blob);`);
      attach(p);
      await until(() => p.run('got') === 3 && frames(p).length === 6, 'three echoes, six frames');
      expect(p.run('hits.slice()')).toEqual([]);
      expect(frames(p).map((f) => text(f) ?? bytes(f) ?? 'blob')).toEqual(['text', [1, 2, 3], 'blob', 'text', [1, 2, 3], [98, 108, 111, 98]]);
      expect(p.events().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(p.run('errors')).toEqual([]);
    });
  }

  it('a Proxy as the protocols list: bounded reads that may throw, and the page still gets its socket and every frame', async () => {
    const p = await page();
    attach(p);
    p.run(`
      window.reads = 0;
      let firstReads = 0;
      // The browser reads the list first (with its iterator); any read of the item after that throws.
      const list = new Proxy(['chat'], { get(t, k) {
        reads++;
        if (k === '0' && ++firstReads > 1) throw new Error('boom');
        return Reflect.get(t, k);
      } });
      window.s = new WebSocket(${js(ws.echo)}, list);
      s.onopen = () => s.send('still captured');
    `);
    await until(() => frames(p).length === 2, 'the echo');
    expect(p.events()[0]).toMatchObject({ kind: 'created', url: ws.echo });
    expect(p.run<number>('reads')).toBeLessThan(20);
    expect(p.run('errors')).toEqual([]);
  });
});

describe('the page hook’s channel and child windows', () => {
  it('a second hook in an already hooked window still takes the relay’s handshake, then closes its port and records nothing', async () => {
    const p = await page({ hooks: 2 });
    expect(p.handshakes).toBe(2);
    attach(p);
    p.run(echo([`'once'`]));
    await until(() => frames(p).length === 2, 'the echo');
    await new Promise((r) => setTimeout(r, 30));
    expect(frames(p).map(text)).toEqual(['once', 'once']);
  });

  it('WebSocket, send, close and Function.prototype.toString report the sources of what they replaced', async () => {
    const p = await page();
    // jsdom's WebSocket is JavaScript, so its "native" source is that JavaScript: what matters is that it is the original's.
    expect(p.run('Function.prototype.toString.call(WebSocket)')).toMatch(/^class WebSocket extends/);
    expect(p.run('Function.prototype.toString.call(WebSocket.prototype.send)')).toMatch(/^send\(/);
    expect(p.run('Function.prototype.toString.toString()')).toBe('function toString() { [native code] }');
    expect(p.run('[WebSocket.name, WebSocket.length, WebSocket.OPEN, WebSocket.prototype.constructor === WebSocket]')).toEqual(['WebSocket', 1, 1, true]);
    expect(p.run(`class X extends WebSocket {}; const x = new X(${js(ws.echo)}); x.close(); x instanceof X && x instanceof WebSocket`)).toBe(true);
  });

  it('a same-origin child window the page reaches through its element: hooked by the parent, its events filed under its own document', async () => {
    const p = await page();
    attach(p);
    p.run(`window.f = document.createElement('iframe'); document.body.appendChild(f);
      window.c = new f.contentWindow.WebSocket(${js(ws.echo)}); c.onopen = () => c.send('from the child');`);
    await until(() => frames(p).length === 2, 'the child’s echo');
    const events: PageEvent[] = p.events();
    expect(events.every((e) => e.doc === 1)).toBe(true);
    expect(events[0]).toMatchObject({ kind: 'created', docUrl: 'about:blank' });
    expect(p.run('f.contentWindow.WebSocket === f.contentWindow.WebSocket.prototype.constructor')).toBe(true);
  });
});

describe('the panel\'s commands on a socket', () => {
  const command = (p: PageRealm, m: Record<string, unknown>, data?: string) =>
    data === undefined
      ? p.send({ v: PROTOCOL_VERSION, type: 'command', requestId: 1, doc: 0, socket: 1, ...m })
      : p.sendSource(`{ v: 1, type: 'command', requestId: 1, doc: 0, socket: 1, action: ${js(m.action)}, data: ${data} }`);
  const done = (p: PageRealm) => p.posted.filter((m) => (m as { type?: string }).type === 'commandDone') as { requestId: number; error: string }[];

  it('sends through the native send(), not the page\'s wrapper, and marks the frame as the panel\'s', async () => {
    const p = await page();
    attach(p);
    p.run(`window.wrapped = 0; const send = WebSocket.prototype.send; WebSocket.prototype.send = function (d) { wrapped++; return send.call(this, d); };`);
    p.run(echo([]));
    await until(() => p.run('s.readyState') === 1, 'open');
    command(p, { action: 'send', data: 'from the panel' });
    command(p, { action: 'send' }, 'new Uint8Array([1, 2, 255]).buffer');
    await until(() => p.run<string[]>('got').length === 2, 'the echoes');
    // The frames go out in the hook's next batch (4–16 ms), which a quick local echo can beat.
    await until(() => frames(p).length === 4, 'the four frames posted');
    expect(done(p).map((d) => d.error)).toEqual(['', '']);
    expect(p.run('wrapped')).toBe(0);
    const sent = frames(p).filter((f) => f.dir === 'sent');
    expect(sent.map((f) => [text(f) ?? bytes(f), f.fromPanel])).toEqual([['from the panel', true], [[1, 2, 255], true]]);
    expect(frames(p).filter((f) => f.dir === 'received').every((f) => f.fromPanel === undefined)).toBe(true);
  });

  it('delivers to onmessage and listeners as the server would: a string, or an ArrayBuffer or Blob per binaryType, with the socket\'s origin', async () => {
    const p = await page();
    attach(p);
    p.run(echo([], 'blob'));
    p.run(`window.heard = []; s.addEventListener('message', (e) => heard.push([e.type, Object.prototype.toString.call(e.data), e.origin, e.isTrusted]));`);
    await until(() => p.run('s.readyState') === 1, 'open');
    command(p, { action: 'deliver', data: 'hello page' });
    command(p, { action: 'deliver' }, 'new Uint8Array([7, 8]).buffer');
    p.run(`s.binaryType = 'arraybuffer'`);
    command(p, { action: 'deliver' }, 'new Uint8Array([9]).buffer');
    const origin = new URL(ws.echo).origin;
    expect(p.run('heard')).toEqual([
      ['message', '[object String]', origin, false],
      ['message', '[object Blob]', origin, false],
      ['message', '[object ArrayBuffer]', origin, false],
    ]);
    expect(p.run('got')).toEqual(['hello page', '[object Blob]', '[object ArrayBuffer]']);
    await until(() => frames(p).length === 3, 'the delivered frames recorded');
    const received = frames(p).filter((f) => f.dir === 'received');
    expect(received.map((f) => f.fromPanel)).toEqual([true, true, true]);
    expect(done(p).map((d) => d.error)).toEqual(['', '', '']);
    expect(p.run('errors')).toEqual([]);
  });

  it('says why it did nothing: no such socket, not open yet, closed; and closes through the native close()', async () => {
    const p = await page();
    attach(p);
    p.run(`window.s = new WebSocket(${js(ws.echo)});`);
    command(p, { action: 'send', data: 'too early' });
    command(p, { action: 'send', data: 'x', socket: 99 });
    await until(() => p.run('s.readyState') === 1, 'open');
    command(p, { action: 'close', code: 4000, reason: 'from the panel' });
    command(p, { action: 'close', code: 1 });
    await until(() => p.run('s.readyState') === 3, 'closed');
    command(p, { action: 'deliver', data: 'too late' });
    expect(done(p).map((d) => d.error).join()).toBe('connecting,gone,,close,gone');
    const closeCalled = p.events().find((e) => e.kind === 'closeCalled');
    expect(closeCalled).toMatchObject({ code: 4000, reason: 'from the panel', fromPanel: true });
  });

  it('reconnects: a new socket in the page\'s window, made with the native constructor and recorded, that page code never sees', async () => {
    const p = await page();
    attach(p);
    p.run(`window.made = 0; const WS = WebSocket; window.WebSocket = function (...a) { made++; return new WS(...a); };`);
    p.sendSource(`{ v: 1, type: 'command', requestId: 1, doc: 0, socket: 7, action: 'open', url: ${js(ws.echo)}, protocols: ['chat'] }`);
    await until(() => p.events().some((e) => e.kind === 'open'), 'the new socket open');
    command(p, { action: 'send', data: 'over the new socket' });
    await until(() => frames(p).length === 2, 'the frame and its echo');
    expect(p.events().find((e) => e.kind === 'created')).toMatchObject({ id: 1, url: ws.echo, protocols: ['chat'], initiator: 'Opened by the panel (Reconnect)' });
    expect(frames(p).map((f) => [f.dir, text(f), f.fromPanel])).toEqual([['sent', 'over the new socket', true], ['received', 'over the new socket', undefined]]);
    expect(p.run('made')).toBe(0);
    p.sendSource(`{ v: 1, type: 'command', requestId: 2, doc: 0, socket: 7, action: 'open', url: 'http://not a url', protocols: [] }`);
    expect(done(p).map((d) => d.error)).toEqual(['', '', 'open']);
  });
});
