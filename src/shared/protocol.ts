// Shared by every world: the typed messages of each hop (page → relay → background → panel, and commands back), with runtime guards.

import { isCount, isList, isListOf, isNum, isObj, isStr } from './guards';
import type { HookRule, InterceptOutcome, Rule } from './rules';

export const PROTOCOL_VERSION = 1;

/**
 * DOM event names of the one-time handshake that hands the hook's MessagePort to the relay (both fire at document_start,
 * before page scripts): the hook offers its port with HANDSHAKE_EVENT; the relay, if it runs second, announces itself
 * with RELAY_STARTED_EVENT so the hook offers again. The relay takes one port, ever.
 */
export const HANDSHAKE_EVENT = 'wsinspector:port';
export const RELAY_STARTED_EVENT = 'wsinspector:relay-ready';

/** Port names, so the background can tell who connected. */
export const RELAY_PORT = 'wsinspector/relay';
export const PANEL_PORT = 'wsinspector/panel';

export interface Limits {
  /** Newest WebSocket frames kept per document; older ones are dropped (the panel counts the gaps they leave). */
  maxFrames: number;
  /** Payload bytes kept per document across all frames. */
  maxBytes: number;
  /** Payload bytes kept of one frame; the true length is always recorded. */
  maxPayloadBytes: number;
  /** Record where each send() was called (a stack capture per sent frame: off unless the user turns it on). */
  sendStacks: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrames: 10_000,
  // Every open tab keeps this much while DevTools is closed: 20 busy tabs can hold no more than 640 MiB between them
  // (64 MiB each was 1.3 GB; see B9). Not less: two 4 MiB text frames each way (kept as UTF-16: 8 MiB each) must fit,
  // or the oldest goes before the panel has it (B5 saw that at 16 MiB).
  maxBytes: 32 * 1024 * 1024,
  maxPayloadBytes: 4 * 1024 * 1024,
  sendStacks: false,
};

/** Settings come from extension storage; anything missing or out of range falls back to the default. */
export function normalizeLimits(stored: unknown): Limits {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof Limits, unknown>>;
  const pick = (k: 'maxFrames' | 'maxBytes' | 'maxPayloadBytes') => {
    const v = s[k];
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : DEFAULT_LIMITS[k];
  };
  return { maxFrames: pick('maxFrames'), maxBytes: pick('maxBytes'), maxPayloadBytes: pick('maxPayloadBytes'), sendStacks: s.sendStacks === true };
}

export type Direction = 'sent' | 'received';

// ─── Hop 1: page hook → relay (MessagePort, structured clone) ────────────────

interface Base {
  /** Per-document sequence number, assigned synchronously in the page so order survives async Blob reads. */
  seq: number;
  /** Page-unique socket id. */
  id: number;
  /** Wall-clock milliseconds since the epoch, sub-millisecond precision. */
  t: number;
}

export type LifecycleEvent =
  | (Base & { kind: 'created'; url: string; protocols: string[]; initiator: string })
  | (Base & { kind: 'open'; protocol: string; extensions: string })
  | (Base & { kind: 'error' })
  /** `fromPanel`: the panel's composer closed it. */
  | (Base & { kind: 'closeCalled'; code?: number; reason?: string; fromPanel?: true })
  | (Base & { kind: 'closed'; code: number; reason: string; wasClean: boolean })
  /**
   * A rule acted on a frame of socket `id` (see shared/rules.ts). `frameSeq`: the seq of the frame it annotates (the
   * frame as it went on: rewritten, delayed, forwarded…); none when no frame went on (blocked, dropped). `original`: the
   * frame's text before the rule (binary: its bytes in hex), for blocked and changed frames. `error`: why the rule could
   * not act (the frame then went on unchanged).
   */
  | (Base & { kind: 'intercepted'; dir: Direction; rule: string; outcome: InterceptOutcome; frameSeq?: number; original?: string; error?: string })
  /** Where the page called send() for the frame `frameSeq` (its JavaScript stack), while Limits.sendStacks is on. */
  | (Base & { kind: 'sentFrom'; frameSeq: number; stack: string });

/** A frame as the hook saw it: text as is; binary copied (and cut at maxPayloadBytes) with its true length. */
export type PageFrame = Base & {
  kind: 'frame';
  dir: Direction;
  /** Binary payloads are views: small ones share one buffer (one allocation for many frames). */
  data: string | Uint8Array | Blob;
  /**
   * True byte length: for binary data; for text only when the hook cut it at maxPayloadBytes (its UTF-8 length),
   * other text is measured by the relay.
   */
  length?: number;
  /** Payload bytes this frame holds in the hook's history (text: 2 per UTF-16 unit), for its byte cap. */
  keptBytes?: number;
  /** Sent by the panel's composer (dir 'sent'), or delivered to the page by it (dir 'received'). */
  fromPanel?: true;
};

/**
 * Where a page event happened, when not in the hook's own document: a same-origin child window the hook reached before its
 * own content scripts could run (an iframe created and used synchronously, an about:blank iframe). `doc` numbers such
 * windows per hook (1, 2, …; 0 or missing: the hook's own document); the first event of each (its `created`) also
 * carries the child's URL as `docUrl`, which the relay accepts only where the hook could have reached it (same origin).
 */
export interface ChildRealm {
  doc?: number;
  docUrl?: string;
}

export type PageEvent = (LifecycleEvent | PageFrame) & ChildRealm;
export type PageLifecycle = LifecycleEvent & ChildRealm;

/** Numbers per frame in `PageFrames.nums`; shared/frameColumns.ts names each one's offset and encodes and decodes. */
export const FRAME_WIDTH = 7;
/** A batch's frames as columns: structured clone copies one Float64Array, where an object costs every one of its fields. */
export interface PageFrames {
  nums: Float64Array;
  data: (string | Uint8Array | Blob)[];
}
/** A batch's events: frames as columns; lifecycle event j was the `lifecycleAt[j]`-th event, frames fill the other places. */
export interface FrameColumns {
  frames: PageFrames;
  lifecycle: PageLifecycle[];
  lifecycleAt: number[];
}
/**
 * The hook keeps each document's history itself and sends nothing while no panel listens (one `sockets` notice when
 * its first socket is created); after `attach` it sends its history after `receivedThrough` and then every event, batched.
 */
export type PageToRelay =
  | { v: typeof PROTOCOL_VERSION; type: 'sockets' }
  /**
   * `clearedThrough[doc]`: the seq through which the user cleared that document (see RelayToBackground `events`).
   * `epoch`: of the relay's last attach or clear; a batch from before it is stale (the history replay covers it).
   */
  | ({ v: typeof PROTOCOL_VERSION; type: 'events'; epoch: number; clearedThrough: number[] } & FrameColumns)
  /** How a `command` went: `error` is '' when it was carried out, else why not, in words for the composer. */
  | { v: typeof PROTOCOL_VERSION; type: 'commandDone'; requestId: number; error: string }
  /** A breakpoint holds a frame of socket `socket` in document `doc`: the panel's editor shows it until `resume` (or the rule's timeout). */
  /** `data` as the page had it (a string, an ArrayBuffer, a view or a Blob); the relay reads it. */
  | { v: typeof PROTOCOL_VERSION; type: 'paused'; hold: number; doc: number; socket: number; dir: Direction; data: unknown; rule: string; timeoutMs: number };
export type RelayToPage =
  | { v: typeof PROTOCOL_VERSION; type: 'limits'; limits: Limits }
  /** `receivedThrough[doc]`: the newest seq the panel has of that document (missing: none). */
  | { v: typeof PROTOCOL_VERSION; type: 'attach'; receivedThrough: number[]; epoch: number }
  | { v: typeof PROTOCOL_VERSION; type: 'detach' }
  | { v: typeof PROTOCOL_VERSION; type: 'clear'; epoch: number }
  /**
   * The panel's composer acting on one of the hook's sockets (`doc`: the hook's document number, `socket`: its id):
   * `send` through the native send(), `deliver` a message event to the page, `close` through the native close().
   * The hook answers with `commandDone`.
   */
  | ({ v: typeof PROTOCOL_VERSION; type: 'command'; requestId: number; doc: number; socket: number } & PageCommand)
  /**
   * The enabled rules, in order (the first that matches a frame acts), compiled by the relay (content/compileRules.ts);
   * none: the hook intercepts nothing. The hook checks each rule's fields as it takes it (page/ruleCheck.ts).
   */
  | { v: typeof PROTOCOL_VERSION; type: 'rules'; rules: HookRule[] }
  /** The panel's answer to a breakpoint: forward the frame as it was, forward `data` instead, or drop it. */
  | { v: typeof PROTOCOL_VERSION; type: 'resume'; hold: number; action: ResumeAction; data?: string | ArrayBuffer };

export type ResumeAction = 'forward' | 'edited' | 'drop';

/** What the hook is asked to do, with binary data as an ArrayBuffer (the port clones it). */
export type PageCommand =
  | { action: 'send' | 'deliver'; data: string | ArrayBuffer }
  | { action: 'close'; code?: number; reason?: string }
  | OpenCommand;
/**
 * Reconnect: a new socket in the document's own window (its origin and cookies) to `url` with `protocols`, made with the
 * native constructor and recorded like any other, never handed to page code (`socket` is the one it replaces).
 */
export type OpenCommand = { action: 'open'; url: string; protocols: string[] };

// ─── Stored and wire forms (relay → background → panel) ──────────────────────

export type FrameType = 'text' | 'binary';

/** A frame as the relay stores it: payload cut to the cap, true length, truncation mark. */
export type StoredFrame = Base & {
  kind: 'frame';
  dir: Direction;
  type: FrameType;
  data: string | Uint8Array;
  length: number;
  truncated: boolean;
  /** See PageFrame. */
  fromPanel?: true;
};
export type StoredEvent = LifecycleEvent | StoredFrame;

/** Over Chrome's JSON ports binary payloads travel as base64 (see shared/codec.ts). */
export type WireFrame = Omit<StoredFrame, 'data'> & { data: string };
export type WireEvent = LifecycleEvent | WireFrame;

export interface DocumentInfo {
  docId: string;
  url: string;
  top: boolean;
  /** Wall-clock start of the document's navigation (performance.timeOrigin): tells documents of a new page from the old. */
  startedAt: number;
}

// ─── Hop 2: relay ⇄ background ───────────────────────────────────────────────

/**
 * A batch of events as it crosses the background (see shared/wire.ts `packEvents`): the frames as numbers in JSON strings
 * (no key names, nothing for the port to escape), their payloads beside them in order, and the rarer lifecycle events as
 * JSON with their places in the batch. The service worker passes strings on without an object per frame; the panel,
 * which must check every event anyway, parses each once.
 */
export interface PackedEvents {
  /**
   * JSON of a flat array of integers, FRAME_FIELDS per frame: seq, socket id, FRAME_FLAGS, length. Apart from the times,
   * so that it parses into small integers: read from an array that also held fractions, each would be a heap number.
   */
  frames: string;
  /** JSON of the frames' times, one per frame. */
  times: string;
  /** JSON of `[index in the batch, event][]`: the events that are not frames. */
  lifecycle: string;
  payloads: string[];
  /**
   * Payloads too big for one port message (see PAYLOAD_PART_CHARS): `[payload index, n]` says that payload came as the n
   * `payloadPart` messages the same document sent just before this one, in order; `payloads` holds '' in its place.
   */
  parts?: [number, number][];
}
export const FRAME_FIELDS = 4;
/** Bits of a packed frame's flags field. */
export const FRAME_FLAGS = { received: 1, binary: 2, truncated: 4, fromPanel: 8 } as const;
const isPacked = (p: unknown): p is PackedEvents =>
  isObj(p) && isStr(p.frames) && isStr(p.times) && isStr(p.lifecycle) && Array.isArray(p.payloads) && (p.parts === undefined || isListOf(p.parts, (x): x is [number, number] => Array.isArray(x) && x.length === 2 && isCount(x[0]) && isCount(x[1])));

/**
 * The most characters of one payload in one port message. A port message is serialised on the page's main thread;
 * 4 MiB in one message stalled the page for ~150 ms (B5), a part of 512 Ki characters for a few ms, and the relay
 * gives the page its thread back between parts.
 */
export const PAYLOAD_PART_CHARS = 512 * 1024;

export type RelayToBackground =
  | { v: 1; type: 'document'; doc: DocumentInfo }
  /** `clearedThrough`: the seq up to which the user cleared this document's history; missing seqs above it were dropped. */
  | { v: 1; type: 'events'; docId: string; packed: PackedEvents; clearedThrough: number }
  /** Sent on pagehide: the document (and its sockets) went away. */
  | { v: 1; type: 'documentGone'; docId: string }
  /** A piece of a big payload of the document's next `events` message (see PackedEvents `parts`). */
  | { v: 1; type: 'payloadPart'; docId: string; data: string }
  /** A breakpoint holds a frame (see PageToRelay `paused`); the panel answers with `resume`. */
  | ({ v: 1; type: 'paused' } & PausedFrame);

/** A frame a breakpoint holds, as it crosses the extension's ports (binary as base64). */
export interface PausedFrame {
  docId: string;
  hold: number;
  socket: number;
  dir: Direction;
  payload: CommandPayload;
  /** The rule's id. */
  rule: string;
  timeoutMs: number;
}

/** One-shot (`runtime.sendMessage`) from a relay whose document just opened its first socket: "is a panel attached to this tab?" */
export type PanelAttachedQuery = { v: 1; type: 'isPanelAttached'; docId: string };
/** `receivedThrough`: the newest seq of this document that every attached panel already has (0: none). */
export type PanelAttachedReply = { attached: boolean; receivedThrough: number; rules?: Rule[] };

/**
 * Sent with tabs.sendMessage: `attach` and `clear` to every document of the tab; `documentStart` to the top document only
 * (`{ frameId: 0 }`), whose relay answers with a `DocumentStartReply`.
 */
export type BackgroundToRelay =
  /** `receivedThrough[docId]`: the newest seq the panel has of that document (missing: none). */
  | { v: 1; type: 'attach'; receivedThrough: Record<string, number> }
  | { v: 1; type: 'clear' }
  | { v: 1; type: 'documentStart' }
  /** To one document's relay (`{ frameId }`), which answers with a `CommandReply`. `docId`: its own or a child's. */
  | { v: 1; type: 'command'; docId: string; socket: number; command: SocketCommand }
  /** To every document of the tab: the panel's enabled rules (none when the panel closed). */
  | { v: 1; type: 'rules'; rules: Rule[] }
  /** To the document holding a breakpoint's frame. */
  | ({ v: 1; type: 'resume' } & Resume);

/** The panel's answer to a breakpoint. */
export interface Resume {
  docId: string;
  hold: number;
  action: ResumeAction;
  /** With `edited`: what goes on instead. */
  payload?: CommandPayload;
}

/**
 * A composer command as it crosses the extension's JSON ports: binary data as base64. `close` without a code closes
 * like close() does (1005 on the wire).
 */
export type CommandPayload = { type: 'text'; text: string } | { type: 'binary'; base64: string };
export type SocketCommand =
  | { action: 'send' | 'deliver'; payload: CommandPayload }
  | { action: 'close'; code?: number; reason?: string }
  | OpenCommand;
/** '' when it was carried out; otherwise why not (no such socket, not open, …), in words the composer shows. */
export type CommandReply = { error: string };
/**
 * The top relay's own document: its URL and `performance.timeOrigin`, read in the isolated world, where a page's
 * `Object.defineProperty(performance, 'timeOrigin', …)` does not reach.
 */
export type DocumentStartReply = { url: string; startedAt: number };

// ─── Hop 3: background ⇄ panel ───────────────────────────────────────────────

export type PanelToBackground =
  /** `receivedThrough[docId]`: the newest seq the panel applied of that document; relays resend only what is newer. */
  | { v: 1; type: 'subscribe'; tabId: number; receivedThrough: Record<string, number> }
  | { v: 1; type: 'clear'; tabId: number }
  /** When did the tab's top document start? The panel's navigation boundary; answered with a `DocumentStartAnswer`. */
  | { v: 1; type: 'documentStart'; tabId: number; requestId: number }
  /** The composer: to one socket of one document of the tab; answered with a `CommandAnswer`. */
  | { v: 1; type: 'command'; tabId: number; requestId: number; browserFrameId: number; docId: string; socket: number; command: SocketCommand }
  /** The enabled rules for the tab's documents, whenever they change and after every subscribe. */
  | { v: 1; type: 'rules'; tabId: number; rules: Rule[] }
  | ({ v: 1; type: 'resume'; tabId: number; browserFrameId: number } & Resume)
  /** Deep capture (Chromium, optional `debugger` permission): attach the debugger to the tab and its workers, or detach. */
  | { v: 1; type: 'deepCapture'; tabId: number; on: boolean };

/** `browserFrameId`: the browser's id of the frame (0: the top document) whose relay sent it, not a WebSocket frame. */
/** An HTTP header as the browser's webRequest reports it. */
export interface HttpHeader {
  name: string;
  value: string;
}

/**
 * A WebSocket's opening handshake as the browser's network layer saw it (background/handshakes.ts, from webRequest):
 * the panel matches it to the socket the page hook reported by document, URL and time.
 */
export interface Handshake {
  /** The browser's id for the request (unique per browser session). */
  requestId: string;
  browserFrameId: number;
  url: string;
  /** Epoch ms: the request headers went out. */
  sentAt: number;
  requestHeaders: HttpHeader[];
  /** 0 until the response came (or the request failed). */
  status: number;
  statusLine: string;
  responseHeaders: HttpHeader[];
  /** Epoch ms: the response headers came. */
  answeredAt?: number;
  /** Why the handshake failed (the browser's network error), if it did. */
  error?: string;
}

export type BackgroundToPanel =
  | { v: 1; type: 'document'; browserFrameId: number; doc: DocumentInfo }
  /** A socket's handshake, new or updated (a response came); the handshakes the tab kept, on every subscribe. */
  | { v: 1; type: 'handshake'; handshake: Handshake }
  | { v: 1; type: 'events'; browserFrameId: number; docId: string; packed: PackedEvents; clearedThrough: number }
  | { v: 1; type: 'documentGone'; docId: string }
  | { v: 1; type: 'payloadPart'; docId: string; data: string }
  | ({ v: 1; type: 'paused'; browserFrameId: number } & PausedFrame)
  /**
   * Deep capture's state for the tab: `on` after the debugger attached, off when it detached; `reason` says why it is
   * off when the panel did not ask (the user closed Chrome's debugging bar, the tab closed, attaching failed).
   */
  | { v: 1; type: 'deepCaptureState'; on: boolean; reason: string }
  /** A worker session's `Network.webSocket*` event, passed on unread (src/background/deepCapture.ts): untrusted. */
  | { v: 1; type: 'cdp'; event: CdpSocketEvent };

/** The CDP events deep capture passes on: the WebSocket ones of the Network domain. */
export const CDP_SOCKET_METHODS = [
  'Network.webSocketCreated',
  'Network.webSocketWillSendHandshakeRequest',
  'Network.webSocketHandshakeResponseReceived',
  'Network.webSocketFrameSent',
  'Network.webSocketFrameReceived',
  'Network.webSocketFrameError',
  'Network.webSocketClosed',
] as const;
export type CdpSocketMethod = (typeof CDP_SOCKET_METHODS)[number];

/**
 * One CDP event of a worker's debugger session: `session` the flat session's id, `target` the worker's script URL and
 * type (from `Target.attachedToTarget`), `params` as CDP sent it — checked field by field where it is read
 * (src/panel/cdpSockets.ts), since it comes from the worker's renderer.
 */
export interface CdpSocketEvent {
  session: string;
  target: { type: string; url: string };
  method: CdpSocketMethod;
  params: Record<string, unknown>;
}

/** The background's answer to the panel's `documentStart` (same port); `start` is null when the top relay did not answer. */
export type DocumentStartAnswer = { v: 1; type: 'documentStart'; requestId: number; start: DocumentStartReply | null };
/** The background's answer to the panel's `command` (same port). */
export type CommandAnswer = { v: 1; type: 'commandDone'; requestId: number; error: string };

// ─── Runtime guards: everything from the page, and everything crossing a port, is checked ───


let typedArrayTag: (() => unknown) | undefined;
/**
 * A typed array of the given kind, from any realm. Firefox hands a content script the page's objects through cross-compartment wrappers,
 * where `instanceof Uint8Array` is false; %TypedArray%'s native toStringTag getter sees through them, and answers
 * undefined (never throws) for anything that is not a typed array.
 */
export function isTypedArray<K extends 'Uint8Array' | 'Float64Array'>(x: unknown, kind: K): x is K extends 'Uint8Array' ? Uint8Array : Float64Array {
  // Looked up on first use, so the page hook (which bundles this module) does not run it at document_start.
  typedArrayTag ??= Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get!;
  return isObj(x) && typedArrayTag.call(x) === kind;
}
export const isUint8Array = (x: unknown): x is Uint8Array => isTypedArray(x, 'Uint8Array');

function isBase(e: Record<string, unknown>): boolean {
  return isCount(e.seq) && isCount(e.id) && isNum(e.t);
}

function isLifecycleEvent(e: Record<string, unknown>): boolean {
  switch (e.kind) {
    case 'created':
      return isStr(e.url) && Array.isArray(e.protocols) && e.protocols.every(isStr) && isStr(e.initiator);
    case 'open':
      return isStr(e.protocol) && isStr(e.extensions);
    case 'error':
      return true;
    case 'closeCalled':
      return (e.code === undefined || isNum(e.code)) && (e.reason === undefined || isStr(e.reason)) && (e.fromPanel === undefined || e.fromPanel === true);
    case 'closed':
      return isNum(e.code) && isStr(e.reason) && typeof e.wasClean === 'boolean';
    case 'intercepted':
      return (
        isDir(e.dir) && isStr(e.rule) && isStr(e.outcome) && OUTCOMES.includes(e.outcome) && (e.frameSeq === undefined || isCount(e.frameSeq)) &&
        (e.original === undefined || isStr(e.original)) && (e.error === undefined || isStr(e.error))
      );
    case 'sentFrom':
      return isCount(e.frameSeq) && isStr(e.stack);
    default:
      return false;
  }
}

const isDir = (x: unknown): x is Direction => x === 'sent' || x === 'received';
const OUTCOMES: readonly string[] = ['blocked', 'rewritten', 'delayed', 'mocked', 'forwarded', 'edited', 'dropped', 'timedOut', 'error'] satisfies InterceptOutcome[];

export function isPageEvent(e: unknown): e is PageEvent {
  if (!isObj(e) || !isBase(e)) return false;
  if (e.doc !== undefined && !(isCount(e.doc) && e.doc > 0)) return false;
  if (e.docUrl !== undefined && !isStr(e.docUrl)) return false;
  if (e.kind !== 'frame') return isLifecycleEvent(e);
  if (!isDir(e.dir)) return false;
  if (e.fromPanel !== undefined && e.fromPanel !== true) return false;
  if (isStr(e.data)) return e.length === undefined || isCount(e.length);
  // Blob is a DOM class: Firefox's Xrays keep `instanceof` working for it across the page/content-script boundary.
  return (isUint8Array(e.data) || e.data instanceof Blob) && isCount(e.length);
}

/** Envelope check for a message from the page; each event is then checked on its own so one bad event does not lose the rest. */
export function isPageToRelay(m: unknown): m is Exclude<PageToRelay, { type: 'events' }> | UncheckedPageBatch {
  if (!isObj(m) || m.v !== PROTOCOL_VERSION) return false;
  if (m.type === 'sockets') return true;
  if (m.type === 'commandDone') return isCount(m.requestId) && isStr(m.error);
  if (m.type === 'paused')
    return isCount(m.hold) && isCount(m.doc) && isCount(m.socket) && isDir(m.dir) && (isStr(m.data) || isObj(m.data)) && isStr(m.rule) && isCount(m.timeoutMs);
  const f = m.frames;
  return (
    m.type === 'events' &&
    isCount(m.epoch) &&
    isObj(f) && isTypedArray(f.nums, 'Float64Array') && isList(f.data) && f.data.length * FRAME_WIDTH === f.nums.length &&
    isList(m.lifecycle) && isListOf(m.lifecycleAt, isCount) && m.lifecycleAt.length === m.lifecycle.length &&
    isListOf(m.clearedThrough, isCount)
  );
}
/** A batch whose envelope was checked; its events are checked one by one (see shared/frameColumns.ts `decodeBatch`). */
export interface UncheckedPageBatch {
  v: 1;
  type: 'events';
  epoch: number;
  frames: { nums: Float64Array; data: unknown[] };
  lifecycle: unknown[];
  lifecycleAt: number[];
  clearedThrough: number[];
}

/** Child windows a hook may report on, and so the longest `receivedThrough` a relay may send it. */
export const MAX_CHILD_DOCUMENTS = 256;

/**
 * The page hook checks what its relay sends with this (only the relay holds the other end of the port, but nothing
 * unchecked steers the hook). It runs in the page: own fields and index loops only (see shared/guards.ts).
 */
export function isRelayToPage(m: unknown): m is RelayToPage {
  if (!isObj(m) || m.v !== PROTOCOL_VERSION) return false;
  switch (m.type) {
    case 'limits': {
      const l = m.limits;
      return isObj(l) && isCount(l.maxFrames) && isCount(l.maxBytes) && isCount(l.maxPayloadBytes) && typeof l.sendStacks === 'boolean';
    }
    case 'attach':
      return isCount(m.epoch) && isListOf(m.receivedThrough, isCount) && m.receivedThrough.length <= MAX_CHILD_DOCUMENTS + 1;
    case 'clear':
      return isCount(m.epoch);
    case 'command':
      // The socket is looked up by number; the data and close arguments go to native send(), close() and MessageEvent,
      // which take nothing but what they accept (the hook returns a code when they throw).
      return isCount(m.requestId) && isCount(m.doc) && isCount(m.socket) && (m.action === 'send' || m.action === 'deliver' || m.action === 'close' || m.action === 'open');
    case 'rules':
      return isList(m.rules);
    case 'resume':
      return isCount(m.hold) && (m.action === 'forward' || m.action === 'edited' || m.action === 'drop');
    default:
      return m.type === 'detach';
  }
}

export function isWireEvent(e: unknown): e is WireEvent {
  if (!isObj(e) || !isBase(e)) return false;
  if (e.kind !== 'frame') return isLifecycleEvent(e);
  return (
    isDir(e.dir) &&
    (e.type === 'text' || e.type === 'binary') &&
    isStr(e.data) &&
    isCount(e.length) &&
    typeof e.truncated === 'boolean' &&
    (e.fromPanel === undefined || e.fromPanel === true)
  );
}

const isCommandPayload = (p: unknown): p is CommandPayload =>
  isObj(p) && ((p.type === 'text' && isStr(p.text)) || (p.type === 'binary' && isStr(p.base64)));

export function isSocketCommand(c: unknown): c is SocketCommand {
  if (!isObj(c)) return false;
  if (c.action === 'close') return (c.code === undefined || isCount(c.code)) && (c.reason === undefined || isStr(c.reason));
  if (c.action === 'open') return isStr(c.url) && isListOf(c.protocols, isStr);
  return (c.action === 'send' || c.action === 'deliver') && isCommandPayload(c.payload);
}

export const isCommandReply = (m: unknown): m is CommandReply => isObj(m) && isStr(m.error);

export const isCommandAnswer = (m: unknown): m is CommandAnswer =>
  isObj(m) && m.v === PROTOCOL_VERSION && m.type === 'commandDone' && isCount(m.requestId) && isStr(m.error);

function isDocumentInfo(d: unknown): d is DocumentInfo {
  return isObj(d) && isStr(d.docId) && isStr(d.url) && typeof d.top === 'boolean' && isNum(d.startedAt);
}

/** A map docId → seq (`receivedThrough`): every value a count. */
const isSeqMap = (s: unknown): s is Record<string, number> => isObj(s) && !Array.isArray(s) && Object.values(s).every(isCount);

/**
 * Rules are the panel's own data; checked for shape where they cross a port (the relay compiles them for the hook, which
 * checks every field of what it gets: page/ruleCheck.ts).
 */
const isRule = (x: unknown): x is Rule => isObj(x) && isStr(x.id) && isObj(x.match) && isObj(x.action);
const isRules = (r: unknown): r is Rule[] => isListOf(r, isRule);

function isPausedFrame(m: Record<string, unknown>): boolean {
  return isStr(m.docId) && isCount(m.hold) && isCount(m.socket) && isDir(m.dir) && isCommandPayload(m.payload) && isStr(m.rule) && isCount(m.timeoutMs);
}

const isResume = (m: Record<string, unknown>) =>
  isStr(m.docId) && isCount(m.hold) && (m.action === 'forward' || m.action === 'edited' || m.action === 'drop') && (m.payload === undefined || isCommandPayload(m.payload));

export function isRelayToBackground(m: unknown): m is RelayToBackground {
  if (!isObj(m) || m.v !== PROTOCOL_VERSION) return false;
  if (m.type === 'paused') return isPausedFrame(m);
  if (m.type === 'document') return isDocumentInfo(m.doc);
  if (m.type === 'events') return isStr(m.docId) && isPacked(m.packed) && isCount(m.clearedThrough);
  if (m.type === 'payloadPart') return isStr(m.docId) && isStr(m.data);
  return m.type === 'documentGone' && isStr(m.docId);
}

export function isPanelAttachedQuery(m: unknown): m is PanelAttachedQuery {
  return isObj(m) && m.v === PROTOCOL_VERSION && m.type === 'isPanelAttached' && isStr(m.docId);
}

export function isPanelAttachedReply(m: unknown): m is PanelAttachedReply {
  return isObj(m) && typeof m.attached === 'boolean' && isCount(m.receivedThrough) && (m.rules === undefined || isRules(m.rules));
}

export function isBackgroundToRelay(m: unknown): m is BackgroundToRelay {
  if (!isObj(m) || m.v !== PROTOCOL_VERSION) return false;
  if (m.type === 'command') return isStr(m.docId) && isCount(m.socket) && isSocketCommand(m.command);
  if (m.type === 'rules') return isRules(m.rules);
  if (m.type === 'resume') return isResume(m);
  return (m.type === 'attach' && isSeqMap(m.receivedThrough)) || m.type === 'clear' || m.type === 'documentStart';
}

export function isDocumentStartReply(m: unknown): m is DocumentStartReply {
  return isObj(m) && isStr(m.url) && isNum(m.startedAt);
}

export function isPanelToBackground(m: unknown): m is PanelToBackground {
  if (!isObj(m) || m.v !== PROTOCOL_VERSION || !isCount(m.tabId)) return false;
  switch (m.type) {
    case 'subscribe':
      return isSeqMap(m.receivedThrough);
    case 'clear':
      return true;
    case 'documentStart':
      return isCount(m.requestId);
    case 'command':
      return isCount(m.requestId) && isCount(m.browserFrameId) && isStr(m.docId) && isCount(m.socket) && isSocketCommand(m.command);
    case 'rules':
      return isRules(m.rules);
    case 'resume':
      return isCount(m.browserFrameId) && isResume(m);
    case 'deepCapture':
      return typeof m.on === 'boolean';
    default:
      return false;
  }
}

export function isBackgroundToPanel(m: unknown): m is BackgroundToPanel {
  if (!isObj(m) || m.v !== PROTOCOL_VERSION) return false;
  switch (m.type) {
    case 'document':
      return isCount(m.browserFrameId) && isDocumentInfo(m.doc);
    case 'events':
      return isCount(m.browserFrameId) && isStr(m.docId) && isPacked(m.packed) && isCount(m.clearedThrough);
    case 'documentGone':
      return isStr(m.docId);
    case 'payloadPart':
      return isStr(m.docId) && isStr(m.data);
    case 'paused':
      return isCount(m.browserFrameId) && isPausedFrame(m);
    case 'handshake':
      return isHandshake(m.handshake);
    case 'deepCaptureState':
      return typeof m.on === 'boolean' && isStr(m.reason);
    case 'cdp':
      return isCdpSocketEvent(m.event);
    default:
      return false;
  }
}

const CDP_METHODS: readonly string[] = CDP_SOCKET_METHODS;

/** The envelope only: `params` is an object whose fields the panel checks as it reads them. */
export function isCdpSocketEvent(e: unknown): e is CdpSocketEvent {
  return (
    isObj(e) && isStr(e.session) && isObj(e.target) && isStr(e.target.type) && isStr(e.target.url) && isStr(e.method) &&
    CDP_METHODS.includes(e.method) && isObj(e.params)
  );
}

const isHeaders = (h: unknown): h is HttpHeader[] => isListOf(h, (x): x is HttpHeader => isObj(x) && isStr(x.name) && isStr(x.value));

export function isHandshake(h: unknown): h is Handshake {
  return (
    isObj(h) && isStr(h.requestId) && isCount(h.browserFrameId) && isStr(h.url) && isNum(h.sentAt) && isHeaders(h.requestHeaders) &&
    isCount(h.status) && isStr(h.statusLine) && isHeaders(h.responseHeaders) && (h.answeredAt === undefined || isNum(h.answeredAt)) &&
    (h.error === undefined || isStr(h.error))
  );
}

export function isDocumentStartAnswer(m: unknown): m is DocumentStartAnswer {
  return (
    isObj(m) && m.v === PROTOCOL_VERSION && m.type === 'documentStart' && isCount(m.requestId) &&
    (m.start === null || isDocumentStartReply(m.start))
  );
}

// --- DevTools page → panel: DevTools' own search box (Chrome's ExtensionPanel.onSearch) drives the panel's filter.

/** The channel name, one per inspected tab (several DevTools windows may be open). */
export const searchChannel = (tabId: number) => `wsinspector:search:${tabId}`;

export type SearchAction = 'performSearch' | 'cancelSearch' | 'nextSearchResult' | 'previousSearchResult';
export interface PanelSearch {
  v: 1;
  type: 'search';
  action: SearchAction;
  query: string;
}

const SEARCH_ACTIONS: readonly string[] = ['performSearch', 'cancelSearch', 'nextSearchResult', 'previousSearchResult'];

export function isPanelSearch(m: unknown): m is PanelSearch {
  return isObj(m) && m.v === PROTOCOL_VERSION && m.type === 'search' && isStr(m.action) && SEARCH_ACTIONS.includes(m.action) && isStr(m.query);
}
