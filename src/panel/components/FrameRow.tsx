// Panel UI: one row of the frames table, absolutely placed by its display position, and the header row whose columns
// it follows.
import { formatTime } from '../../shared/format';
import { rowPreview, type Row } from '../model';
import type { ColumnId } from '../settings';
import { ROW_HEIGHT } from '../virtualList';

const DIRECTION = { sent: '↑', received: '↓', event: '•' } as const;
const DIRECTION_NAME = { sent: 'sent', received: 'received', event: 'lifecycle' } as const;

function formatDelta(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1) return `+${ms.toFixed(3)} ms`;
  if (ms < 1000) return `+${ms.toFixed(1)} ms`;
  return `+${(ms / 1000).toFixed(2)} s`;
}

interface RowProps {
  row: Row;
  /** Display position. */
  index: number;
  delta: number | undefined;
  columns: Record<ColumnId, boolean>;
  selected: boolean;
  onSelect: (row: Row) => void;
  onOpen: (row: Row) => void;
  onMenu: (row: Row, x: number, y: number) => void;
}

export function FrameRow({ row, index, delta, columns: col, selected, onSelect, onOpen, onMenu }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      class={`row dir-${row.dir} type-${row.type}${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      onClick={() => onSelect(row)}
      onDblClick={() => onOpen(row)}
      onContextMenu={(e) => {
        e.preventDefault();
        onSelect(row);
        onMenu(row, e.clientX, e.clientY);
      }}
    >
      {col.dir && (
        <span role="gridcell" class="c-dir" title={DIRECTION_NAME[row.dir]} aria-label={DIRECTION_NAME[row.dir]}>
          {DIRECTION[row.dir]}
        </span>
      )}
      {col.time && <span role="gridcell" class="c-time">{formatTime(row.t)}</span>}
      {col.delta && <span role="gridcell" class="c-delta">{formatDelta(delta)}</span>}
      {col.connection && <span role="gridcell" class="c-conn">{row.key ? `#${row.key.slice(row.key.lastIndexOf(':') + 1)}` : ''}</span>}
      {col.size && <span role="gridcell" class="c-size">{row.dir === 'event' ? '' : row.length}</span>}
      {col.type && <span role="gridcell" class="c-type">{row.type}</span>}
      {col.data && (
        <span role="gridcell" class="c-data">
          {rowPreview(row)}
          {row.truncated && <span class="truncated"> (truncated: {row.length} bytes in all)</span>}
        </span>
      )}
    </div>
  );
}

export function FrameHeader({ columns, descending, onSort }: { columns: Record<ColumnId, boolean>; descending: boolean; onSort: () => void }) {
  return (
    <div role="row" aria-rowindex={1} class="row header">
      {columns.dir && (
        <span role="columnheader" class="c-dir" aria-label="Direction">
          ⇅
        </span>
      )}
      {columns.time && (
        <span role="columnheader" class="c-time" aria-sort={descending ? 'descending' : 'ascending'}>
          <button type="button" class="sort" onClick={onSort} title="Sort by time">
            Time {descending ? '▼' : '▲'}
          </button>
        </span>
      )}
      {columns.delta && (
        <span role="columnheader" class="c-delta" title="Time since the previous visible row">
          Δ
        </span>
      )}
      {columns.connection && <span role="columnheader" class="c-conn">Socket</span>}
      {columns.size && <span role="columnheader" class="c-size">Size</span>}
      {columns.type && <span role="columnheader" class="c-type">Type</span>}
      {columns.data && <span role="columnheader" class="c-data">Data</span>}
    </div>
  );
}
