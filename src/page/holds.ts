// MAIN world (bundled into the page hook): where intercept.ts holds frames — a queue per socket and direction (`Sock.q`,
// capture.ts), so the frames behind a held one wait their turn — for delays, and for breakpoints waiting for the panel's
// answer, which src/content/relay.ts brings as `resume` (or their timeout, which lets the frame go on unchanged).
import type { RelayToPage } from '../shared/protocol';
import { apply, clearTimer, list, setTimer, splice, type Win } from './intrinsics';

/** A frame waiting its turn on its socket and direction: `go` runs when it is first in line and ready. */
export interface Held {
  ready: boolean;
  go: () => void;
}

export type Resume = RelayToPage & { type: 'resume' };

/** Runs the queue's ready frames in order; a frame not ready stops the line behind it. */
export function pump(q: Held[]) {
  while (q.length && q[0].ready) {
    const h = q[0];
    apply(splice, q, [0, 1]);
    try {
      h.go();
    } catch {}
  }
}

export function createHolds(win: Win) {
  let lastHold = 0;
  /** Breakpoints waiting for the panel, by hold number. */
  const paused = list<((m: Resume) => void) | undefined>();

  return {
    /** Holds `h`, in its queue `q`, for `ms`; then it and the ready frames behind it go on. */
    delay(h: Held, q: Held[], ms: number) {
      h.ready = false;
      apply(setTimer, win, [() => ((h.ready = true), pump(q)), ms]);
    },
    /**
     * Holds `h` until the panel answers (`resume` with the hold number this returns) or `timeoutMs` passes (answered as
     * `forward`, timed out); `answer` sets how the frame goes on, then it and the ready frames behind it do.
     */
    breakpoint(h: Held, q: Held[], timeoutMs: number, answer: (m: Resume, timedOut?: true) => void): number {
      const hold = ++lastHold;
      h.ready = false;
      const timer = apply(setTimer, win, [() => resume({ v: 1, type: 'resume', hold, action: 'forward' }, true), timeoutMs]);
      const resume = (m: Resume, timedOut?: true) => {
        paused[hold] = undefined;
        apply(clearTimer, win, [timer]);
        answer(m, timedOut);
        h.ready = true;
        pump(q);
      };
      paused[hold] = resume;
      return hold;
    },
    /** The panel's answer to a breakpoint (none, if it timed out already). */
    resume(m: Resume) {
      const done = m.hold < paused.length ? paused[m.hold] : undefined;
      paused[m.hold] = undefined;
      done?.(m);
    },
  };
}
