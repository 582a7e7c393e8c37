import { describe, expect, it } from 'vitest';
import { createHistory, type DocumentHistory } from '../../src/page/history';
import type { PageEvent, PageFrame } from '../../src/shared/protocol';

let seq = 0;
const frame = (data: string | Uint8Array, id = 1): PageFrame => ({
  kind: 'frame', seq: ++seq, id, t: seq, dir: 'sent', data, length: typeof data === 'string' ? undefined : data.byteLength,
  keptBytes: typeof data === 'string' ? data.length * 2 : data.byteLength,
});
const created = (id: number): PageEvent => ({ kind: 'created', seq: ++seq, id, t: seq, url: 'ws://x', protocols: [], initiator: '' });
const closed = (id: number): PageEvent => ({ kind: 'closed', seq: ++seq, id, t: seq, code: 1000, reason: '', wasClean: true });
const unlimited = { maxFrames: 100, maxBytes: 1e9, maxPayloadBytes: 1e9, sendStacks: false };

function history(limits = unlimited, events: PageEvent[] = []) {
  const h = createHistory(limits);
  for (const e of events) h.add(e);
  return h;
}
const since = (h: DocumentHistory, s: number) => {
  const out: PageEvent[] = [];
  h.eventsAfter(s, out);
  return out;
};

const kept = (h: DocumentHistory) => since(h, 0).filter((e): e is PageFrame => e.kind === 'frame');
const frameCount = (h: DocumentHistory) => kept(h).length;
const byteCount = (h: DocumentHistory) => kept(h).reduce((n, f) => n + (f.keptBytes ?? 0), 0);

describe('the page history', () => {
  it('keeps the newest frames up to the frame cap', () => {
    const frames = ['a', 'bb', 'ccc', 'dddd', 'eeeee'].map((s) => frame(s));
    expect(since(history({ ...unlimited, maxFrames: 3 }, frames), 0)).toEqual(frames.slice(2));
  });

  it('keeps at most maxBytes of payload, counting the bytes it was given', () => {
    const h = history({ ...unlimited, maxBytes: 10 }, [frame(new Uint8Array(4)), frame(new Uint8Array(4)), frame(new Uint8Array(4))]);
    expect(frameCount(h)).toBe(2);
    expect(byteCount(h)).toBe(8);
  });

  it('drops a frame bigger than the byte cap on its own', () => {
    const h = history({ ...unlimited, maxBytes: 10 }, [frame(new Uint8Array(4)), frame(new Uint8Array(40))]);
    expect(frameCount(h)).toBe(0);
    expect(byteCount(h)).toBe(0);
  });

  it('interleaves lifecycle events and frames in seq order, from a given seq, appending to what it is given', () => {
    const events = [created(1), frame('x'), created(2), frame('y', 2), closed(1)];
    const h = history(unlimited, events);
    expect(since(h, 0)).toEqual(events);
    expect(since(h, events[2].seq)).toEqual(events.slice(3));
    expect(since(h, events[4].seq)).toEqual([]);
    const out: PageEvent[] = [created(9)];
    h.eventsAfter(events[3].seq, out);
    expect(out).toHaveLength(2);
  });

  it('keeps lifecycle events when frames are evicted, so connections stay known', () => {
    const c = created(1);
    const last = frame('b');
    expect(since(history({ ...unlimited, maxFrames: 1 }, [c, frame('a'), last]), 0)).toEqual([c, last]);
  });

  it('stays correct across many evictions (compaction), and lets evicted payloads go', () => {
    const all = Array.from({ length: 5000 }, (_, i) => frame(String(i)));
    const h = history({ ...unlimited, maxFrames: 10 }, all);
    expect(since(h, 0)).toEqual(all.slice(-10));
    expect(since(h, all[4995].seq)).toEqual(all.slice(-4));
    expect(byteCount(h)).toBe(all.slice(-10).reduce((n, f) => n + f.keptBytes!, 0));
  });

  it('caps lifecycle events too (twice the frame cap, at least 1,000)', () => {
    const h = history({ ...unlimited, maxFrames: 1 }, Array.from({ length: 1500 }, (_, i) => created(i)));
    expect(since(h, 0)).toHaveLength(1000);
  });

  it('clear forgets frames and closed sockets but keeps open ones, and says through which seq it cleared', () => {
    const open = created(1);
    const h = history(unlimited, [open, created(2), frame('x'), closed(2)]);
    h.clear();
    expect(since(h, 0)).toEqual([open]);
    expect(byteCount(h)).toBe(0);
    expect(h.clearedThrough).toBe(seq);
  });

  it('applies lower limits immediately', () => {
    const h = history(unlimited, ['a', 'b', 'c'].map((s) => frame(s)));
    h.setLimits({ ...unlimited, maxFrames: 1 });
    expect(frameCount(h)).toBe(1);
  });

  it('gives out seqs in order, after the newest added', () => {
    const h = history(unlimited, [frame('x')]);
    expect([h.nextSeq(), h.nextSeq()]).toEqual([seq + 1, seq + 2]);
  });

  it('calls no built-in method a page could replace', () => {
    const methods = [Array.prototype, Object.prototype, Function.prototype].flatMap((proto) =>
      Object.getOwnPropertyNames(proto)
        .filter((k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, k)?.value === 'function')
        .map((k) => [proto, k, (proto as Record<string, unknown>)[k]] as const),
    );
    const called: string[] = [];
    for (const [proto, k, original] of methods)
      Object.defineProperty(proto, k, { value: function (this: unknown, ...a: unknown[]) { called.push(k); return (original as Function).apply(this, a); }, configurable: true, writable: true });
    try {
      const h = history({ ...unlimited, maxFrames: 3 }, [created(1), ...Array.from({ length: 3000 }, () => frame('x')), closed(1)]);
      since(h, 0);
      h.clear();
      h.setLimits(unlimited);
    } finally {
      for (const [proto, k, original] of methods) Object.defineProperty(proto, k, { value: original, configurable: true, writable: true });
    }
    expect(called).toEqual([]);
  });
});
