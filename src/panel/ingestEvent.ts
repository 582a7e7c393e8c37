// Panel store (DevTools panel): one stored event applied to the batch ingest.ts is building — its connection updated,
// its row added, or what it says about a frame (the stack that sent it, a rule's outcome) put on that frame's row.
import type { StoredEvent } from '../shared/protocol';
import type { LogSource } from './logEvents';
import { connectionKey, reduceConnection, rowFromEvent, type Connection, type Intercept, type Row } from './model';

/** A batch of messages being applied: the connections as they become, and the rows to add. */
export interface IngestBatch {
  readonly conns: Map<string, Connection>;
  readonly added: Row[];
  /** Recording is paused: frames are counted (`skipped`), not kept. */
  readonly paused: boolean;
  skipped: number;
  /** The next #n for a connection seen for the first time. */
  nextNumber(): number;
  /** The rows already shown (an annotation may follow its frame into a later batch). */
  shown(): readonly Row[];
  onIntercept?: (i: Intercept) => void;
}

export function applyEvent(b: IngestBatch, e: StoredEvent, docId: string, browserFrameId: number, source?: LogSource) {
  const key = connectionKey(docId, e.id);
  const before = b.conns.get(key);
  const conn = reduceConnection(before, e, docId, browserFrameId);
  if (!before) conn.n = b.nextNumber();
  if (source) conn.source = source;
  b.conns.set(key, conn);
  if (b.paused) {
    if (e.kind === 'frame') b.skipped++;
    return;
  }
  if (e.kind === 'sentFrom') {
    const row = rowOf(b, key, e.frameSeq);
    if (row) row.sentFrom = e.stack;
    return;
  }
  if (e.kind === 'intercepted' && e.frameSeq !== undefined) {
    const intercept: Intercept = { rule: e.rule, outcome: e.outcome, original: e.original, error: e.error };
    // The hook records a rule's outcome right after the frame, so the frame is nearly always in the same batch.
    const row = rowOf(b, key, e.frameSeq);
    if (row) row.intercept = intercept;
    b.onIntercept?.(intercept);
    return;
  }
  const row = rowFromEvent(e, key);
  if (row) b.added.push(row);
}

/** The row of frame `seq` of connection `key`, among those just added or the newest shown (an annotation follows its frame closely). */
function rowOf(b: IngestBatch, key: string, seq: number): Row | undefined {
  const find = (list: readonly Row[], stop: number) => {
    for (let i = list.length - 1; i >= stop; i--) if (list[i].key === key && list[i].seq === seq) return list[i];
    return undefined;
  };
  const all = b.shown();
  return find(b.added, 0) ?? find(all, Math.max(0, all.length - 1000));
}
