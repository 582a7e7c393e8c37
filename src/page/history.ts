// MAIN world (bundled into hook.ts): the bounded history of one document's page events, kept in the page so that
// nothing crosses to the extension until a panel asks for it. Index arithmetic only: a page may replace any built-in
// method (Array.prototype.push, splice…), and none may be called from here.
import type { Limits, PageEvent, PageFrame } from '../shared/protocol';
import { firstAfter } from '../shared/search';

type PageLifecycle = Exclude<PageEvent, { kind: 'frame' }>;

const bySeq = (e: PageEvent) => e.seq;

/** Lifecycle events (created/open/close…) are tiny and describe connections, so they get their own, larger cap. */
export const LIFECYCLE_EVENTS_PER_FRAME_CAP = 2;

/** A FIFO over a plain array; consumed slots are dropped once they are half of it, keeping both ends O(1) amortised. */
class Fifo<T> {
  items: T[] = [];
  head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(x: T): void {
    this.items[this.items.length] = x;
  }

  shift(): T {
    const x = this.items[this.head];
    this.items[this.head++] = undefined as T; // let the payload go now, not at compaction
    if (this.head > 1024 && this.head * 2 > this.items.length) this.keep(() => true);
    return x;
  }

  /** Keeps the items `test` accepts, in order. */
  keep(test: (x: T) => boolean): void {
    const kept: T[] = [];
    for (let i = this.head; i < this.items.length; i++) if (test(this.items[i])) kept[kept.length] = this.items[i];
    this.items = kept;
    this.head = 0;
  }
}

export class DocumentHistory {
  /** Each with its `bytes`, set by the hook: read from the payload here, a page could redefine `byteLength` or `size`. */
  private frames = new Fifo<PageFrame>();
  private lifecycle = new Fifo<PageLifecycle>();
  private bytes = 0;
  /** The seq through which the user cleared this document (its events up to there are gone on purpose, not lost). */
  clearedThrough = 0;
  /** The newest seq added. */
  lastSeq = 0;

  constructor(private limits: Limits) {}

  get frameCount(): number {
    return this.frames.size;
  }

  get byteCount(): number {
    return this.bytes;
  }

  add(e: PageEvent): void {
    this.lastSeq = e.seq;
    if (e.kind === 'frame') {
      this.frames.push(e);
      this.bytes += e.bytes ?? 0;
      this.evictFrames();
    } else {
      this.lifecycle.push(e);
      const cap = this.limits.maxFrames * LIFECYCLE_EVENTS_PER_FRAME_CAP;
      while (this.lifecycle.size > (cap > 1000 ? cap : 1000)) this.lifecycle.shift();
    }
  }

  private evictFrames(): void {
    const { maxFrames, maxBytes } = this.limits;
    while (this.frames.size > maxFrames || (this.bytes > maxBytes && this.frames.size > 0)) this.bytes -= this.frames.shift().bytes ?? 0;
  }

  /** Every kept event with seq > since, in seq order, appended to `out`. */
  since(since: number, out: PageEvent[]): void {
    const f = this.frames;
    const l = this.lifecycle;
    let i = firstAfter(f.items, since, bySeq, f.head);
    let j = firstAfter(l.items, since, bySeq, l.head);
    while (i < f.items.length || j < l.items.length) {
      const frame = i < f.items.length ? f.items[i] : undefined;
      const life = j < l.items.length ? l.items[j] : undefined;
      if (life === undefined || (frame !== undefined && frame.seq < life.seq)) {
        out[out.length] = frame!;
        i++;
      } else {
        out[out.length] = life;
        j++;
      }
    }
  }

  /** Forgets every frame and every closed connection; sockets still open keep their lifecycle so they stay known. */
  clear(): void {
    this.frames = new Fifo();
    this.bytes = 0;
    const closed = { __proto__: null } as unknown as Record<number, boolean>;
    const { items, head } = this.lifecycle;
    for (let i = head; i < items.length; i++) if (items[i].kind === 'closed') closed[items[i].id] = true;
    this.lifecycle.keep((e) => !closed[e.id]);
    this.clearedThrough = this.lastSeq;
  }

  setLimits(limits: Limits): void {
    this.limits = limits;
    this.evictFrames();
  }
}
