// MAIN world, document_start, every document: makes window.WebSocket observable without the page noticing, keeps what it
// sees in a bounded history, and while a panel listens posts it in batches over a private MessagePort to
// src/content/relay.ts. Dependency-free at runtime, synchronous.
// It also hooks same-origin child windows the page reaches through an <iframe>/<frame>/<object> before their own content
// scripts ran (an iframe created and used synchronously, about:blank), and records their sockets over the same port.
import { DocumentHistory } from './history';
import {
  DEFAULT_LIMITS,
  HANDSHAKE_EVENT,
  PROTOCOL_VERSION,
  FRAME_FIELDS,
  RELAY_READY_EVENT,
  type Direction,
  type PageEvent,
  type PageFrames,
  type PageLifecycle,
  type PageToRelay,
  type RelayToPage,
} from '../shared/protocol';

type Getter<T = unknown> = (this: unknown) => T;
type Win = Window & typeof globalThis;

/** Our Function.prototype.toString answers this argument (the native one ignores arguments) with itself: "already hooked". */
const MARK = 'wsinspector:hooked:7f3c9a';

(function install() {
  try {
    const w = window as Win;
    // Everything we call later is captured now, before any page script can replace it. Getters and methods of the
    // platform check their receiver's brand, not its realm, so these also serve same-origin child windows.
    const { apply, construct, defineProperty, getOwnPropertyDescriptor: gopd } = Reflect;
    const getter = <T>(o: object, k: string) => gopd(o, k)!.get as Getter<T>;
    const fnToString = Function.prototype.toString;
    // A parent's hook reached this window first and records it: hooking twice would record every frame twice.
    if (apply(fnToString, fnToString, [MARK]) === MARK) return;
    const proxy = Proxy;
    const wsProto = WebSocket.prototype;
    const wsUrl = getter<string>(wsProto, 'url');
    const wsProtocol = getter<string>(wsProto, 'protocol');
    const wsExtensions = getter<string>(wsProto, 'extensions');
    const wsReadyState = getter<number>(wsProto, 'readyState');
    const wsBinaryType = getter<BinaryType>(wsProto, 'binaryType');
    const msgData = getter<unknown>(MessageEvent.prototype, 'data');
    // isTrusted is an own property of each event; its getter is one function per realm, and brand-checks like the rest.
    const isTrusted = getter<boolean>(new Event(''), 'isTrusted');
    const eventTime = getter<number>(Event.prototype, 'timeStamp');
    const closeCode = getter<number>(CloseEvent.prototype, 'code');
    const closeReason = getter<string>(CloseEvent.prototype, 'reason');
    const closeWasClean = getter<boolean>(CloseEvent.prototype, 'wasClean');
    const docUrl = getter<string>(Document.prototype, 'URL');
    const docView = getter<Win | null>(Document.prototype, 'defaultView');
    const addListener = EventTarget.prototype.addEventListener;
    const removeListener = EventTarget.prototype.removeEventListener;
    const dispatch = EventTarget.prototype.dispatchEvent;
    const abByteLength = getter<number>(ArrayBuffer.prototype, 'byteLength');
    const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
    const taBuffer = getter<ArrayBuffer>(TypedArrayProto, 'buffer');
    const taOffset = getter<number>(TypedArrayProto, 'byteOffset');
    const taLength = getter<number>(TypedArrayProto, 'byteLength');
    const taSet = TypedArrayProto['set' as keyof object] as Function;
    const taTag = gopd(TypedArrayProto, Symbol.toStringTag)!.get as Getter<string | undefined>;
    const isView = ArrayBuffer.isView;
    const dvBuffer = getter<ArrayBuffer>(DataView.prototype, 'buffer');
    const dvOffset = getter<number>(DataView.prototype, 'byteOffset');
    const dvLength = getter<number>(DataView.prototype, 'byteLength');
    const blobSize = getter<number>(Blob.prototype, 'size');
    const blobSlice = Blob.prototype.slice;
    const encoder = new TextEncoder();
    const encodeInto = TextEncoder.prototype.encodeInto;
    const strSlice = String.prototype.slice;
    const charCodeAt = String.prototype.charCodeAt;
    const U8 = Uint8Array;
    const AB = ArrayBuffer;
    const F64 = Float64Array;
    const WeakMapCtor = WeakMap;
    const wmGet = WeakMap.prototype.get;
    const wmSet = WeakMap.prototype.set;
    const postMessage = MessagePort.prototype.postMessage;
    const perf = performance;
    const perfNow = perf.now;
    const timeOrigin = perf.timeOrigin;
    const setTimer = w.setTimeout;
    const ErrorCtor = Error;
    const StringCtor = String;
    const MessageEventCtor = MessageEvent;
    const min = Math.min;
    const ArrayIsArray = Array.isArray;

    const now = () => timeOrigin + apply(perfNow, perf, []);
    let limits = DEFAULT_LIMITS;
    /** Per document (0 = this one, n = the n-th child window reached); seqs count per document, so a gap means a loss. */
    const histories: DocumentHistory[] = [];
    const seqs: number[] = [];
    let attached = false;
    let hasSockets = false;
    let epoch = 0;

    // ── Private channel: one synchronous handshake at document_start, then only this port. ──
    const channel = new MessageChannel();
    const port = channel.port1;
    const send = (m: PageToRelay) => {
      try {
        apply(postMessage, port, [m]);
      } catch {
        // A clone failure must not take the page down; the batch is lost, and the panel counts the gap it leaves in seq.
      }
    };
    const offer = () =>
      !apply(dispatch, w, [new MessageEventCtor(HANDSHAKE_EVENT, { ports: [channel.port2], cancelable: true })]);
    if (!offer()) {
      // The relay has not run yet: it announces itself, still before any page script.
      const onRelayReady = () => {
        if (offer()) apply(removeListener, w, [RELAY_READY_EVENT, onRelayReady, true]);
      };
      apply(addListener, w, [RELAY_READY_EVENT, onRelayReady, true]);
    }

    let queue: PageEvent[] = [];
    let flushScheduled = false;
    /** 4 ms after quiet traffic; 16 ms while frames keep coming (fewer, bigger posts). */
    let lastFlush = -1e9;
    const flush = () => {
      flushScheduled = false;
      lastFlush = now();
      const events = queue;
      queue = [];
      if (!attached || !events.length) return;
      const clearedThrough: number[] = [];
      for (let i = 0; i < histories.length; i++) clearedThrough[i] = histories[i]?.clearedThrough ?? 0;
      // Frames go as columns: cloning one Float64Array costs a copy, cloning an object costs every one of its fields.
      let count = 0;
      for (let i = 0; i < events.length; i++) if (events[i].kind === 'frame') count++;
      const nums = new F64(count * FRAME_FIELDS);
      const data: PageFrames['data'] = [];
      const lifecycle: PageLifecycle[] = [];
      const lifecycleAt: number[] = [];
      for (let i = 0, k = 0; i < events.length; i++) {
        const e = events[i];
        if (e.kind !== 'frame') {
          lifecycleAt[lifecycle.length] = i;
          lifecycle[lifecycle.length] = e;
          continue;
        }
        const at = k * FRAME_FIELDS;
        nums[at] = e.seq;
        nums[at + 1] = e.id;
        nums[at + 2] = e.t;
        nums[at + 3] = e.dir === 'sent' ? 0 : 1;
        nums[at + 4] = e.length ?? -1;
        nums[at + 5] = e.doc ?? 0;
        data[k++] = e.data;
      }
      send({ v: PROTOCOL_VERSION, type: 'events', epoch, frames: { nums, data }, lifecycle, lifecycleAt, clearedThrough });
    };
    port.onmessage = (e) => {
      try {
        const m = apply(msgData, e, []) as RelayToPage;
        if (m.type === 'limits') {
          limits = m.limits;
          for (let i = 0; i < histories.length; i++) histories[i]?.setLimits(limits);
        } else if (m.type === 'attach') {
          // The history holds everything still queued: send it from `since`, in order, and nothing twice.
          attached = true;
          epoch = m.epoch;
          queue = [];
          const since = m.since;
          for (let i = 0; i < histories.length; i++) histories[i]?.since(i < since.length ? since[i] : 0, queue);
          flush();
        } else if (m.type === 'detach') {
          attached = false;
          queue = [];
        } else if (m.type === 'clear') {
          epoch = m.epoch;
          queue = [];
          for (let i = 0; i < histories.length; i++) histories[i]?.clear();
        }
      } catch {
        // Only our relay can post here; still, nothing of ours may throw into the page.
      }
    };

    /** Keeps an event in its document's history, and queues it for the relay while a panel listens. */
    const record = (e: PageEvent, doc: number) => {
      (histories[doc] ??= new DocumentHistory(limits)).add(e);
      if (!attached) {
        if (!hasSockets) {
          hasSockets = true;
          send({ v: PROTOCOL_VERSION, type: 'sockets' });
        }
        return;
      }
      queue[queue.length] = e;
      if (!flushScheduled) {
        flushScheduled = true;
        apply(setTimer, w, [flush, now() - lastFlush < 32 ? 16 : 4]);
      }
    };
    /** Common fields of an event; `doc` only for a child window's sockets. */
    const nextSeq = (s: Sock) => (seqs[s.doc] = (seqs[s.doc] ?? 0) + 1);
    const head = (s: Sock) => ({ seq: nextSeq(s), id: s.id, t: now(), ...(s.doc ? { doc: s.doc } : null) });

    // Small payloads are copied side by side into one shared buffer (one allocation per 64 KiB of frames, not one per
    // frame); each frame keeps a view of its bytes. Copies go through typed arrays: ArrayBuffer.prototype.slice would
    // consult the page-visible species constructor.
    const SHARED = 65536;
    let shared = new AB(SHARED);
    let used = 0;
    /** Keeps a copy of up to maxPayloadBytes of a binary frame's bytes, and its true length. */
    const keepBytes = (s: Sock, dir: Direction, t: number, buffer: ArrayBuffer, offset: number, length: number) => {
      const n = min(length, limits.maxPayloadBytes);
      let copy: Uint8Array;
      if (n > SHARED / 4) copy = new U8(n);
      else {
        if (used + n > SHARED) {
          shared = new AB(SHARED);
          used = 0;
        }
        copy = new U8(shared, used, n);
        used += n;
      }
      apply(taSet, copy, [new U8(buffer, offset, n)]);
      keep(s, dir, t, copy, n, length);
    };

    /**
     * A text frame that may exceed maxPayloadBytes in UTF-8 (a UTF-16 unit is at most 3 bytes): kept cut there, with
     * its true UTF-8 length, so the history holds at most the cap of it. The rest is measured natively, 1 MiB at a time
     * (not with shared/codec.ts, whose regex and string methods a page could replace).
     */
    const keepLongText = (s: Sock, dir: Direction, t: number, text: string) => {
      const { read, written } = apply(encodeInto, encoder, [text, new U8(limits.maxPayloadBytes)]) as TextEncoderEncodeIntoResult;
      if (read === text.length) return keep(s, dir, t, text, text.length * 2);
      const kept = apply(strSlice, text, [0, read]) as string;
      const scratch = new U8(3 << 20);
      let length = written;
      for (let at = read; at < text.length; ) {
        let end = min(at + (1 << 20), text.length);
        // Never split a surrogate pair: its halves alone would each count as U+FFFD.
        if (end < text.length && (apply(charCodeAt, text, [end - 1]) as number) >> 10 === 0x36) end--;
        length += (apply(encodeInto, encoder, [apply(strSlice, text, [at, end]), scratch]) as TextEncoderEncodeIntoResult).written;
        at = end;
      }
      keep(s, dir, t, kept, kept.length * 2, length);
    };

    /** One object per frame, built without spreads or closures: this runs for every message the page sends or receives. */
    const keep = (s: Sock, dir: Direction, t: number, data: string | Uint8Array | Blob, bytes: number, length?: number) => {
      const seq = nextSeq(s);
      // Every field present (doc 0: this document): reading a missing one would reach the page's Object.prototype.
      record({ kind: 'frame', seq, id: s.id, t, dir, data, length, doc: s.doc, bytes }, s.doc);
    };

    // ArrayBuffer, typed array, DataView, Blob: told apart by brand checks, which work for any realm's objects
    // (instanceof would not). The likelier kind is tried first (`blobFirst`: a received frame on a binaryType "blob"
    // socket), so the common path throws nothing: a thrown and caught error costs microseconds per frame.
    /**
     * `ws`: the receiving socket, whose binaryType says which kind a binary frame most likely is. `t`: a received frame's
     * event time, which costs a fraction of reading the clock.
     */
    const frame = (s: Sock, dir: Direction, data: unknown, ws?: WebSocket, t = now()) => {
      if (typeof data === 'string') return data.length * 3 <= limits.maxPayloadBytes ? keep(s, dir, t, data, data.length * 2) : keepLongText(s, dir, t, data);
      if (isView(data)) {
        // %TypedArray%'s toStringTag getter answers undefined (rather than throwing) for a DataView.
        const ta = apply(taTag, data, []) !== undefined;
        const length = apply(ta ? taLength : dvLength, data, []);
        return keepBytes(s, dir, t, apply(ta ? taBuffer : dvBuffer, data, []), apply(ta ? taOffset : dvOffset, data, []), length);
      }
      const blobFirst = ws !== undefined && apply(wsBinaryType, ws, []) === 'blob';
      for (let i = 0; i < 2; i++) {
        try {
          if (blobFirst === !i) {
            const length = apply(blobSize, data, []);
            const max = limits.maxPayloadBytes;
            const blob = length > max ? (apply(blobSlice, data, [0, max]) as Blob) : (data as Blob);
            return keep(s, dir, t, blob, min(length, max), length);
          }
          return keepBytes(s, dir, t, data as ArrayBuffer, 0, apply(abByteLength, data, []));
        } catch {}
      }
      // send(obj) sends String(obj); converting it again here would run page code twice.
      const note = '[WS Inspector: a non-string object was sent; its text is not recorded]';
      keep(s, dir, t, note, note.length * 2);
    };

    interface Sock { id: number; doc: number }
    const socks = new WeakMapCtor<object, Sock>();
    let nextId = 0;
    let nextDoc = 0;

    const track = (ws: WebSocket, args: unknown[], doc: number, win: Win) => {
      const s: Sock = { id: ++nextId, doc };
      apply(wmSet, socks, [ws, s]);
      const requested = args[1];
      const protocols: string[] = [];
      if (typeof requested === 'string') protocols[0] = requested;
      else if (ArrayIsArray(requested))
        for (let i = 0; i < requested.length; i++) if (typeof requested[i] === 'string') protocols[protocols.length] = requested[i];
      // A page-installed Error.prepareStackTrace would run if we read .stack: skip the initiator then.
      const initiator = (ErrorCtor as { prepareStackTrace?: unknown }).prepareStackTrace === undefined ? StringCtor(new ErrorCtor().stack) : '';
      const where = doc ? { docUrl: apply(docUrl, win.document, []) } : null;
      record({ kind: 'created', ...head(s), url: apply(wsUrl, ws, []), protocols, initiator, ...where }, doc);
      // Only the browser's own events: a page may dispatch made-up ones at its socket.
      const on = (type: string, listener: (e: Event) => void) =>
        apply(addListener, ws, [type, (e: Event) => { try { if (apply(isTrusted, e, [])) listener(e); } catch {} }]);
      on('open', () => record({ kind: 'open', ...head(s), protocol: apply(wsProtocol, ws, []), extensions: apply(wsExtensions, ws, []) }, doc));
      // An event's timeStamp counts from its own window's time origin: ours for our sockets, a child's for a child's.
      on('message', (e) => frame(s, 'received', apply(msgData, e, []), ws, doc ? now() : timeOrigin + apply(eventTime, e, [])));
      on('error', () => record({ kind: 'error', ...head(s) }, doc));
      on('close', (e) =>
        record({ kind: 'closed', ...head(s), code: apply(closeCode, e, []), reason: apply(closeReason, e, []), wasClean: apply(closeWasClean, e, []) }, doc),
      );
    };

    // Function.prototype.toString must keep saying "[native code]" with the native names for what we replaced.
    const masks = new WeakMapCtor<object, object>();
    const mask = (fake: object, real: object) => apply(wmSet, masks, [fake, real]);
    const replace = (o: object, k: PropertyKey, value: unknown, key = 'value') => defineProperty(o, k, { ...gopd(o, k), [key]: value });
    /** A Proxy of a native function whose apply trap calls it, then `after(self, args, result)` (errors stay ours). */
    const wrapCall = (target: Function, after: (self: unknown, args: unknown[], result: unknown) => void) => {
      const p = new proxy(target, {
        __proto__: null,
        apply(t: Function, self: unknown, args: unknown[]) {
          const result = apply(t, self, args); // native errors propagate unchanged
          try { after(self, args, result); } catch {}
          return result;
        },
      } as ProxyHandler<Function>);
      mask(p, target);
      return p;
    };

    /** Installs the hook into one window: ours (doc 0), or a same-origin child reached before its own hook ran. */
    const hookRealm = (win: Win, doc: number) => {
      const Native = win.WebSocket;
      const proto = Native.prototype;
      const nativeToString = win.Function.prototype.toString;
      // Proxies keep name, length, prototype, statics and instanceof exactly native; null-prototype handlers so a page
      // adding traps to Object.prototype cannot reach into them.
      const WebSocketProxy = new proxy(Native, {
        __proto__: null,
        construct(target: typeof WebSocket, args: unknown[], newTarget: Function) {
          const ws = construct(target, args, newTarget) as WebSocket; // native errors propagate unchanged
          try { track(ws, args, doc, win); } catch {}
          return ws;
        },
      } as ProxyHandler<typeof WebSocket>);
      mask(WebSocketProxy, Native);
      const sendProxy = wrapCall(proto.send, (self, args) => {
        const s = apply(wmGet, socks, [self]) as Sock | undefined;
        // Data passed to send() after closing is discarded by the browser, so it is not a frame.
        if (s && apply(wsReadyState, self, []) === 1) frame(s, 'sent', args[0]);
      });
      const closeProxy = wrapCall(proto.close, (self, args) => {
        const s = apply(wmGet, socks, [self]) as Sock | undefined;
        if (s)
          record({
            kind: 'closeCalled', ...head(s),
            code: typeof args[0] === 'number' ? args[0] : undefined,
            reason: typeof args[1] === 'string' ? args[1] : undefined,
          }, s.doc);
      });
      const toStringProxy = new proxy(nativeToString, {
        __proto__: null,
        apply(target: Function, self: unknown, args: unknown[]) {
          if (args[0] === MARK) return MARK;
          const real = typeof self === 'function' || (typeof self === 'object' && self !== null) ? apply(wmGet, masks, [self]) : undefined;
          return apply(target, real === undefined ? self : real, args);
        },
      } as ProxyHandler<Function>);
      mask(toStringProxy, nativeToString);
      // First, so every later replacement is already masked (and the window answers MARK) should one of them fail.
      replace(win.Function.prototype, 'toString', toStringProxy);

      // A same-origin child window is hooked the first time the page reaches it through its element, which is before
      // any script could use it when the iframe was just created (its own content scripts may never run there).
      // contentDocument is null for a cross-origin child, so asking it never throws (nor logs) for those.
      const frames = [win.HTMLIFrameElement, win.HTMLFrameElement, win.HTMLObjectElement];
      for (let i = 0; i < 3; i++) {
        const p = frames[i].prototype;
        const contentDocument = gopd(p, 'contentDocument')!.get!;
        for (let k = 0; k < 2; k++) {
          const key = k ? 'contentDocument' : 'contentWindow';
          replace(p, key, wrapCall(gopd(p, key)!.get!, (self) => reach(apply(contentDocument, self, []) as Document | null)), 'get');
        }
      }

      replace(proto, 'send', sendProxy);
      replace(proto, 'close', closeProxy);
      replace(proto, 'constructor', WebSocketProxy);
      replace(win, 'WebSocket', WebSocketProxy);
    };

    const reach = (doc: Document | null) => {
      const child = doc && (apply(docView, doc, []) as Win | null);
      if (!child) return;
      const toStr = child.Function.prototype.toString;
      // Hooked already (by its own content script, or by us) if it answers the marker.
      if (apply(toStr, toStr, [MARK]) !== MARK) hookRealm(child, ++nextDoc);
    };

    hookRealm(w, 0);
  } catch {
    // Never reach the page: without the hook the page simply runs uncaptured.
  }
})();
