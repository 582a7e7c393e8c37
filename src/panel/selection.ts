// Panel store (DevTools panel): what the user picked — a connection (which filters the table), a row, and whether the
// detail pane shows it; keyboard ↑/↓ move the row in the table's display order.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Row } from './model';
import { displayPosition, rowAt, type DisplayList } from './virtualList';

export const ALL_CONNECTIONS = 'all';

export interface Selection {
  /** A connection's key, or ALL_CONNECTIONS. */
  readonly selected: ReadonlySignal<string>;
  readonly selectedRow: ReadonlySignal<Row | undefined>;
  readonly detailOpen: ReadonlySignal<boolean>;
  selectConnection(key: string): void;
  selectRow(row: Row): void;
  /** Selects `row` (the selected row without one) and shows it in the detail pane. */
  openDetail(row?: Row): void;
  closeDetail(): void;
  /** Moves the selected row by `delta` positions of the list as shown. */
  moveSelection(delta: number, shown: DisplayList, descending: boolean): void;
  /** After a clear or a navigation: the row goes, and the connection too unless it is still known. */
  reset(connections: ReadonlyMap<string, unknown>): void;
}

export function createSelection(): Selection {
  const selected = signal(ALL_CONNECTIONS);
  const selectedRow = signal<Row | undefined>(undefined);
  const detailOpen = signal(false);

  return {
    selected,
    selectedRow,
    detailOpen,
    selectConnection(key) {
      selected.value = key;
    },
    selectRow(row) {
      selectedRow.value = row;
    },
    openDetail(row = selectedRow.value) {
      if (!row) return;
      batch(() => {
        selectedRow.value = row;
        detailOpen.value = true;
      });
    },
    closeDetail() {
      detailOpen.value = false;
    },
    moveSelection(delta, shown, descending) {
      if (!shown.count) return;
      const current = selectedRow.value;
      const pos = current ? displayPosition(shown, current, descending) : -1;
      const next = pos < 0 ? (delta > 0 ? 0 : shown.count - 1) : Math.max(0, Math.min(shown.count - 1, pos + delta));
      selectedRow.value = rowAt(shown, next, descending);
    },
    reset(connections) {
      batch(() => {
        selectedRow.value = undefined;
        detailOpen.value = false;
        if (!connections.has(selected.value)) selected.value = ALL_CONNECTIONS;
      });
    },
  };
}
