import { describe, expect, it } from 'vitest';
import { DocumentBuffer } from '../../src/content/documentBuffer';
import type { LifecycleEvent, StoredFrame } from '../../src/shared/protocol';

let seq = 0;
const frame = (data: string | Uint8Array, id = 1): StoredFrame => ({
  kind: 'frame', seq: ++seq, id, t: seq, dir: 'sent', type: typeof data === 'string' ? 'text' : 'binary', data,
  length: typeof data === 'string' ? data.length : data.byteLength, truncated: false,
});
const created = (id: number): LifecycleEvent => ({ kind: 'created', seq: ++seq, id, t: seq, url: 'ws://x', protocols: [], initiator: '' });
const closed = (id: number): LifecycleEvent => ({ kind: 'closed', seq: ++seq, id, t: seq, code: 1000, reason: '', wasClean: true });

describe('DocumentBuffer', () => {
  it('keeps the newest frames up to the frame cap', () => {
    const b = new DocumentBuffer({ maxFrames: 3, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    const frames = ['a', 'bb', 'ccc', 'dddd', 'eeeee'].map((s) => frame(s));
    frames.forEach((f) => b.add(f));
    expect(b.since(0)).toEqual(frames.slice(2));
  });

  it('keeps at most maxBytes of payload', () => {
    const b = new DocumentBuffer({ maxFrames: 100, maxBytes: 10, maxPayloadBytes: 1e9 });
    [new Uint8Array(4), new Uint8Array(4), new Uint8Array(4)].forEach((d) => b.add(frame(d)));
    expect(b.frameCount).toBe(2);
    expect(b.byteCount).toBe(8);
  });

  it('interleaves lifecycle events and frames in seq order, from a given seq', () => {
    const b = new DocumentBuffer({ maxFrames: 100, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    const events = [created(1), frame('x'), created(2), frame('y', 2), closed(1)];
    events.forEach((e) => b.add(e));
    expect(b.since(0)).toEqual(events);
    expect(b.since(events[2].seq)).toEqual(events.slice(3));
    expect(b.since(events[4].seq)).toEqual([]);
  });

  it('keeps lifecycle events when frames are evicted, so connections stay known', () => {
    const b = new DocumentBuffer({ maxFrames: 1, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    const c = created(1);
    b.add(c);
    b.add(frame('a'));
    const last = frame('b');
    b.add(last);
    expect(b.since(0)).toEqual([c, last]);
  });

  it('stays correct across many evictions (compaction)', () => {
    const b = new DocumentBuffer({ maxFrames: 10, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    const all = Array.from({ length: 5000 }, (_, i) => frame(String(i)));
    all.forEach((f) => b.add(f));
    expect(b.since(0)).toEqual(all.slice(-10));
    expect(b.since(all[4995].seq)).toEqual(all.slice(-4));
  });

  it('clear forgets frames and closed sockets but keeps open ones', () => {
    const b = new DocumentBuffer({ maxFrames: 100, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    const open = created(1);
    [open, created(2), frame('x'), closed(2)].forEach((e) => b.add(e));
    b.clear();
    expect(b.since(0)).toEqual([open]);
    expect(b.byteCount).toBe(0);
  });

  it('applies lower limits immediately', () => {
    const b = new DocumentBuffer({ maxFrames: 100, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    ['a', 'b', 'c'].forEach((s) => b.add(frame(s)));
    b.setLimits({ maxFrames: 1, maxBytes: 1e9, maxPayloadBytes: 1e9 });
    expect(b.frameCount).toBe(1);
  });
});
