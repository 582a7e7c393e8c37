// Panel UI: the selected frame in full — text, JSON tree, hex dump, Base64, UTF-8 — with its connection's facts and
// copy actions. Big payloads render in pages ("Show more") so the panel never freezes.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { bytesToBase64 } from '../../shared/codec';
import { formatBytes, formatTime, hexDump, utf8OrUndefined } from '../../shared/format';
import { copyFormats } from '../actions';
import { parseJsonFrame } from '../json';
import type { DetailPlacement } from '../layout';
import { stateLabel, type Connection, type Row } from '../model';
import type { Store } from '../store';
import { SocketChip } from './FrameRow';
import { JsonTree } from './JsonTree';

type Copy = (text: string, what?: string) => void;

const TEXT_PAGE = 256 * 1024;
const HEX_PAGE = 16 * 1024;

function Paged({ text, label }: { text: string; label: string }) {
  const [limit, setLimit] = useState(TEXT_PAGE);
  return (
    <>
      <pre class="payload" aria-label={label}>
        {text.length > limit ? text.slice(0, limit) : text}
      </pre>
      {text.length > limit && (
        <button type="button" class="more" onClick={() => setLimit(limit * 4)}>
          Show more ({formatBytes(text.length - limit)} of characters not shown)
        </button>
      )}
    </>
  );
}

function HexView({ bytes }: { bytes: Uint8Array }) {
  const [limit, setLimit] = useState(HEX_PAGE);
  const lines = hexDump(bytes, limit);
  return (
    <>
      <pre class="payload hexdump" aria-label="Hex dump">
        {lines.map((l) => `${l.offset}  ${l.hex.padEnd(48)}  ${l.ascii}\n`).join('')}
      </pre>
      {bytes.length > limit && (
        <button type="button" class="more" onClick={() => setLimit(limit * 8)}>
          Show more ({formatBytes(bytes.length - limit)} not shown)
        </button>
      )}
    </>
  );
}

function Tabs<T extends string>({ tabs, value, onChange, label }: { tabs: [T, string][]; value: T; onChange: (t: T) => void; label: string }) {
  return (
    <div role="tablist" aria-label={label} class="tabs">
      {tabs.map(([id, name]) => (
        <button type="button" role="tab" key={id} aria-selected={value === id} onClick={() => onChange(id)}>
          {name}
        </button>
      ))}
    </div>
  );
}

function TextPayload({ text, onCopy }: { text: string; onCopy: Copy }) {
  const json = parseJsonFrame(text);
  const [view, setView] = useState<'tree' | 'raw'>('tree');
  if (json.kind !== 'json')
    return (
      <>
        {json.kind === 'invalid' && <p class="note">Looks like JSON but is not valid: {json.error}</p>}
        <Paged text={text} label="Message" />
      </>
    );
  return (
    <>
      <Tabs label="JSON view" tabs={[['tree', 'JSON'], ['raw', 'Raw']]} value={view} onChange={setView} />
      {view === 'tree' ? <JsonTree value={json.value} onCopy={onCopy} /> : <Paged text={text} label="Message" />}
    </>
  );
}

function BinaryPayload({ bytes }: { bytes: Uint8Array }) {
  const [view, setView] = useState<'hex' | 'base64' | 'utf8'>('hex');
  const utf8 = view === 'utf8' ? utf8OrUndefined(bytes) : undefined;
  return (
    <>
      <Tabs label="Binary view" tabs={[['hex', 'Hex'], ['base64', 'Base64'], ['utf8', 'UTF-8']]} value={view} onChange={setView} />
      {view === 'hex' && <HexView bytes={bytes} />}
      {view === 'base64' && <Paged text={bytesToBase64(bytes)} label="Base64" />}
      {view === 'utf8' &&
        (utf8 === undefined ? <p class="note">Not valid UTF-8: see the hex view.</p> : <Paged text={utf8} label="UTF-8" />)}
    </>
  );
}

function closedBy(c: Connection): string {
  if (c.closedBy === 'page') return 'the page (it called close())';
  if (c.wasClean) return 'the server';
  return 'nobody cleanly: the connection was lost';
}

function ConnectionFacts({ c, label }: { c: Connection; label: string }) {
  const facts: [string, string][] = [
    ['Socket', `#${c.n} ${label}`],
    ['URL', c.url],
    ['State', stateLabel(c)],
    ['Protocols requested', c.protocols.join(', ') || '(none)'],
    ['Protocol negotiated', c.protocol || '(none)'],
    ['Extensions', c.extensions || '(none)'],
  ];
  if (c.state === 'closed' && c.closeCode !== undefined)
    facts.push(['Close code', String(c.closeCode)], ['Close reason', c.closeReason || '(none)'], ['Clean close', String(c.wasClean)], ['Closed by', closedBy(c)]);
  return (
    <section aria-label="Connection">
      <h3>Connection</h3>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
      {c.initiator && (
        <>
          <h4>Initiator</h4>
          <pre class="payload stack" aria-label="Initiator stack">
            {c.initiator}
          </pre>
        </>
      )}
    </section>
  );
}

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
}

export function DetailPane({ store, onCopy, placement, size }: DetailPaneProps) {
  const row: Row | undefined = store.selectedRow.value;
  if (!row || !store.detailOpen.value) return null;
  const c = store.connections.value.get(row.key);
  const label = c ? (store.labels.value.get(c.key) ?? c.url) : '';
  const direction = row.dir === 'event' ? 'lifecycle event' : row.dir;
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
      </div>
      <div class="detail-body" key={`${row.key}:${row.seq}:${row.t}`}>
        {typeof row.data === 'string' ? <TextPayload text={row.data} onCopy={onCopy} /> : <BinaryPayload bytes={row.data} />}
        {c && <ConnectionFacts c={c} label={label} />}
      </div>
    </aside>
  );
}
