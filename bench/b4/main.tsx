// Bench B4 (runs in a real Chromium page): the real panel store and the real App, fed with synthetic frames exactly as
// the transport feeds them (BackgroundToPanel messages as Chrome's port delivers them: the events' fields still one
// packed string, their payloads beside it), then filtered and scrolled.
import { signal } from '@preact/signals';
import { render } from 'preact';
import { App } from '../../src/panel/components/App';
import type { PanelHost } from '../../src/panel/contracts';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS, type BackgroundToPanel, type WireEvent } from '../../src/shared/protocol';
import { packEvents } from '../../src/shared/wire';
import '../../src/panel/panel.css';

const DOC = 'k3j2h1-9f8e7d-1a2b3c-4d5e6f';
const CONNECTIONS = 4;
/** Applied per store flush, as the panel applies what arrived during one animation frame. */
const EVENTS_PER_MESSAGE = 1000;
const MESSAGES_PER_FLUSH = 10;

let pending: (() => void) | undefined;
// Rows a little above the default cap, so that the timeline's extra frames (below) evict nothing: eviction copies the
// rows and rebuilds the timeline's bins on purpose, which is not what that figure measures.
const store = createStore({ schedule: (apply) => (pending = apply), maxRows: 1_050_000 });
const host: PanelHost = { clearPages() {}, limits: signal(DEFAULT_LIMITS), saveLimits() {}, version: 'bench', command: () => Promise.resolve(''), setRules() {}, resume() {} };

/** A relay batch as JSON text (what arrives over Chrome's port, parsed once more here so payloads are fresh strings). */
function batchJson(first: number, count: number, payloadBytes: number, t0: number): string {
  const body = 'x'.repeat(Math.max(0, payloadBytes - 24));
  const events = [];
  for (let i = first; i < first + count; i++) {
    const id = (i % CONNECTIONS) + 1;
    const dir = i % 2 ? 'received' : 'sent';
    const data = `{"n":${String(i).padStart(8, '0')},"p":"${body}"}`.slice(0, payloadBytes);
    events.push({ kind: 'frame', seq: i + CONNECTIONS + 1, id, t: t0 + i * 0.01, dir, type: 'text', data, length: payloadBytes, truncated: false });
  }
  return JSON.stringify({ v: 1, type: 'events', browserFrameId: 0, docId: DOC, packed: packEvents(events as WireEvent[]), clearedThrough: 0 });
}

const now = () => performance.now();
/** A macrotask without the 4 ms timer clamp: Preact has rendered (it renders in a microtask) when it runs. */
const macrotask = () => new Promise<void>((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
const settle = async () => {
  await macrotask();
  document.body.getBoundingClientRect();
  void document.body.offsetHeight;
};

const api = {
  /** Connections exist first (as when a panel opens on a live page). */
  init() {
    const t0 = Date.now() - 3_600_000;
    const created = Array.from({ length: CONNECTIONS }, (_, k) => ({ kind: 'created', seq: k + 1, id: k + 1, t: t0, url: `wss://feed.example/${k + 1}`, protocols: [], initiator: '' }));
    store.enqueue({ v: 1, type: 'document', browserFrameId: 0, doc: { docId: DOC, url: 'https://app.example/', top: true, startedAt: t0 } } as BackgroundToPanel);
    store.enqueue({ v: 1, type: 'events', browserFrameId: 0, docId: DOC, packed: packEvents(created as WireEvent[]), clearedThrough: 0 });
    pending?.();
    return t0;
  },
  /** Feeds n frames; returns ms spent in the store (apply + the visible/counts recomputation a mounted panel does). */
  feed(n: number, payloadBytes: number, t0: number) {
    let spent = 0;
    for (let first = 0; first < n; ) {
      const jsons: string[] = [];
      for (let m = 0; m < MESSAGES_PER_FLUSH && first < n; m++) {
        const count = Math.min(EVENTS_PER_MESSAGE, n - first);
        jsons.push(batchJson(first, count, payloadBytes, t0));
        first += count;
      }
      const messages = jsons.map((j) => JSON.parse(j) as BackgroundToPanel);
      const start = now();
      for (const m of messages) store.enqueue(m);
      pending?.();
      pending = undefined;
      void store.visible.value.count;
      void store.counts.value.frames;
      spent += now() - start;
    }
    return spent;
  },
  mount() {
    render(<App store={store} host={host} />, document.getElementById('root')!);
  },
  status: () => document.querySelector('[role=status]')?.textContent ?? '',
  /**
   * The timeline: 10 batches of 1,000 frames applied with it hidden, then it is shown (its bins built in one pass over
   * every row, ms), then 10 more batches with it shown (µs per frame each way: counting is per added row, never a rescan).
   */
  timeline(t0: number, from: number) {
    const batches = (first: number) => {
      let spent = 0;
      for (let b = 0; b < 10; b++) {
        const message = JSON.parse(batchJson(first + b * 1000, 1000, 100, t0)) as BackgroundToPanel;
        const s = now();
        store.enqueue(message);
        pending?.();
        pending = undefined;
        void store.visible.value.count;
        void store.timeline.series.value;
        spent += now() - s;
      }
      return (spent * 1000) / 10_000;
    };
    const hiddenUs = batches(from);
    store.timeline.toggle();
    const start = now();
    const bins = store.timeline.series.value;
    const firstPass = now() - start;
    const rows = store.getRows().length;
    const perFrameUs = batches(from + 10_000);
    return { firstPass, rows, bins: bins?.start.length ?? 0, hiddenUs, perFrameUs, rebuilds: store.timeline.rebuilds() };
  },
  /** Sets the filter box's query and waits until the table shows the result; ms. */
  async filter(query: string) {
    const start = now();
    store.setFilter({ query });
    void store.visible.value.count;
    void store.counts.value.frames;
    await settle();
    return { ms: now() - start, shown: store.visible.value.count };
  },
  /** Scroll steps of one screen at positions spread over the whole table; ms per step. */
  async scroll(steps: number) {
    const el = document.querySelector('.frames-body') as HTMLElement;
    const times: number[] = [];
    const max = el.scrollHeight - el.clientHeight;
    for (let i = 0; i < steps; i++) {
      const target = Math.floor((max * ((i * 7919) % steps)) / steps);
      await settle();
      const start = now();
      el.scrollTop = target;
      el.dispatchEvent(new Event('scroll'));
      await settle();
      times.push(now() - start);
    }
    const rendered = document.querySelectorAll('[role=rowgroup] [role=row]').length;
    return { times, rendered };
  },
};
(window as unknown as { b4: typeof api }).b4 = api;
