// Panel UI: the selected frame in full — text, JSON tree, hex dump, Base64, UTF-8 — with its connection's facts and
// copy actions. Big payloads render in pages ("Show more") so the panel never freezes.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { bytesToBase64 } from '../../shared/codec';
import { formatBytes, formatDuration, formatTime, hexDump, hexString, utf8OrUndefined } from '../../shared/format';
import { copyFormats } from '../actions';
import type { Handshake } from '../../shared/protocol';
import type { Decoded } from '../decode/types';
import { DECODE_CHOICES } from '../decodeAs';
import type { Protocol } from '../decoding';
import { forTree, parseJsonFrame } from '../json';
import type { DetailPlacement } from '../layout';
import { stateLabel, type Connection, type Row } from '../model';
import type { Partner } from '../pairing';
import { describeIntercept } from '../ruleWords';
import type { Store } from '../store';
import { SocketChip } from './FrameRow';
import { HandshakeFacts } from './HandshakeFacts';
import { JsonTree } from './JsonTree';
import { StackView } from './StackView';
import { CopyAsCode } from './CopyAsCode';
import { DiffView } from './DiffView';
import { PinControls } from './PinControls';

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

function Facts({ facts, label }: { facts: [string, string][]; label: string }) {
  return (
    <dl class="facts" aria-label={label}>
      {facts.map(([k, v], i) => (
        <Fragment key={`${i}:${k}`}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The frame as its protocol reads it: header fields, the pair it belongs to, then the payload as a tree. */
function DecodedView({ d, partner, paired, onGo, onCopy }: { d: Decoded; partner: Partner | undefined; paired: boolean; onGo: (row: Row) => void; onCopy: Copy }) {
  if (d.error) return <p class="note">Not decoded: {d.error}</p>;
  const payload = d.payload;
  return (
    <section aria-label="Decoded">
      {d.summary && <p class="decoded-summary">{d.summary}</p>}
      {d.fields.length > 0 && <Facts facts={d.fields} label="Decoded fields" />}
      {partner && (
        <p class="pair">
          {partner.isReply ? 'Reply' : 'Request'} {partner.isReply ? 'after' : 'sent'} {formatDuration(partner.latency)}
          {partner.isReply ? '' : ' before'}{' '}
          <button type="button" onClick={() => onGo(partner.row)}>
            {partner.isReply ? 'Go to reply' : 'Go to request'}
          </button>
        </p>
      )}
      {!partner && paired && <p class="pair note">Its partner is not among the frames nearby.</p>}
      {payload instanceof Uint8Array ? <HexView bytes={payload} /> : payload !== undefined && <JsonTree value={forTree(payload)} onCopy={onCopy} />}
      {d.parts && d.parts.length > 0 && (
        <ol class="decoded-parts" aria-label="Messages">
          {d.parts.map((p, i) => (
            <li key={i}>{p.summary || (p.error ? `Not decoded: ${p.error}` : '')}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

function FramePayload({ row, decoded, store, onCopy }: { row: Row; decoded: Decoded | undefined; store: Store; onCopy: Copy }) {
  const [view, setView] = useState<'decoded' | 'raw'>(decoded && !decoded.error ? 'decoded' : 'raw');
  const raw = typeof row.data === 'string' ? <TextPayload text={row.data} onCopy={onCopy} /> : <BinaryPayload bytes={row.data} />;
  if (!decoded) return raw;
  return (
    <>
      {decoded.error && <p class="note">Not decoded: {decoded.error}, showing Raw.</p>}
      <Tabs label="Frame view" tabs={[['decoded', 'Decoded'], ['raw', 'Raw frame']]} value={view} onChange={setView} />
      {view === 'decoded' ? (
        <DecodedView d={decoded} partner={store.decoding.partnerOf(row)} paired={!!decoded.pairs?.length} onGo={store.openDetail} onCopy={onCopy} />
      ) : (
        raw
      )}
    </>
  );
}

function ConnectionFacts({ c, label, protocol, handshake, onDecodeAs, openResource }: { c: Connection; label: string; protocol: Protocol | undefined; handshake: Handshake | undefined; onDecodeAs: (choice: string) => void; openResource?: (url: string, line: number) => void }) {
  const facts: [string, string][] = [
    ['Socket', `#${c.n} ${label}`],
    ['URL', c.url],
    ['State', stateLabel(c)],
    ['Protocols requested', c.protocols.join(', ') || '(none)'],
    ['Protocol negotiated', c.protocol || '(none)'],
    ['Extensions', c.extensions || '(none)'],
  ];
  if (c.source?.via === 'deep') facts.push(['Seen in', 'Deep capture (the debugger in the worker, not the page hook)'], ['Opened by', c.source.script || '(unknown)']);
  else if (c.source) facts.push(['Seen in', 'DevTools’ network log (not by the page hook): frames since DevTools opened'], ['Opened by', c.source.script || '(the log does not say)']);
  if (protocol) facts.push(['Decoded as', protocol.label], ['Why', protocol.reason]);
  if (c.state === 'closed' && c.closeCode !== undefined)
    facts.push(['Close code', String(c.closeCode)], ['Close reason', c.closeReason || '(none)'], ['Clean close', String(c.wasClean)], ['Closed by', closedBy(c)]);
  return (
    <section aria-label="Connection">
      <h3>Connection</h3>
      <Facts facts={facts} label="Connection facts" />
      {protocol && (
        <label class="decode-as">
          Decode as{' '}
          <select aria-label="Decode as" value={protocol.choice} onChange={(e) => onDecodeAs(e.currentTarget.value)}>
            {DECODE_CHOICES.map((d) => (
              <option key={d.id} value={d.id}>
                {d.id === 'auto' && protocol.detected ? `Auto (${protocol.detected.label})` : d.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <HandshakeFacts c={c} h={handshake} />
      {c.initiator && (
        <>
          <h4>Initiator</h4>
          {c.initiator.startsWith('Opened by the panel') ? <p class="note">{c.initiator}</p> : <StackView stack={c.initiator} label="Initiator stack" openResource={openResource} />}
        </>
      )}
    </section>
  );
}

/** A frame's payload as text: binary as hex. */
const asText = (data: string | Uint8Array) => (typeof data === 'string' ? data : hexString(data));

/** What a rule did to the frame: before and after for a changed frame, the frame kept back for a blocked or dropped one. */
function InterceptFacts({ row, ruleName }: { row: Row; ruleName: string }) {
  const i = row.intercept;
  if (!i) return null;
  const { sentence } = describeIntercept(i, ruleName);
  const changed = i.outcome === 'rewritten' || i.outcome === 'edited';
  const keptBack = i.outcome === 'blocked' || i.outcome === 'dropped';
  return (
    <section class="intercept" aria-label="Interception">
      <h3>Interception</h3>
      <p class={`badge-line badge-${i.outcome}`}>{sentence}.</p>
      {changed && (
        <div class="before-after">
          <div>
            <h4>Before</h4>
            {i.original === undefined ? <p class="note">The original was not kept.</p> : <Paged text={i.original} label="Before" />}
          </div>
          <div>
            <h4>After</h4>
            <Paged text={asText(row.data)} label="After" />
          </div>
        </div>
      )}
      {keptBack && (
        <>
          <h4>{i.outcome === 'blocked' ? 'The frame it blocked' : 'The frame dropped'}</h4>
          <Paged text={i.original ?? asText(row.data)} label="Kept from going on" />
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
  const decoded = store.decoding.decodedOf(row);
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
