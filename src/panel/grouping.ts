// Panel store (DevTools panel): Group by — the field chosen (none by default) and the groups of the frames shown, counted
// by groupBy.ts as the visible list grows, and counted afresh when a connection's decoder changes (its facts do). A
// first pass over a big store (a million frames, each decoded once for its facts) goes a slice per task, so the
// panel never stalls on it.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { createGroupCounter, type GroupField, type Grouping as Groups } from './groupBy';
import type { ViewDecoding } from './view';
import type { DisplayList } from './virtualList';

export interface Grouping {
  /** The field frames are grouped by; '' for none (nothing is counted then). */
  readonly field: ReadonlySignal<GroupField | ''>;
  readonly groups: ReadonlySignal<Groups | undefined>;
  setField(field: GroupField | ''): void;
}

/** Rows counted per slice: about 50 ms when each is decoded for the first time (B7: 1.2 s per million). */
export const GROUP_SLICE = 50_000;

export function createGrouping(visible: ReadonlySignal<DisplayList>, decoding: ViewDecoding, later: (next: () => void) => void = (next) => setTimeout(next, 0)): Grouping {
  const field = signal<GroupField | ''>('');
  /** Bumped to count the next slice. */
  const slice = signal(0);
  let waiting = false;
  let counter = createGroupCounter(decoding);
  let assignment = '';
  const groups = computed(() => {
    slice.value;
    const f = field.value;
    if (!f) return undefined;
    const list = visible.value;
    if (decoding.assignment.value !== assignment) {
      assignment = decoding.assignment.value;
      counter = createGroupCounter(decoding);
    }
    const counted = counter(list, f, GROUP_SLICE);
    if (counted.counted < counted.total && !waiting) {
      waiting = true;
      later(() => {
        waiting = false;
        slice.value++;
      });
    }
    return counted;
  });
  return {
    field,
    groups,
    setField(f) {
      field.value = f;
    },
  };
}
