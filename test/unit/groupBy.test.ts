// Group by: counts, bytes and rates per value of a decoded field, counted once per row as the visible list grows, and
// the filter query a group's click sets. Against a real store too, so the facts are the ones the filters read.
import { describe, expect, it, vi } from 'vitest';
import { signal } from '@preact/signals';
import { createGroupCounter, groupQuery, groupRate, MAX_GROUPS, OTHER_VALUES } from '../../src/panel/groupBy';
import { createGrouping, GROUP_SLICE } from '../../src/panel/grouping';
import type { DecodedFacts } from '../../src/panel/filter';
import type { Row } from '../../src/panel/model';
import { createStore } from '../../src/panel/store';
import { messagesFor } from './fixtures';

const frame = (t: number, type: string | string[] | undefined, length = 10): Row => ({
  key: 'd:1', seq: t, t, dir: 'received', type: 'text', data: '', length, truncated: false,
  facts: type === undefined ? undefined : { decoder: 'json', heartbeat: false, terms: { type: Array.isArray(type) ? type : [type] } },
});

function fakeDecoding() {
  const factsOf = vi.fn((r: Row): DecodedFacts | undefined => r.facts);
  return { factsOf };
}
const list = (rows: Row[], indices = rows.map((_, i) => i)) => ({ rows, indices, count: indices.length });

describe('createGroupCounter', () => {
  it('counts frames and bytes per value, most frames first, frames without the field apart, lifecycle rows not at all', () => {
    const dec = fakeDecoding();
    const rows = [frame(0, 'tick', 5), frame(500, 'tick', 7), frame(1000, 'quote', 100), frame(1500, undefined, 3), { ...frame(1600, undefined), dir: 'event' as const, type: 'open' as const }, frame(4000, ['tick', 'tick', 'trade'], 1)];
    const g = createGroupCounter(dec)(list(rows), 'type');
    expect(g.groups).toEqual([
      { value: 'tick', frames: 3, bytes: 13 },
      { value: 'quote', frames: 1, bytes: 100 },
      { value: 'trade', frames: 1, bytes: 1 },
    ]);
    expect(g.without).toEqual({ value: '', frames: 1, bytes: 3 });
    expect(g.spanMs).toBe(4000);
    expect(groupRate(g.groups[0], g.spanMs)).toBeCloseTo(0.75);
    // Under a second of frames, rates are per second of at least one second.
    expect(groupRate({ value: 'x', frames: 3, bytes: 0 }, 2)).toBe(3);
  });

  it('reads each row once while the visible list only grows, and starts over when it changes otherwise', () => {
    const dec = fakeDecoding();
    const count = createGroupCounter(dec);
    const rows = [frame(0, 'a'), frame(1, 'b')];
    const indices = [0, 1];
    expect(count(list(rows, indices), 'type').groups.map((g) => g.frames)).toEqual([1, 1]);
    rows.push(frame(2, 'a'));
    indices.push(2);
    expect(count({ rows, indices, count: 3 }, 'type').groups).toEqual([{ value: 'a', frames: 2, bytes: 20 }, { value: 'b', frames: 1, bytes: 10 }]);
    expect(dec.factsOf).toHaveBeenCalledTimes(3);
    // Another field, or a list whose rows changed before the end (a late batch, a filter): counted afresh.
    count({ rows, indices, count: 3 }, 'event');
    expect(dec.factsOf).toHaveBeenCalledTimes(6);
    const other = [frame(0, 'z')];
    expect(count(list(other), 'type').groups).toEqual([{ value: 'z', frames: 1, bytes: 10 }]);
    const shrunk = [rows[0], rows[2]];
    expect(count(list(shrunk), 'type').groups).toEqual([{ value: 'a', frames: 2, bytes: 20 }]);
  });

  it('notices a visible list rescanned in place (view.ts truncates and regrows the same index array)', () => {
    const count = createGroupCounter(fakeDecoding());
    const rows = [frame(0, 'a'), frame(1, 'b'), frame(2, 'c')];
    const indices = [0, 1];
    count({ rows, indices, count: 2 }, 'type');
    indices.length = 1;
    indices.push(2);
    expect(count({ rows, indices, count: 2 }, 'type').groups.map((g) => g.value)).toEqual(['a', 'c']);
  });

  it('keeps at most MAX_GROUPS values and sums the rest as one group', () => {
    const rows = Array.from({ length: MAX_GROUPS + 3 }, (_, i) => frame(i, `id${i}`));
    const g = createGroupCounter(fakeDecoding())(list(rows), 'type');
    expect(g.groups).toHaveLength(MAX_GROUPS + 1);
    expect(g.groups[0]).toEqual({ value: OTHER_VALUES, frames: 3, bytes: 30 });
  });
});

describe('createGrouping', () => {
  it('counts a big list a slice per task, each slice going on from the last, and says how far it got', () => {
    const rows = Array.from({ length: 2 * GROUP_SLICE + 5 }, (_, i) => frame(i, i % 2 ? 'odd' : 'even'));
    const dec = { ...fakeDecoding(), decodedOf: () => undefined, assignment: signal('') };
    const tasks: (() => void)[] = [];
    const grouping = createGrouping(signal(list(rows)), dec, (next) => tasks.push(next));
    grouping.setField('type');
    expect(grouping.groups.value).toMatchObject({ counted: GROUP_SLICE, total: rows.length });
    expect(tasks).toHaveLength(1);
    tasks.shift()!();
    expect(grouping.groups.value).toMatchObject({ counted: 2 * GROUP_SLICE });
    tasks.shift()!();
    const done = grouping.groups.value!;
    expect(done).toMatchObject({ counted: rows.length, total: rows.length });
    expect(done.groups).toEqual([{ value: 'even', frames: GROUP_SLICE + 3, bytes: (GROUP_SLICE + 3) * 10 }, { value: 'odd', frames: GROUP_SLICE + 2, bytes: (GROUP_SLICE + 2) * 10 }]);
    expect(dec.factsOf).toHaveBeenCalledTimes(rows.length);
    expect(tasks).toHaveLength(0);
  });
});

describe('groupQuery', () => {
  it('adds the group’s word to the query, replacing another word for the same field; regexes give way', () => {
    expect(groupQuery('', 'type', 'tick')).toBe('type:tick');
    expect(groupQuery('price type:quote', 'type', 'tick')).toBe('price type:tick');
    expect(groupQuery('event:chat', 'type', 'a b')).toBe('event:chat type:a*b');
    expect(groupQuery('/ti.k/', 'type', 'tick')).toBe('type:tick');
    expect(groupQuery('', 'type', OTHER_VALUES)).toBeUndefined();
  });
});

describe('Group by in the store', () => {
  it('groups the visible frames by their decoded field, follows new frames, and filtering by a group shows only it', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    store.enqueue(m.document());
    const json = (type: string, n: number) => JSON.stringify({ type, n });
    store.enqueue(m.events([m.created(1, 'ws://127.0.0.1:1/feed'), m.open(1), m.text(1, 'received', json('tick', 1)), m.text(1, 'received', json('tick', 2)), m.text(1, 'received', json('quote', 3)), m.text(1, 'sent', 'plain')]));
    expect(store.groups.value).toBeUndefined();
    store.grouping.setField('type');
    const values = () => store.groups.value!.groups.map((g) => `${g.value}=${g.frames}`);
    expect(values()).toEqual(['tick=2', 'quote=1']);
    expect(store.groups.value!.without.frames).toBe(1);
    store.enqueue(m.events([m.text(1, 'received', json('quote', 4)), m.text(1, 'received', json('quote', 5))]));
    expect(values()).toEqual(['quote=3', 'tick=2']);
    store.setFilter({ query: groupQuery(store.filter.value.query, 'type', 'tick')! });
    expect(store.counts.value.shownFrames).toBe(2);
    expect(values()).toEqual(['tick=2']);
  });
});
