// Isolated world (pure logic used by relay.ts): turns what the page hook posted into stored events.
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
    const length = utf8Length(data);
    const kept = length > maxPayloadBytes ? cutUtf8(data, maxPayloadBytes) : data;
    return { kind: 'frame', seq: e.seq, id: e.id, t: e.t, dir: e.dir, type: 'text', data: kept, length, truncated: kept.length < data.length };
  }
  return binaryFrame(e, data as ArrayBuffer, maxPayloadBytes);
}

type PageFrame = Extract<PageEvent, { kind: 'frame' }>;

function binaryFrame(e: PageFrame, data: ArrayBuffer, maxPayloadBytes: number): StoredEvent {
  const bytes = ownBytes(data, maxPayloadBytes);
  const length = e.length ?? 0;
  return { kind: 'frame', seq: e.seq, id: e.id, t: e.t, dir: e.dir, type: 'binary', data: bytes, length, truncated: bytes.byteLength < length };
}

async function storedFromBlob(e: PageFrame & { data: Blob }, maxPayloadBytes: number): Promise<StoredEvent> {
  return binaryFrame(e, await e.data.arrayBuffer(), maxPayloadBytes);
}

/**
 * Up to `max` bytes of `buffer`, copied into this realm. In Firefox the page's buffer arrives as a cross-compartment
 * wrapper and a view of it is a wrapper too; one `set()` copies it natively into a view we own, so encoding it later
 * does not cross the compartment boundary once per byte.
 */
function ownBytes(buffer: ArrayBuffer, max: number): Uint8Array {
  // Chrome transfers the hook's copy into this realm: it is ours already, and nothing else holds it.
  if (buffer instanceof ArrayBuffer && buffer.byteLength <= max) return new Uint8Array(buffer);
  const view = new Uint8Array(buffer);
  const copy = new Uint8Array(Math.min(view.byteLength, max));
  copy.set(view.byteLength > copy.byteLength ? view.subarray(0, copy.byteLength) : view);
  return copy;
}
