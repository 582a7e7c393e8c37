// Isolated world, document_start, every document: takes the page hook's private port, validates and keeps its events in a
// bounded buffer, and streams them in batches to src/background/router.ts while a WS panel is attached to this tab.
import browser, { type Runtime } from 'webextension-polyfill';
import { DocumentBuffer } from './documentBuffer';
import { storedFromPage } from './events';
import { wireFromStored } from '../shared/wire';
import {
  DEFAULT_LIMITS,
  HANDSHAKE_EVENT,
  PROTOCOL_VERSION,
  RELAY_PORT,
  RELAY_READY_EVENT,
  isBackgroundToRelay,
  isPageBatch,
  isPageEvent,
  normalizeLimits,
  type Limits,
  type RelayQuery,
  type RelayQueryReply,
  type RelayToBackground,
  type RelayToPage,
  type StoredEvent,
  type WireEvent,
} from '../shared/protocol';

/** Chrome serialises port messages as JSON; keep each message well under its limits and the UI thread responsive. */
const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;
const FLUSH_DELAY_MS = 8;

// crypto.randomUUID exists only in secure contexts, and plain-http iframes need an id too.
const docId = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('-');
let limits: Limits = DEFAULT_LIMITS;
const buffer = new DocumentBuffer(limits);
let hookPort: MessagePort | undefined;
let panelPort: Runtime.Port | undefined;
let hasSockets = false;
let outbox: StoredEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
/** Blob payloads are read asynchronously; later batches wait so events stay in seq order. */
let ordered: Promise<void> = Promise.resolve();

function onHandshake(e: Event) {
  const port = (e as MessageEvent).ports?.[0];
  if (hookPort || !port) return;
  hookPort = port;
  e.stopImmediatePropagation();
  e.preventDefault(); // tells the hook the port was taken
  removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
  port.onmessage = (m) => {
    ordered = ordered.then(() => receive(m.data)).catch(() => undefined);
  };
  sendLimitsToHook();
}
addEventListener(HANDSHAKE_EVENT, onHandshake, true);
// If the hook ran first it is waiting for this; if it runs later it finds our listener.
dispatchEvent(new Event(RELAY_READY_EVENT));

function sendLimitsToHook() {
  const m: RelayToPage = { v: PROTOCOL_VERSION, maxPayloadBytes: limits.maxPayloadBytes };
  hookPort?.postMessage(m);
}

async function receive(batch: unknown) {
  if (!isPageBatch(batch)) return;
  for (const raw of batch.events) {
    if (!isPageEvent(raw)) continue;
    const stored = storedFromPage(raw, limits.maxPayloadBytes);
    const e = stored instanceof Promise ? await stored : stored;
    buffer.add(e);
    if (panelPort) outbox.push(e);
  }
  if (!hasSockets) {
    hasSockets = true;
    const query: RelayQuery = { v: PROTOCOL_VERSION, type: 'relayReady', docId };
    const reply = (await browser.runtime.sendMessage(query).catch(() => undefined)) as RelayQueryReply | undefined;
    if (reply?.attached && !panelPort) attach(reply.since);
  }
  scheduleFlush();
}

function post(m: RelayToBackground) {
  try {
    panelPort?.postMessage(m);
  } catch {
    panelPort = undefined; // the service worker went away; the next attach reconnects
  }
}

/** Each subscription gets a fresh port: an old one may already be dead without our having heard yet. */
function attach(since: number) {
  try {
    panelPort?.disconnect();
  } catch {
    // Already disconnected by the other side; its onDisconnect has not reached us yet.
  }
  const port = browser.runtime.connect({ name: RELAY_PORT });
  panelPort = port;
  port.onDisconnect.addListener(() => {
    if (panelPort !== port) return;
    panelPort = undefined;
    outbox = [];
  });
  post({ v: PROTOCOL_VERSION, type: 'document', doc: { docId, url: location.href, top: window === window.top, startedAt: performance.timeOrigin } });
  outbox = buffer.since(since);
  flush();
}

function scheduleFlush() {
  if (flushTimer === undefined && panelPort && outbox.length) flushTimer = setTimeout(flush, FLUSH_DELAY_MS);
}

function flush() {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  const events = outbox;
  outbox = [];
  let chunk: WireEvent[] = [];
  let chars = 0;
  const send = () => {
    if (chunk.length) post({ v: PROTOCOL_VERSION, type: 'events', docId, events: chunk, dropped: { ...buffer.dropped } });
    chunk = [];
    chars = 0;
  };
  for (const e of events) {
    const wire = wireFromStored(e);
    const size = wire.kind === 'frame' ? wire.data.length : 64;
    if (chars + size > MAX_MESSAGE_CHARS) send();
    chunk.push(wire);
    chars += size;
  }
  send();
}

addEventListener('pagehide', (e) => {
  if (!e.persisted) post({ v: PROTOCOL_VERSION, type: 'documentGone', docId });
});

browser.runtime.onMessage.addListener((m: unknown) => {
  if (!isBackgroundToRelay(m)) return;
  if (m.type === 'attach') {
    if (hasSockets) attach(m.since[docId] ?? 0);
  } else if (m.type === 'clear') {
    buffer.clear();
    outbox = [];
  }
});

function applyLimits(stored: unknown) {
  limits = normalizeLimits(stored);
  buffer.setLimits(limits);
  sendLimitsToHook();
}
browser.storage.local
  .get('limits')
  .then(({ limits: stored }) => applyLimits(stored))
  .catch(() => undefined);
// Settings saved in the panel apply to pages already open.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.limits) applyLimits(changes.limits.newValue);
});
