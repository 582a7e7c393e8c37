// Panel UI: the virtualised frames table (fixed row height; only visible rows are in the DOM). Sticks to the newest
// row while the user is at the bottom.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatTime } from '../../shared/format';
import { rowPreview, type Row } from '../model';
import { ALL_CONNECTIONS, type Store } from '../store';

export const ROW_HEIGHT = 20;
const OVERSCAN = 8;
const DIRECTION = { sent: '↑', received: '↓', event: '•' } as const;
const DIRECTION_NAME = { sent: 'sent', received: 'received', event: 'lifecycle' } as const;

function FrameRow({ row, index, top, showConnection }: { row: Row; index: number; top: number; showConnection: boolean }) {
  return (
    <div role="row" aria-rowindex={index + 2} class={`row dir-${row.dir} type-${row.type}`} style={{ top }}>
      <span role="gridcell" class="c-dir" title={DIRECTION_NAME[row.dir]} aria-label={DIRECTION_NAME[row.dir]}>
        {DIRECTION[row.dir]}
      </span>
      <span role="gridcell" class="c-time">{formatTime(row.t)}</span>
      {showConnection && <span role="gridcell" class="c-conn">#{row.key.slice(row.key.lastIndexOf(':') + 1)}</span>}
      <span role="gridcell" class="c-size">{row.dir === 'event' ? '' : row.length}</span>
      <span role="gridcell" class="c-type">{row.type}</span>
      <span role="gridcell" class="c-data">
        {rowPreview(row)}
        {row.truncated && <span class="truncated"> (truncated: {row.length} bytes in all)</span>}
      </span>
    </div>
  );
}

export function FrameTable({ store }: { store: Store }) {
  const { rows, indices, count } = store.visible.value;
  const showConnection = store.selected.value === ALL_CONNECTIONS;
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = body.current;
    if (el && atBottom.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [count, height]);

  const onScroll = () => {
    const el = body.current!;
    atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    setScrollTop(el.scrollTop);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visibleRows = [];
  for (let i = first; i < last; i++) {
    const r = rows[indices[i]];
    visibleRows.push(<FrameRow key={`${r.key}:${r.seq}`} row={r} index={i} top={i * ROW_HEIGHT} showConnection={showConnection} />);
  }

  return (
    <div class="frames" role="grid" aria-label="Frames" aria-rowcount={count + 1}>
      <div role="row" aria-rowindex={1} class="row header">
        <span role="columnheader" class="c-dir" aria-label="Direction">
          ⇅
        </span>
        <span role="columnheader" class="c-time">Time</span>
        {showConnection && <span role="columnheader" class="c-conn">Socket</span>}
        <span role="columnheader" class="c-size">Size</span>
        <span role="columnheader" class="c-type">Type</span>
        <span role="columnheader" class="c-data">Data</span>
      </div>
      <div class="frames-body" ref={body} onScroll={onScroll}>
        <div role="rowgroup" class="frames-canvas" style={{ height: count * ROW_HEIGHT }}>
          {visibleRows}
        </div>
        {count === 0 && (
          <p class="empty">
            {rows.length ? 'No frames match the filter.' : 'No frames yet. Frames appear here as the page sends and receives them.'}
          </p>
        )}
      </div>
    </div>
  );
}
