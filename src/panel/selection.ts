// Panel store (DevTools panel): what the user picked — a connection (which filters the table), a row, whether the
// detail pane shows it, and whether the table follows the newest frame (picking a row stops that, so the row holds
// still under a flood); keyboard keys move the row in the table's display order.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Row } from './model';
import { displayPosition, rowAt, type DisplayList } from './virtualList';

export const ALL_CONNECTIONS = 'all';

export interface Selection {
  /** A connection's key, or ALL_CONNECTIONS. */
  readonly selected: ReadonlySignal<string>;
  readonly selectedRow: ReadonlySignal<Row | undefined>;
  readonly detailOpen: ReadonlySignal<boolean>;
  /** The table keeps the newest frame in view. */
  readonly following: ReadonlySignal<boolean>;
  setFollowing(on: boolean): void;
  selectConnection(key: string): void;
  selectRow(row: Row): void;
  /** Selects `row` (the selected row without one) and shows it in the detail pane. */
  openDetail(row?: Row): void;
  closeDetail(): void;
  /** Moves the selected row by `delta` positions of the list as shown (±Infinity: to either end), and shows it. */
  moveSelection(delta: number, shown: DisplayList, descending: boolean): void;
  /** After a clear or a navigation: the row goes, and the connection too unless it is still known. */
  reset(connections: ReadonlyMap<string, unknown>): void;
}

export function createSelection(): Selection {
  const selected = signal(ALL_CONNECTIONS);
  const selectedRow = signal<Row | undefined>(undefined);
  const detailOpen = signal(false);
  const following = signal(true);

  const select = (row: Row) =>
    batch(() => {
      selectedRow.value = row;
      following.value = false;
    });

  return {
    selected,
    selectedRow,
    detailOpen,
    following,
    setFollowing(on) {
      following.value = on;
    },
    selectConnection(key) {
      selected.value = key;
    },
    selectRow: select,
    openDetail(row = selectedRow.value) {
      if (!row) return;
      batch(() => {
        select(row);
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
      const next = pos < 0 && Number.isFinite(delta) ? (delta > 0 ? 0 : shown.count - 1) : Math.max(0, Math.min(shown.count - 1, pos + delta));
      select(rowAt(shown, next, descending));
    },
    reset(connections) {
      batch(() => {
        selectedRow.value = undefined;
        detailOpen.value = false;
        following.value = true;
        if (!connections.has(selected.value)) selected.value = ALL_CONNECTIONS;
      });
    },
  };
}
