// Panel store (DevTools panel): when queued background messages are applied (ingest.ts) — at the next animation frame,
// but under a flood no more often than MIN_APPLY_INTERVAL_MS, and on a timer while the panel is hidden.

/**
 * Under a flood of frames the panel applies (and so renders) at most this often: every apply re-renders the table and
 * the status line, and on a small machine that work is taken from the inspected page. Quiet traffic still shows at the
 * next animation frame.
 */
const MIN_APPLY_INTERVAL_MS = 250;
let lastApply = -Infinity;

export function scheduleApply(apply: () => void) {
  // rAF does not run while the panel is hidden; the timer keeps memory from piling up in the queue meanwhile.
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      lastApply = performance.now();
      apply();
    }
  };
  const go = () => {
    requestAnimationFrame(once);
    setTimeout(once, 250);
  };
  const wait = lastApply + MIN_APPLY_INTERVAL_MS - performance.now();
  if (wait > 0) setTimeout(go, wait);
  else go();
}
