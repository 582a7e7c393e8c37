// Panel store (DevTools panel): what of the rows is shown — the compiled filter query, the sort order, and the visible
// rows as indices into the rows array, extended as rows arrive rather than recomputed.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { compileQuery, needsDecoding, rowVerdict, type CompiledQuery, type FilterDecoding, type FilterSettings } from './filter';
import type { Row } from './model';
import type { Rows } from './rows';
import { ALL_CONNECTIONS } from './selection';
import type { TimeRange } from './timeline';
import type { DisplayList } from './virtualList';

export interface Visible extends DisplayList {
  /** Frames among the visible rows (lifecycle rows are not frames) and the sum of their lengths. */
  shownFrames: number;
  shownBytes: number;
  /** Rows hidden only because they are heartbeats (Hide heartbeats). */
  heartbeats: number;
}

/** What the view needs of decoding (decoding.ts): rows decoded, and which decoder each connection uses. */
export interface ViewDecoding extends FilterDecoding {
  readonly assignment: ReadonlySignal<string>;
}

export interface View {
  readonly compiled: ReadonlySignal<CompiledQuery>;
  readonly visible: ReadonlySignal<Visible>;
  /** Newest first. */
  readonly sortDescending: ReadonlySignal<boolean>;
  toggleSort(): void;
}

export function createView(
  rows: Rows,
  filter: ReadonlySignal<FilterSettings>,
  selected: ReadonlySignal<string>,
  decoding?: ViewDecoding,
  /** The timeline's time range: rows outside it are hidden, markers too (it is a window in time). */
  range?: ReadonlySignal<TimeRange | undefined>,
): View {
  const sortDescending = signal(false);

  // An invalid regex keeps the last valid result on screen; the error is shown beside the filter box.
  let lastValid: CompiledQuery = {};
  const compiled = computed(() => {
    const q = compileQuery(filter.value.query);
    if (q.error) return { ...lastValid, error: q.error };
    lastValid = q;
    return q;
  });

  // Visible rows are recomputed in full only when a filter changes or the rows array is replaced (eviction, clear);
  // rows added at the end are filtered on arrival, and rows inserted earlier (a late document) rescan from there.
  // Filters on decoded fields also rescan when a connection's decoder changes; the plain filters never decode, but for
  // binary rows a plain text query did not find (their decoded text is searched too).
  const fresh = (all: readonly Row[], key: string) => ({ rows: all, key, scanned: 0, indices: [] as number[], shownFrames: 0, shownBytes: 0, heartbeats: 0 });
  let cache = fresh(rows.all(), '');
  const visible = computed((): Visible => {
    rows.version.value;
    const all = rows.all();
    const f = filter.value;
    const q = compiled.value;
    const sel = selected.value;
    const within = range?.value;
    const decoded = needsDecoding(f, q);
    const key = JSON.stringify([sel, f.invert, f.direction, f.type, q.re?.source, q.re?.flags, q.terms, q.fields, f.hideHeartbeats, decoded ? decoding?.assignment.value : '', within?.from, within?.to]);
    if (cache.rows !== all || cache.key !== key) cache = fresh(all, key);
    const indices = cache.indices;
    const rescanFrom = rows.takeRescanFrom();
    // Hidden heartbeats are not among the kept indices, so a rescan while they are counted starts over.
    if (rescanFrom < cache.scanned && f.hideHeartbeats) cache = fresh(all, key);
    else if (rescanFrom < cache.scanned) {
      let keep = indices.length;
      while (keep > 0 && indices[keep - 1] >= rescanFrom) keep--;
      indices.length = keep;
      cache.scanned = rescanFrom;
      // The rows before rescanFrom kept their places, so their frames and bytes are recounted from the kept indices.
      let frames = 0;
      let bytes = 0;
      for (let k = 0; k < keep; k++) {
        const r = all[indices[k]];
        if (r.dir !== 'event') {
          frames++;
          bytes += r.length;
        }
      }
      cache.shownFrames = frames;
      cache.shownBytes = bytes;
    }
    const connection = sel === ALL_CONNECTIONS ? undefined : sel;
    // Frames and bytes shown are summed as rows pass, so the status line costs nothing per apply.
    let { shownFrames, shownBytes, heartbeats } = cache;
    const cached = cache;
    for (let i = cached.scanned; i < all.length; i++) {
      const r = all[i];
      if (within && (r.t < within.from || r.t > within.to)) continue;
      const verdict = rowVerdict(r, f, q, connection, decoding);
      if (verdict === 'heartbeat') heartbeats++;
      else if (verdict === 'shown') {
        cached.indices.push(i);
        if (r.dir !== 'event') {
          shownFrames++;
          shownBytes += r.length;
        }
      }
    }
    cached.scanned = all.length;
    cached.shownFrames = shownFrames;
    cached.shownBytes = shownBytes;
    cached.heartbeats = heartbeats;
    // A fresh wrapper tells subscribers something changed; the index array itself only grows.
    return { rows: all, indices: cached.indices, count: cached.indices.length, shownFrames, shownBytes, heartbeats };
  });

  return {
    compiled,
    visible,
    sortDescending,
    toggleSort() {
      sortDescending.value = !sortDescending.value;
    },
  };
}
