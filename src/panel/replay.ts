// Panel store (DevTools panel): replaying selected frames on a connection — the plan (which frames, in time order, and
// the wait before each: the original spacing, a fixed interval, or none), and the run: one frame at a time, each sent
// only after the page answered for the one before, so order always holds; progress shown, stoppable.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Row } from './model';

export type ReplayTiming = 'original' | 'interval' | 'fast';
export const REPLAY_TIMINGS: [ReplayTiming, string][] = [
  ['original', 'Original spacing'],
  ['interval', 'Fixed interval'],
  ['fast', 'As fast as possible'],
];
/** A gap in the original spacing longer than this is shortened to it: a replay should not sit idle for an hour. */
export const MAX_ORIGINAL_GAP_MS = 10_000;

export interface ReplayPlan {
  frames: Row[];
  /** The wait before each frame, in ms. */
  waits: number[];
}

export function replayPlan(rows: Iterable<Row>, timing: ReplayTiming, intervalMs: number): ReplayPlan {
  const frames = [...rows].filter((r) => r.dir !== 'event').sort((a, b) => a.t - b.t);
  const waits = frames.map((r, i) => {
    if (i === 0 || timing === 'fast') return 0;
    if (timing === 'interval') return Math.max(0, intervalMs);
    return Math.min(MAX_ORIGINAL_GAP_MS, Math.max(0, r.t - frames[i - 1].t));
  });
  return { frames, waits };
}

export interface ReplayState {
  done: number;
  total: number;
  running: boolean;
  /** Why it stopped early, or '' when it ran through or was stopped by the user. */
  error: string;
}

export interface Replay {
  readonly state: ReadonlySignal<ReplayState | undefined>;
  /** Whether the replay bar shows. */
  readonly shown: ReadonlySignal<boolean>;
  show(on: boolean): void;
  /** Runs the plan with `send` (resolving '' when the page did it, else why not); a running replay is stopped first. */
  start(plan: ReplayPlan, send: (row: Row) => Promise<string>, sleep?: (ms: number) => Promise<void>): Promise<void>;
  stop(): void;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createReplay(): Replay {
  const state = signal<ReplayState | undefined>(undefined);
  const shown = signal(false);
  /** Bumped by every start and stop: a run that sees another value has been stopped. */
  let run = 0;
  return {
    state,
    shown,
    show: (on) => void (shown.value = on),
    async start(plan, send, sleep = wait) {
      const mine = ++run;
      const total = plan.frames.length;
      state.value = { done: 0, total, running: total > 0, error: '' };
      for (let i = 0; i < total; i++) {
        if (plan.waits[i]) await sleep(plan.waits[i]);
        if (run !== mine) return;
        const error = await send(plan.frames[i]);
        if (run !== mine) return;
        if (error) {
          state.value = { done: i, total, running: false, error: `Frame ${i + 1}: ${error}` };
          return;
        }
        state.value = { done: i + 1, total, running: i + 1 < total, error: '' };
      }
    },
    stop() {
      run++;
      if (state.value?.running) state.value = { ...state.value, running: false };
    },
  };
}
