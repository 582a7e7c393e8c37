// Panel UI: the virtualised frames table (only rows in view are in the DOM; the maths is in virtualList.ts). Follows the
// newest row until the user picks a row or scrolls away; then the rows in view hold still, even as rows arrive or are
// evicted around them. Keys (frameTableKeys.ts): ↑/↓, Home/End, PgUp/PgDn move the selection, Enter and Esc open and
// close the details.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { rowMinWidth, type ResizableColumn } from '../layout';
import type { FrameAction } from '../actions';
import type { Row } from '../model';
import type { Store } from '../store';
import { ROW_HEIGHT, displayPosition, isAtNewest, newestScrollTop, renderWindow, rowAt } from '../virtualList';
import { EmptyHint } from './EmptyHint';
import { FrameHeader } from './FrameRow';
import { frameTableKeyHandler } from './frameTableKeys';
import { FrameRows } from './FrameRows';
import { RowMenu } from './RowMenu';

interface FrameTableProps {
  store: Store;
  onCopy: (text: string, what?: string) => void;
  onAction: (row: Row, action: FrameAction) => void;
  onNotice: (text: string) => void;
}

export function FrameTable({ store, onCopy, onAction, onNotice }: FrameTableProps) {
  const list = store.visible.value;
  const { count } = list;
  // The Message column shows once a connection decodes: a page of raw sockets keeps its table as it was.
  const chosen = store.columns.value;
  const anyDecoded = store.decoding.anyDecoded.value;
  store.decoding.protocols.value; // re-render when a connection's decoder changes
  const columns = chosen.message && !anyDecoded ? { ...chosen, message: false } : chosen;
  const widths = store.layout.prefs.value.columnWidths;
  const descending = store.sortDescending.value;
  const selectedRow = store.selectedRow.value;
  const marked = store.marked.value;
  const following = store.following.value;
  const body = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [menu, setMenu] = useState<{ row: Row; x: number; y: number }>();
  /** The first row in view and how far it is scrolled past: what holds still when not following. */
  const anchor = useRef<{ row: Row; offset: number }>();

  useLayoutEffect(() => {
    const el = body.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Remembers the row at the top of the view, for the next time rows arrive or go. */
  const remember = (top: number) => {
    const pos = Math.min(count - 1, Math.floor(top / ROW_HEIGHT));
    anchor.current = count ? { row: rowAt(list, pos, descending), offset: top - pos * ROW_HEIGHT } : undefined;
  };

  const scrollTo = (top: number) => {
    const el = body.current;
    if (!el) return;
    el.scrollTop = top;
    setScrollTop(el.scrollTop);
    remember(el.scrollTop);
  };

  const jumpToNewest = () => {
    store.setFollowing(true);
    scrollTo(newestScrollTop(count * ROW_HEIGHT, descending));
  };

  // Rows arrived or went: follow the newest, or keep the anchor row where it was on screen.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    if (following) return scrollTo(newestScrollTop(el.scrollHeight, descending));
    const a = anchor.current;
    const pos = a ? displayPosition(list, a.row, descending) : -1;
    scrollTo(pos >= 0 ? pos * ROW_HEIGHT + a!.offset : el.scrollTop);
  }, [list, height, descending, following]);

  // Keep the keyboard selection in view.
  const reveal = (row: Row, center = false) => {
    const el = body.current;
    const pos = displayPosition(list, row, descending);
    if (!el || pos < 0) return false;
    const top = pos * ROW_HEIGHT;
    if (center) scrollTo(top - (el.clientHeight - ROW_HEIGHT) / 2);
    else if (top < el.scrollTop) scrollTo(top);
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) scrollTo(top + ROW_HEIGHT - el.clientHeight);
    return true;
  };
  const lastRevealed = useRef<Row>();
  useLayoutEffect(() => {
    if (selectedRow && selectedRow !== lastRevealed.current) reveal(selectedRow);
    lastRevealed.current = selectedRow;
  }, [selectedRow]);

  const { first, last } = renderWindow(scrollTop, height, count);

  const onScroll = () => {
    const el = body.current!;
    if (head.current) head.current.scrollLeft = el.scrollLeft;
    setScrollTop(el.scrollTop);
    remember(el.scrollTop);
    const atNewest = isAtNewest(el.scrollTop, el.clientHeight, el.scrollHeight, descending);
    // Scrolling to the newest end starts following again; scrolling away from it stops.
    if (atNewest !== following && (atNewest || el.scrollHeight > el.clientHeight)) store.setFollowing(atNewest);
  };

  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const onKeyDown = frameTableKeyHandler(store, page, onAction);
  const onMenu = (row: Row, x: number, y: number) => {
    // A row of several selected together keeps them (Diff and Replay act on the selection).
    if (!marked.has(row)) store.selectRow(row);
    setMenu({ row, x, y });
  };

  const selectedPos = selectedRow ? displayPosition(list, selectedRow, descending) : -1;
  const selectionInView = selectedPos >= 0 && selectedPos * ROW_HEIGHT >= scrollTop - 1 && (selectedPos + 1) * ROW_HEIGHT <= scrollTop + height + 1;
  const backToSelection = () => {
    if (selectedRow && !reveal(selectedRow, true))
      onNotice('The selected frame is no longer in the table (evicted by a cap, or hidden by a filter); the detail pane keeps it.');
  };
  const style: Record<string, string> = {};
  for (const [id, px] of Object.entries(widths) as [ResizableColumn, number][]) style[`--w-${id}`] = `${px}px`;
  style['--row-min'] = `${rowMinWidth(columns, widths)}px`;

  return (
    <div class="frames" role="grid" aria-label="Frames" aria-rowcount={count + 1} tabIndex={0} onKeyDown={onKeyDown} style={style}>
      <div class="frames-head" ref={head}>
        <FrameHeader columns={columns} widths={widths} descending={descending} onSort={store.toggleSort} layout={store.layout} />
      </div>
      <div class="frames-body" ref={body} onScroll={onScroll}>
        <div role="rowgroup" class="frames-canvas" style={{ height: count * ROW_HEIGHT }}>
          <FrameRows store={store} list={list} first={first} last={last} descending={descending} columns={columns} marked={marked} onMenu={onMenu} />
        </div>
        {count === 0 && <EmptyHint store={store} />}
      </div>
      <div class="table-actions">
        {selectedRow && !selectionInView && (
          <button type="button" class="jump" onClick={backToSelection}>
            Back to selection
          </button>
        )}
        {!following && count > 0 && (
          <button type="button" class="jump" onClick={jumpToNewest} aria-label="Jump to newest" title="Show the newest frame and follow new ones">
            {descending ? '↑' : '↓'} Newest
          </button>
        )}
      </div>
      {menu && <RowMenu row={menu.row} x={menu.x} y={menu.y} onCopy={onCopy} onAction={onAction} onClose={() => setMenu(undefined)} extra={rowExtras(store, menu.row, onNotice)} />}
    </div>
  );
}

/** The context menu's pin and diff items for a row. */
function rowExtras(store: Store, row: Row, onNotice: (text: string) => void) {
  const items: { label: string; run: () => void }[] = [];
  if (row.dir !== 'event')
    items.push({
      label: store.pins.pins.value.has(row) ? 'Unpin frame' : 'Pin frame',
      run: () => {
        const done = store.pins.toggle(row, store.connections.value.get(row.key));
        if ('error' in done) onNotice(done.error);
      },
    });
  const marked = store.marked.value;
  if (marked.size === 2 && marked.has(row))
    items.push({
      label: 'Diff selected',
      run: () => {
        if (store.compare.show(marked)) store.openDetail(row);
      },
    });
  return items;
}
