// Panel (pure logic): rows that mark a place in the table rather than an event of a socket — navigation, what the
// page's caps dropped, what the panel's caps evicted, what went unrecorded while paused — and a log socket's close.
import type { MarkerType, Row } from './model';

export function markerRow(type: MarkerType, t: number, data: string): Row {
  return { key: '', seq: 0, t, dir: 'event', type, data, length: 0, truncated: false };
}

export const navigationRow = (url: string, t: number) => markerRow('navigation', t, `Navigated to ${url}`);

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** Where seqs never reached the panel: the page's history caps dropped them before the panel attached or caught up. */
export const droppedRow = (n: number, t: number) =>
  markerRow('dropped', t, `${plural(n, 'event')} dropped here by the page's history caps (⚙ Settings)`);
export const evictedRow = (n: number, t: number) =>
  markerRow('evicted', t, `${plural(n, 'older frame')} evicted by this panel's caps (⚙ Settings)`);
/** A log socket's close: DevTools' log says when, not with which code. */
export const endedRow = (key: string, seq: number, t: number): Row => ({
  key, seq, t, dir: 'event', type: 'close', data: 'Closed (DevTools’ network log does not record the code)', length: 0, truncated: false,
});
export const pausedRow = (n: number, t: number) => markerRow('paused', t, `${plural(n, 'frame')} not recorded while paused`);
