// MAIN world (bundled into the page hook): the bounded history of one document's page events and its sequence numbers,
// kept in the page so that nothing crosses to the extension until a panel asks for it. No classes, no built-in methods,
// lists from `newList`, records that only touch fields they have: a page may replace any method (push, splice…) and
// put setters on Object.prototype or Array.prototype (`this.x = …` in a class constructor would call one).
import type { Limits, PageEvent, PageFrame, PageLifecycle } from '../shared/protocol';
import { firstAfter } from '../shared/search';

type NewList = <T>() => T[];
const plainList: NewList = () => [];
const bySeq = (e: PageEvent) => e.seq;

/** Lifecycle events (created/open/close…) are tiny and describe connections, so they get their own, larger cap. */
export const LIFECYCLE_EVENTS_PER_FRAME_CAP = 2;

/** A FIFO over a list; consumed slots are dropped once they are half of it, keeping both ends O(1) amortised. */
interface Fifo<T> {
  items: T[];
  head: number;
}
/** Every field present from the start: writing one the object does not have would call a page's setter (see below). */
const fifo = <T>(newList: NewList): Fifo<T> => ({ items: newList<T>(), head: 0 });
const size = (q: Fifo<unknown>) => q.items.length - q.head;

/** Keeps the items `test` accepts, in order. */
function keep<T>(q: Fifo<T>, test: (x: T) => boolean, newList: NewList): void {
  const kept = newList<T>();
  for (let i = q.head; i < q.items.length; i++) if (test(q.items[i])) kept[kept.length] = q.items[i];
  q.items = kept;
  q.head = 0;
}

function shift<T>(q: Fifo<T>, newList: NewList): T {
  const x = q.items[q.head];
  q.items[q.head++] = undefined as T; // let the payload go now, not at compaction
  if (q.head > 1024 && q.head * 2 > q.items.length) keep(q, () => true, newList);
  return x;
}

export function createHistory(limits: Limits, newList: NewList = plainList) {
  let frames = fifo<PageFrame>(newList);
  const lifecycle = fifo<PageLifecycle>(newList);
  /** Payload bytes held: each frame's `keptBytes`, set by the hook (a page could redefine `byteLength` or `size`). */
  let bytes = 0;

  const evictFrames = () => {
    while (size(frames) > limits.maxFrames || (bytes > limits.maxBytes && size(frames) > 0)) bytes -= shift(frames, newList).keptBytes ?? 0;
  };

  // A plain literal, not a prototype-less one (V8 keeps those as slow dictionaries, and this runs for every frame): it
  // only ever reads and writes its own fields, so Object.prototype is never consulted.
  const h = {
    /** The seq through which the user cleared this document (its events up to there are gone on purpose, not lost). */
    clearedThrough: 0,
    /** The newest seq given out or added. */
    lastSeq: 0,

    /** Seqs are given out when an event happens, in order: a Blob read later cannot reorder them. */
    nextSeq: () => ++h.lastSeq,

    add(e: PageEvent): void {
      h.lastSeq = e.seq;
      if (e.kind === 'frame') {
        frames.items[frames.items.length] = e;
        bytes += e.keptBytes ?? 0;
        evictFrames();
      } else {
        lifecycle.items[lifecycle.items.length] = e;
        const cap = limits.maxFrames * LIFECYCLE_EVENTS_PER_FRAME_CAP;
        while (size(lifecycle) > (cap > 1000 ? cap : 1000)) shift(lifecycle, newList);
      }
    },

    /** Every kept event with a seq above `seq`, in seq order, appended to `out`. */
    eventsAfter(seq: number, out: PageEvent[]): void {
      const f = frames.items;
      const l = lifecycle.items;
      let i = firstAfter(f, seq, bySeq, frames.head);
      let j = firstAfter(l, seq, bySeq, lifecycle.head);
      while (i < f.length || j < l.length) {
        if (j >= l.length || (i < f.length && f[i].seq < l[j].seq)) out[out.length] = f[i++];
        else out[out.length] = l[j++];
      }
    },

    /** Forgets every frame and every closed connection; sockets still open keep their lifecycle so they stay known. */
    clear(): void {
      frames = fifo(newList);
      bytes = 0;
      const closed = { __proto__: null } as unknown as Record<number, boolean>;
      for (let i = lifecycle.head; i < lifecycle.items.length; i++) if (lifecycle.items[i].kind === 'closed') closed[lifecycle.items[i].id] = true;
      keep(lifecycle, (e) => !closed[e.id], newList);
      h.clearedThrough = h.lastSeq;
    },

    setLimits(next: Limits): void {
      limits = next;
      evictFrames();
    },
  };
  return h;
}

export type DocumentHistory = ReturnType<typeof createHistory>;
