// The timeline: bins that count every frame and lifecycle event once, stay few however long the span, are counted as
// rows arrive (never a rescan per batch, even at a million frames), and a time range that filters the table.
import { describe, expect, it } from 'vitest';
import type { Connection, Row } from '../../src/panel/model';
import { createStore } from '../../src/panel/store';
import { Bins, MAX_BINS, type TimelineSeries } from '../../src/panel/timelineBins';

const frame = (t: number, dir: 'sent' | 'received', length = 10, key = 'imported:1'): Row => ({ key, seq: 0, t, dir, type: 'text', data: 'x', length, truncated: false });
const event = (t: number, type: 'open' | 'close' | 'error' | 'navigation', key = 'imported:1'): Row => ({ key, seq: 0, t, dir: 'event', type, data: type, length: 0, truncated: false });
const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
const totals = (s: TimelineSeries) => ({
  sent: sum(s.sentFrames), received: sum(s.receivedFrames), sentBytes: sum(s.sentBytes), receivedBytes: sum(s.receivedBytes),
  opens: sum(s.opens), closes: sum(s.closes), errors: sum(s.errors),
});

describe('timeline bins', () => {
  it('count frames and bytes per direction, and open, close and error events, in the bin of their time', () => {
    const bins = new Bins();
    bins.add([event(1000, 'open'), frame(1000.5, 'sent', 3), frame(1001, 'received', 5), frame(1001.2, 'received', 7), event(1002, 'error'), event(1003, 'close'), event(1003, 'navigation')]);
    const s = bins.series();
    expect(s.width).toBe(1);
    expect(s.start).toEqual([1000, 1001, 1002, 1003]);
    expect(s.sentFrames).toEqual([1, 0, 0, 0]);
    expect(s.receivedFrames).toEqual([0, 2, 0, 0]);
    expect(s.receivedBytes).toEqual([0, 12, 0, 0]);
    expect(s.opens).toEqual([1, 0, 0, 0]);
    expect(s.errors).toEqual([0, 0, 1, 0]);
    expect(s.closes).toEqual([0, 0, 0, 1]);
  });

  it('merge two by two as the span grows, forwards and backwards, keeping every count and at most MAX_BINS bins', () => {
    const bins = new Bins();
    const rows: Row[] = [];
    // Out of order on purpose: a late document's rows land before the first bin.
    for (let i = 0; i < 5000; i++) rows.push(frame(1e12 + ((i * 7919) % 5000) * 3.7, i % 3 ? 'received' : 'sent', i % 17));
    for (let i = 0; i < 5000; i += 100) bins.add(rows.slice(i, i + 100));
    const s = bins.series();
    expect(s.start.length).toBeLessThanOrEqual(MAX_BINS);
    expect(Math.log2(s.width) % 1).toBe(0);
    expect(s.start[0] % s.width).toBe(0);
    expect(s.start[0]).toBeLessThanOrEqual(1e12);
    expect(s.start.at(-1)! + s.width).toBeGreaterThan(1e12 + 4999 * 3.7);
    const want = { sent: 0, received: 0, sentBytes: 0, receivedBytes: 0, opens: 0, closes: 0, errors: 0 };
    for (const r of rows) {
      if (r.dir === 'sent') (want.sent++, (want.sentBytes += r.length));
      else (want.received++, (want.receivedBytes += r.length));
    }
    expect(totals(s)).toEqual(want);
    // Each row sits in the bin that covers its time.
    const one = new Bins();
    one.add(rows);
    expect(one.series()).toEqual(s);
  });

  it('count only the selected connection’s rows when scoped', () => {
    const bins = new Bins();
    bins.add([frame(0, 'sent', 1, 'a'), frame(1, 'sent', 1, 'b'), event(2, 'open', 'b')], 'b');
    expect(totals(bins.series())).toMatchObject({ sent: 1, opens: 1 });
  });
});

describe('the timeline in the store', () => {
  const conn = (n: number): Connection => ({
    key: `imported:${n}`, n: 0, docId: 'imported', browserFrameId: 0, id: n, url: `ws://a.test/${n}`, protocols: [], initiator: '', createdAt: 0,
    state: 'closed', protocol: '', extensions: '', error: false, sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 },
  });

  it('counts nothing while hidden, then bins a million frames as they arrive without rescanning them per batch', () => {
    // Caps above the million, so that no eviction (which rebuilds, on purpose) comes into it.
    const store = createStore({ schedule: () => {}, maxRows: 2_000_000 });
    store.loadImported([conn(1), conn(2)], [frame(0, 'sent', 1)]);
    expect(store.timeline.series.value).toBeUndefined();
    store.timeline.toggle();
    expect(totals(store.timeline.series.value!).sent).toBe(1);
    expect(store.timeline.rebuilds()).toBe(1);
    const started = performance.now();
    const BATCH = 10_000;
    for (let b = 0; b < 100; b++) {
      const rows: Row[] = [];
      for (let i = 0; i < BATCH; i++) rows.push(frame(1 + (b * BATCH + i) * 0.5, i % 2 ? 'received' : 'sent', 4, `imported:${1 + (i % 2)}`));
      store.loadImported([], rows);
      store.timeline.series.value; // the chart reads after every batch
    }
    const ms = performance.now() - started;
    const s = store.timeline.series.value!;
    expect(totals(s)).toMatchObject({ sent: 500_001, received: 500_000, receivedBytes: 2_000_000 });
    expect(s.start.length).toBeLessThanOrEqual(MAX_BINS);
    expect(store.timeline.rebuilds()).toBe(1);
    // A rescan per batch would walk 50 million rows; counting walks each row once (generous bound for a loaded CI box).
    expect(ms).toBeLessThan(3000);
    // Selecting a connection rebuilds once, for its rows only.
    store.selectConnection('imported:2');
    expect(totals(store.timeline.series.value!)).toMatchObject({ sent: 0, received: 500_000 });
    expect(store.timeline.rebuilds()).toBe(2);
  });

  it('rebuilds after eviction or clear, from the rows that are left', () => {
    const store = createStore({ schedule: () => {}, maxRows: 100 });
    store.timeline.toggle();
    store.timeline.series.value;
    store.loadImported([conn(1)], Array.from({ length: 150 }, (_, i) => frame(i, 'sent')));
    const kept = store.getRows().filter((r) => r.dir === 'sent').length;
    expect(kept).toBeLessThan(150);
    expect(totals(store.timeline.series.value!).sent).toBe(kept);
    store.clear();
    expect(totals(store.timeline.series.value!).sent).toBe(0);
  });

  it('filters the table by the time range dragged on it, says so among the active filters, and Reset filters clears it', () => {
    const store = createStore({ schedule: () => {} });
    store.loadImported([conn(1)], [event(0, 'open'), frame(1000, 'sent'), frame(2000, 'received'), frame(3000, 'sent'), event(4000, 'close')]);
    const shown = () => store.visible.value.indices.map((i) => store.visible.value.rows[i].t);
    expect(shown()).toEqual([0, 1000, 2000, 3000, 4000]);
    store.timeline.setRange({ from: 1500, to: 3000 });
    expect(shown()).toEqual([2000, 3000]);
    expect(store.filtersActive.value.at(-1)).toMatch(/^time range \d\d:\d\d:01\.500–\d\d:\d\d:03\.000$/);
    expect(store.counts.value.shownFrames).toBe(2);
    store.resetFilters();
    expect(store.timeline.range.value).toBeUndefined();
    expect(shown()).toHaveLength(5);
  });
});
