// The frame-columns codec between the page hook and the relay: named offsets, a round trip, and what a decoder must survive.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DIRECTION, DOC, FRAME_WIDTH, FROM_PANEL, LENGTH, SEQ, SOCKET, TIME, decodeBatch, encodeBatch } from '../../src/shared/frameColumns';
import { isPageEvent, type PageEvent, type UncheckedPageBatch } from '../../src/shared/protocol';

describe('encodeBatch', () => {
  it('round-trips every kind of event, in recorded order, through decodeBatch', () => {
    const events: PageEvent[] = [
      { kind: 'created', seq: 1, id: 3, t: 10.5, url: 'ws://x/', protocols: ['a'], initiator: 'at x' },
      { kind: 'frame', seq: 2, id: 3, t: 11.25, dir: 'sent', data: 'hey' },
      { kind: 'frame', seq: 3, id: 3, t: 12, dir: 'received', data: new Uint8Array([1, 2]), length: 9, doc: 4 },
      { kind: 'open', seq: 4, id: 3, t: 13, protocol: 'chat', extensions: '' },
      { kind: 'frame', seq: 5, id: 3, t: 14, dir: 'sent', data: 'cut', length: 5000 },
      { kind: 'closed', seq: 6, id: 3, t: 15, code: 1000, reason: '', wasClean: true, doc: 4 },
    ];
    const batch = encodeBatch(events);
    expect(batch.frames.nums).toHaveLength(3 * FRAME_WIDTH);
    expect(batch.lifecycleAt).toEqual([0, 3, 5]);
    const decoded = decodeBatch(batch);
    expect(decoded).toEqual(events.map((e) => (e.kind === 'frame' ? { length: undefined, doc: undefined, ...e } : e)));
    expect(decoded.every(isPageEvent)).toBe(true);
  });

  it('writes each number at its named offset', () => {
    const { nums } = encodeBatch([{ kind: 'frame', seq: 7, id: 8, t: 9, dir: 'received', data: 'x', doc: 2, fromPanel: true }]).frames;
    expect([nums[SEQ], nums[SOCKET], nums[TIME], nums[DIRECTION], nums[LENGTH], nums[DOC], nums[FROM_PANEL]]).toEqual([7, 8, 9, 1, -1, 2, 1]);
  });

  it('fills only the lists it is given (the hook gives it lists without a prototype)', () => {
    const made: unknown[][] = [];
    const newList = <T,>(): T[] => {
      const l: T[] = [];
      Object.setPrototypeOf(l, null);
      made.push(l);
      return l;
    };
    const { frames, lifecycle, lifecycleAt } = encodeBatch([{ kind: 'error', seq: 1, id: 1, t: 1 }, { kind: 'frame', seq: 2, id: 1, t: 2, dir: 'sent', data: 'x' }], newList);
    expect(made).toEqual([frames.data, lifecycle, lifecycleAt]);
    expect(Object.getPrototypeOf(frames.data)).toBeNull();
  });
});

describe('decodeBatch', () => {
  it('leaves numbers that are not a document or a length as they are, for isPageEvent to reject', () => {
    const nums = new Float64Array([2, 7, 6, 0, -2, 0, 0, 3, 7, 6, 0, -1, Number.NaN, 0, 4, 7, 6, 0, -1, 0, 2]);
    const events = decodeBatch({ frames: { nums, data: ['a', 'b', 'c'] }, lifecycle: [], lifecycleAt: [] });
    expect(events.map(isPageEvent)).toEqual([false, false, false]);
  });

  const created = { kind: 'created', seq: 1, id: 7, t: 5, url: 'ws://x', protocols: [], initiator: '' };
  const closed = { kind: 'closed', seq: 4, id: 7, t: 9, code: 1000, reason: '', wasClean: true };
  const batch = (nums: number[], data: unknown[], lifecycle: unknown[], lifecycleAt: number[]): UncheckedPageBatch =>
    ({ v: 1, type: 'events', epoch: 0, frames: { nums: new Float64Array(nums), data }, lifecycle, lifecycleAt, clearedThrough: [] });

  it('puts frames (columns) and lifecycle events back in recorded order, as valid page events', () => {
    const bytes = new Uint8Array([1, 2]);
    const events = decodeBatch(batch([2, 7, 6, 0, -1, 0, 1, 3, 7, 7.5, 1, 2, 2, 0], ['hey', bytes], [created, closed], [0, 3]));
    expect(events).toEqual([
      created,
      { kind: 'frame', seq: 2, id: 7, t: 6, dir: 'sent', data: 'hey', length: undefined, doc: undefined, fromPanel: true },
      { kind: 'frame', seq: 3, id: 7, t: 7.5, dir: 'received', data: bytes, length: 2, doc: 2, fromPanel: undefined },
      closed,
    ]);
    expect(events.every(isPageEvent)).toBe(true);
  });

  it('keeps what fits when the lifecycle places do not', () => {
    expect(decodeBatch(batch([2, 7, 6, 0, -1, 0, 0], ['hey'], [created], [5]))).toHaveLength(1);
  });

  it('copies numbers from another realm', () => {
    const b = batch([], [], [], []);
    b.frames.nums = runInNewContext('new Float64Array([2, 7, 6, 0, -1, 0, 0])') as Float64Array;
    b.frames.data = ['x'];
    expect(decodeBatch(b)).toMatchObject([{ seq: 2, data: 'x' }]);
  });
});
