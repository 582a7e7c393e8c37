// Panel store (DevTools panel): what the user picked — a connection (which filters the table), a row and the rows marked
// with it (Ctrl/Cmd-click, Shift-click, Shift+↑/↓, Ctrl/Cmd+A: for replay), whether the detail pane shows the row, and
// whether the table follows the newest frame (picking a row stops that, so the row holds still under a flood); keyboard
// keys move the row in the table's display order.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Row } from './model';
import { displayPosition, rowAt, type DisplayList } from './virtualList';

export const ALL_CONNECTIONS = 'all';

export interface Selection {
  /** A connection's key, or ALL_CONNECTIONS. */
  readonly selected: ReadonlySignal<string>;
  readonly selectedRow: ReadonlySignal<Row | undefined>;
  /** The rows selected together (the selected row among them); one row after a plain click. */
  readonly marked: ReadonlySignal<ReadonlySet<Row>>;
  readonly detailOpen: ReadonlySignal<boolean>;
  /** The table keeps the newest frame in view. */
  readonly following: ReadonlySignal<boolean>;
  setFollowing(on: boolean): void;
  selectConnection(key: string): void;
  selectRow(row: Row): void;
  /** Selects `row` (the selected row without one) and shows it in the detail pane. */
  openDetail(row?: Row): void;
  closeDetail(): void;
  /**
   * Moves the selected row by `delta` positions of the list as shown (±Infinity: to either end), and shows it;
   * `extend` marks every row from where the range started to it.
   */
  moveSelection(delta: number, shown: DisplayList, descending: boolean, extend?: boolean): void;
  /** Ctrl/Cmd-click: adds the row to the marked ones, or takes it out. Shift-click: marks the range from the anchor to it. */
  pick(row: Row, how: 'toggle' | 'range', shown: DisplayList, descending: boolean): void;
  /** Marks every row shown. */
  selectAll(shown: DisplayList): void;
  /** After a clear or a navigation: the row goes, and the connection too unless it is still known. */
  reset(connections: ReadonlyMap<string, unknown>): void;
}

export function createSelection(): Selection {
  const selected = signal(ALL_CONNECTIONS);
  const selectedRow = signal<Row | undefined>(undefined);
  const detailOpen = signal(false);
  const following = signal(true);
  const marked = signal<ReadonlySet<Row>>(new Set());
  /** Where a Shift range starts: the last row picked without Shift. */
  let anchor: Row | undefined;

  const select = (row: Row, keep: ReadonlySet<Row> = new Set([row])) =>
    batch(() => {
      selectedRow.value = row;
      marked.value = keep;
      following.value = false;
    });

  /** The rows shown between two rows, both included (in time order). */
  const range = (shown: DisplayList, a: Row, b: Row): Set<Row> => {
    const i = displayPosition(shown, a, false);
    const j = displayPosition(shown, b, false);
    if (i < 0 || j < 0) return new Set([b]);
    const out = new Set<Row>();
    for (let k = Math.min(i, j); k <= Math.max(i, j); k++) out.add(rowAt(shown, k, false));
    return out;
  };

  return {
    selected,
    selectedRow,
    marked,
    detailOpen,
    following,
    setFollowing(on) {
      following.value = on;
    },
    selectConnection(key) {
      selected.value = key;
    },
    selectRow(row) {
      anchor = row;
      select(row);
    },
    openDetail(row = selectedRow.value) {
      if (!row) return;
      batch(() => {
        if (row !== selectedRow.value || !marked.value.has(row)) {
          anchor = row;
          select(row);
        }
        detailOpen.value = true;
      });
    },
    pick(row, how, shown) {
      if (how === 'range' && anchor) return select(row, range(shown, anchor, row));
      const next = new Set(marked.value);
      if (next.has(row) && next.size > 1) next.delete(row);
      else next.add(row);
      anchor = row;
      select(next.has(row) ? row : [...next].at(-1)!, next);
    },
    selectAll(shown) {
      if (!shown.count) return;
      const all = new Set<Row>();
      for (let k = 0; k < shown.count; k++) all.add(rowAt(shown, k, false));
      select(selectedRow.value && all.has(selectedRow.value) ? selectedRow.value : rowAt(shown, shown.count - 1, false), all);
    },
    closeDetail() {
      detailOpen.value = false;
    },
    moveSelection(delta, shown, descending, extend = false) {
      if (!shown.count) return;
      const current = selectedRow.value;
      const pos = current ? displayPosition(shown, current, descending) : -1;
      const next = pos < 0 && Number.isFinite(delta) ? (delta > 0 ? 0 : shown.count - 1) : Math.max(0, Math.min(shown.count - 1, pos + delta));
      const row = rowAt(shown, next, descending);
      if (extend && anchor) return select(row, range(shown, anchor, row));
      anchor = row;
      select(row);
    },
    reset(connections) {
      batch(() => {
        selectedRow.value = undefined;
        marked.value = new Set();
        anchor = undefined;
        detailOpen.value = false;
        following.value = true;
        if (!connections.has(selected.value)) selected.value = ALL_CONNECTIONS;
      });
    },
  };
}
