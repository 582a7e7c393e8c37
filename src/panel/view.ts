// Panel store (DevTools panel): what of the rows is shown — the compiled filter query, the sort order, and the visible
// rows as indices into the rows array, extended as rows arrive rather than recomputed.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { compileQuery, rowPasses, type CompiledQuery, type FilterSettings } from './filter';
import type { Rows } from './rows';
import { ALL_CONNECTIONS } from './selection';
import type { DisplayList } from './virtualList';

export interface Visible extends DisplayList {
  /** Frames among the visible rows (lifecycle rows are not frames) and the sum of their lengths. */
  shownFrames: number;
  shownBytes: number;
}

export interface View {
  readonly compiled: ReadonlySignal<CompiledQuery>;
  readonly visible: ReadonlySignal<Visible>;
  /** Newest first. */
  readonly sortDescending: ReadonlySignal<boolean>;
  toggleSort(): void;
}

export function createView(rows: Rows, filter: ReadonlySignal<FilterSettings>, selected: ReadonlySignal<string>): View {
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
  let cache = { rows: rows.all(), key: '', scanned: 0, indices: [] as number[], shownFrames: 0, shownBytes: 0 };
  const visible = computed((): Visible => {
    rows.version.value;
    const all = rows.all();
    const f = filter.value;
    const q = compiled.value;
    const sel = selected.value;
    const key = JSON.stringify([sel, f.invert, f.direction, f.type, q.re?.source, q.re?.flags]);
    if (cache.rows !== all || cache.key !== key) cache = { rows: all, key, scanned: 0, indices: [], shownFrames: 0, shownBytes: 0 };
    const indices = cache.indices;
    const rescanFrom = rows.takeRescanFrom();
    if (rescanFrom < cache.scanned) {
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
    let { shownFrames, shownBytes } = cache;
    for (let i = cache.scanned; i < all.length; i++) {
      const r = all[i];
      if (rowPasses(r, f, q, connection)) {
        indices.push(i);
        if (r.dir !== 'event') {
          shownFrames++;
          shownBytes += r.length;
        }
      }
    }
    cache.scanned = all.length;
    cache.shownFrames = shownFrames;
    cache.shownBytes = shownBytes;
    // A fresh wrapper tells subscribers something changed; the index array itself only grows.
    return { rows: all, indices, count: indices.length, shownFrames, shownBytes };
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
