// Panel store (DevTools panel): when queued background messages are applied (ingest.ts) — at the next animation frame,
// but under a flood less and less often (at most every 800 ms), and on a timer while the panel is hidden.

/**
 * Every apply re-renders the table, the status line and the connection list, and lays out and paints the panel: a
 * fixed cost per apply, whatever it carries, which on a small machine is taken from the inspected page (B2). Work that
 * arrives less than MIN_APPLY_INTERVAL_MS after the last apply is a flood: the wait between applies then doubles, up
 * to MAX_APPLY_INTERVAL_MS (so the newest frame never waits a second); anything slower shows at the next animation frame.
 */
export const MIN_APPLY_INTERVAL_MS = 250;
export const MAX_APPLY_INTERVAL_MS = 800;

/** For work arriving `sinceLast` ms after the last apply, with the flood's interval so far: the new interval, and the wait. */
export function applyWait(interval: number, sinceLast: number): { interval: number; wait: number } {
  if (sinceLast >= MIN_APPLY_INTERVAL_MS) return { interval: MIN_APPLY_INTERVAL_MS, wait: 0 };
  const next = Math.min(MAX_APPLY_INTERVAL_MS, Math.max(MIN_APPLY_INTERVAL_MS, interval * 2));
  return { interval: next, wait: next - sinceLast };
}

export function createApplySchedule(now: () => number = () => performance.now()) {
  let lastApply = -Infinity;
  /** Of the flood going on; half of it is the first flood's wait. */
  let interval = MIN_APPLY_INTERVAL_MS / 2;
  return (apply: () => void) => {
    // rAF does not run while the panel is hidden; the timer keeps memory from piling up in the queue meanwhile.
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      lastApply = now();
      apply();
    };
    const go = () => {
      requestAnimationFrame(once);
      setTimeout(once, 250);
    };
    const next = applyWait(interval, now() - lastApply);
    interval = next.wait > 0 ? next.interval : MIN_APPLY_INTERVAL_MS / 2;
    if (next.wait > 0) setTimeout(go, next.wait);
    else go();
  };
}
