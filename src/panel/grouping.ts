// Panel store (DevTools panel): Group by — the field chosen (none by default) and the groups of the frames shown, counted
// by groupBy.ts as the visible list grows, and counted afresh when a connection's decoder changes (its facts do).
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { TermKey } from './decode/types';
import { createGroupCounter, type Grouping as Groups } from './groupBy';
import type { ViewDecoding } from './view';
import type { DisplayList } from './virtualList';

export interface Grouping {
  /** The field frames are grouped by; '' for none (nothing is counted then). */
  readonly field: ReadonlySignal<TermKey | ''>;
  readonly groups: ReadonlySignal<Groups | undefined>;
  setField(field: TermKey | ''): void;
}

export function createGrouping(visible: ReadonlySignal<DisplayList>, decoding: ViewDecoding): Grouping {
  const field = signal<TermKey | ''>('');
  let counter = createGroupCounter(decoding);
  let assignment = '';
  const groups = computed(() => {
    const f = field.value;
    if (!f) return undefined;
    const list = visible.value;
    if (decoding.assignment.value !== assignment) {
      assignment = decoding.assignment.value;
      counter = createGroupCounter(decoding);
    }
    return counter(list, f);
  });
  return {
    field,
    groups,
    setField(f) {
      field.value = f;
    },
  };
}
