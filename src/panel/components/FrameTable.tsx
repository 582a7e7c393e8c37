// Panel UI: the virtualised frames table (fixed row height; only rows in view are in the DOM). Sticks to the newest
// row while the user is at the newest end; keyboard ↑/↓ moves the selection, Enter opens the detail pane.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatTime } from '../../shared/format';
import { copyFormats } from '../actions';
import { rowPreview, type Row } from '../model';
import { ALL_CONNECTIONS, type ColumnId, type Store } from '../store';

export const ROW_HEIGHT = 20;
const OVERSCAN = 8;
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
  index: number;
  delta: number | undefined;
  columns: Record<ColumnId, boolean>;
  selected: boolean;
  onSelect: (row: Row) => void;
  onOpen: (row: Row) => void;
  onMenu: (row: Row, x: number, y: number) => void;
}

function FrameRow({ row, index, delta, columns: col, selected, onSelect, onOpen, onMenu }: RowProps) {
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

function RowMenu({ row, x, y, onCopy, onClose }: { row: Row; x: number; y: number; onCopy: (text: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => !ref.current?.contains(e.target as Node) && onClose();
    addEventListener('mousedown', close);
    return () => removeEventListener('mousedown', close);
  }, [onClose]);
  return (
    <div
      ref={ref}
      class="context-menu"
      role="menu"
      aria-label="Frame actions"
      style={{ left: x, top: y }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {copyFormats(row).map((f) => (
        <button
          type="button"
          role="menuitem"
          key={f.label}
          onClick={() => {
            onCopy(f.text());
            onClose();
          }}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}

export function FrameTable({ store, onCopy }: { store: Store; onCopy: (text: string) => void }) {
  const { rows, indices, count } = store.visible.value;
  const chosen = store.columns.value;
  // With the detail pane open the table is narrow: like DevTools' Network panel, keep only what identifies a row.
  const compact = store.detailOpen.value;
  const columns = {
    ...chosen,
    delta: chosen.delta && !compact,
    size: chosen.size && !compact,
    type: chosen.type && !compact,
    connection: chosen.connection && !compact && store.selected.value === ALL_CONNECTIONS,
  };
  const descending = store.sortDescending.value;
  const selectedRow = store.selectedRow.value;
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [menu, setMenu] = useState<{ row: Row; x: number; y: number }>();
  /** True while the user is at the newest end; new rows then keep it in view. */
  const [atNewest, setAtNewest] = useState(true);

  const at = (i: number) => rows[indices[descending ? count - 1 - i : i]];

  useLayoutEffect(() => {
    const el = body.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const jumpToNewest = () => {
    const el = body.current;
    if (!el) return;
    el.scrollTop = descending ? 0 : el.scrollHeight;
    setScrollTop(el.scrollTop);
    setAtNewest(true);
  };

  useLayoutEffect(() => {
    if (atNewest) jumpToNewest();
  }, [count, height, descending]);

  // Keep the keyboard selection in view.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el || !selectedRow) return;
    let pos = -1;
    for (let i = 0; i < count && pos < 0; i++) if (at(i) === selectedRow) pos = i;
    if (pos < 0) return;
    const top = pos * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedRow]);

  const onScroll = () => {
    const el = body.current!;
    const newest = descending ? el.scrollTop <= ROW_HEIGHT : el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    setAtNewest(newest);
    setScrollTop(el.scrollTop);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      store.moveSelection(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter' && store.selectedRow.value) {
      store.detailOpen.value = true;
    } else if (e.key === 'Escape') {
      store.detailOpen.value = false;
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const select = (row: Row) => (store.selectedRow.value = row);
  const open = (row: Row) => {
    store.selectedRow.value = row;
    store.detailOpen.value = true;
  };
  const visibleRows = [];
  for (let i = first; i < last; i++) {
    const r = at(i);
    // Δ is measured to the previous visible frame in time, whichever way the table is sorted.
    const previous = descending ? (i + 1 < count ? at(i + 1) : undefined) : i > 0 ? at(i - 1) : undefined;
    visibleRows.push(
      <FrameRow
        // Keyed by place in the window, not by row: scrolling and following the newest rows then update the same few
        // dozen elements in place instead of creating and removing them on every update.
        key={i - first}
        row={r}
        index={i}
        delta={previous && r.t - previous.t}
        columns={columns}
        selected={r === selectedRow}
        onSelect={select}
        onOpen={open}
        onMenu={(row, x, y) => setMenu({ row, x, y })}
      />,
    );
  }

  return (
    <div class="frames" role="grid" aria-label="Frames" aria-rowcount={count + 1} tabIndex={0} onKeyDown={onKeyDown}>
      <div role="row" aria-rowindex={1} class="row header">
        {columns.dir && (
          <span role="columnheader" class="c-dir" aria-label="Direction">
            ⇅
          </span>
        )}
        {columns.time && (
          <span role="columnheader" class="c-time" aria-sort={descending ? 'descending' : 'ascending'}>
            <button type="button" class="sort" onClick={() => (store.sortDescending.value = !descending)} title="Sort by time">
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
      <div class="frames-body" ref={body} onScroll={onScroll}>
        <div role="rowgroup" class="frames-canvas" style={{ height: count * ROW_HEIGHT }}>
          {visibleRows}
        </div>
        {count === 0 && (
          <p class="empty">
            {rows.length
              ? 'No frames match the filters. Clear the filter box or set Direction and Type to "All".'
              : store.paused.value
                ? 'Recording is paused. Press ▶ to record frames again.'
                : 'No frames yet. Frames appear here as the page sends and receives them; reload the page to catch its first sockets.'}
          </p>
        )}
      </div>
      {!atNewest && count > 0 && (
        <button type="button" class="jump" onClick={jumpToNewest} aria-label="Jump to newest">
          {descending ? '↑' : '↓'} Newest
        </button>
      )}
      {menu && <RowMenu row={menu.row} x={menu.x} y={menu.y} onCopy={onCopy} onClose={() => setMenu(undefined)} />}
    </div>
  );
}
