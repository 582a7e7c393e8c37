// Unit: deep capture's CDP events (a worker session's Network.webSocket*, as Chromium sends them) become the panel's
// connections, rows and handshakes; checked in a real browser by test/e2e/deepCapture.test.ts.
import { describe, expect, it } from 'vitest';
import { createCdpSockets, MAX_DEEP_SOCKETS, withoutDeepTwins } from '../../src/panel/cdpSockets';
import type { LogBatch } from '../../src/panel/logEvents';
import { createStore } from '../../src/panel/store';
import { isBackgroundToPanel, isPanelToBackground, type CdpSocketEvent, type CdpSocketMethod } from '../../src/shared/protocol';

const WALL = 1_764_750_000; // seconds since the epoch, at monotonic second 1000
const URL1 = 'ws://127.0.0.1:4000/echo';
const WORKER = 'http://127.0.0.1:3000/w/dedicated.js';
const ev = (method: CdpSocketMethod, params: Record<string, unknown>, session = 'S1'): CdpSocketEvent => ({ session, target: { type: 'worker', url: WORKER }, method, params: { requestId: 'R1', ...params } });

/** A socket's life as Chromium reports it in a worker's session. */
const life = (session = 'S1', requestId = 'R1'): CdpSocketEvent[] =>
  [
    ev('Network.webSocketCreated', { url: URL1, initiator: { type: 'script', stack: { callFrames: [{ functionName: '', url: WORKER, lineNumber: 1, columnNumber: 12 }] } } }, session),
    ev('Network.webSocketWillSendHandshakeRequest', { timestamp: 1000.001, wallTime: WALL + 0.001, request: { headers: { Upgrade: 'websocket', 'Sec-WebSocket-Protocol': 'chat, v2' } } }, session),
    ev('Network.webSocketHandshakeResponseReceived', { timestamp: 1000.01, response: { status: 101, statusText: 'Switching Protocols', headers: { 'Sec-WebSocket-Protocol': 'chat', 'X-Custom': 'yes' } } }, session),
    ev('Network.webSocketFrameSent', { timestamp: 1000.02, response: { opcode: 1, mask: true, payloadData: 'héllo' } }, session),
    ev('Network.webSocketFrameReceived', { timestamp: 1000.03, response: { opcode: 2, mask: false, payloadData: 'AQID' } }, session),
    ev('Network.webSocketFrameReceived', { timestamp: 1000.035, response: { opcode: 9, mask: false, payloadData: '' } }, session),
    ev('Network.webSocketClosed', { timestamp: 1000.04 }, session),
  ].map((e) => ({ ...e, params: { ...e.params, requestId } }));

describe('deep capture: CDP WebSocket events → panel events', () => {
  it('makes one connection per socket, placed on the wall clock from the handshake request’s wallTime, with its handshake', () => {
    const cdp = createCdpSockets(() => 1024);
    const taken = life().map((e) => cdp.take(e, 5));
    expect(taken[0]).toEqual({}); // created waits for the handshake request's wall-clock time
    const events = taken.flatMap((t) => t.batch?.events ?? []);
    expect(events.map((e) => e.kind)).toEqual(['created', 'open', 'frame', 'frame', 'ended']);
    const [created, open, sent, received, ended] = events;
    expect(created).toMatchObject({ seq: 1, id: 1, url: URL1, protocols: ['chat', 'v2'], t: (WALL + 0.001) * 1000 });
    expect(created.kind === 'created' && created.initiator).toContain(`${WORKER}:2:13`);
    expect(open).toMatchObject({ protocol: 'chat', extensions: '' });
    expect(open.t).toBeCloseTo((WALL + 0.01) * 1000, 3);
    expect(sent).toMatchObject({ dir: 'sent', type: 'text', data: 'héllo', length: 6, truncated: false });
    expect(received).toMatchObject({ dir: 'received', type: 'binary', data: new Uint8Array([1, 2, 3]), length: 3 });
    expect(ended.t).toBeCloseTo((WALL + 0.04) * 1000, 3);
    expect(new Set(taken.flatMap((t) => (t.batch ? [t.batch.docId] : []))).size).toBe(1);
    expect(taken[1].batch?.source).toEqual({ script: WORKER, via: 'deep' });
    const handshake = taken[2].handshake!;
    expect(handshake).toMatchObject({ url: URL1, status: 101, statusLine: '101 Switching Protocols', sentAt: (WALL + 0.001) * 1000 });
    expect(handshake.requestHeaders).toContainEqual({ name: 'Sec-WebSocket-Protocol', value: 'chat, v2' });
    expect(handshake.responseHeaders).toContainEqual({ name: 'X-Custom', value: 'yes' });
  });

  it('cuts payloads at the per-frame cap, keeping the true length', () => {
    const cdp = createCdpSockets(() => 4);
    const [c, h] = life();
    cdp.take(c, 0);
    cdp.take(h, 0);
    const text = cdp.take(ev('Network.webSocketFrameSent', { timestamp: 1000.1, response: { opcode: 1, payloadData: 'abcdefgh' } }), 0).batch!.events[0];
    expect(text).toMatchObject({ data: 'abcd', length: 8, truncated: true });
    const bin = cdp.take(ev('Network.webSocketFrameSent', { timestamp: 1000.1, response: { opcode: 2, payloadData: 'AQIDBAUG' } }), 0).batch!.events[0];
    expect(bin).toMatchObject({ data: new Uint8Array([1, 2, 3, 4]), length: 6, truncated: true });
  });

  it('tells sockets of different sessions apart even with the same request id, and ignores malformed events', () => {
    const cdp = createCdpSockets(() => 1024);
    const docs = new Set<string>();
    for (const e of [...life('A'), ...life('B')]) {
      const b = cdp.take(e, 0).batch;
      if (b) docs.add(b.docId);
    }
    expect(docs.size).toBe(2);
    expect(cdp.take(ev('Network.webSocketCreated', { url: 'javascript:alert(1)', requestId: 'X' }), 0)).toEqual({});
    expect(cdp.take(ev('Network.webSocketFrameSent', { requestId: 'unknown', response: { opcode: 1, payloadData: 'x' } }), 0)).toEqual({});
    expect(cdp.take(ev('Network.webSocketCreated', { requestId: 7, url: URL1 }), 0)).toEqual({});
  });

  it('a failed handshake is an error with the network’s message, and endAll closes what is still open', () => {
    const cdp = createCdpSockets(() => 1024);
    const [c, h] = life();
    cdp.take(c, 0);
    cdp.take(h, 0);
    const failed = cdp.take(ev('Network.webSocketFrameError', { timestamp: 1000.2, errorMessage: 'Unexpected response code: 403' }), 0);
    expect(failed.batch!.events[0].kind).toBe('error');
    expect(failed.handshake?.error).toBe('Unexpected response code: 403');
    const open = life('S2');
    cdp.take(open[0], 0);
    cdp.take(open[1], 0);
    const ends = cdp.endAll(WALL * 1000 + 5000);
    expect(ends.map((b) => b.events.map((e) => e.kind))).toEqual([['ended'], ['ended']]);
    expect(cdp.endAll(0)).toEqual([]);
  });

  it('remembers a bounded number of sockets', () => {
    const cdp = createCdpSockets(() => 1024);
    for (let i = 0; i < MAX_DEEP_SOCKETS + 10; i++) cdp.take(ev('Network.webSocketCreated', { requestId: `R${i}`, url: URL1 }), 0);
    // The first ones are forgotten: their later events make nothing.
    expect(cdp.take(ev('Network.webSocketFrameSent', { requestId: 'R0', response: { opcode: 1, payloadData: 'x' } }), 0)).toEqual({});
    expect(cdp.take(ev('Network.webSocketFrameSent', { requestId: `R${MAX_DEEP_SOCKETS + 9}`, response: { opcode: 1, payloadData: 'x' } }), 0).batch).toBeDefined();
  });

  it('shows in the store as a worker’s connection with its rows and handshake', () => {
    const store = createStore({ schedule: (apply) => apply() });
    const cdp = createCdpSockets(() => 1024);
    for (const e of life()) {
      const { batch, handshake } = cdp.take(e, 0);
      if (batch) store.enqueueLog([batch]);
      if (handshake) store.handshakes.add(handshake);
    }
    store.flush();
    const [c] = store.connections.value.values();
    expect(c).toMatchObject({ url: URL1, state: 'closed', source: { via: 'deep', script: WORKER } });
    expect(c.sent.count).toBe(1);
    expect(c.received.count).toBe(1);
    expect(store.handshakes.of(c, store.connections.value.values())?.responseHeaders).toContainEqual({ name: 'X-Custom', value: 'yes' });
  });
});

describe('deep capture and DevTools’ log show a worker socket once', () => {
  const logBatch = (docId: string, url: string, t: number): LogBatch => ({ docId, source: { script: WORKER }, events: [{ kind: 'created', seq: 1, id: 1, t, url, protocols: [], initiator: '' }] });
  it('leaves out the log’s copy of a socket deep capture shows (same URL, created within a second), and its later batches', () => {
    const twins = new Set<string>();
    const deep = [{ url: URL1, createdAt: 10_000 }];
    const kept = withoutDeepTwins([logBatch('log:1', URL1, 10_400), logBatch('log:2', URL1, 10_500), logBatch('log:3', 'ws://other/', 10_000)], deep, twins);
    // One deep socket claims one log entry: a second socket to the same URL is another socket.
    expect(kept.map((b) => b.docId)).toEqual(['log:2', 'log:3']);
    const later: LogBatch = { docId: 'log:1', source: { script: WORKER }, events: [{ kind: 'ended', seq: 2, id: 1, t: 11_000 }] };
    expect(withoutDeepTwins([later], deep, twins)).toEqual([]);
    expect(withoutDeepTwins([logBatch('log:4', URL1, 12_000)], deep, new Set())).toHaveLength(1); // too far apart in time
  });
});

describe('deep capture messages are checked', () => {
  it('panel → background', () => {
    expect(isPanelToBackground({ v: 1, type: 'deepCapture', tabId: 3, on: true })).toBe(true);
    expect(isPanelToBackground({ v: 1, type: 'deepCapture', tabId: 3, on: 'yes' })).toBe(false);
    expect(isPanelToBackground({ v: 1, type: 'deepCapture', tabId: -1, on: true })).toBe(false);
  });
  it('background → panel', () => {
    const event = ev('Network.webSocketFrameSent', { response: {} });
    expect(isBackgroundToPanel({ v: 1, type: 'cdp', event })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'cdp', event: { ...event, method: 'Runtime.evaluate' } })).toBe(false);
    expect(isBackgroundToPanel({ v: 1, type: 'cdp', event: { ...event, params: 'x' } })).toBe(false);
    expect(isBackgroundToPanel({ v: 1, type: 'cdp', event: { ...event, target: { type: 'worker' } } })).toBe(false);
    expect(isBackgroundToPanel({ v: 1, type: 'deepCaptureState', on: false, reason: 'closed' })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'deepCaptureState', on: false })).toBe(false);
  });
});
