// MAIN world, document_start, every document: makes window.WebSocket observable without the page noticing, and posts
// what it sees in batches over a private MessagePort to src/content/relay.ts. Dependency-free at runtime, synchronous.
import {
  DEFAULT_LIMITS,
  HANDSHAKE_EVENT,
  PROTOCOL_VERSION,
  RELAY_READY_EVENT,
  type Direction,
  type PageEvent,
  type PageToRelay,
} from '../shared/protocol';

type Getter<T = unknown> = (this: unknown) => T;

(function install() {
  try {
    const w = window;
    const Native = w.WebSocket;
    if (typeof Native !== 'function') return;

    // Everything we call later is captured now, before any page script can replace it.
    const { apply, construct, defineProperty, getOwnPropertyDescriptor: gopd } = Reflect;
    const getter = <T>(o: object, k: string) => gopd(o, k)!.get as Getter<T>;
    const proto = Native.prototype;
    const nativeSend = proto.send;
    const nativeClose = proto.close;
    const wsUrl = getter<string>(proto, 'url');
    const wsProtocol = getter<string>(proto, 'protocol');
    const wsExtensions = getter<string>(proto, 'extensions');
    const wsReadyState = getter<number>(proto, 'readyState');
    const msgData = getter<unknown>(MessageEvent.prototype, 'data');
    const closeCode = getter<number>(CloseEvent.prototype, 'code');
    const closeReason = getter<string>(CloseEvent.prototype, 'reason');
    const closeWasClean = getter<boolean>(CloseEvent.prototype, 'wasClean');
    const addListener = EventTarget.prototype.addEventListener;
    const removeListener = EventTarget.prototype.removeEventListener;
    const dispatch = EventTarget.prototype.dispatchEvent;
    const abByteLength = getter<number>(ArrayBuffer.prototype, 'byteLength');
    const abSlice = ArrayBuffer.prototype.slice;
    const isView = ArrayBuffer.isView;
    const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
    const taBuffer = getter<ArrayBuffer>(TypedArrayProto, 'buffer');
    const taOffset = getter<number>(TypedArrayProto, 'byteOffset');
    const taLength = getter<number>(TypedArrayProto, 'byteLength');
    const dvBuffer = getter<ArrayBuffer>(DataView.prototype, 'buffer');
    const dvOffset = getter<number>(DataView.prototype, 'byteOffset');
    const dvLength = getter<number>(DataView.prototype, 'byteLength');
    const blobSize = getter<number>(Blob.prototype, 'size');
    const blobSlice = Blob.prototype.slice;
    const DataViewCtor = DataView;
    const WeakMapCtor = WeakMap;
    const wmGet = WeakMap.prototype.get;
    const wmSet = WeakMap.prototype.set;
    const push = Array.prototype.push;
    const postMessage = MessagePort.prototype.postMessage;
    const perf = performance;
    const perfNow = perf.now;
    const timeOrigin = perf.timeOrigin;
    const setTimer = w.setTimeout;
    const ErrorCtor = Error;
    const MessageEventCtor = MessageEvent;
    const min = Math.min;
    const ArrayIsArray = Array.isArray;
    const fnToString = Function.prototype.toString;

    const now = () => timeOrigin + apply(perfNow, perf, []);
    let maxPayload = DEFAULT_LIMITS.maxPayloadBytes;

    // ── Private channel: one synchronous handshake at document_start, then only this port. ──
    const channel = new MessageChannel();
    const port = channel.port1;
    const offer = () =>
      !apply(dispatch, w, [new MessageEventCtor(HANDSHAKE_EVENT, { ports: [channel.port2], cancelable: true })]);
    if (!offer()) {
      // The relay has not run yet: it announces itself, still before any page script.
      const onRelayReady = () => {
        if (offer()) apply(removeListener, w, [RELAY_READY_EVENT, onRelayReady, true]);
      };
      apply(addListener, w, [RELAY_READY_EVENT, onRelayReady, true]);
    }
    port.onmessage = (e) => {
      const m = apply(msgData, e, []) as { maxPayloadBytes?: unknown };
      if (typeof m?.maxPayloadBytes === 'number' && m.maxPayloadBytes >= 0) maxPayload = m.maxPayloadBytes;
    };

    let seq = 0;
    let queue: PageEvent[] = [];
    let transfer: ArrayBuffer[] = [];
    let flushScheduled = false;
    const flush = () => {
      flushScheduled = false;
      const message: PageToRelay = { v: PROTOCOL_VERSION, events: queue };
      const t = transfer;
      queue = [];
      transfer = [];
      try {
        apply(postMessage, port, [message, t]);
      } catch {
        // A clone failure must not take the page down; the batch is lost and the relay never sees a gap in seq it can't explain.
      }
    };
    const record = (e: PageEvent) => {
      apply(push, queue, [e]);
      if (!flushScheduled) {
        flushScheduled = true;
        apply(setTimer, w, [flush, 4]);
      }
    };

    const copyBytes = (buffer: ArrayBuffer, offset: number, length: number): ArrayBuffer => {
      const copy = apply(abSlice, buffer, [offset, offset + min(length, maxPayload)]) as ArrayBuffer;
      apply(push, transfer, [copy]);
      return copy;
    };

    const frame = (id: number, dir: Direction, data: unknown) => {
      const base = { kind: 'frame' as const, seq: ++seq, id, t: now(), dir };
      if (typeof data === 'string') return record({ ...base, data });
      let length: number;
      // Views first: the ArrayBuffer brand check below throws for them, and a thrown error costs microseconds per frame.
      if (isView(data)) {
        const dv = data instanceof DataViewCtor;
        length = apply(dv ? dvLength : taLength, data, []);
        const bytes = copyBytes(apply(dv ? dvBuffer : taBuffer, data, []), apply(dv ? dvOffset : taOffset, data, []), length);
        return record({ ...base, data: bytes, length });
      }
      try {
        length = apply(abByteLength, data, []);
        return record({ ...base, data: copyBytes(data as ArrayBuffer, 0, length), length });
      } catch {}
      try {
        length = apply(blobSize, data, []);
        const blob = length > maxPayload ? (apply(blobSlice, data, [0, maxPayload]) as Blob) : (data as Blob);
        return record({ ...base, data: blob, length });
      } catch {}
      // send(obj) sends String(obj); converting it again here would run page code twice.
      record({ ...base, data: '[WS Inspector: a non-string object was sent; its text is not recorded]' });
    };

    const ids = new WeakMapCtor<object, number>();
    let nextId = 0;

    const track = (ws: WebSocket, args: unknown[]) => {
      const id = ++nextId;
      apply(wmSet, ids, [ws, id]);
      const requested = args[1];
      const protocols: string[] = [];
      if (typeof requested === 'string') protocols[0] = requested;
      else if (ArrayIsArray(requested))
        for (let i = 0; i < requested.length; i++) if (typeof requested[i] === 'string') protocols[protocols.length] = requested[i];
      // A page-installed Error.prepareStackTrace would run if we read .stack: skip the initiator then.
      const initiator = (ErrorCtor as { prepareStackTrace?: unknown }).prepareStackTrace === undefined ? String(new ErrorCtor().stack) : '';
      record({ kind: 'created', seq: ++seq, id, t: now(), url: apply(wsUrl, ws, []), protocols, initiator });
      const on = (type: string, listener: (e: Event) => void) =>
        apply(addListener, ws, [type, (e: Event) => { try { listener(e); } catch {} }]);
      on('open', () =>
        record({ kind: 'open', seq: ++seq, id, t: now(), protocol: apply(wsProtocol, ws, []), extensions: apply(wsExtensions, ws, []) }),
      );
      on('message', (e) => frame(id, 'received', apply(msgData, e, [])));
      on('error', () => record({ kind: 'error', seq: ++seq, id, t: now() }));
      on('close', (e) =>
        record({
          kind: 'closed', seq: ++seq, id, t: now(),
          code: apply(closeCode, e, []), reason: apply(closeReason, e, []), wasClean: apply(closeWasClean, e, []),
        }),
      );
    };
    // Proxies keep name, length, prototype, statics and instanceof exactly native; null-prototype handlers so a page
    // adding traps to Object.prototype cannot reach into them.
    const WebSocketProxy = new Proxy(Native, {
      __proto__: null,
      construct(target: typeof WebSocket, args: unknown[], newTarget: Function) {
        const ws = construct(target, args, newTarget) as WebSocket; // native errors propagate unchanged
        try { track(ws, args); } catch {}
        return ws;
      },
    } as ProxyHandler<typeof WebSocket>);

    const sendProxy = new Proxy(nativeSend, {
      __proto__: null,
      apply(target: Function, self: WebSocket, args: unknown[]) {
        const result = apply(target, self, args);
        try {
          const id = apply(wmGet, ids, [self]) as number | undefined;
          // Data passed to send() after closing is discarded by the browser, so it is not a frame.
          if (id !== undefined && apply(wsReadyState, self, []) === 1) frame(id, 'sent', args[0]);
        } catch {}
        return result;
      },
    } as ProxyHandler<typeof nativeSend>);

    const closeProxy = new Proxy(nativeClose, {
      __proto__: null,
      apply(target: Function, self: WebSocket, args: unknown[]) {
        const result = apply(target, self, args);
        try {
          const id = apply(wmGet, ids, [self]) as number | undefined;
          if (id !== undefined)
            record({
              kind: 'closeCalled', seq: ++seq, id, t: now(),
              code: typeof args[0] === 'number' ? args[0] : undefined,
              reason: typeof args[1] === 'string' ? args[1] : undefined,
            });
        } catch {}
        return result;
      },
    } as ProxyHandler<typeof nativeClose>);

    // Function.prototype.toString must keep saying "[native code]" with the native names for what we replaced.
    const masks = new WeakMapCtor<object, object>([
      [WebSocketProxy, Native],
      [sendProxy, nativeSend],
      [closeProxy, nativeClose],
    ]);
    const toStringProxy = new Proxy(fnToString, {
      __proto__: null,
      apply(target: Function, self: unknown, args: unknown[]) {
        const real = typeof self === 'function' || (typeof self === 'object' && self !== null) ? apply(wmGet, masks, [self]) : undefined;
        return apply(target, real === undefined ? self : real, args);
      },
    } as ProxyHandler<typeof fnToString>);
    apply(wmSet, masks, [toStringProxy, fnToString]);

    const replace = (o: object, k: PropertyKey, value: unknown) =>
      defineProperty(o, k, { ...gopd(o, k), value });
    replace(proto, 'send', sendProxy);
    replace(proto, 'close', closeProxy);
    replace(proto, 'constructor', WebSocketProxy);
    replace(Function.prototype, 'toString', toStringProxy);
    replace(w, 'WebSocket', WebSocketProxy);
  } catch {
    // Never reach the page: without the hook the page simply runs uncaptured.
  }
})();
