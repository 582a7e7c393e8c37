// Isolated world (pure logic used by relay.ts): the bounded history of one document, so a panel opened later sees what happened.
import type { LifecycleEvent, Limits, StoredEvent, StoredFrame } from '../shared/protocol';
import { firstAfter } from '../shared/search';

const bySeq = (e: StoredEvent) => e.seq;

/** Lifecycle events (created/open/close…) are tiny and describe connections, so they get their own, larger cap. */
export const LIFECYCLE_EVENTS_PER_FRAME_CAP = 2;

export function payloadBytes(f: StoredFrame): number {
  return typeof f.data === 'string' ? f.data.length * 2 : f.data.byteLength;
}

export class DocumentBuffer {
  private frames: StoredFrame[] = [];
  private head = 0;
  private lifecycle: LifecycleEvent[] = [];
  private lifecycleHead = 0;
  private bytes = 0;

  constructor(public limits: Limits) {}

  get frameCount(): number {
    return this.frames.length - this.head;
  }

  get byteCount(): number {
    return this.bytes;
  }

  add(e: StoredEvent): void {
    if (e.kind === 'frame') {
      this.frames.push(e);
      this.bytes += payloadBytes(e);
      this.evictFrames();
    } else {
      this.lifecycle.push(e);
      const cap = Math.max(1000, this.limits.maxFrames * LIFECYCLE_EVENTS_PER_FRAME_CAP);
      while (this.lifecycle.length - this.lifecycleHead > cap) this.lifecycleHead++;
      this.lifecycleHead = compact(this.lifecycle, this.lifecycleHead);
    }
  }

  private evictFrames(): void {
    const { maxFrames, maxBytes } = this.limits;
    while (this.frameCount > maxFrames || (this.bytes > maxBytes && this.frameCount > 0)) {
      this.bytes -= payloadBytes(this.frames[this.head++]);
    }
    this.head = compact(this.frames, this.head);
  }

  /** Every kept event with seq > since, in seq order. */
  since(since: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    let i = firstAfter(this.frames, since, bySeq, this.head);
    let j = firstAfter(this.lifecycle, since, bySeq, this.lifecycleHead);
    while (i < this.frames.length || j < this.lifecycle.length) {
      const f = this.frames[i];
      const l = this.lifecycle[j];
      if (l === undefined || (f !== undefined && f.seq < l.seq)) {
        out.push(f);
        i++;
      } else {
        out.push(l);
        j++;
      }
    }
    return out;
  }

  /** Forgets every frame and every closed connection; sockets still open keep their lifecycle so they stay known. */
  clear(): void {
    this.frames = [];
    this.head = 0;
    const closed = new Set<number>();
    for (let i = this.lifecycleHead; i < this.lifecycle.length; i++)
      if (this.lifecycle[i].kind === 'closed') closed.add(this.lifecycle[i].id);
    this.lifecycle = this.lifecycle.slice(this.lifecycleHead).filter((e) => !closed.has(e.id));
    this.lifecycleHead = 0;
    this.bytes = 0;
  }

  setLimits(limits: Limits): void {
    this.limits = limits;
    this.evictFrames();
  }
}

/** Drops consumed slots once they are half the array, keeping eviction O(1) amortised. */
function compact<T>(items: T[], head: number): number {
  if (head > 1024 && head * 2 > items.length) {
    items.splice(0, head);
    return 0;
  }
  return head;
}
