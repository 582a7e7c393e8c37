// Panel store (DevTools panel): Diff — the two frames compared, taken from the rows marked together (selection.ts),
// the earlier one first; they stay compared until the view is closed, whatever else is selected meanwhile.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Row } from './model';

export interface Compare {
  readonly pair: ReadonlySignal<readonly [Row, Row] | undefined>;
  /** Compares the two marked frames; false when not exactly two frames are marked. */
  show(marked: ReadonlySet<Row>): boolean;
  close(): void;
}

export function createCompare(): Compare {
  const pair = signal<readonly [Row, Row] | undefined>(undefined);
  return {
    pair,
    show(marked) {
      const rows = [...marked].filter((r) => r.dir !== 'event');
      if (rows.length !== 2 || marked.size !== 2) return false;
      pair.value = rows[0].t <= rows[1].t ? [rows[0], rows[1]] : [rows[1], rows[0]];
      return true;
    },
    close() {
      pair.value = undefined;
    },
  };
}
