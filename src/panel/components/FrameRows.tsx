// Panel UI: the rows of the frames table in the render window (virtualList.ts picks which), each with the Δ to the
// frame before it in time and its socket's name.
import type { ColumnId } from '../settings';
import type { Row } from '../model';
import type { Store } from '../store';
import { rowAt, type DisplayList } from '../virtualList';
import { FrameRow, type SocketName } from './FrameRow';

interface FrameRowsProps {
  store: Store;
  list: DisplayList;
  /** The render window: display positions first to last (exclusive). */
  first: number;
  last: number;
  descending: boolean;
  columns: Record<ColumnId, boolean>;
  marked: ReadonlySet<Row>;
  onMenu: (row: Row, x: number, y: number) => void;
}

export function FrameRows({ store, list, first, last, descending, columns, marked, onMenu }: FrameRowsProps) {
  const { count } = list;
  const connections = store.connections.value;
  const labels = store.labels.value;
  const pins = store.pins.pins.value;
  // Compressed frames' summaries change once inflated: read again then.
  if (columns.message) store.decoding.inflated.value;
  const socketName = (key: string, row?: Row): SocketName | undefined => {
    const c = connections.get(key) ?? (row && pins.get(row)?.connection);
    return c && { n: c.n, label: labels.get(key) ?? c.url, url: c.url };
  };
  const visibleRows = [];
  for (let i = first; i < last; i++) {
    const r = rowAt(list, i, descending);
    // Δ is measured to the previous visible frame in time, whichever way the table is sorted.
    const previous = descending ? (i + 1 < count ? rowAt(list, i + 1, descending) : undefined) : i > 0 ? rowAt(list, i - 1, descending) : undefined;
    visibleRows.push(
      <FrameRow
        // Keyed by place in the window, not by row: scrolling and following the newest rows then update the same few
        // dozen elements in place instead of creating and removing them on every update.
        key={i - first}
        row={r}
        index={i}
        delta={previous && r.t - previous.t}
        columns={columns}
        socket={columns.connection ? socketName(r.key, r) : undefined}
        selected={marked.has(r)}
        pin={pins.get(r)}
        message={columns.message ? (store.decoding.inflatedOf(r)?.summary ?? '') : ''}
        ruleName={store.rules.nameOf}
        onOpen={store.openDetail}
        onPick={store.pick}
        onMenu={onMenu}
      />,
    );
  }
  return <>{visibleRows}</>;
}
