// Panel wiring (Chromium DevTools panel): reads DevTools' own network log (devtools.network.getHAR, and onRequestFinished
// for closes) while the panel is shown, and hands the worker sockets devtoolsLog.ts finds in it to the store.
import type { ReadonlySignal } from '@preact/signals';
import browser from 'webextension-polyfill';
import type { Limits } from '../shared/protocol';
import { withoutDeepTwins, type DeepSocket } from './cdpSockets';
import { createLogTracker, unexplainedHandshake, type HookSocket } from './devtoolsLog';
import type { LogBatch } from './logEvents';
import { nextPollDelay, POLL_MS } from './logPollDelay';
import type { Store } from './store';

/** `deepSockets`: the worker sockets deep capture shows (deepCaptureLink.ts), which the log's copies must not show again. */
export function watchDevtoolsLog(store: Store, limits: ReadonlySignal<Limits>, deepSockets: () => DeepSocket[]) {
  const ours = browser.runtime.getURL('');
  // Firefox's HAR has no WebSocket messages (its HarBuilder writes none): nothing to read there.
  if (!ours.startsWith('chrome-extension://')) return;
  const tracker = createLogTracker(ours, () => limits.value.maxPayloadBytes);
  const hookSockets = (): HookSocket[] => {
    store.flush(); // what the hook reported is known before the log is compared with it
    const out: HookSocket[] = [];
    for (const c of store.connections.value.values())
      if (!c.source) out.push({ key: c.key, url: c.url, createdAt: c.createdAt, frames: c.sent.count + c.received.count });
    return out;
  };

  /** The log's docIds of sockets deep capture shows. */
  const twins = new Set<string>();
  const enqueue = (batches: LogBatch[]) => {
    const shown = batches.length ? withoutDeepTwins(batches, deepSockets(), twins) : batches;
    if (shown.length) store.enqueueLog(shown);
  };

  const opened = Date.now();
  /** Whether the log may hold a socket the panel lacks: once it has, it is read from then on. */
  let reading = false;
  const worthReading = () =>
    (reading ||= unexplainedHandshake(
      store.handshakes.list.value,
      [...store.connections.value.values()].filter((c) => !c.source || c.source.via === 'deep'),
      opened,
      Date.now(),
      store.resetAt(),
    ));

  let delay = POLL_MS;
  const poll = async () => {
    if (!worthReading()) return void setTimeout(() => requestAnimationFrame(() => void poll()), POLL_MS);
    if (!listening) {
      listening = true;
      browser.devtools.network.onRequestFinished.addListener(onFinished);
    }
    const started = performance.now();
    const har: unknown = await browser.devtools.network.getHAR().catch(() => undefined);
    const cost = performance.now() - started;
    const batches = tracker.update(har, hookSockets(), Date.now());
    enqueue(batches);
    delay = nextPollDelay(delay, cost, batches.length > 0 || tracker.pending() > 0, tracker.workers() > 0);
    // Animation frames stop while the panel is hidden (another DevTools tool shown): so does polling; the log keeps
    // the messages meanwhile, and the first poll after it shows again takes them.
    setTimeout(() => requestAnimationFrame(() => void poll()), delay);
  };
  requestAnimationFrame(() => void poll());

  // A WebSocket's request finishes when it closes: its last messages and the close, without waiting for a poll. Only
  // once the log is read: DevTools builds each finished request's entry, messages and all, for every listener.
  let listening = false;
  const onFinished = (entry: unknown) => {
    if ((entry as { _resourceType?: unknown })._resourceType !== 'websocket') return;
    enqueue(tracker.finished(entry, hookSockets(), Date.now()));
  };
}
