// Panel UI: the virtualised frames table (only rows in view are in the DOM; the maths is in virtualList.ts). Sticks to
// the newest row while the user is at the newest end; keyboard ↑/↓ moves the selection, Enter opens the detail pane.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Row } from '../model';
import { ALL_CONNECTIONS, type Store } from '../store';
import { ROW_HEIGHT, displayPosition, isAtNewest, newestScrollTop, renderWindow, rowAt, scrollToShow } from '../virtualList';
import { FrameHeader, FrameRow } from './FrameRow';
import { RowMenu } from './RowMenu';

export function FrameTable({ store, onCopy }: { store: Store; onCopy: (text: string) => void }) {
  const list = store.visible.value;
  const { rows, count } = list;
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
    el.scrollTop = newestScrollTop(el.scrollHeight, descending);
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
    const pos = displayPosition(list, selectedRow, descending);
    if (pos >= 0) el.scrollTop = scrollToShow(pos, el.scrollTop, el.clientHeight);
  }, [selectedRow]);

  const onScroll = () => {
    const el = body.current!;
    setAtNewest(isAtNewest(el.scrollTop, el.clientHeight, el.scrollHeight, descending));
    setScrollTop(el.scrollTop);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      store.moveSelection(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      store.openDetail();
    } else if (e.key === 'Escape') {
      store.closeDetail();
    }
  };

  const { first, last } = renderWindow(scrollTop, height, count);
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
        selected={r === selectedRow}
        onSelect={store.selectRow}
        onOpen={store.openDetail}
        onMenu={(row, x, y) => setMenu({ row, x, y })}
      />,
    );
  }

  return (
    <div class="frames" role="grid" aria-label="Frames" aria-rowcount={count + 1} tabIndex={0} onKeyDown={onKeyDown}>
      <FrameHeader columns={columns} descending={descending} onSort={store.toggleSort} />
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
