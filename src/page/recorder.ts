// MAIN world (bundled into the page hook): each document's sequence numbers and bounded history, and, while a panel
// listens, the batches that carry new events to the relay over the channel. Runs every relay command.
import { encodeBatch } from '../shared/frameColumns';
import { DEFAULT_LIMITS, PROTOCOL_VERSION, type Limits, type PageEvent, type RelayToPage } from '../shared/protocol';
import type { Channel } from './channel';
import { createHistory, type DocumentHistory } from './history';
import { apply, list, now, setTimer, type Win } from './intrinsics';

/** Quiet traffic goes out 4 ms after it happened; while frames keep coming, every 16 ms (fewer, bigger posts). */
const QUIET_FLUSH_MS = 4;
const STREAM_FLUSH_MS = 16;

export function createRecorder(w: Win, channel: Channel) {
  let limits: Limits = DEFAULT_LIMITS;
  /** Per document: 0 the hook's own, n the n-th child window it reached. Seqs count per document, so a gap means a loss. */
  const histories = list<DocumentHistory>();
  let attached = false;
  let announced = false;
  /** Of the relay's last attach or clear, stamped on every batch so the relay can drop stale ones. */
  let epoch = 0;
  let queue = list<PageEvent>();
  let flushScheduled = false;
  let lastFlush = -1e9;

  const history = (doc: number) => histories[doc] ?? (histories[doc] = createHistory(limits, list));
  const each = (f: (h: DocumentHistory, doc: number) => void) => {
    for (let d = 0; d < histories.length; d++) if (histories[d]) f(histories[d], d);
  };

  const flush = () => {
    flushScheduled = false;
    lastFlush = now();
    const events = queue;
    queue = list();
    if (!attached || !events.length) return;
    const clearedThrough = list<number>();
    for (let d = 0; d < histories.length; d++) clearedThrough[d] = histories[d] ? histories[d].clearedThrough : 0;
    channel.post({ v: PROTOCOL_VERSION, type: 'events', epoch, clearedThrough, ...encodeBatch(events, list) });
  };

  const command = (m: Exclude<RelayToPage, { type: 'command' | 'rules' | 'resume' }>) => {
    if (m.type === 'limits') {
      limits = m.limits;
      each((h) => h.setLimits(limits));
    } else if (m.type === 'attach') {
      // The history holds everything still queued: send it after what the panel has, in order, and nothing twice.
      attached = true;
      epoch = m.epoch;
      queue = list();
      const have = m.receivedThrough;
      each((h, d) => h.eventsAfter(d < have.length ? have[d] : 0, queue));
      flush();
    } else if (m.type === 'detach') {
      attached = false;
      queue = list();
    } else {
      epoch = m.epoch;
      queue = list();
      each((h) => h.clear());
    }
  };

  return {
    command,
    limits: () => limits,
    nextSeq: (doc: number) => history(doc).nextSeq(),
    lastSeq: (doc: number) => history(doc).lastSeq,
    /** Keeps an event in its document's history, and queues it for the relay while a panel listens. */
    record(e: PageEvent, doc: number) {
      history(doc).add(e);
      if (!attached) {
        // Nothing crosses to the extension until a panel asks, but the relay must learn that there is something to ask for.
        if (!announced) {
          announced = true;
          channel.post({ v: PROTOCOL_VERSION, type: 'sockets' });
        }
        return;
      }
      queue[queue.length] = e;
      if (!flushScheduled) {
        flushScheduled = true;
        apply(setTimer, w, [flush, now() - lastFlush < 2 * STREAM_FLUSH_MS ? STREAM_FLUSH_MS : QUIET_FLUSH_MS]);
      }
    },
  };
}

export type Recorder = ReturnType<typeof createRecorder>;
