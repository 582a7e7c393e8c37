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
  type DocumentInfo,
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

/** One document's kept history. The relay's own document, plus any same-origin child window the hook reached first. */
interface Doc {
  info: () => DocumentInfo;
  buffer: DocumentBuffer;
  outbox: StoredEvent[];
  /** Highest seq received from the hook, and the one the user last cleared through (see the `events` message). */
  lastSeq: number;
  clearedThrough: number;
}
const own: Doc = {
  info: () => ({ docId, url: location.href, top: window === window.top, startedAt: performance.timeOrigin }),
  buffer: new DocumentBuffer(limits),
  outbox: [],
  lastSeq: 0,
  clearedThrough: 0,
};
/** Child windows by the hook's `doc` number; each is a document of its own for the panel (`<docId>.<n>`). */
const children = new Map<number, Doc>();
const allDocs = () => [own, ...children.values()];

let hookPort: MessagePort | undefined;
let panelPort: Runtime.Port | undefined;
let hasSockets = false;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
/** Blob payloads are read asynchronously; later batches wait so events stay in seq order. */
let ordered: Promise<void> = Promise.resolve();

// Works unchanged in Firefox (checked by the E2E suite in firefox-esr): the content script sees the page's MessageEvent
// through an Xray, whose `ports` is the real MessagePort, and preventDefault() here makes the page's dispatchEvent()
// return false. Only what arrives over the port differs there: page objects come wrapped (see isArrayBuffer).
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
    const n = raw.doc;
    const doc = n === undefined ? own : (children.get(n) ?? addChild(n, raw.docUrl ?? 'about:blank'));
    doc.lastSeq = raw.seq;
    let e: StoredEvent;
    try {
      const stored = storedFromPage(raw, limits.maxPayloadBytes);
      e = stored instanceof Promise ? await stored : stored;
    } catch {
      // A Blob that cannot be read (revoked, too big for memory): the rest of the batch goes on; the panel counts the gap.
      continue;
    }
    doc.buffer.add(e);
    if (panelPort) doc.outbox.push(e);
  }
  if (!hasSockets) {
    hasSockets = true;
    const query: RelayQuery = { v: PROTOCOL_VERSION, type: 'relayReady', docId };
    const reply = (await browser.runtime.sendMessage(query).catch(() => undefined)) as RelayQueryReply | undefined;
    if (reply?.attached && !panelPort) attach({ [docId]: reply.since });
  }
  scheduleFlush();
}

function addChild(n: number, url: string): Doc {
  // A child the hook reached from this document started (for the panel) when it was first seen.
  const startedAt = Date.now();
  const child: Doc = { info: () => ({ docId: `${docId}.${n}`, url, top: false, startedAt }), buffer: new DocumentBuffer(limits), outbox: [], lastSeq: 0, clearedThrough: 0 };
  children.set(n, child);
  post({ v: PROTOCOL_VERSION, type: 'document', doc: child.info() });
  return child;
}

function post(m: RelayToBackground) {
  try {
    panelPort?.postMessage(m);
  } catch {
    panelPort = undefined; // the service worker went away; the next attach reconnects
  }
}

/** Each subscription gets a fresh port: an old one may already be dead without our having heard yet. */
function attach(since: Record<string, number>) {
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
    for (const d of allDocs()) d.outbox = [];
  });
  for (const d of allDocs()) {
    const info = d.info();
    post({ v: PROTOCOL_VERSION, type: 'document', doc: info });
    d.outbox = d.buffer.since(since[info.docId] ?? 0);
  }
  flush();
}

function scheduleFlush() {
  if (flushTimer === undefined && panelPort && allDocs().some((d) => d.outbox.length)) flushTimer = setTimeout(flush, FLUSH_DELAY_MS);
}

function flush() {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  for (const d of allDocs()) {
    const events = d.outbox;
    d.outbox = [];
    const id = d.info().docId;
    let chunk: WireEvent[] = [];
    let chars = 0;
    const send = () => {
      if (chunk.length) post({ v: PROTOCOL_VERSION, type: 'events', docId: id, events: chunk, clearedThrough: d.clearedThrough });
      chunk = [];
      chars = 0;
    };
    for (const e of events) {
      let wire: WireEvent;
      try {
        wire = wireFromStored(e);
      } catch {
        // One payload that cannot be encoded must not take the rest of the batch with it; the panel counts the gap.
        continue;
      }
      const size = wire.kind === 'frame' ? wire.data.length : 64;
      if (chars + size > MAX_MESSAGE_CHARS) send();
      chunk.push(wire);
      chars += size;
    }
    send();
  }
}

addEventListener('pagehide', (e) => {
  if (!e.persisted) for (const d of allDocs()) post({ v: PROTOCOL_VERSION, type: 'documentGone', docId: d.info().docId });
});

browser.runtime.onMessage.addListener((m: unknown) => {
  if (!isBackgroundToRelay(m)) return;
  if (m.type === 'attach') {
    if (hasSockets) attach(m.since);
  } else if (m.type === 'clear') {
    for (const d of allDocs()) {
      d.buffer.clear();
      d.outbox = [];
      d.clearedThrough = d.lastSeq;
    }
  }
});

function applyLimits(stored: unknown) {
  limits = normalizeLimits(stored);
  for (const d of allDocs()) d.buffer.setLimits(limits);
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
