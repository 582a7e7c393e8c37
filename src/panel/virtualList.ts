// Panel (pure logic, DevTools panel): the frames table's virtual-list maths — which rows are in the DOM, where to scroll
// to keep a row in view or to follow the newest, and which row sits at each display position in either sort order.
import { firstAfter } from '../shared/search';
import type { Row } from './model';

/** Fixed, so that positions are arithmetic and only the rows in view need a DOM element. */
export const ROW_HEIGHT = 20;
/** Rows rendered beyond each edge of the viewport, so a quick scroll shows no blank band before the next render. */
export const OVERSCAN = 8;

/** The rows shown: indices into `rows`, ascending (so in time order). */
export interface DisplayList {
  rows: readonly Row[];
  indices: readonly number[];
  count: number;
}

/** The row at display position `pos`: oldest first, or newest first when descending. */
export function rowAt(list: DisplayList, pos: number, descending: boolean): Row {
  return list.rows[list.indices[descending ? list.count - 1 - pos : pos]];
}

/** Display position of `row`, or -1 if it is not shown. Shown rows are in time order, so it is found by time. */
export function displayPosition(list: DisplayList, row: Row, descending: boolean): number {
  const { rows, indices, count } = list;
  for (let k = firstAfter(indices, row.t, (i) => rows[i].t, 0) - 1; k >= 0 && rows[indices[k]].t === row.t; k--)
    if (rows[indices[k]] === row) return descending ? count - 1 - k : k;
  return -1;
}

/** The display positions [first, last) to render for a viewport scrolled to `scrollTop`. */
export function renderWindow(scrollTop: number, viewHeight: number, count: number): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN),
    last: Math.min(count, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN),
  };
}

/** The scroll position that shows position `pos` whole, moving as little as possible (`scrollTop` if it already shows). */
export function scrollToShow(pos: number, scrollTop: number, viewHeight: number): number {
  const top = pos * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + ROW_HEIGHT > scrollTop + viewHeight) return top + ROW_HEIGHT - viewHeight;
  return scrollTop;
}

/** Whether the viewport shows the newest row (within a row's height): the top when descending, else the bottom. */
export function isAtNewest(scrollTop: number, viewHeight: number, contentHeight: number, descending: boolean): boolean {
  return descending ? scrollTop <= ROW_HEIGHT : scrollTop + viewHeight >= contentHeight - ROW_HEIGHT;
}

/** The scroll position of the newest end (the browser clamps it to the largest it can scroll to). */
export function newestScrollTop(contentHeight: number, descending: boolean): number {
  return descending ? 0 : contentHeight;
}
