// Unit: worker sockets read from DevTools' network log (getHAR entries as Chromium writes them, checked in a real
// browser by test/e2e/workers.test.ts) — taken once each, frames diffed by count, the hook's own sockets never doubled.
import { describe, expect, it } from 'vitest';
import { createLogTracker, GRACE_MS, unexplainedHandshake, type HookSocket } from '../../src/panel/devtoolsLog';
import { logSockets } from '../../src/panel/harEntries';
import type { LogBatch } from '../../src/panel/logEvents';
import { IDLE_POLL_MS, nextPollDelay, POLL_MS } from '../../src/panel/logPollDelay';
import { composable } from '../../src/panel/composer';
import { scriptName } from '../../src/panel/labels';
import { createStore } from '../../src/panel/store';

const HOOK = 'chrome-extension://abc/';
const T0 = Date.parse('2026-12-03T08:38:07.130Z');
const URL1 = 'ws://127.0.0.1:4000/';

type Msg = { type: string; time: number; opcode: number; data: string };
const msg = (type: 'send' | 'receive', data: string, dt = 10, opcode = 1): Msg => ({ type, time: (T0 + dt) / 1000, opcode, data });

/** A WebSocket entry as Chromium's getHAR writes it. */
function entry(o: { url?: string; start?: number; scripts?: string[]; messages?: Msg[]; protocol?: string; requested?: string; time?: number; receive?: number; status?: number } = {}) {
  return {
    _resourceType: 'websocket',
    _initiator: o.scripts ? { type: 'script', stack: { callFrames: o.scripts.map((url, i) => ({ functionName: i ? 'f' : '', scriptId: '3', url, lineNumber: 0, columnNumber: 10 })) } } : { type: 'other' },
    startedDateTime: new Date(o.start ?? T0).toISOString(),
    time: o.time ?? 5,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 5, receive: o.receive ?? 0, _blocked_queueing: -1 },
    request: { method: 'GET', url: o.url ?? URL1, headers: o.requested ? [{ name: 'Sec-WebSocket-Protocol', value: o.requested }] : [] },
    response: { status: o.status ?? 101, headers: o.protocol ? [{ name: 'sec-websocket-protocol', value: o.protocol }] : [] },
    _webSocketMessages: o.messages ?? [],
  };
}
const har = (...entries: unknown[]) => ({ version: '1.2', entries });
const worker = (messages: Msg[] = [], more: Parameters<typeof entry>[0] = {}) => entry({ scripts: ['http://127.0.0.1/w/dedicated.js'], messages, ...more });
const page = (messages: Msg[] = [], more: Parameters<typeof entry>[0] = {}) =>
  entry({ scripts: [`${HOOK}src/page/hook.js`, 'http://127.0.0.1/app.js'], messages, ...more });
const hookSocket = (o: Partial<HookSocket> = {}): HookSocket => ({ key: 'doc1:1', url: URL1, createdAt: T0 + 2, frames: 0, ...o });

const kinds = (b: LogBatch[]) => b.flatMap((x) => x.events.map((e) => (e.kind === 'frame' ? `${e.dir} ${typeof e.data === 'string' ? e.data : [...e.data].join(',')}` : e.kind)));
const tracker = (cap = 1 << 20) => createLogTracker(HOOK, () => cap);

describe('logSockets: the WebSocket entries of a HAR, checked', () => {
  it('keeps WebSocket entries only, with their handshake facts and initiator, and leaves out malformed ones', () => {
    const list = logSockets(har(
      { _resourceType: 'script', request: { url: 'http://x/w.js' } },
      worker([msg('send', 'a')], { requested: 'mqtt, v2', protocol: 'mqtt' }),
      { ...worker(), startedDateTime: 'never' },
      { ...worker(), request: { url: 'javascript:alert(1)' } },
      { ...worker(), _webSocketMessages: 'no' },
      null,
      7,
    ));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      url: URL1, start: T0, end: T0 + 5, status: 101, protocols: ['mqtt', 'v2'], protocol: 'mqtt', extensions: '',
      scripts: ['http://127.0.0.1/w/dedicated.js'], initiator: '    at (anonymous) (http://127.0.0.1/w/dedicated.js:1:11)',
    });
    expect(logSockets(undefined)).toEqual([]);
    expect(logSockets({ entries: 'x' })).toEqual([]);
  });

  it('gives entries with the same start and URL ids of their own, the same at every poll', () => {
    const ids = logSockets(har(worker(), worker(), worker([], { url: 'ws://other/' }))).map((s) => s.id);
    expect(new Set(ids).size).toBe(3);
    expect(logSockets(har(worker(), worker(), worker([], { url: 'ws://other/' }))).map((s) => s.id)).toEqual(ids);
  });
});

describe('createLogTracker', () => {
  it('shows a worker socket (its stack names no hook) once its grace is over, then only the frames it did not take', () => {
    const t = tracker();
    expect(t.update(har(worker([msg('send', 'a')])), [], T0)).toEqual([]);
    expect(t.pending()).toBe(1);
    const first = t.update(har(worker([msg('send', 'a'), msg('receive', 'a', 12)])), [], T0 + GRACE_MS);
    expect(kinds(first)).toEqual(['created', 'open', 'sent a', 'received a']);
    expect(first[0].source).toEqual({ script: 'http://127.0.0.1/w/dedicated.js' });
    expect(first[0].events[2]).toMatchObject({ seq: 3, id: 1, t: T0 + 10, type: 'text', length: 1, truncated: false });
    expect(t.pending()).toBe(0);
    // Unchanged: nothing; more: only what is new, in the same document with the next seqs.
    expect(t.update(har(worker([msg('send', 'a'), msg('receive', 'a', 12)])), [], T0 + 3000)).toEqual([]);
    const next = t.update(har(worker([msg('send', 'a'), msg('receive', 'a', 12), msg('send', 'b', 20)])), [], T0 + 4000);
    expect(kinds(next)).toEqual(['sent b']);
    expect(next[0]).toMatchObject({ docId: first[0].docId, events: [{ seq: 5 }] });
  });

  it('never shows a socket the hook captured: its initiator stack holds the hook', () => {
    const t = tracker();
    const p = page([msg('send', 'from the page')]);
    expect(t.update(har(p), [], T0)).toEqual([]);
    expect(t.update(har(p), [], T0 + 10 * GRACE_MS)).toEqual([]);
    expect(t.finished(p, [], T0 + 10 * GRACE_MS)).toEqual([]);
    expect(t.pending()).toBe(0);
  });

  it('matches an entry without a stack to the hook socket with its URL, start and frame count, else shows it', () => {
    const t = tracker();
    const hooked = entry({ messages: [msg('send', 'x')] });
    const other = entry({ url: 'ws://127.0.0.1:4001/', messages: [msg('send', 'y')] });
    const late = entry({ start: T0 + 5000, messages: [msg('send', 'z')] });
    const hook = [hookSocket({ frames: 1 })];
    expect(t.update(har(hooked, other, late), hook, T0)).toEqual([]);
    const shown = t.update(har(hooked, other, late), hook, T0 + GRACE_MS);
    // Another URL, or the same URL opened 5 s later: not the hook's socket.
    expect(kinds(shown)).toEqual(['created', 'open', 'sent y', 'created', 'open', 'sent z']);
  });

  it('a hook socket with far more frames than the entry ever had is another socket', () => {
    const t = tracker();
    const e = entry({ messages: [msg('send', 'x')] });
    t.update(har(e), [hookSocket({ frames: 500 })], T0);
    expect(kinds(t.update(har(e), [hookSocket({ frames: 500 })], T0 + GRACE_MS))).toEqual(['created', 'open', 'sent x']);
  });

  it('a page socket and a worker socket to the same URL at the same moment: the page’s twin is taken by the page’s entry', () => {
    const t = tracker();
    const w = entry({ start: T0 + 1, messages: [msg('send', 'from a worker')] }); // no stack: only time could tell
    const p = page([msg('send', 'from the page')]);
    // The worker's entry comes first in the log and is nearer in time to the hook socket: the page's still claims it.
    t.update(har(w, p), [hookSocket({ createdAt: T0 + 1, frames: 1 })], T0);
    expect(kinds(t.update(har(w, p), [hookSocket({ createdAt: T0 + 1, frames: 1 })], T0 + GRACE_MS))).toEqual(['created', 'open', 'sent from a worker']);
  });

  it('between two entries without a stack, frame counts pick the hook socket’s twin', () => {
    const t = tracker();
    const busy = entry({ messages: [msg('send', '1'), msg('send', '2'), msg('send', '3'), msg('send', '4')] });
    const quiet = entry({ messages: [msg('send', 'q')] });
    const hook = [hookSocket({ frames: 4 })];
    t.update(har(quiet, busy), hook, T0);
    expect(kinds(t.update(har(quiet, busy), hook, T0 + GRACE_MS))).toEqual(['created', 'open', 'sent q']);
  });

  it('waits for the hook’s copy during the grace: a twin reported late is still matched', () => {
    const t = tracker();
    const e = entry({ messages: [msg('send', 'x')] });
    expect(t.update(har(e), [], T0)).toEqual([]);
    expect(t.update(har(e), [hookSocket({ frames: 1 })], T0 + GRACE_MS)).toEqual([]);
    expect(t.pending()).toBe(0);
  });

  it('a close (onRequestFinished) gives the last frames and ends the socket, once; unknown entries are decided at once', () => {
    const t = tracker();
    const open = worker([msg('send', 'a')], { time: 300 });
    t.update(har(open), [], T0);
    t.update(har(open), [], T0 + GRACE_MS);
    const done = worker([msg('send', 'a'), msg('receive', 'a', 12)], { time: 300 });
    const ended = t.finished(done, [], T0 + 2000);
    expect(kinds(ended)).toEqual(['received a', 'ended']);
    expect(ended[0].events[1]).toMatchObject({ kind: 'ended', t: T0 + 300 });
    expect(t.finished(done, [], T0 + 2100)).toEqual([]);
    // Never polled (opened and closed between two polls): shown whole.
    const quick = worker([msg('send', 'q')], { start: T0 + 50 });
    expect(kinds(t.finished(quick, [], T0 + 2200))).toEqual(['created', 'open', 'sent q', 'ended']);
    // Not a WebSocket: nothing.
    expect(t.finished({ _resourceType: 'script', request: { url: 'http://x/' } }, [], T0)).toEqual([]);
  });

  it('a socket the log shows closed (its receive time set) or failed ends, also when it closed before the panel listened', () => {
    const t = tracker();
    const closed = worker([msg('send', 'a')], { time: 400, receive: 380 });
    const failed = worker([{ type: 'error', time: 23193.11, opcode: -1, data: 'net::ERR_UNSAFE_PORT' }], { url: 'ws://127.0.0.1:1/', status: 0 });
    const open = worker([msg('send', 'b')], { url: 'ws://127.0.0.1:4002/' });
    const connecting = worker([], { url: 'ws://127.0.0.1:4003/', status: 0 });
    t.update(har(closed, failed, open, connecting), [], T0);
    const batches = t.update(har(closed, failed, open, connecting), [], T0 + GRACE_MS);
    expect(batches.map((b) => kinds([b]))).toEqual([
      ['created', 'open', 'sent a', 'ended'],
      ['created', 'error', 'ended'],
      ['created', 'open', 'sent b'],
      ['created'],
    ]);
    expect(batches[0].events.at(-1)).toMatchObject({ kind: 'ended', t: T0 + 400 });
    // Later polls and the finish event add nothing more.
    expect(t.update(har(closed, failed, open, connecting), [], T0 + 3000)).toEqual([]);
    expect(t.finished(closed, [], T0 + 3000)).toEqual([]);
  });

  it('binary frames (base64 in the log), errors (a monotonic time), and the per-frame cap', () => {
    const t = createLogTracker(HOOK, () => 4);
    const e = worker([
      msg('send', 'AAH/QQ==', 10, 2),
      msg('receive', 'héllo wörld', 11),
      { type: 'error', time: 23193.11, opcode: -1, data: 'Error in connection establishment' },
      { type: 'send', time: 'x', opcode: 9, data: 'ping' } as unknown as Msg,
    ]);
    t.update(har(e), [], T0);
    const [b] = t.update(har(e), [], T0 + GRACE_MS);
    expect(b.events.slice(2)).toEqual([
      { kind: 'frame', seq: 3, id: 1, t: T0 + 10, dir: 'sent', type: 'binary', data: new Uint8Array([0, 1, 255, 65]), length: 4, truncated: false },
      { kind: 'frame', seq: 4, id: 1, t: T0 + 11, dir: 'received', type: 'text', data: 'hél', length: 13, truncated: true },
      { kind: 'error', seq: 5, id: 1, t: T0 },
    ]);
  });

  it('forgets entries the log forgot (navigation, Clear in the Network panel)', () => {
    const t = tracker();
    t.update(har(worker()), [], T0);
    expect(t.pending()).toBe(1);
    t.update(har(), [], T0 + 10);
    expect(t.pending()).toBe(0);
  });
});

describe('unexplainedHandshake: whether the log is worth reading', () => {
  const A = 'ws://a.test/', B = 'ws://b.test/';
  const t0 = 1_000_000;
  it('is false when every handshake has a socket in the panel, and for none at all', () => {
    expect(unexplainedHandshake([], [], t0, t0 + 10_000)).toBe(false);
    expect(unexplainedHandshake([{ url: A, sentAt: t0 }, { url: A, sentAt: t0 + 5 }], [{ url: A, createdAt: t0 }, { url: A, createdAt: t0 }, { url: B, createdAt: t0 }], t0, t0 + 10_000)).toBe(false);
  });
  it('is true for one more handshake to a URL than sockets to it (a worker’s), once the grace has passed', () => {
    const hs = [{ url: A, sentAt: t0 }, { url: A, sentAt: t0 + 5 }, { url: B, sentAt: t0 }];
    expect(unexplainedHandshake(hs, [{ url: A, createdAt: t0 }, { url: B, createdAt: t0 }], t0, t0 + GRACE_MS + 10)).toBe(true);
    expect(unexplainedHandshake(hs, [{ url: A, createdAt: t0 }, { url: B, createdAt: t0 }], t0, t0 + GRACE_MS - 10)).toBe(false);
  });
  it('counts the grace from the panel’s opening for handshakes kept from before it (their hook reports arrive after)', () => {
    const hs = [{ url: A, sentAt: t0 - 60_000 }];
    expect(unexplainedHandshake(hs, [], t0, t0 + 100)).toBe(false);
    expect(unexplainedHandshake(hs, [], t0, t0 + GRACE_MS + 1)).toBe(true);
  });
  it('compares only handshakes and sockets since the last Clear or navigation: the sockets those retired keep their handshakes', () => {
    const reset = t0 + 5_000;
    // The old page's socket is gone from the panel (retired), its handshake still kept; the new page's socket has its own.
    const hs = [{ url: A, sentAt: t0 }, { url: A, sentAt: reset + 10 }];
    const now = reset + 10 + GRACE_MS + 1;
    expect(unexplainedHandshake(hs, [{ url: A, createdAt: reset + 5 }], t0, now)).toBe(true); // what the panel did before
    expect(unexplainedHandshake(hs, [{ url: A, createdAt: reset + 5 }], t0, now, reset)).toBe(false);
    // After a Clear, an open socket from before stays listed, its handshake is older than the reset: neither counts.
    expect(unexplainedHandshake([{ url: A, sentAt: t0 }], [{ url: A, createdAt: t0 }], t0, now, reset)).toBe(false);
    // A worker's socket opened after the reset still shows.
    expect(unexplainedHandshake([...hs, { url: B, sentAt: reset + 20 }], [{ url: A, createdAt: reset + 5 }], t0, now + 20, reset)).toBe(true);
  });
});

describe('nextPollDelay', () => {
  it('polls every second while anything changes, backs off when idle, and never spends more than a tenth of the time reading', () => {
    expect(nextPollDelay(POLL_MS, 5, true, true)).toBe(POLL_MS);
    expect(nextPollDelay(POLL_MS, 5, false, true)).toBe(1500);
    expect(nextPollDelay(2500, 5, false, true)).toBe(IDLE_POLL_MS);
    expect(nextPollDelay(IDLE_POLL_MS, 5, false, true)).toBe(IDLE_POLL_MS);
    expect(nextPollDelay(IDLE_POLL_MS, 5, true, true)).toBe(POLL_MS);
    // A large log: a tenth of the time while worker sockets are there, a thirtieth while none is.
    expect(nextPollDelay(POLL_MS, 2000, true, true)).toBe(20_000);
    expect(nextPollDelay(POLL_MS, 2000, true, false)).toBe(60_000);
    expect(nextPollDelay(POLL_MS, 20, true, false)).toBe(POLL_MS);
  });
});

describe('the store takes log sockets', () => {
  const immediate = (apply: () => void) => apply();
  it('as connections of their own, with rows under the same caps, a close without code, and retired by navigation', () => {
    const s = createStore({ schedule: immediate, maxRows: 3 });
    const t = tracker();
    const e = worker([msg('send', 'a'), msg('receive', 'b', 12), msg('send', 'c', 14)]);
    t.update(har(e), [], T0);
    expect(t.workers()).toBe(0);
    s.enqueueLog(t.update(har(e), [], T0 + GRACE_MS));
    expect(t.workers()).toBe(1);
    const [c] = s.connections.value.values();
    expect(c).toMatchObject({ n: 1, url: URL1, state: 'open', source: { script: 'http://127.0.0.1/w/dedicated.js' }, sent: { count: 2 }, received: { count: 1 } });
    expect(s.counts.value.evicted).toBeGreaterThan(0); // 4 rows (open + 3 frames) over a cap of 3
    // The hook does not hold it: the composer and replay cannot pick it.
    expect(composable(s.connections.value.values())).toEqual([]);
    // Its label names the worker's script: a page socket to the same URL reads differently.
    expect(s.labels.value.get(c.key)).toBe('127.0.0.1:4000 · worker dedicated.js');
    expect(scriptName('blob:http://127.0.0.1/19a5e265')).toBe('blob');
    expect(scriptName('http://127.0.0.1/w/module.js?v=2')).toBe('module.js');
    expect(scriptName('')).toBe('?');
    s.enqueueLog(t.finished(e, [], T0 + 3000));
    expect(s.connections.value.get(c.key)).toMatchObject({ state: 'closed' });
    expect(s.connections.value.get(c.key)?.closeCode).toBeUndefined();
    expect(s.getRows().at(-1)).toMatchObject({ type: 'close', data: 'Closed (DevTools’ network log does not record the code)' });
    s.navigated('http://127.0.0.1/next', T0 + 10_000);
    expect(s.connections.value.size).toBe(0);
  });
});
