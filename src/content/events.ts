// Isolated world (pure logic used by relay.ts): turns what the page hook posted into the events the panel gets.
import { cutUtf8, utf8Length } from '../shared/codec';
import type { PageEvent, StoredEvent } from '../shared/protocol';

/** Drops the stack's "Error" header and the hook's own frame, so the initiator starts at the page's `new WebSocket`. */
export function initiatorFromStack(stack: string): string {
  const lines = stack.split('\n');
  const firstPageFrame = lines.findIndex((l, i) => i > 0 && !/(chrome|moz)-extension:\/\//.test(l));
  return firstPageFrame < 0 ? '' : lines.slice(firstPageFrame).map((l) => l.trim()).join('\n');
}

/** Synchronous for everything but Blob payloads, which must be read first: the relay awaits only when it has to. */
export function storedFromPage(e: PageEvent, maxPayloadBytes: number): StoredEvent | Promise<StoredEvent> {
  if (e.kind === 'frame' && e.data instanceof Blob) return storedFromBlob(e as PageFrame & { data: Blob }, maxPayloadBytes);
  if (e.kind !== 'frame') {
    // Lifecycle events are rare: copying them is cheap, and drops the hook's routing fields (`doc`, `docUrl`).
    const { doc: _doc, docUrl: _url, ...event } = e;
    return event.kind === 'created' ? { ...event, initiator: initiatorFromStack(event.initiator) } : event;
  }
  const data = e.data;
  // Frames are built as one literal each (no spreads): this runs for every frame, on the page's thread.
  if (typeof data === 'string') {
    const bytes = utf8Length(data);
    const kept = bytes > maxPayloadBytes ? cutUtf8(data, maxPayloadBytes) : data;
    // The hook already cut a text longer than the cap, and says how long it was.
    const length = e.length ?? bytes;
    return { kind: 'frame', seq: e.seq, id: e.id, t: e.t, dir: e.dir, type: 'text', data: kept, length, truncated: kept.length < data.length || length > bytes, fromPanel: e.fromPanel };
  }
  return binaryFrame(e, data as Uint8Array, maxPayloadBytes);
}

type PageFrame = Extract<PageEvent, { kind: 'frame' }>;

function binaryFrame(e: PageFrame, data: Uint8Array, maxPayloadBytes: number): StoredEvent {
  const bytes = ownBytes(data, maxPayloadBytes);
  const length = e.length ?? 0;
  return { kind: 'frame', seq: e.seq, id: e.id, t: e.t, dir: e.dir, type: 'binary', data: bytes, length, truncated: bytes.byteLength < length, fromPanel: e.fromPanel };
}

async function storedFromBlob(e: PageFrame & { data: Blob }, maxPayloadBytes: number): Promise<StoredEvent> {
  return binaryFrame(e, await readBlob(e.data), maxPayloadBytes);
}

/**
 * A Blob's bytes, read with a FileReader, which answers with an event. Not with `blob.arrayBuffer()`: in Firefox a
 * content script's DOM calls run in the page's realm, so that promise is the page's, and resolving it looks up `then` on
 * the page's Object.prototype, a getter the page can define (and so hand us other bytes). In Firefox the result is the
 * page's buffer behind a wrapper; binaryFrame copies it into our realm (ownBytes).
 */
export function readBlob(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/**
 * Up to `max` bytes of `view`, as a view this realm owns. In Chrome the batch was cloned into this world: its views are
 * ours already. In Firefox they arrive as cross-compartment wrappers; one native `set()` copies the bytes into our
 * realm, so encoding them later does not cross the compartment boundary once per byte.
 */
function ownBytes(view: Uint8Array, max: number): Uint8Array {
  if (view instanceof Uint8Array) return view.byteLength > max ? view.subarray(0, max) : view;
  view = view as Uint8Array; // a wrapper: `instanceof` said no, but it behaves as one
  const copy = new Uint8Array(Math.min(view.byteLength, max));
  copy.set(view.byteLength > copy.byteLength ? view.subarray(0, copy.byteLength) : view);
  return copy;
}
