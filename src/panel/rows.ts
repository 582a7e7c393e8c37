// Panel store (DevTools panel): the rows — one append-only array in time order, kept outside signals because it holds
// up to millions — and the panel's caps on them: beyond maxRows rows or maxBytes of payload the oldest go, counted.
import { signal, type ReadonlySignal } from '@preact/signals';
import { firstAfter } from '../shared/search';
import { evictedRow } from './markerRows';
import type { Row } from './model';

/** A row's payload as memory: text is held as UTF-16. */
export const keptBytes = (r: Row) => (typeof r.data === 'string' ? r.data.length * 2 : r.data.byteLength);

/** A cap evicts down to this share of itself, so that eviction (an O(n) copy) happens rarely. */
const EVICT_TO = 0.9;

export interface Rows {
  /** Bumped whenever the rows change; reading it makes a computation depend on them. */
  readonly version: ReadonlySignal<number>;
  /** Frames the panel's caps evicted since the last clear or navigation. */
  readonly evicted: ReadonlySignal<number>;
  all(): readonly Row[];
  /** Payload kept, as counted by `keptBytes`. */
  bytes(): number;
  /** The lowest index where rows went in before the end since the last call (Infinity: none): the view rescans from there. */
  takeRescanFrom(): number;
  /** Adds rows in time order, then evicts beyond the caps. */
  add(added: Row[]): void;
  /** Evicts the oldest rows beyond the caps (after the caps changed). */
  evict(): void;
  /** Keeps only the rows that pass (none without a test) and restarts the evicted count. */
  restart(keep?: (r: Row) => boolean): void;
}

export function createRows(maxRows: ReadonlySignal<number>, maxBytes: ReadonlySignal<number>): Rows {
  let rows: Row[] = [];
  let bytes = 0;
  let rescanFrom = Infinity;
  const version = signal(0);
  const evicted = signal(0);

  function insert(added: Row[]) {
    added.sort((a, b) => a.t - b.t);
    for (const r of added) bytes += keptBytes(r);
    const at = rows.length && added[0].t < rows[rows.length - 1].t ? firstAfter(rows, added[0].t, (r) => r.t) : rows.length;
    if (at === rows.length) {
      for (const r of added) rows.push(r);
      return;
    }
    // Another document's batch arrived late: merge the tail so the table stays in time order.
    const tail = rows.splice(at);
    let i = 0;
    let j = 0;
    while (i < tail.length || j < added.length) {
      if (j >= added.length || (i < tail.length && tail[i].t <= added[j].t)) rows.push(tail[i++]);
      else rows.push(added[j++]);
    }
    rescanFrom = Math.min(rescanFrom, at);
  }

  /**
   * Whether any row went. Walks only the evicted rows, to take their bytes off the running total. The first row then
   * marks, with their count, where the evicted rows were.
   */
  function evictOverCaps(): boolean {
    const lead = rows[0]?.type === 'evicted' ? 1 : 0;
    let n = lead;
    let freed = lead ? keptBytes(rows[0]) : 0;
    let frames = 0;
    const take = () => {
      const r = rows[n++];
      freed += keptBytes(r);
      if (r.dir !== 'event') frames++;
    };
    if (rows.length > maxRows.value) while (n < rows.length - Math.floor(maxRows.value * EVICT_TO)) take();
    if (bytes - freed > maxBytes.value) while (n < rows.length && bytes - freed > maxBytes.value * EVICT_TO) take();
    if (n === lead) return false;
    // n ≥ 1: the last evicted row's place takes the marker, so one copy does both.
    rows = rows.slice(n - 1);
    evicted.value += frames;
    rows[0] = evictedRow(evicted.value, rows[1]?.t ?? rows[0].t);
    bytes += keptBytes(rows[0]) - freed;
    return true;
  }

  return {
    version,
    evicted,
    all: () => rows,
    bytes: () => bytes,
    takeRescanFrom() {
      const from = rescanFrom;
      rescanFrom = Infinity;
      return from;
    },
    add(added) {
      if (!added.length) return;
      insert(added);
      evictOverCaps();
      version.value++;
    },
    evict() {
      if (evictOverCaps()) version.value++;
    },
    restart(keep) {
      rows = keep ? rows.filter(keep) : [];
      bytes = 0;
      for (const r of rows) bytes += keptBytes(r);
      rescanFrom = Infinity;
      evicted.value = 0;
      version.value++;
    },
  };
}
