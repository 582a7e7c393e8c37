// Panel (pure logic): how often the DevTools panel reads DevTools' network log (devtoolsLogPoll.ts) — often while
// worker sockets are busy, less when idle, and never so often that reading the log takes much of the panel's time.

/** Polls come this often while worker sockets are busy. */
export const POLL_MS = 1000;
/** At most this often when nothing changes (so a quiet worker's next frame shows within ~3 s)… */
export const IDLE_POLL_MS = 3000;
/**
 * …and never more often than keeps reading the log under a tenth of the time (getHAR copies the whole log, and a
 * large one blocks the panel's own thread for part of it: about 400-600 ms of a 0.7-2.3 s read of 120,000 messages),
 * or a thirtieth while the log holds no worker socket at all, which is most pages.
 */
export const COST_FACTOR = 10;
export const COST_FACTOR_NO_WORKERS = 30;

/** The wait before the next poll: 1 s while anything changed, growing by half when idle, and a multiple of what reading the log took. */
export function nextPollDelay(previous: number, costMs: number, active: boolean, workers: boolean): number {
  return Math.max(costMs * (workers ? COST_FACTOR : COST_FACTOR_NO_WORKERS), active ? POLL_MS : Math.min(IDLE_POLL_MS, previous * 1.5));
}
