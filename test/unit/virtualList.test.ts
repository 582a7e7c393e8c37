import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/panel/model';
import { OVERSCAN, ROW_HEIGHT, displayPosition, isAtNewest, newestScrollTop, renderWindow, rowAt, scrollToShow, type DisplayList } from '../../src/panel/virtualList';

const row = (t: number, data = String(t)): Row => ({ key: 'k', seq: t, t, dir: 'sent', type: 'text', data, length: data.length, truncated: false });

describe('virtual list', () => {
  // Rows 0..5 at times 10, 20, 20, 20, 30, 40; the filter shows 1, 3, 4, 5.
  const rows = [row(10), row(20, 'a'), row(20, 'b'), row(20, 'c'), row(30), row(40)];
  const list: DisplayList = { rows, indices: [1, 3, 4, 5], count: 4 };

  it('maps display positions to rows, oldest first or newest first', () => {
    expect([0, 1, 2, 3].map((p) => rowAt(list, p, false))).toEqual([rows[1], rows[3], rows[4], rows[5]]);
    expect([0, 1, 2, 3].map((p) => rowAt(list, p, true))).toEqual([rows[5], rows[4], rows[3], rows[1]]);
  });

  it('finds a row’s display position among rows of the same time, and -1 for a row not shown', () => {
    expect(displayPosition(list, rows[3], false)).toBe(1);
    expect(displayPosition(list, rows[3], true)).toBe(2);
    expect(displayPosition(list, rows[1], false)).toBe(0);
    expect(displayPosition(list, rows[5], true)).toBe(0);
    expect(displayPosition(list, rows[2], false)).toBe(-1); // same time, filtered out
    expect(displayPosition(list, rows[0], false)).toBe(-1);
    expect(displayPosition(list, row(99), false)).toBe(-1);
    expect(displayPosition({ rows: [], indices: [], count: 0 }, rows[0], false)).toBe(-1);
  });

  it('renders the rows in view plus an overscan on each side, within the list', () => {
    expect(renderWindow(0, 10 * ROW_HEIGHT, 1000)).toEqual({ first: 0, last: 10 + OVERSCAN });
    expect(renderWindow(100 * ROW_HEIGHT + 5, 10 * ROW_HEIGHT, 1000)).toEqual({ first: 100 - OVERSCAN, last: 111 + OVERSCAN });
    expect(renderWindow(990 * ROW_HEIGHT, 10 * ROW_HEIGHT, 1000)).toEqual({ first: 990 - OVERSCAN, last: 1000 });
    expect(renderWindow(0, 600, 0)).toEqual({ first: 0, last: 0 });
  });

  it('scrolls as little as possible to show a row whole', () => {
    const view = 10 * ROW_HEIGHT;
    expect(scrollToShow(5, 0, view)).toBe(0); // already in view
    expect(scrollToShow(2, 4 * ROW_HEIGHT, view)).toBe(2 * ROW_HEIGHT); // above: to the top
    expect(scrollToShow(12, 0, view)).toBe(3 * ROW_HEIGHT); // below: to the bottom
    expect(scrollToShow(9, 5, view)).toBe(5); // the last row, whole
  });

  it('knows the newest end in both sort orders, within a row', () => {
    const view = 200;
    const content = 1000;
    expect(isAtNewest(content - view, view, content, false)).toBe(true);
    expect(isAtNewest(content - view - ROW_HEIGHT, view, content, false)).toBe(true);
    expect(isAtNewest(content - view - ROW_HEIGHT - 1, view, content, false)).toBe(false);
    expect(isAtNewest(0, view, content, true)).toBe(true);
    expect(isAtNewest(ROW_HEIGHT, view, content, true)).toBe(true);
    expect(isAtNewest(ROW_HEIGHT + 1, view, content, true)).toBe(false);
    expect(newestScrollTop(content, true)).toBe(0);
    expect(newestScrollTop(content, false)).toBe(content);
  });
});
