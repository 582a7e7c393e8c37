// Panel UI: the detail pane, the selected frame in full — its header, copy actions and pin, or the diff of two frames;
// then what a rule did to it, its send stack, its payload (FramePayload.tsx) and its connection (ConnectionFacts.tsx).
import { formatTime } from '../../shared/format';
import { copyFormats } from '../actions';
import type { DetailPlacement } from '../layout';
import type { Row } from '../model';
import type { Store } from '../store';
import { ConnectionFacts } from './ConnectionFacts';
import { CopyAsCode } from './CopyAsCode';
import { DiffView } from './DiffView';
import { SocketChip } from './FrameRow';
import { FramePayload } from './FramePayload';
import { InterceptFacts } from './InterceptFacts';
import { PinControls } from './PinControls';
import { StackView } from './StackView';

type Copy = (text: string, what?: string) => void;

const PLACEMENTS: [DetailPlacement, string][] = [
  ['auto', 'Auto (by width)'],
  ['beside', 'Beside the table'],
  ['below', 'Below the table'],
];

interface DetailPaneProps {
  store: Store;
  onCopy: Copy;
  placement: 'beside' | 'below';
  /** Width beside the table, height below it. */
  size: number;
  /** Opens a stack's source location in DevTools (absent: the locations are plain text). */
  openResource?: (url: string, line: number) => void;
}

export function DetailPane({ store, onCopy, placement, size, openResource }: DetailPaneProps) {
  const row: Row | undefined = store.selectedRow.value;
  if (!row || !store.detailOpen.value) return null;
  // A pinned frame whose closed connection a Clear forgot still names it: its pin kept it.
  const c = store.connections.value.get(row.key) ?? store.pins.pins.value.get(row)?.connection;
  const label = c ? (store.labels.value.get(c.key) ?? c.url) : '';
  const direction = row.dir === 'event' ? 'lifecycle event' : row.dir;
  const protocol = c && store.decoding.protocols.value.get(c.key);
  store.decoding.inflated.value; // a compressed frame's decode follows once it is inflated
  const decoded = store.decoding.inflatedOf(row);
  // The diff shows while one of its frames is the one selected; picking another frame shows that frame.
  const compared = store.compare.pair.value;
  const pair = compared && (compared[0] === row || compared[1] === row) ? compared : undefined;
  return (
    <aside class={`detail detail-${placement}`} role="region" aria-label="Frame details" style={placement === 'beside' ? { width: size } : { height: size }}>
      <header>
        <strong>
          {row.type} · {direction}
        </strong>
        {c && (
          <span class="socket" title={c.url}>
            <SocketChip n={c.n} />#{c.n} {label}
          </span>
        )}
        <span>{formatTime(row.t)}</span>
        {row.dir !== 'event' && (
          <span>
            {row.length} bytes{row.truncated ? ` (only the first ${typeof row.data === 'string' ? 'part' : row.data.length + ' bytes'} kept)` : ''}
          </span>
        )}
        <select
          aria-label="Detail position"
          title="Where the detail pane sits"
          value={store.layout.prefs.value.detailPlacement}
          onChange={(e) => store.layout.setDetailPlacement(e.currentTarget.value as DetailPlacement)}
        >
          {PLACEMENTS.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" class="close" aria-label="Close details" title="Close (Esc)" onClick={store.closeDetail}>
          ✕
        </button>
      </header>
      <div class="copy-actions">
        {copyFormats(row).map((f) => (
          <button type="button" key={f.label} onClick={() => onCopy(f.text(), f.label.replace(/^Copy/, 'Copied'))}>
            {f.label}
          </button>
        ))}
        <PinControls store={store} row={row} />
      </div>
      {pair && (
        <div class="detail-body">
          <DiffView store={store} pair={pair} />
        </div>
      )}
      <div class="detail-body" key={`${row.key}:${row.seq}:${row.t}`} hidden={!!pair}>
        {row.intercept && <InterceptFacts row={row} ruleName={store.rules.nameOf(row.intercept.rule)} />}
        {row.sentFrom !== undefined && (
          <section aria-label="Sent from">
            <h4>Sent from</h4>
            <StackView stack={row.sentFrom} label="Send stack" openResource={openResource} />
          </section>
        )}
        {/* Keyed by decoder: after "Decode as", the view starts again from the tab that fits. */}
        <FramePayload key={protocol?.decoderId ?? ''} row={row} decoded={decoded} store={store} onCopy={onCopy} />
        {c && (
          <ConnectionFacts
            c={c}
            label={label}
            protocol={protocol}
            handshake={store.handshakes.of(c, store.connections.value.values())}
            openResource={openResource}
            onDecodeAs={(choice) => store.decoding.setDecodeAs(c.key, choice)}
          />
        )}
        {c && <CopyAsCode store={store} c={c} onCopy={onCopy} />}
      </div>
    </aside>
  );
}
