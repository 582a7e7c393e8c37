// Isolated world, document_start, every document: takes the page hook's private port and, while a WS panel is attached
// to this tab, has the hook send its history and live events, validates them and streams them in batches to
// src/background/router.ts. The history itself stays in the hook (src/page/history.ts) until a panel asks for it.
import browser, { type Runtime } from 'webextension-polyfill';
import { compileRules } from './compileRules';
import { readBlob, storedFromPage } from './events';
import { decodeBatch } from '../shared/frameColumns';
import { base64ToBytes, bytesToBase64 } from '../shared/codec';
import { isCount } from '../shared/guards';
import { packEvents, payloadParts, wireFromStored } from '../shared/wire';
import {
  DEFAULT_LIMITS,
  HANDSHAKE_EVENT,
  MAX_CHILD_DOCUMENTS,
  PAYLOAD_PART_CHARS,
  PROTOCOL_VERSION,
  RELAY_PORT,
  RELAY_STARTED_EVENT,
  isBackgroundToRelay,
  isPageEvent,
  isPageToRelay,
  isPanelAttachedReply,
  normalizeLimits,
  type CommandPayload,
  type CommandReply,
  type DocumentInfo,
  type DocumentStartReply,
  type Limits,
  type PanelAttachedQuery,
  type RelayToBackground,
  type PageCommand,
  type RelayToPage,
  type SocketCommand,
  type StoredEvent,
  type WireEvent,
} from '../shared/protocol';

/** Chrome serialises port messages as JSON; keep each message well under its limits and the UI thread responsive. */
const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;
/**
 * Quiet traffic goes out 8 ms after it arrives; while frames keep coming, batches grow to 50 ms: each port message
 * costs the page, the browser and the service worker a fixed amount, whatever it carries. The panel shows such a
 * stream at most every 250–800 ms anyway (panel/applySchedule.ts).
 */
const FLUSH_DELAY_MS = 8;
const STREAM_FLUSH_DELAY_MS = 50;
let lastFlush = -Infinity;

// crypto.randomUUID exists only in secure contexts, and plain-http iframes need an id too.
const docId = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('-');
let limits: Limits = DEFAULT_LIMITS;

/** A document the hook reports on: the relay's own, or a same-origin child window the hook reached first. */
interface Doc {
  info: () => DocumentInfo;
  outbox: StoredEvent[];
  /** The seq through which the user cleared this document (from the hook; see the `events` message). */
  clearedThrough: number;
}
const own: Doc = {
  info: () => ({ docId, url: location.href, top: window === window.top, startedAt: performance.timeOrigin }),
  outbox: [],
  clearedThrough: 0,
};
/** Child windows by the hook's `doc` number; each is a document of its own for the panel (`<docId>.<n>`). */
const children = new Map<number, Doc>();
const allDocs = () => [own, ...children.values()];

let hookPort: MessagePort | undefined;
/** Our port to the background (src/background/router.ts), open only while a panel is attached to this tab. */
let backgroundPort: Runtime.Port | undefined;
let hasSockets = false;
/** Bumped by every attach and clear: hook batches sent before the hook heard of it are stale (see PageToRelay). */
let epoch = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * This script shares the page's main thread: its work waits for an idle moment (or at most 50 ms) rather than push the
 * page's own tasks back, so under a flood the page's message handling comes first.
 */
const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 50 }));
/** Blob payloads are read asynchronously; later batches wait so events stay in seq order. */
let ordered: Promise<void> = Promise.resolve();
/** What the hook sent that is not processed yet: all of it is taken at the next idle moment. */
let pending: unknown[] = [];

async function drain() {
  const batches = pending;
  pending = [];
  for (const batch of batches) await receive(batch).catch(() => undefined);
}

// Exactly one handshake: the first port offered is the hook's (both run at document_start, before any page script), and
// the listener is removed as it is taken, never to be added again, so a port a page dispatches later reaches nobody.
// A hook that gives up (its window was hooked by its parent's hook, or installing failed) still hands over a port and
// closes its end: that port never speaks, and this relay then has nothing to relay.
// Works unchanged in Firefox (checked by the E2E suite in firefox-esr): the content script sees the page's MessageEvent
// through an Xray, whose `ports` is the real MessagePort, and preventDefault() here makes the page's dispatchEvent()
// return false. Only what arrives over the port differs there: page objects come wrapped (see ownRealm).
function onHandshake(e: Event) {
  const port = (e as MessageEvent).ports?.[0];
  if (hookPort || !port) return;
  hookPort = port;
  removeEventListener(HANDSHAKE_EVENT, onHandshake, true);
  e.stopImmediatePropagation();
  e.preventDefault(); // tells the hook the port was taken
  port.onmessage = (m) => {
    // A command's answer and a breakpoint go on at once, not behind the batches waiting for an idle moment.
    const type = (m.data as { type?: unknown } | null)?.type;
    if (type === 'commandDone') return void answered(m.data);
    if (type === 'paused') return void forwardPaused(m.data);
    pending.push(m.data);
    if (pending.length === 1) ordered = ordered.then(idle).then(drain).catch(() => undefined);
  };
  sendLimitsToHook();
}
addEventListener(HANDSHAKE_EVENT, onHandshake, true);
// If the hook ran first it is waiting for this; if it runs later it finds our listener.
dispatchEvent(new Event(RELAY_STARTED_EVENT));

function toHook(m: RelayToPage) {
  hookPort?.postMessage(m);
}

function sendLimitsToHook() {
  toHook({ v: PROTOCOL_VERSION, type: 'limits', limits });
}

/**
 * In Firefox the hook's batches arrive as the page's objects behind Xray wrappers, and every read of one crosses the
 * compartment boundary: that was most of the relay's time in a burst (B3). One native copy into this realm first; in
 * Chromium the batch was cloned into this world already and is used as it is.
 */
function ownRealm(m: unknown): unknown {
  if (typeof m !== 'object' || m === null || m instanceof Object) return m;
  try {
    return structuredClone(m);
  } catch {
    return m;
  }
}

async function receive(batch: unknown) {
  const m = ownRealm(batch);
  if (!isPageToRelay(m) || m.type === 'commandDone' || m.type === 'paused') return;
  // Not awaited: the answer may take a service-worker start, and later batches must not wait for it.
  if (m.type === 'sockets') return void noteSockets();
  if (m.epoch !== epoch) return;
  for (const raw of decodeBatch(m)) {
    if (!isPageEvent(raw)) continue;
    const n = raw.doc;
    const doc = n === undefined ? own : childDoc(n, raw.docUrl);
    if (!doc) continue;
    const cleared = m.clearedThrough[n ?? 0];
    if (isCount(cleared)) doc.clearedThrough = cleared;
    let e: StoredEvent;
    try {
      const stored = storedFromPage(raw, limits.maxPayloadBytes);
      e = stored instanceof Promise ? await stored : stored;
    } catch {
      // A Blob that cannot be read (revoked, too big for memory): the rest of the batch goes on; the panel counts the gap.
      continue;
    }
    if (backgroundPort) doc.outbox.push(e);
  }
  scheduleFlush();
}

/** The hook's first socket: ask once whether a panel is already listening to this tab. */
async function noteSockets() {
  if (hasSockets) return;
  hasSockets = true;
  const query: PanelAttachedQuery = { v: PROTOCOL_VERSION, type: 'isPanelAttached', docId };
  const reply: unknown = await browser.runtime.sendMessage(query).catch(() => undefined);
  if (isPanelAttachedReply(reply) && reply.attached) {
    if (reply.rules?.length) toHook({ v: PROTOCOL_VERSION, type: 'rules', rules: compileRules(reply.rules) });
    if (!backgroundPort) attach({ [docId]: reply.receivedThrough });
  }
}

/**
 * The document a child event belongs to, filed on its first event; undefined (the event is ignored) for a `doc` number
 * past MAX_CHILD_DOCUMENTS, so a page cannot make this relay grow without bound.
 */
function childDoc(n: number, claimedUrl: string | undefined): Doc | undefined {
  if (n > MAX_CHILD_DOCUMENTS) return undefined; // isPageEvent made it a positive integer
  return children.get(n) ?? addChild(n, childUrl(claimedUrl));
}

/**
 * The URL a child document is shown with. The page side announces it, so it is a claim: the hook only ever reaches
 * same-origin child windows (a cross-origin one's contentDocument is null), so only `about:blank`, `about:srcdoc` or a URL
 * of this document's own origin can be true; anything else (or an opaque-origin document's non-`about:` child) is filed
 * as `about:blank`, never as the claimed URL.
 */
function childUrl(claimed: string | undefined): string {
  let url: URL;
  try {
    url = new URL(claimed ?? '');
  } catch {
    return 'about:blank';
  }
  if (url.protocol === 'about:') return url.pathname === 'srcdoc' ? 'about:srcdoc' : 'about:blank';
  return location.origin !== 'null' && url.origin === location.origin ? url.href : 'about:blank';
}

function addChild(n: number, url: string): Doc {
  // A child window lives and dies with this document, so for the panel it started when this one did.
  const child: Doc = { info: () => ({ docId: `${docId}.${n}`, url, top: false, startedAt: performance.timeOrigin }), outbox: [], clearedThrough: 0 };
  children.set(n, child);
  post({ v: PROTOCOL_VERSION, type: 'document', doc: child.info() });
  return child;
}

function post(m: RelayToBackground) {
  try {
    backgroundPort?.postMessage(m);
  } catch {
    backgroundPort = undefined; // the service worker went away; the next attach reconnects
  }
}

/**
 * Each subscription gets a fresh port: an old one may already be dead without our having heard yet. `receivedThrough`:
 * the newest seq per docId the panel already has.
 */
function attach(receivedThrough: Record<string, number>) {
  try {
    backgroundPort?.disconnect();
  } catch {
    // Already disconnected by the other side; its onDisconnect has not reached us yet.
  }
  const port = browser.runtime.connect({ name: RELAY_PORT });
  backgroundPort = port;
  sendQueue = []; // what was bound for the old port: the panel asks again from what it has
  port.onDisconnect.addListener(() => {
    if (backgroundPort !== port) return;
    backgroundPort = undefined;
    for (const d of allDocs()) d.outbox = [];
    toHook({ v: PROTOCOL_VERSION, type: 'detach' });
  });
  for (const d of allDocs()) {
    post({ v: PROTOCOL_VERSION, type: 'document', doc: d.info() });
    d.outbox = [];
  }
  // The hook answers with its history after these seqs, then streams; children not known here yet start from 0.
  const seqs = [receivedThrough[docId] ?? 0];
  for (const n of children.keys()) seqs[n] = receivedThrough[`${docId}.${n}`] ?? 0;
  toHook({ v: PROTOCOL_VERSION, type: 'attach', receivedThrough: Array.from(seqs, (s) => s ?? 0), epoch: ++epoch });
}

function scheduleFlush() {
  if (flushTimer !== undefined || !backgroundPort || !allDocs().some((d) => d.outbox.length)) return;
  const streaming = performance.now() - lastFlush < 2 * STREAM_FLUSH_DELAY_MS;
  flushTimer = setTimeout(() => void idle().then(flush), streaming ? STREAM_FLUSH_DELAY_MS : FLUSH_DELAY_MS);
}

function flush() {
  clearTimeout(flushTimer); // attach() flushes at once
  flushTimer = undefined;
  lastFlush = performance.now();
  for (const d of allDocs()) {
    const events = d.outbox;
    d.outbox = [];
    const id = d.info().docId;
    let chunk: WireEvent[] = [];
    let ahead: (() => number)[] = [];
    let parts: Map<WireEvent, number> | undefined;
    let chars = 0;
    const send = () => {
      if (chunk.length) {
        const m: RelayToBackground = { v: PROTOCOL_VERSION, type: 'events', docId: id, packed: packEvents(chunk, parts), clearedThrough: d.clearedThrough };
        for (const part of ahead) queueSend(part);
        queueSend(() => (post(m), chars));
      }
      chunk = [];
      ahead = [];
      parts = undefined;
      chars = 0;
    };
    for (const e of events) {
      let wire: WireEvent;
      try {
        const big = e.kind === 'frame' ? payloadParts(e.data)?.map((make) => () => {
          const data = make();
          post({ v: PROTOCOL_VERSION, type: 'payloadPart', docId: id, data });
          return data.length;
        }) : undefined;
        wire = big && e.kind === 'frame' ? { ...e, data: '' } : wireFromStored(e);
        if (big) {
          ahead.push(...big);
          (parts ??= new Map()).set(wire, big.length);
        }
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

/**
 * Between two big port messages: the page gets its main thread back, and the panel, which keeps each part as it comes,
 * idles between them instead of taking them in one burst.
 */
const PART_PAUSE_MS = 10;
/** Port messages waiting to go, in order; after each big one the page gets its main thread back before the next. */
let sendQueue: (() => number)[] = [];
let pumping = false;
function queueSend(send: () => number) {
  sendQueue.push(send);
  if (!pumping) pump();
}
function pump() {
  pumping = true;
  while (sendQueue.length) {
    const chars = sendQueue.shift()!();
    if (chars >= PAYLOAD_PART_CHARS / 2 && sendQueue.length) return void setTimeout(pump, PART_PAUSE_MS);
  }
  pumping = false;
}

/** The document (own or a child window the hook reached) of the hook's document number, by its docId. */
const docIdOf = (n: number) => (n === 0 ? docId : children.has(n) ? `${docId}.${n}` : undefined);

/** A breakpoint in the hook holds a frame: the panel shows it in its editor (binary as base64, a Blob read first). */
async function forwardPaused(m: unknown) {
  if (!isPageToRelay(m) || m.type !== 'paused') return;
  const target = docIdOf(m.doc);
  if (!target) return;
  let payload: CommandPayload;
  try {
    const d = m.data;
    if (typeof d === 'string') payload = { type: 'text', text: d };
    else {
      const bytes = d instanceof Blob ? await readBlob(d) : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d as ArrayBuffer);
      payload = { type: 'binary', base64: bytesToBase64(bytes) };
    }
  } catch {
    // Unreadable: the breakpoint's timeout forwards the frame unchanged.
    return;
  }
  post({ v: PROTOCOL_VERSION, type: 'paused', docId: target, hold: m.hold, socket: m.socket, dir: m.dir, payload, rule: m.rule, timeoutMs: m.timeoutMs });
}

/** Composer commands waiting for the hook's answer, by request id. */
const commands = new Map<number, (reply: CommandReply) => void>();
let lastCommand = 0;
const COMMAND_TIMEOUT_MS = 5000;

const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** The hook answers with a short code (it runs in every document, so its words are kept here). */
const COMMAND_ERRORS: Record<string, string> = {
  gone: 'That socket is not open in this document any more.',
  connecting: 'The socket is still connecting.',
  closing: 'The socket is closing.',
  closed: 'The socket is closed.',
  send: 'The browser refused to send it.',
  close: 'The browser refused that close code or reason (codes: 1000 or 3000–4999; reason: at most 123 bytes).',
  open: 'The browser refused to open a socket to that URL.',
};

function answered(m: unknown) {
  if (isPageToRelay(m) && m.type === 'commandDone')
    commands.get(m.requestId)?.({ error: m.error && (Object.hasOwn(COMMAND_ERRORS, m.error) ? COMMAND_ERRORS[m.error] : 'The page hook failed.') });
}

/** The panel's command for one socket of this document or of a child window the hook reached, carried out by the hook. */
function runCommand(target: string, socket: number, command: SocketCommand): Promise<CommandReply> {
  const n = target === docId ? 0 : target.startsWith(`${docId}.`) ? Number(target.slice(docId.length + 1)) : NaN;
  if (!hookPort || !(n === 0 || children.has(n))) return Promise.resolve({ error: 'That document is gone.' });
  let page: PageCommand;
  if (command.action === 'close' || command.action === 'open') page = command;
  else if (command.payload.type === 'text') page = { action: command.action, data: command.payload.text };
  else {
    page = { action: command.action, data: bufferOf(base64ToBytes(command.payload.base64)) };
  }
  const requestId = ++lastCommand;
  return new Promise((resolve) => {
    const done = (reply: CommandReply) => {
      commands.delete(requestId);
      clearTimeout(timer);
      resolve(reply);
    };
    const timer = setTimeout(() => done({ error: 'The page did not answer (is it frozen?).' }), COMMAND_TIMEOUT_MS);
    commands.set(requestId, done);
    toHook({ v: PROTOCOL_VERSION, type: 'command', requestId, doc: n, socket, ...page });
  });
}

addEventListener('pagehide', (e) => {
  if (!e.persisted) for (const d of allDocs()) post({ v: PROTOCOL_VERSION, type: 'documentGone', docId: d.info().docId });
});

browser.runtime.onMessage.addListener((m: unknown): Promise<DocumentStartReply | CommandReply> | undefined => {
  if (!isBackgroundToRelay(m)) return undefined;
  if (m.type === 'command') return runCommand(m.docId, m.socket, m.command);
  if (m.type === 'rules') return void toHook({ v: PROTOCOL_VERSION, type: 'rules', rules: compileRules(m.rules) });
  if (m.type === 'resume') {
    if (m.docId !== docId && !m.docId.startsWith(`${docId}.`)) return undefined;
    const p = m.payload;
    const data = !p ? undefined : p.type === 'text' ? p.text : bufferOf(base64ToBytes(p.base64));
    return void toHook({ v: PROTOCOL_VERSION, type: 'resume', hold: m.hold, action: m.action, data });
  }
  if (m.type === 'attach') {
    if (hasSockets) attach(m.receivedThrough);
  } else if (m.type === 'clear') {
    for (const d of allDocs()) d.outbox = [];
    sendQueue = [];
    toHook({ v: PROTOCOL_VERSION, type: 'clear', epoch: ++epoch });
  } else if (window === window.top) {
    // `documentStart` (sent to the top document only): the panel's navigation boundary. Read here, in the isolated
    // world, `performance.timeOrigin` is the browser's: a page that redefines it changes only its own world's view.
    return Promise.resolve({ url: location.href, startedAt: performance.timeOrigin });
  }
  return undefined;
});

function applyLimits(stored: unknown) {
  limits = normalizeLimits(stored);
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
