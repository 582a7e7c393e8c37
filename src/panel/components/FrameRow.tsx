// Panel UI: one row of the frames table, absolutely placed by its display position, and the header row whose columns
// it follows (with a splitter on each resizable column's edge).
import { formatTime } from '../../shared/format';
import { chipHue } from '../labels';
import type { Layout, ResizableColumn } from '../layout';
import { rowLead, rowPreview, type Row } from '../model';
import { describeIntercept } from '../ruleWords';
import type { ColumnId } from '../settings';
import { ROW_HEIGHT } from '../virtualList';
import { Splitter } from './Splitter';

const DIRECTION = { sent: '↑', received: '↓', event: '•' } as const;
const DIRECTION_NAME = { sent: 'sent', received: 'received', event: 'lifecycle' } as const;
/** Frames the panel's composer sent or delivered say so, in words and with a mark beside the arrow. */
const FROM_PANEL_NAME = { sent: 'sent from the panel', received: 'delivered to the page by the panel', event: 'lifecycle' } as const;

function formatDelta(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1) return `+${ms.toFixed(3)} ms`;
  if (ms < 1000) return `+${ms.toFixed(1)} ms`;
  return `+${(ms / 1000).toFixed(2)} s`;
}

/** How a row names its socket: the panel's #n, the short label and its colour, the full URL on hover. */
export interface SocketName {
  n: number;
  label: string;
  url: string;
}

export function SocketChip({ n }: { n: number }) {
  return <span class="chip" aria-hidden="true" style={{ '--hue': chipHue(n) }} />;
}

interface RowProps {
  row: Row;
  /** Display position. */
  index: number;
  delta: number | undefined;
  columns: Record<ColumnId, boolean>;
  socket: SocketName | undefined;
  selected: boolean;
  /** Pinned (pins.ts), with its note ('' for none). */
  pin?: { note: string };
  /** The decoded one-line summary ('' for raw or undecodable rows); read only when the Message column shows. */
  message: string;
  /** A rule's name by id, for the badge of a row a rule acted on. */
  ruleName?: (id: string) => string;
  onOpen: (row: Row) => void;
  /** Ctrl/Cmd-click toggles the row in the selection; Shift-click selects the range to it. */
  onPick: (row: Row, how: 'toggle' | 'range') => void;
  onMenu: (row: Row, x: number, y: number) => void;
}

/** What a rule did to the frame, as a small badge with the whole story as its name. */
export function InterceptBadge({ row, ruleName }: { row: Row; ruleName: (id: string) => string }) {
  const i = row.intercept;
  if (!i) return null;
  const { word, sentence } = describeIntercept(i, ruleName(i.rule));
  return (
    <span class={`badge badge-${i.outcome}`} role="img" aria-label={sentence} title={sentence}>
      {word}
    </span>
  );
}

export function FrameRow({ row, index, delta, columns: col, socket, selected, pin, message, ruleName = (id) => id, onOpen, onPick, onMenu }: RowProps) {
  const lead = col.data ? rowLead(row) : '';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      class={`row dir-${row.dir} type-${row.type}${selected ? ' selected' : ''}${pin ? ' pinned' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      onClick={(e) => (e.ctrlKey || e.metaKey ? onPick(row, 'toggle') : e.shiftKey ? onPick(row, 'range') : onOpen(row))}
      onContextMenu={(e) => {
        e.preventDefault();
        onMenu(row, e.clientX, e.clientY);
      }}
    >
      {col.dir && (
        <span role="gridcell" class="c-dir" title={(row.fromPanel ? FROM_PANEL_NAME : DIRECTION_NAME)[row.dir]} aria-label={(row.fromPanel ? FROM_PANEL_NAME : DIRECTION_NAME)[row.dir]}>
          {DIRECTION[row.dir]}
          {row.fromPanel && <span class="from-panel">✎</span>}
          {pin && (
            <span class="pin-mark" role="img" aria-label={pin.note ? `Pinned: ${pin.note}` : 'Pinned'} title={pin.note ? `Pinned: ${pin.note}` : 'Pinned'}>
              ⚑
            </span>
          )}
        </span>
      )}
      {col.time && <span role="gridcell" class="c-time">{formatTime(row.t)}</span>}
      {col.delta && <span role="gridcell" class="c-delta">{formatDelta(delta)}</span>}
      {col.connection && (
        <span role="gridcell" class="c-conn" title={socket?.url}>
          {socket && (
            <>
              <SocketChip n={socket.n} />#{socket.n} {socket.label}
            </>
          )}
        </span>
      )}
      {col.size && <span role="gridcell" class="c-size">{row.dir === 'event' ? '' : row.length}</span>}
      {col.type && <span role="gridcell" class="c-type">{row.type}</span>}
      {col.message && (
        <span role="gridcell" class="c-message" title={message || undefined}>
          {message}
        </span>
      )}
      {col.data && (
        // The lead is drawn by CSS from data-lead: it is a reading aid, and the cell's text stays the frame's own.
        <span role="gridcell" class="c-data" data-lead={lead || undefined}>
          {row.intercept && <InterceptBadge row={row} ruleName={ruleName} />}
          {rowPreview(row)}
          {row.truncated && <span class="truncated"> (truncated: {row.length} bytes in all)</span>}
        </span>
      )}
    </div>
  );
}

const HEADERS: Record<ResizableColumn, [label: string, title?: string]> = {
  time: ['Time'],
  delta: ['Δ', 'Time since the previous visible row'],
  connection: ['Socket'],
  size: ['Size'],
  type: ['Type'],
  message: ['Message', 'The frame decoded by its connection’s protocol'],
};

interface HeaderProps {
  columns: Record<ColumnId, boolean>;
  widths: Record<ResizableColumn, number>;
  descending: boolean;
  onSort: () => void;
  layout: Layout;
}

export function FrameHeader({ columns, widths, descending, onSort, layout }: HeaderProps) {
  const cell = (id: ResizableColumn) => {
    if (!columns[id]) return null;
    const [label, title] = HEADERS[id];
    return (
      <span role="columnheader" class={`c-${id === 'connection' ? 'conn' : id}`} title={title} aria-sort={id === 'time' ? (descending ? 'descending' : 'ascending') : undefined}>
        {id === 'time' ? (
          <button type="button" class="sort" onClick={onSort} title="Sort by time">
            Time {descending ? '▼' : '▲'}
          </button>
        ) : (
          label
        )}
        <Splitter
          class="col-resize"
          label={`Resize ${label} column`}
          axis="x"
          grows={1}
          value={widths[id]}
          onResize={(px) => layout.setColumnWidth(id, px)}
          onReset={() => layout.reset(id)}
        />
      </span>
    );
  };
  return (
    <div role="row" aria-rowindex={1} class="row header">
      {columns.dir && (
        <span role="columnheader" class="c-dir" aria-label="Direction">
          ⇅
        </span>
      )}
      {cell('time')}
      {cell('delta')}
      {cell('connection')}
      {cell('size')}
      {cell('type')}
      {cell('message')}
      {columns.data && <span role="columnheader" class="c-data">Data</span>}
    </div>
  );
}
