// Panel store (DevTools panel): breakpoints — the one-shot "break on next frame" rules and the frames breakpoints
// hold until the user forwards, edits or drops them (or their timeout passes). Part of the rules store (rules.ts),
// which puts the one-shots first in what the hooks get and hands answers to its host.
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BackgroundToPanel, CommandPayload, PausedFrame, ResumeAction } from '../shared/protocol';
import { DEFAULT_BREAKPOINT_TIMEOUT_MS, type Rule } from '../shared/rules';

/** A frame a breakpoint holds, as the panel keeps it until resolved or timed out. */
export interface HeldFrame extends PausedFrame {
  browserFrameId: number;
  /** When it reached the panel (ms since the epoch): its timeout runs from about then. */
  arrivedAt: number;
}

export type BreakDirection = 'sent' | 'received';

/** One-shot rules ("break on next frame") have these ids; they are the panel's, never stored. */
export const BREAK_NEXT_ID: Record<BreakDirection, string> = { sent: 'break-next-sent', received: 'break-next-received' };
const BREAK_NEXT_NAME: Record<BreakDirection, string> = { sent: 'Break on next sent frame', received: 'Break on next received frame' };
const DIRECTIONS = ['sent', 'received'] as const;

function breakNextRule(dir: BreakDirection): Rule {
  return {
    id: BREAK_NEXT_ID[dir],
    name: BREAK_NEXT_NAME[dir],
    enabled: true,
    match: { url: '', direction: dir, payload: { kind: 'any' } },
    action: { type: 'breakpoint', timeoutMs: DEFAULT_BREAKPOINT_TIMEOUT_MS },
  };
}

/** A one-shot rule's name, or undefined when `id` is not one. */
export function breakNextName(id: string): string | undefined {
  for (const dir of DIRECTIONS) if (id === BREAK_NEXT_ID[dir]) return BREAK_NEXT_NAME[dir];
  return undefined;
}

export const isBreakNextId = (id: string) => breakNextName(id) !== undefined;

/** The part of the rules store (Rules) that is breakpoints. */
export interface Breakpoints {
  readonly breakNext: ReadonlySignal<Readonly<Record<BreakDirection, boolean>>>;
  /** Frames breakpoints hold, oldest first. */
  readonly held: ReadonlySignal<readonly HeldFrame[]>;
  setBreakNext(dir: BreakDirection, on: boolean): void;
  /** A breakpoint holds a frame (transport.ts hands it here). */
  paused(m: Extract<BackgroundToPanel, { type: 'paused' }>): void;
  /** Answers a held frame: the host tells its page; the frame leaves the list. */
  resolve(frame: HeldFrame, action: ResumeAction, payload?: CommandPayload): void;
  /** Forgets held frames whose timeout has passed (the hook forwarded them unchanged). */
  expire(now?: number): void;
  /** Forgets the held frames that fail `keep` (their documents went away). */
  keepHeld(keep: (frame: HeldFrame) => boolean): void;
}

export function createBreakpoints({
  now,
  resume,
}: {
  now: () => number;
  /** Tells the held frame's page the answer (the rules store's host, while one is connected). */
  resume: (frame: PausedFrame & { browserFrameId: number }, action: ResumeAction, payload?: CommandPayload) => void;
}): Breakpoints & {
  /** The one-shot rules that are on, in order (the same objects each time). */
  readonly oneShots: ReadonlySignal<Rule[]>;
  /** A rule acted on a frame: a one-shot rule that did is done. */
  fired(ruleId: string): void;
} {
  const breakNext = signal<Record<BreakDirection, boolean>>({ sent: false, received: false });
  const held = signal<readonly HeldFrame[]>([]);
  const ONE_SHOTS = { sent: breakNextRule('sent'), received: breakNextRule('received') };
  const oneShots = computed(() => DIRECTIONS.filter((dir) => breakNext.value[dir]).map((dir) => ONE_SHOTS[dir]));

  function fired(ruleId: string) {
    for (const dir of DIRECTIONS)
      if (ruleId === BREAK_NEXT_ID[dir] && breakNext.value[dir]) breakNext.value = { ...breakNext.value, [dir]: false };
  }

  return {
    breakNext,
    held,
    oneShots,
    fired,
    setBreakNext(dir, on) {
      if (breakNext.value[dir] !== on) breakNext.value = { ...breakNext.value, [dir]: on };
    },
    paused(m) {
      const { v: _v, type: _type, ...frame } = m;
      if (held.value.some((h) => h.docId === frame.docId && h.hold === frame.hold && h.browserFrameId === frame.browserFrameId)) return;
      batch(() => {
        held.value = [...held.value, { ...frame, arrivedAt: now() }];
        fired(frame.rule);
      });
    },
    resolve(frame, action, payload) {
      if (!held.value.includes(frame)) return;
      held.value = held.value.filter((h) => h !== frame);
      const { arrivedAt: _at, ...paused } = frame;
      resume(paused, action, action === 'edited' ? payload : undefined);
    },
    expire(t = now()) {
      const left = held.value.filter((h) => h.arrivedAt + h.timeoutMs > t);
      if (left.length !== held.value.length) held.value = left;
    },
    keepHeld(keep) {
      const left = held.value.filter(keep);
      if (left.length !== held.value.length) held.value = left;
    },
  };
}
