// Test helpers: protocol messages as the background would send them to the panel.
import type { BackgroundToPanel, WireEvent } from '../../src/shared/protocol';
import { packEvents } from '../../src/shared/wire';

export function messagesFor(docId = 'doc1', browserFrameId = 0) {
  let seq = 0;
  const t0 = new Date(2026, 10, 25, 12, 0, 0).getTime();
  const ev = <T extends object>(e: T) => ({ seq: ++seq, t: t0 + seq, ...e });
  const events = (list: WireEvent[], clearedThrough = 0): BackgroundToPanel => ({
    v: 1, type: 'events', browserFrameId, docId, packed: packEvents(list), clearedThrough,
  });
  return {
    /** Skips n seqs, as events the relay dropped would. */
    skip: (n: number) => void (seq += n),
    document: (top = true, url = 'http://127.0.0.1/', startedAt = t0 - 1000): BackgroundToPanel => ({ v: 1, type: 'document', browserFrameId, doc: { docId, url, top, startedAt } }),
    events,
    created: (id: number, url = 'ws://127.0.0.1:1/greet') => ev({ kind: 'created' as const, id, url, protocols: [], initiator: 'at page.js:1:1' }),
    open: (id: number) => ev({ kind: 'open' as const, id, protocol: '', extensions: '' }),
    text: (id: number, dir: 'sent' | 'received', data: string) =>
      ev({ kind: 'frame' as const, id, dir, type: 'text' as const, data, length: new TextEncoder().encode(data).length, truncated: false }),
    binary: (id: number, dir: 'sent' | 'received', bytes: number[]) =>
      ev({ kind: 'frame' as const, id, dir, type: 'binary' as const, data: Buffer.from(bytes).toString('base64'), length: bytes.length, truncated: false }),
    closed: (id: number, code = 1000, reason = '') => ev({ kind: 'closed' as const, id, code, reason, wasClean: true }),
    closeCalled: (id: number, code?: number, reason?: string) => ev({ kind: 'closeCalled' as const, id, code, reason }),
  };
}
