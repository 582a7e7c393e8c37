// Panel store (DevTools panel): takes in the background's messages — queues them and applies them in batches, unpacks
// events, skips seqs it already has, counts per document the seqs that never arrived, builds the connections and
// documents, and ignores documents retired by a navigation; also the workers' sockets read from DevTools' network log
// (devtoolsLog.ts), each a document of its own. Rows go to the rows store. When it applies: applySchedule.ts.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { BackgroundToPanel } from '../shared/protocol';
import { createApplySchedule } from './applySchedule';
import type { LogBatch } from './logEvents';
import { joinParts, storedFromWire, unpackEvents } from '../shared/wire';
import { applyEvent, type IngestBatch } from './ingestEvent';
import { droppedRow, endedRow, pausedRow } from './markerRows';
import { connectionKey, type Intercept, type Connection, type DocumentView, type Row } from './model';
import { createPayloadParts } from './payloadParts';
import type { Rows } from './rows';

/**
 * What waits to be applied: the background's messages (a big frame's parts are kept as they come, see enqueue), and
 * sockets from DevTools' network log.
 */
type Queued = Exclude<BackgroundToPanel, { type: 'payloadPart' }> | { type: 'log'; batch: LogBatch };

export interface Ingest {
  readonly connections: ReadonlySignal<ReadonlyMap<string, Connection>>;
  readonly documents: ReadonlySignal<ReadonlyMap<string, DocumentView>>;
  /** Seqs that never reached the panel, per document (the pages' caps, unreadable payloads), not those the user cleared. */
  readonly lostByDocument: ReadonlySignal<ReadonlyMap<string, number>>;
  readonly paused: ReadonlySignal<boolean>;
  /** Frames that arrived while paused: counted, not kept. */
  readonly pausedCount: ReadonlySignal<number>;
  /** The highest seq applied per document: sent on (re)subscribe, and what makes a resent event a duplicate. */
  readonly receivedThrough: Readonly<Record<string, number>>;
  enqueue(m: BackgroundToPanel): void;
  /** Sockets the hook cannot see (workers'), from DevTools' network log, applied with the rest. */
  enqueueLog(batches: LogBatch[]): void;
  /** Applies queued messages now (tests, and before reading state synchronously). */
  flush(): void;
  setPaused(on: boolean): void;
  /** Forgets closed connections and the counts; open connections stay, their traffic from zero. Returns what stays. */
  clear(): ReadonlyMap<string, Connection>;
  /**
   * Where the page navigated to starts: `startedAt`, or without it the newest top document that started since the last
   * navigation, or else now (every document known so far is the old page's).
   */
  navigationStart(startedAt?: number): number;
  /** Retires the documents (and their sockets) that started before `startedAt`; their late messages are ignored. Returns what stays. */
  retireBefore(startedAt: number): ReadonlyMap<string, Connection>;
  /** Takes in connections and rows read from a file (importParse.ts): each connection gets its #n here, as on first sight. */
  load(connections: readonly Connection[], rows: Row[]): void;
}

export function createIngest(rows: Rows, schedule: (apply: () => void) => void = createApplySchedule(), onIntercept?: (i: Intercept) => void): Ingest {
  const connections = signal<ReadonlyMap<string, Connection>>(new Map());
  const documents = signal<ReadonlyMap<string, DocumentView>>(new Map());
  const lostByDocument = signal<ReadonlyMap<string, number>>(new Map());
  const paused = signal(false);
  const pausedCount = signal(0);
  const receivedThrough: Record<string, number> = {};
  const retired = new Set<string>();
  /** Start of the page the panel is looking at, as of the last navigation. */
  let lastNavigation = -Infinity;
  let queue: Queued[] = [];
  /** The last #n given to a connection. */
  let lastNumber = 0;
  const parts = createPayloadParts();
  /** Frames skipped since recording was paused; a marker row says how many when it resumes. */
  let skippedInPause = 0;

  function flush() {
    const messages = queue;
    queue = [];
    if (messages.length) apply(messages);
  }

  function apply(messages: Queued[]) {
    const conns = new Map(connections.value);
    const docs = new Map(documents.value);
    const lost = new Map(lostByDocument.value);
    const added: Row[] = [];
    const b: IngestBatch = { conns, added, paused: paused.value, skipped: 0, nextNumber: () => ++lastNumber, shown: rows.all, onIntercept };
    for (const m of messages) {
      if (m.type === 'log') {
        // A socket from DevTools' network log (devtoolsLog.ts): its own document, no seqs to check, no page behind it.
        const { docId, source, events } = m.batch;
        if (retired.has(docId)) continue;
        for (const e of events) {
          if (e.kind !== 'ended') applyEvent(b, e, docId, 0, source);
          else {
            const c = conns.get(connectionKey(docId, e.id));
            if (!c || c.state === 'closed') continue;
            conns.set(c.key, { ...c, state: 'closed', closedAt: e.t });
            if (!paused.value) added.push(endedRow(connectionKey(docId, e.id), e.seq, e.t));
          }
        }
      } else if (m.type === 'document') {
        if (retired.has(m.doc.docId)) continue;
        docs.set(m.doc.docId, { ...m.doc, browserFrameId: m.browserFrameId, gone: false });
        if (m.doc.top && lastNavigation === -Infinity) lastNavigation = m.doc.startedAt;
      } else if (m.type === 'paused' || m.type === 'handshake' || m.type === 'deepCaptureState' || m.type === 'cdp' || retired.has(m.docId)) {
        continue; // a breakpoint's frame is the rules store's, a handshake the handshakes store's, deep capture's its own (transport.ts hands them there)
      } else if (m.type === 'documentGone') {
        const doc = docs.get(m.docId);
        if (doc) docs.set(m.docId, { ...doc, gone: true });
        for (const c of conns.values())
          if (c.docId === m.docId && c.state !== 'closed') conns.set(c.key, { ...c, state: 'closed', closedAt: Date.now() });
      } else {
        for (const wire of unpackEvents(m.packed)) {
          const last = receivedThrough[m.docId] ?? 0;
          if (wire.seq <= last) continue; // already have it (resent after a reconnect)
          // Seqs the page gave out but that never arrived were dropped (history caps, unreadable payloads), unless the
          // user cleared them.
          const gap = wire.seq - Math.max(last, m.clearedThrough) - 1;
          const e = storedFromWire(wire);
          if (gap > 0) {
            lost.set(m.docId, (lost.get(m.docId) ?? 0) + gap);
            if (!paused.value) added.push(droppedRow(gap, e.t));
          }
          receivedThrough[m.docId] = wire.seq;
          applyEvent(b, e, m.docId, m.browserFrameId);
        }
      }
    }
    batch(() => {
      connections.value = conns;
      documents.value = docs;
      lostByDocument.value = lost;
      if (b.skipped) pausedCount.value += b.skipped;
      skippedInPause += b.skipped;
      rows.add(added);
    });
  }

  /** What is left after a clear or a navigation; counts restart. */
  function restart(conns: ReadonlyMap<string, Connection>, docs: ReadonlyMap<string, DocumentView>, lost: ReadonlyMap<string, number>) {
    batch(() => {
      connections.value = conns;
      documents.value = docs;
      lostByDocument.value = lost;
      pausedCount.value = 0;
    });
    return conns;
  }

  return {
    connections,
    documents,
    lostByDocument,
    paused,
    pausedCount,
    receivedThrough,
    enqueue(m) {
      // A big frame's parts are kept, and joined once its events message comes, in their own messages' tasks: joining
      // megabytes in the apply, on top of unpacking and rendering, made it one long stall of the panel (B5).
      if (m.type === 'payloadPart') return void (retired.has(m.docId) || parts.add(m.docId, m.data));
      if (m.type === 'events' && m.packed.parts?.length) {
        const docId = m.docId;
        m = { ...m, packed: joinParts(m.packed, (n) => parts.take(docId, n)) };
      }
      if (queue.push(m) === 1) schedule(flush);
    },
    enqueueLog(batches) {
      for (const batch of batches) if (queue.push({ type: 'log', batch }) === 1) schedule(flush);
    },
    flush,
    setPaused(on) {
      if (on === paused.value) return;
      flush();
      batch(() => {
        paused.value = on;
        if (!on && skippedInPause) rows.add([pausedRow(skippedInPause, Date.now())]);
        skippedInPause = 0;
      });
    },
    clear() {
      const zero = { count: 0, bytes: 0 };
      const open = new Map<string, Connection>();
      for (const [k, c] of connections.value) if (c.state !== 'closed') open.set(k, { ...c, sent: zero, received: zero });
      return restart(open, documents.value, new Map());
    },
    navigationStart(startedAt) {
      if (startedAt === undefined) {
        let newestTop = -Infinity;
        for (const d of documents.value.values()) if (d.top && d.startedAt > lastNavigation) newestTop = Math.max(newestTop, d.startedAt);
        startedAt = newestTop > -Infinity ? newestTop : Date.now();
      }
      return (lastNavigation = startedAt);
    },
    load(added, loaded) {
      const conns = new Map(connections.value);
      for (const c of added) conns.set(c.key, { ...c, n: ++lastNumber });
      batch(() => {
        connections.value = conns;
        rows.add(loaded);
      });
    },
    retireBefore(startedAt) {
      const docs = new Map(documents.value);
      for (const [docId, d] of docs) if (d.startedAt < startedAt) retired.add(docId);
      // A socket whose document never introduced itself is judged by its own start.
      for (const c of connections.value.values()) if (!docs.has(c.docId) && c.createdAt < startedAt) retired.add(c.docId);
      for (const docId of retired) docs.delete(docId);
      const conns = new Map([...connections.value].filter(([, c]) => !retired.has(c.docId)));
      const lost = new Map([...lostByDocument.value].filter(([docId]) => !retired.has(docId)));
      return restart(conns, docs, lost);
    },
  };
}
