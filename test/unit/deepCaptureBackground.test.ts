// Unit: the background's deep capture (src/background/deepCapture.ts) against a fake chrome.debugger — which targets
// get Network, that each paused worker is let run after it, which events reach the panel, and detaching.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackgroundToPanel } from '../../src/shared/protocol';

type Debuggee = { tabId?: number; targetId?: string; sessionId?: string };
const targets = [
  { id: 'SW1', type: 'worker', url: 'http://x/shared.js' },
  { id: 'SW2', type: 'worker', url: 'http://other/shared.js' },
  { id: 'EXT', type: 'worker', url: 'chrome-extension://abc/service-worker-loader.js' },
  { id: 'P', type: 'page', url: 'http://x/', tabId: 7 },
];
type EventCb = (source: Debuggee, method: string, params?: unknown) => void;
type DetachCb = (source: Debuggee, reason: string) => void;

function fakeDebugger() {
  const calls: string[] = [];
  const events: EventCb[] = [];
  const detaches: DetachCb[] = [];
  const api = {
    attach: vi.fn(async (t: Debuggee) => void calls.push(`attach ${t.tabId ?? t.targetId}`)),
    detach: vi.fn(async (t: Debuggee) => void calls.push(`detach ${t.tabId ?? t.targetId}`)),
    sendCommand: vi.fn(async (t: Debuggee, method: string, params?: object) => {
      calls.push(`${t.sessionId ?? t.targetId ?? 'tab'} ${method}${params ? ' ' + JSON.stringify(params) : ''}`);
      return {};
    }),
    getTargets: vi.fn(async () => targets),
    onEvent: { addListener: (cb: EventCb) => events.push(cb) },
    onDetach: { addListener: (cb: DetachCb) => detaches.push(cb) },
  };
  return { api, calls, emit: (s: Debuggee, m: string, p?: unknown) => events.forEach((cb) => cb(s, m, p)), detach: (s: Debuggee, r: string) => detaches.forEach((cb) => cb(s, r)) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('background deep capture', () => {
  let fake: ReturnType<typeof fakeDebugger>;
  let sent: [number, BackgroundToPanel][];
  let dc: typeof import('../../src/background/deepCapture');

  beforeEach(async () => {
    vi.resetModules();
    fake = fakeDebugger();
    (globalThis as { chrome?: unknown }).chrome = { debugger: fake.api, tabs: { get: async () => ({ url: 'http://x/page' }) } };
    sent = [];
    dc = await import('../../src/background/deepCapture');
    dc.watchDeepCapture((tabId, m) => sent.push([tabId, m]));
  });
  afterEach(async () => {
    for (const tabId of [7, 9]) await dc.setDeepCapture(tabId, false); // stops the shared-worker poll
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('attaches to the tab with flat auto-attach, enables Network only in worker sessions, then lets each target run', async () => {
    await dc.setDeepCapture(7, true);
    expect(fake.calls.slice(0, 2)).toEqual(['attach 7', 'tab Target.setAutoAttach {"autoAttach":true,"waitForDebuggerOnStart":true,"flatten":true}']);
    expect(sent).toEqual([[7, { v: 1, type: 'deepCaptureState', on: true, reason: '' }]]);
    fake.calls.length = 0;
    fake.emit({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 'W', targetInfo: { type: 'worker', url: 'http://x/w.js' }, waitingForDebugger: true });
    fake.emit({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 'F', targetInfo: { type: 'iframe', url: 'http://y/' }, waitingForDebugger: true });
    await settle();
    await settle();
    expect(fake.calls.filter((c) => c.startsWith('W '))).toEqual([
      'W Network.enable',
      'W Target.setAutoAttach {"autoAttach":true,"waitForDebuggerOnStart":true,"flatten":true}',
      'W Runtime.runIfWaitingForDebugger',
    ]);
    expect(fake.calls.filter((c) => c.startsWith('F '))).toEqual(['F Runtime.runIfWaitingForDebugger']);
    expect(fake.calls).not.toContain('tab Network.enable');
  });

  it('lets a paused worker run even when Chrome never answers its Network.enable', async () => {
    await dc.setDeepCapture(7, true);
    vi.useFakeTimers();
    try {
      fake.api.sendCommand.mockImplementationOnce(async (t: Debuggee, method: string) => {
        fake.calls.push(`${t.sessionId} ${method}`);
        return new Promise(() => undefined);
      });
      fake.emit({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 'W', targetInfo: { type: 'worker', url: 'http://x/w.js' }, waitingForDebugger: true });
      await vi.advanceTimersByTimeAsync(1900);
      expect(fake.calls.filter((c) => c.startsWith('W '))).toEqual(['W Network.enable']);
      await vi.advanceTimersByTimeAsync(200);
      expect(fake.calls.filter((c) => c.startsWith('W '))).toEqual(['W Network.enable', 'W Runtime.runIfWaitingForDebugger']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes on the WebSocket events of worker sessions only, with the worker’s script', async () => {
    await dc.setDeepCapture(7, true);
    fake.emit({ tabId: 7 }, 'Target.attachedToTarget', { sessionId: 'W', targetInfo: { type: 'worker', url: 'http://x/w.js' } });
    sent.length = 0;
    const params = { requestId: '1', url: 'ws://x/' };
    fake.emit({ tabId: 7, sessionId: 'W' }, 'Network.webSocketCreated', params);
    fake.emit({ tabId: 7 }, 'Network.webSocketCreated', params); // the page's own target: never passed on
    fake.emit({ tabId: 7, sessionId: 'other' }, 'Network.webSocketCreated', params);
    fake.emit({ tabId: 7, sessionId: 'W' }, 'Network.requestWillBeSent', params);
    fake.emit({ tabId: 8, sessionId: 'W' }, 'Network.webSocketCreated', params);
    expect(sent).toEqual([[7, { v: 1, type: 'cdp', event: { session: 'W', target: { type: 'worker', url: 'http://x/w.js' }, method: 'Network.webSocketCreated', params } }]]);
    fake.emit({ tabId: 7 }, 'Target.detachedFromTarget', { sessionId: 'W' });
    fake.emit({ tabId: 7, sessionId: 'W' }, 'Network.webSocketClosed', params);
    expect(sent).toHaveLength(1);
  });

  it('turns off when the user closes Chrome’s debugging bar, and detaches when asked or when the panel goes', async () => {
    await dc.setDeepCapture(7, true);
    fake.detach({ tabId: 7 }, 'canceled_by_user');
    expect(sent.at(-1)).toEqual([7, { v: 1, type: 'deepCaptureState', on: false, reason: expect.stringContaining('bar was closed') }]);
    await dc.setDeepCapture(7, true);
    for (let i = 0; i < 6; i++) await settle();
    fake.calls.length = 0;
    await dc.setDeepCapture(7, false);
    expect(fake.calls).toEqual(['detach SW1', 'detach 7']);
    await dc.setDeepCapture(7, true);
    for (let i = 0; i < 6; i++) await settle();
    fake.calls.length = 0;
    dc.panelGone(7);
    await settle();
    expect(fake.calls).toEqual(['detach SW1', 'detach 7']);
    dc.panelGone(7); // not attached any more: nothing to do
    await settle();
    expect(fake.calls).toEqual(['detach SW1', 'detach 7']);
  });

  it('attaches by targetId to the running shared workers of the tab’s origin (not other origins’, not extensions’), and passes on their socket events', async () => {
    await dc.setDeepCapture(7, true);
    for (let i = 0; i < 6; i++) await settle();
    expect(fake.calls.filter((c) => c.startsWith('attach') || c.startsWith('SW'))).toEqual(['attach 7', 'attach SW1', 'SW1 Network.enable']);
    sent.length = 0;
    const params = { requestId: '1', url: 'ws://x/' };
    fake.emit({ targetId: 'SW1' }, 'Network.webSocketCreated', params);
    fake.emit({ targetId: 'SW2' }, 'Network.webSocketCreated', params);
    expect(sent).toEqual([[7, { v: 1, type: 'cdp', event: { session: 'target:SW1', target: { type: 'shared_worker', url: 'http://x/shared.js' }, method: 'Network.webSocketCreated', params } }]]);
  });

  it('says why when attaching fails or the permission is missing', async () => {
    fake.api.attach.mockRejectedValueOnce(new Error('Another debugger is already attached'));
    await dc.setDeepCapture(7, true);
    expect(sent.at(-1)).toEqual([7, { v: 1, type: 'deepCaptureState', on: false, reason: 'Deep capture could not attach: Another debugger is already attached' }]);
    delete (globalThis as { chrome?: unknown }).chrome;
    await dc.setDeepCapture(9, true);
    expect(sent.at(-1)?.[1]).toMatchObject({ type: 'deepCaptureState', on: false, reason: expect.stringContaining('permission') });
  });
});
