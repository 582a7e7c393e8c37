// Panel (pure logic): the timeline's bins — frames and bytes per direction, and open/close/error events, counted per
// time bin as rows arrive. A bin is a power-of-two number of milliseconds wide; when the rows span more than MAX_BINS
// bins, neighbours merge two by two, so adding a row costs the same at the millionth frame as at the first.
import type { Row } from './model';

/** At most this many bins: a chart a thousand pixels wide shows a bar per two or three pixels. */
export const MAX_BINS = 400;

export interface TimelineSeries {
  /** Bin start times, ms. */
  start: number[];
  /** Bin width, ms. */
  width: number;
  sentFrames: number[];
  receivedFrames: number[];
  sentBytes: number[];
  receivedBytes: number[];
  opens: number[];
  closes: number[];
  errors: number[];
}

const FIELDS = ['sentFrames', 'receivedFrames', 'sentBytes', 'receivedBytes', 'opens', 'closes', 'errors'] as const;
type Field = (typeof FIELDS)[number];

export class Bins {
  /** Bin width in ms, a power of two. */
  width = 1;
  /** Start of bin 0, a multiple of `width`. */
  origin = 0;
  /** How many rows were counted (frames and lifecycle events). */
  counted = 0;
  private readonly counts: Record<Field, number[]> = {
    sentFrames: [], receivedFrames: [], sentBytes: [], receivedBytes: [], opens: [], closes: [], errors: [],
  };

  get size() {
    return this.counts.sentFrames.length;
  }

  /** Counts the rows of connection `scope` (every connection when undefined); marker rows are not counted. */
  add(rows: readonly Row[], scope?: string) {
    // The hot loop of a million rows: plain locals, and the bin found by arithmetic unless the row is outside the bins.
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (scope !== undefined && r.key !== scope) continue;
      const dir = r.dir;
      const type = r.type;
      if (dir === 'event' && type !== 'open' && type !== 'close' && type !== 'error') continue;
      const t = r.t;
      let i = Math.floor((t - this.origin) / this.width);
      if (!(i >= 0 && i < this.counts.sentFrames.length)) {
        if (!Number.isFinite(t)) continue;
        i = this.place(t);
      }
      const c = this.counts;
      if (dir === 'sent') {
        c.sentFrames[i]++;
        c.sentBytes[i] += r.length;
      } else if (dir === 'received') {
        c.receivedFrames[i]++;
        c.receivedBytes[i] += r.length;
      } else if (type === 'open') c.opens[i]++;
      else if (type === 'close') c.closes[i]++;
      else c.errors[i]++;
      this.counted++;
    }
  }

  /** The bin index of time `t`, growing the bins to reach it and merging them while they are too many. */
  private place(t: number): number {
    if (!this.size) {
      this.origin = Math.floor(t / this.width) * this.width;
      this.grow(0, 1);
      return 0;
    }
    for (;;) {
      const i = Math.floor((t - this.origin) / this.width);
      if (i >= 0 && i < this.size) return i;
      const size = i < 0 ? this.size - i : i + 1;
      if (size > MAX_BINS) {
        this.coarsen();
        continue;
      }
      if (i < 0) {
        this.grow(0, -i);
        this.origin += i * this.width;
        return 0;
      }
      this.grow(this.size, i + 1 - this.size);
      return i;
    }
  }

  private grow(at: number, n: number) {
    for (const f of FIELDS) this.counts[f].splice(at, 0, ...new Array<number>(n).fill(0));
  }

  /** Doubles the width: each new bin sums the (one or two) old bins it covers. */
  private coarsen() {
    const width = this.width * 2;
    const origin = Math.floor(this.origin / width) * width;
    const shift = (this.origin - origin) / this.width; // 0 or 1
    const size = Math.ceil((this.size + shift) / 2);
    for (const f of FIELDS) {
      const old = this.counts[f];
      const merged = new Array<number>(size).fill(0);
      for (let j = 0; j < old.length; j++) merged[(j + shift) >> 1] += old[j];
      this.counts[f] = merged;
    }
    this.width = width;
    this.origin = origin;
  }

  /** A copy for the chart: its own arrays, so the bins can go on counting. */
  series(): TimelineSeries {
    const start = Array.from({ length: this.size }, (_, i) => this.origin + i * this.width);
    const out = { start, width: this.width } as TimelineSeries;
    for (const f of FIELDS) out[f] = this.counts[f].slice();
    return out;
  }
}
