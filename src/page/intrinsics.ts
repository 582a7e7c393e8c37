// MAIN world (bundled into the page hook): every built-in the hook calls after install, captured when the hook's bundle
// is evaluated — document_start, before any page script can replace one — and the one way the hook makes lists.
// Platform getters check their receiver's brand, not its realm, so these also serve the child windows the hook reaches.

type Getter<T = unknown> = (this: unknown) => T;
export type Win = Window & typeof globalThis;

export const { apply, construct, defineProperty, getOwnPropertyDescriptor: gopd } = Reflect;
const { setPrototypeOf } = Reflect;
const getter = <T>(o: object, k: PropertyKey) => gopd(o, k)!.get as Getter<T>;

/**
 * A list that never reaches Array.prototype or Object.prototype, where a page may have put setters or getters on
 * indices (`a[a.length] = x` would call them): every list the hook writes to is one of these.
 */
export const list = <T>(): T[] => {
  const l: T[] = [];
  setPrototypeOf(l, null);
  return l;
};

export const ProxyCtor = Proxy;
const ws = WebSocket.prototype;
export const wsUrl = getter<string>(ws, 'url');
export const wsProtocol = getter<string>(ws, 'protocol');
export const wsExtensions = getter<string>(ws, 'extensions');
export const wsReadyState = getter<number>(ws, 'readyState');
export const wsBinaryType = getter<BinaryType>(ws, 'binaryType');
export const { send: wsSend, close: wsClose } = ws;
export const BlobCtor = Blob;
export const URLCtor = URL;
export const urlOrigin = getter<string>(URL.prototype, 'origin');
const messageEvent = MessageEvent.prototype;
export const msgData = getter<unknown>(messageEvent, 'data');
// isTrusted is an own property of each event; its getter is one function per realm, and brand-checks like the rest.
export const isTrusted = getter<boolean>(new Event(''), 'isTrusted');
export const eventTime = getter<number>(Event.prototype, 'timeStamp');
const closeEvent = CloseEvent.prototype;
export const closeCode = getter<number>(closeEvent, 'code');
export const closeReason = getter<string>(closeEvent, 'reason');
export const closeWasClean = getter<boolean>(closeEvent, 'wasClean');
const doc = Document.prototype;
export const docUrl = getter<string>(doc, 'URL');
export const docView = getter<Win | null>(doc, 'defaultView');
export const { addEventListener: addListener, removeEventListener: removeListener, dispatchEvent: dispatch } = EventTarget.prototype;
export const abByteLength = getter<number>(ArrayBuffer.prototype, 'byteLength');
const typedArray = Object.getPrototypeOf(Uint8Array.prototype) as { set: Function };
export const taBuffer = getter<ArrayBuffer>(typedArray, 'buffer');
export const taOffset = getter<number>(typedArray, 'byteOffset');
export const taLength = getter<number>(typedArray, 'byteLength');
export const taSet = typedArray.set;
/** %TypedArray%'s toStringTag getter: the kind of a typed array, undefined (never a throw) for anything else. */
export const taTag = getter<string | undefined>(typedArray, Symbol.toStringTag);
export const { isView } = ArrayBuffer;
const dataView = DataView.prototype;
export const dvBuffer = getter<ArrayBuffer>(dataView, 'buffer');
export const dvOffset = getter<number>(dataView, 'byteOffset');
export const dvLength = getter<number>(dataView, 'byteLength');
export const blobSize = getter<number>(Blob.prototype, 'size');
export const blobSlice = Blob.prototype.slice;
export const encoder = new TextEncoder();
export const { encodeInto } = TextEncoder.prototype;
export const { slice: strSlice, charCodeAt, indexOf: strIndexOf } = String.prototype;
export const U8 = Uint8Array;
export const AB = ArrayBuffer;
export const WeakMapCtor = WeakMap;
export const { get: wmGet, set: wmSet } = WeakMap.prototype;
export const MessageChannelCtor = MessageChannel;
export const MessageEventCtor = MessageEvent;
export const { postMessage, close: closePort } = MessagePort.prototype;
export const setTimer = setTimeout;
export const clearTimer = clearTimeout;
export const RegExpCtor = RegExp;
export const { exec: reExec } = RegExp.prototype;
export const { parse: JSONParse, stringify: JSONStringify } = JSON;
export const { splice } = Array.prototype;
export const stopImmediate = Event.prototype.stopImmediatePropagation;
export const msgOrigin = getter<string>(messageEvent, 'origin');
export const { min } = Math;
export const ErrorCtor = Error;
export const StringCtor = String;
const perf = performance;
const perfNow = perf.now;
export const { timeOrigin } = perf;
/** Wall-clock milliseconds, sub-millisecond precision. */
export const now = () => timeOrigin + apply(perfNow, perf, []);
