// Panel: the one store (Preact signals). Messages from the background are queued and applied once per animation frame;
// reducers in model.ts do the work. No browser extension APIs here, so tests drive it directly.
import { batch, computed, signal } from '@preact/signals';
import { storedFromWire } from '../shared/wire';
import type { BackgroundToPanel } from '../shared/protocol';
import { connectionKey, reduceConnection, rowFromEvent, rowMatches, type Connection, type DocumentView, type Row } from './model';

export const ALL_CONNECTIONS = 'all';

export interface StoreOptions {
  /** Rows kept in the panel; the oldest are dropped (and counted) beyond it. */
  maxRows?: number;
  /** How queued messages get applied: next animation frame in the panel, immediately in tests. */
  schedule?: (apply: () => void) => void;
}

export function defaultSchedule(apply: () => void) {
  // rAF does not run while the panel is hidden; the timer keeps memory from piling up in the queue meanwhile.
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      apply();
    }
  };
  requestAnimationFrame(once);
  setTimeout(once, 250);
}

export type Store = ReturnType<typeof createStore>;

export function createStore({ maxRows = 1_000_000, schedule = defaultSchedule }: StoreOptions = {}) {
  const connections = signal<ReadonlyMap<string, Connection>>(new Map());
  const documents = signal<ReadonlyMap<string, DocumentView>>(new Map());
  /** Rows are append-only and large, so they live outside signals; `rowsVersion` says when they changed. */
  let rows: Row[] = [];
  const rowsVersion = signal(0);
  const selected = signal<string>(ALL_CONNECTIONS);
  const filter = signal('');
  /** Frames dropped by the relays' caps (latest count per document) and by the panel's own cap. */
  const relayDropped = signal<ReadonlyMap<string, number>>(new Map());
  const panelDropped = signal(0);
  /** Highest seq applied per document: sent on (re)subscribe, and used to drop duplicates after a reconnect. */
  const since: Record<string, number> = {};
  let queue: BackgroundToPanel[] = [];

  // Visible rows are recomputed in full only when the filter or selection changes; appended rows are filtered on arrival.
  let cache = { rows, selected: '', filter: '', scanned: 0, indices: [] as number[] };
  const visible = computed(() => {
    rowsVersion.value;
    const sel = selected.value;
    const query = filter.value.toLowerCase();
    if (cache.rows !== rows || cache.selected !== sel || cache.filter !== query) {
      cache = { rows, selected: sel, filter: query, scanned: 0, indices: [] };
    }
    const indices = cache.indices;
    for (let i = cache.scanned; i < rows.length; i++) {
      const r = rows[i];
      if ((sel === ALL_CONNECTIONS || r.key === sel) && rowMatches(r, query)) indices.push(i);
    }
    cache.scanned = rows.length;
    // A fresh wrapper tells subscribers something changed; the index array itself only grows.
    return { rows, indices, count: indices.length };
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
    for (const n of relayDropped.value.values()) dropped += n;
    return { frames, bytes, dropped, shown: visible.value.indices.length, rows: rows.length };
  });

  function enqueue(m: BackgroundToPanel) {
    if (queue.push(m) === 1) schedule(flush);
  }

  function flush() {
    const messages = queue;
    queue = [];
    if (messages.length) apply(messages);
  }

  function apply(messages: BackgroundToPanel[]) {
    const conns = new Map(connections.value);
    const docs = new Map(documents.value);
    const dropped = new Map(relayDropped.value);
    let added = 0;
    for (const m of messages) {
      if (m.type === 'document') {
        docs.set(m.doc.docId, { ...m.doc, frameId: m.frameId, gone: false });
      } else if (m.type === 'documentGone') {
        const doc = docs.get(m.docId);
        if (doc) docs.set(m.docId, { ...doc, gone: true });
        for (const c of conns.values())
          if (c.docId === m.docId && c.state !== 'closed') conns.set(c.key, { ...c, state: 'closed', closedAt: Date.now() });
      } else {
        dropped.set(m.docId, m.dropped.frames);
        for (const wire of m.events) {
          if (wire.seq <= (since[m.docId] ?? 0)) continue; // already have it (resent after a reconnect)
          since[m.docId] = wire.seq;
          const e = storedFromWire(wire);
          const key = connectionKey(m.docId, e.id);
          conns.set(key, reduceConnection(conns.get(key), e, m.docId, m.frameId));
          const row = rowFromEvent(e, key);
          if (row) {
            rows.push(row);
            added++;
          }
        }
      }
    }
    let evicted = 0;
    if (rows.length > maxRows) {
      // Evict in chunks of 10% so eviction (an O(n) splice) happens rarely.
      evicted = rows.length - Math.floor(maxRows * 0.9);
      rows = rows.slice(evicted);
    }
    batch(() => {
      connections.value = conns;
      documents.value = docs;
      relayDropped.value = dropped;
      if (evicted) panelDropped.value += evicted;
      if (added || evicted) rowsVersion.value++;
    });
  }

  /** Forgets every frame and closed connection; open connections stay listed. */
  function clear() {
    queue = [];
    rows = [];
    const open = new Map([...connections.value].filter(([, c]) => c.state !== 'closed'));
    const zero = { count: 0, bytes: 0 };
    for (const [k, c] of open) open.set(k, { ...c, sent: zero, received: zero });
    batch(() => {
      connections.value = open;
      relayDropped.value = new Map();
      panelDropped.value = 0;
      if (!open.has(selected.value)) selected.value = ALL_CONNECTIONS;
      rowsVersion.value++;
    });
  }

  return {
    connections,
    documents,
    selected,
    filter,
    visible,
    counts,
    since,
    enqueue,
    /** Applies queued messages now (tests, and before reading state synchronously). */
    flush,
    clear,
    getRows: () => rows,
  };
}
