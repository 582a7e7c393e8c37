// Panel: the one store (Preact signals). Messages from the background are queued and applied once per animation frame;
// reducers in model.ts and filter.ts do the work. No browser extension APIs here, so tests drive it directly.
import { batch, computed, signal } from '@preact/signals';
import { firstAfter } from '../shared/search';
import { storedFromWire, unpackEvents } from '../shared/wire';
import type { BackgroundToPanel } from '../shared/protocol';
import { DEFAULT_FILTER, compileQuery, rowPasses, type CompiledQuery, type FilterSettings } from './filter';
import { connectionKey, navigationRow, reduceConnection, rowFromEvent, type Connection, type DocumentView, type Row } from './model';

export const ALL_CONNECTIONS = 'all';
export const DEFAULT_MAX_ROWS = 1_000_000;

export type ColumnId = 'dir' | 'time' | 'delta' | 'connection' | 'size' | 'type' | 'data';
export const COLUMNS: { id: ColumnId; label: string }[] = [
  { id: 'dir', label: 'Direction' },
  { id: 'time', label: 'Time' },
  { id: 'delta', label: 'Δ' },
  { id: 'connection', label: 'Socket' },
  { id: 'size', label: 'Size' },
  { id: 'type', label: 'Type' },
  { id: 'data', label: 'Data' },
];

/** What the panel remembers across reloads: filters per inspected origin (like Chrome), the rest globally. */
export interface Persisted {
  filter: FilterSettings;
  preserveLog: boolean;
  columns: Record<ColumnId, boolean>;
}

export interface Persistence {
  load(origin: string): Partial<Persisted>;
  save(origin: string, value: Persisted): void;
}

export interface StoreOptions {
  /** Rows kept in the panel; the oldest are dropped (and counted) beyond it. */
  maxRows?: number;
  /** How queued messages get applied: next animation frame in the panel, immediately in tests. */
  schedule?: (apply: () => void) => void;
  persistence?: Persistence;
}

/**
 * Under a flood of frames the panel applies (and so renders) at most this often: every apply re-renders the table and
 * the status line, and on a small machine that work is taken from the inspected page. Quiet traffic still shows at the
 * next animation frame.
 */
export const MIN_APPLY_INTERVAL_MS = 250;
let lastApply = -Infinity;

export function defaultSchedule(apply: () => void) {
  // rAF does not run while the panel is hidden; the timer keeps memory from piling up in the queue meanwhile.
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      lastApply = performance.now();
      apply();
    }
  };
  const go = () => {
    requestAnimationFrame(once);
    setTimeout(once, 250);
  };
  const wait = lastApply + MIN_APPLY_INTERVAL_MS - performance.now();
  if (wait > 0) setTimeout(go, wait);
  else go();
}

export type Store = ReturnType<typeof createStore>;

const ALL_COLUMNS: Record<ColumnId, boolean> = { dir: true, time: true, delta: true, connection: true, size: true, type: true, data: true };

export function createStore({ maxRows = DEFAULT_MAX_ROWS, schedule = defaultSchedule, persistence }: StoreOptions = {}) {
  const connections = signal<ReadonlyMap<string, Connection>>(new Map());
  const documents = signal<ReadonlyMap<string, DocumentView>>(new Map());
  /** Rows are large and kept in time order outside signals; `rowsVersion` says when they changed. */
  let rows: Row[] = [];
  const rowsVersion = signal(0);
  const selected = signal<string>(ALL_CONNECTIONS);
  const filter = signal<FilterSettings>(DEFAULT_FILTER);
  const paused = signal(false);
  const preserveLog = signal(false);
  const sortDescending = signal(false);
  const columns = signal<Record<ColumnId, boolean>>(ALL_COLUMNS);
  const selectedRow = signal<Row | undefined>(undefined);
  const detailOpen = signal(false);
  const origin = signal('');
  const maxRowsSignal = signal(maxRows);
  /** Events that never reached the panel, per document (counted from gaps in seq); the panel's own drops and pauses are counted below. */
  const lostByDocument = signal<ReadonlyMap<string, number>>(new Map());
  const panelDropped = signal(0);
  const pausedCount = signal(0);
  /** Highest seq applied per document: sent on (re)subscribe, and used to drop duplicates after a reconnect. */
  const since: Record<string, number> = {};
  /** Documents from before the last navigation, when the log is not preserved: their late messages are ignored. */
  const retired = new Set<string>();
  /** Start of the page the panel is looking at, as of the last navigation. */
  let lastNavigation = -Infinity;
  let queue: BackgroundToPanel[] = [];

  // An invalid regex keeps the last valid result on screen; the error is shown beside the filter box.
  let lastValid: CompiledQuery = {};
  const compiled = computed(() => {
    const q = compileQuery(filter.value.query);
    if (q.error) return { ...lastValid, error: q.error };
    lastValid = q;
    return q;
  });

  // Visible rows are recomputed in full only when a filter changes; rows added at the end are filtered on arrival,
  // and rows inserted earlier (out-of-order documents) rescan from the insertion point.
  let cache = { rows, key: '', scanned: 0, indices: [] as number[], shownFrames: 0, shownBytes: 0 };
  let rescanFrom = Infinity;
  const visible = computed(() => {
    rowsVersion.value;
    const f = filter.value;
    const q = compiled.value;
    const sel = selected.value;
    const key = JSON.stringify([sel, f.invert, f.direction, f.type, q.re?.source, q.re?.flags]);
    if (cache.rows !== rows || cache.key !== key) cache = { rows, key, scanned: 0, indices: [], shownFrames: 0, shownBytes: 0 };
    const indices = cache.indices;
    if (rescanFrom < cache.scanned) {
      let keep = indices.length;
      while (keep > 0 && indices[keep - 1] >= rescanFrom) keep--;
      indices.length = keep;
      cache.scanned = rescanFrom;
      // The rows before rescanFrom kept their places, so their frames and bytes are recounted from the kept indices.
      let frames = 0;
      let bytes = 0;
      for (let k = 0; k < keep; k++) {
        const r = rows[indices[k]];
        if (r.dir !== 'event') {
          frames++;
          bytes += r.length;
        }
      }
      cache.shownFrames = frames;
      cache.shownBytes = bytes;
    }
    rescanFrom = Infinity;
    const connection = sel === ALL_CONNECTIONS ? undefined : sel;
    // Frames and bytes shown are summed as rows pass, so the status line costs nothing per apply.
    let { shownFrames, shownBytes } = cache;
    for (let i = cache.scanned; i < rows.length; i++) {
      const r = rows[i];
      if (rowPasses(r, f, q, connection)) {
        indices.push(i);
        if (r.dir !== 'event') {
          shownFrames++;
          shownBytes += r.length;
        }
      }
    }
    cache.scanned = rows.length;
    cache.shownFrames = shownFrames;
    cache.shownBytes = shownBytes;
    // A fresh wrapper tells subscribers something changed; the index array itself only grows.
    return { rows, indices, count: indices.length, shownFrames, shownBytes };
  });

  const counts = computed(() => {
    rowsVersion.value;
    let frames = 0;
    let bytes = 0;
    for (const c of connections.value.values()) {
      frames += c.sent.count + c.received.count;
      bytes += c.sent.bytes + c.received.bytes;
    }
    let dropped = panelDropped.value;
    for (const n of lostByDocument.value.values()) dropped += n;
    const v = visible.value;
    return { frames, bytes, dropped, paused: pausedCount.value, shown: v.count, rows: rows.length, shownFrames: v.shownFrames, shownBytes: v.shownBytes };
  });

  function enqueue(m: BackgroundToPanel) {
    if (queue.push(m) === 1) schedule(flush);
  }

  function flush() {
    const messages = queue;
    queue = [];
    if (messages.length) apply(messages);
  }

  function addRows(added: Row[]) {
    if (!added.length) return;
    added.sort((a, b) => a.t - b.t);
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

  function apply(messages: BackgroundToPanel[]) {
    const conns = new Map(connections.value);
    const docs = new Map(documents.value);
    const dropped = new Map(lostByDocument.value);
    const added: Row[] = [];
    let skipped = 0;
    for (const m of messages) {
      if (m.type !== 'document' && retired.has(m.docId)) continue;
      if (m.type === 'document') {
        if (retired.has(m.doc.docId)) continue;
        docs.set(m.doc.docId, { ...m.doc, frameId: m.frameId, gone: false });
        if (m.doc.top && lastNavigation === -Infinity) lastNavigation = m.doc.startedAt;
      } else if (m.type === 'documentGone') {
        const doc = docs.get(m.docId);
        if (doc) docs.set(m.docId, { ...doc, gone: true });
        for (const c of conns.values())
          if (c.docId === m.docId && c.state !== 'closed') conns.set(c.key, { ...c, state: 'closed', closedAt: Date.now() });
      } else {
        for (const wire of unpackEvents(m.packed)) {
          const last = since[m.docId] ?? 0;
          if (wire.seq <= last) continue; // already have it (resent after a reconnect)
          // Seqs the page gave out but that never arrived were dropped (history caps, unreadable payloads), unless the
          // user cleared them.
          const gap = wire.seq - Math.max(last, m.clearedThrough) - 1;
          if (gap > 0) dropped.set(m.docId, (dropped.get(m.docId) ?? 0) + gap);
          since[m.docId] = wire.seq;
          const e = storedFromWire(wire);
          const key = connectionKey(m.docId, e.id);
          conns.set(key, reduceConnection(conns.get(key), e, m.docId, m.frameId));
          if (paused.value) {
            if (e.kind === 'frame') skipped++;
            continue;
          }
          const row = rowFromEvent(e, key);
          if (row) added.push(row);
        }
      }
    }
    addRows(added);
    let evicted = 0;
    if (rows.length > maxRowsSignal.value) {
      // Evict in chunks of 10% so eviction (an O(n) copy) happens rarely.
      evicted = rows.length - Math.floor(maxRowsSignal.value * 0.9);
      rows = rows.slice(evicted);
    }
    batch(() => {
      connections.value = conns;
      documents.value = docs;
      lostByDocument.value = dropped;
      if (evicted) panelDropped.value += evicted;
      if (skipped) pausedCount.value += skipped;
      if (added.length || evicted) rowsVersion.value++;
    });
  }

  /** Forgets every frame and closed connection; open connections stay listed. */
  function clear() {
    flush();
    rows = [];
    const open = new Map([...connections.value].filter(([, c]) => c.state !== 'closed'));
    const zero = { count: 0, bytes: 0 };
    for (const [k, c] of open) open.set(k, { ...c, sent: zero, received: zero });
    startOver(open, documents.value, new Map());
  }

  /** Shows only what is left after a clear or a navigation: counts restart, the selection goes if its row did. */
  function startOver(conns: Map<string, Connection>, docs: ReadonlyMap<string, DocumentView>, dropped: Map<string, number>) {
    batch(() => {
      connections.value = conns;
      documents.value = docs;
      lostByDocument.value = dropped;
      panelDropped.value = 0;
      pausedCount.value = 0;
      selectedRow.value = undefined;
      detailOpen.value = false;
      if (!conns.has(selected.value)) selected.value = ALL_CONNECTIONS;
      rowsVersion.value++;
    });
  }

  /**
   * The inspected tab's top document navigated to `url`, its navigation having started at `startedAt`: like DevTools,
   * start afresh unless "Preserve log" is on. Documents that started before it belong to the old page; the new page's
   * documents may already have reported (their messages can overtake the navigation event), so they stay.
   * Without `startedAt` the newest top document, if one started since the last navigation, marks the boundary;
   * otherwise every document known so far is the old page's.
   */
  function navigated(url: string, startedAt?: number) {
    flush();
    if (startedAt === undefined) {
      let newestTop = -Infinity;
      for (const d of documents.value.values()) if (d.top && d.startedAt > lastNavigation) newestTop = Math.max(newestTop, d.startedAt);
      startedAt = newestTop > -Infinity ? newestTop : Date.now();
    }
    lastNavigation = startedAt;
    if (preserveLog.value) {
      addRows([navigationRow(url, startedAt)]);
      rowsVersion.value++;
    } else {
      const docs = new Map(documents.value);
      for (const [docId, d] of docs) if (d.startedAt < startedAt) retired.add(docId);
      // A socket whose document never introduced itself is judged by its own start.
      for (const c of connections.value.values()) if (!docs.has(c.docId) && c.createdAt < startedAt) retired.add(c.docId);
      for (const docId of retired) docs.delete(docId);
      const conns = new Map([...connections.value].filter(([, c]) => !retired.has(c.docId)));
      rows = rows.filter((r) => conns.has(r.key));
      const dropped = new Map([...lostByDocument.value].filter(([docId]) => !retired.has(docId)));
      startOver(conns, docs, dropped);
    }
    setOrigin(url);
  }

  // ── Remembered settings ──
  const persisted = (): Persisted => ({ filter: filter.value, preserveLog: preserveLog.value, columns: columns.value });
  function setOrigin(url: string) {
    let o = '';
    try {
      o = new URL(url).origin;
    } catch {
      return;
    }
    if (o === origin.value) return;
    const first = origin.value === '';
    origin.value = o;
    // The inspected origin is learnt asynchronously; what the user set before then wins over what was remembered.
    if (first && touched) return save();
    touched = false;
    const saved = persistence?.load(o) ?? {};
    batch(() => {
      filter.value = { ...DEFAULT_FILTER, ...saved.filter };
      if (saved.preserveLog !== undefined) preserveLog.value = saved.preserveLog;
      if (saved.columns) columns.value = { ...ALL_COLUMNS, ...saved.columns };
    });
  }
  /** Whether the user changed a remembered setting since the origin was last set. */
  let touched = false;
  const save = () => {
    touched = true;
    if (origin.value) persistence?.save(origin.value, persisted());
  };

  function setFilter(patch: Partial<FilterSettings>) {
    filter.value = { ...filter.value, ...patch };
    save();
  }
  function setPreserveLog(on: boolean) {
    preserveLog.value = on;
    save();
  }
  function toggleColumn(id: ColumnId) {
    columns.value = { ...columns.value, [id]: !columns.value[id] };
    save();
  }
  function setMaxRows(n: number) {
    maxRowsSignal.value = n;
  }

  /** Moves the selected row by `delta` visible rows (keyboard ↑/↓), in display order. */
  function moveSelection(delta: number) {
    const { rows: all, indices, count } = visible.value;
    if (!count) return;
    const order = (i: number) => (sortDescending.value ? indices[count - 1 - i] : indices[i]);
    const current = selectedRow.value;
    let pos = -1;
    if (current) for (let i = 0; i < count; i++) if (all[order(i)] === current) pos = i;
    const next = pos < 0 ? (delta > 0 ? 0 : count - 1) : Math.max(0, Math.min(count - 1, pos + delta));
    selectedRow.value = all[order(next)];
  }

  return {
    connections,
    documents,
    selected,
    filter,
    compiled,
    paused,
    preserveLog,
    sortDescending,
    columns,
    selectedRow,
    detailOpen,
    origin,
    maxRows: maxRowsSignal,
    visible,
    counts,
    since,
    enqueue,
    /** Applies queued messages now (tests, and before reading state synchronously). */
    flush,
    clear,
    navigated,
    setOrigin,
    setFilter,
    setPreserveLog,
    toggleColumn,
    setMaxRows,
    moveSelection,
    getRows: () => rows,
  };
}
