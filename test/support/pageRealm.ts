// Test support (Node): the real page hook, bundled from src/page/hook.ts as the extension ships it, installed into a
// jsdom window (a realm of its own, with real WebSockets to `ws` servers and trusted events) at "document_start",
// with this module playing the relay on the other end of its private port.
import { JSDOM } from 'jsdom';
import { rolldown } from 'rolldown';
import { decodeBatch } from '../../src/shared/frameColumns';
import { HANDSHAKE_EVENT, isPageEvent, isPageToRelay, type PageEvent, type RelayToPage } from '../../src/shared/protocol';

let bundle: Promise<string> | undefined;
/** The hook as one IIFE, like the content script the build writes (bundled once per test file). */
export function hookBundle(): Promise<string> {
  return (bundle ??= (async () => {
    const build = await rolldown({ input: 'src/page/hook.ts', platform: 'browser', logLevel: 'silent' });
    const { output } = await build.generate({ format: 'iife' });
    return output[0].code;
  })());
}

/**
 * jsdom has no MessageChannel: this one, evaluated in the page's realm before the hook, hands the test (the relay)
 * what the hook posts as is, and delivers the relay's messages as MessageEvents made in the page's realm. It captures
 * what it needs first, so a page's sabotage later does not break the test's side of the channel.
 */
const CHANNEL = `(() => {
  const sink = window.__sink; delete window.__sink;
  const ME = MessageEvent;
  // Browsers have HTMLObjectElement.prototype.contentWindow (it answers null here: jsdom renders no <object>); jsdom lacks it.
  Object.defineProperty(HTMLObjectElement.prototype, 'contentWindow', { configurable: true, enumerable: true, get() { return null; } });
  class MessagePort {
    postMessage(m) { if (this.toRelay) sink(m); }
    close() { this.closed = true; }
  }
  window.MessagePort = MessagePort;
  window.MessageChannel = class MessageChannel {
    constructor() { this.port1 = new MessagePort(); this.port1.toRelay = true; this.port2 = new MessagePort(); this.port2.hook = this.port1; }
  };
  return (port2, json) => {
    const hook = port2.hook;
    if (!hook.closed && typeof hook.onmessage === 'function') hook.onmessage(new ME('message', { __proto__: null, data: json }));
  };
})()`;

export interface PageRealm {
  window: JSDOM['window'];
  /** Everything the hook posted, as it posted it (page-realm objects, like Firefox's Xrays). */
  posted: unknown[];
  /** Whether the relay got a port (the handshake happened). */
  handshakes: number;
  /** Sends a command to the hook, built in the page's realm as the browser's structured clone would. */
  send(m: RelayToPage | Record<string, unknown>): void;
  /** Sends a command written as page-realm JavaScript (for values JSON cannot carry: NaN, Infinity). */
  sendSource(js: string): void;
  /** Every event of every batch posted so far that passes the relay's guards, in order (Blob data as the page's Blob). */
  events(): PageEvent[];
  /** Runs page code in the page's realm. */
  run<T = unknown>(code: string): T;
  close(): void;
}

export async function pageWithHook({ url = 'http://127.0.0.1/', hooks = 1 } = {}): Promise<PageRealm> {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { runScripts: 'outside-only', url });
  const w = dom.window;
  const posted: unknown[] = [];
  (w as unknown as { __sink: (m: unknown) => void }).__sink = (m) => posted.push(cloneToNode(m));
  const deliver = w.eval(CHANNEL) as (port: unknown, data: unknown) => void;
  const ports: unknown[] = [];
  // The relay: takes a port offered at "document_start" and tells the hook by preventDefault().
  w.addEventListener(HANDSHAKE_EVENT, (e) => {
    const port = (e as MessageEvent).ports[0];
    if (!port) return;
    ports.push(port);
    e.stopImmediatePropagation();
    e.preventDefault();
  }, true);
  const code = await hookBundle();
  for (let i = 0; i < hooks; i++) w.eval(code);
  const realm: PageRealm = {
    window: w,
    posted,
    get handshakes() {
      return ports.length;
    },
    send(m) {
      realm.sendSource(JSON.stringify(m));
    },
    sendSource(js) {
      for (const port of ports) deliver(port, w.eval(`(${js})`));
    },
    events() {
      const out: PageEvent[] = [];
      for (const m of posted) {
        if (!isPageToRelay(m) || m.type !== 'events') continue;
        for (const e of decodeBatch(m)) if (isPageEvent(e) || isBlobFrame(e)) out.push(e as PageEvent);
      }
      return out;
    },
    run: (js) => w.eval(js),
    close: () => w.close(),
  };
  return realm;
}

/**
 * What the browser's structured clone does to a message on its way to the relay: lists and records become the relay
 * realm's, typed arrays are copied. jsdom's Blobs cannot be cloned by Node, so they stay the page's.
 */
function cloneToNode(x: unknown): unknown {
  if (typeof x !== 'object' || x === null) return x;
  const tag = Object.prototype.toString.call(x);
  if (tag === '[object Blob]') return x;
  if (tag === '[object Float64Array]') return Float64Array.from(x as Float64Array);
  if (tag === '[object Uint8Array]') return Uint8Array.from(x as Uint8Array);
  if (Array.isArray(x)) return Array.from({ length: x.length }, (_, i) => cloneToNode(x[i]));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x)) out[k] = cloneToNode((x as Record<string, unknown>)[k]);
  return out;
}

/** isPageEvent knows Node's Blob, not jsdom's: Blob frames are recognised by their shape here. */
const isBlobFrame = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as PageEvent).kind === 'frame' && Object.prototype.toString.call((e as { data: unknown }).data) === '[object Blob]';

/** Waits until `test` holds (polling every 10 ms), or fails saying what it waited for. */
export async function until(test: () => boolean, what: string, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
