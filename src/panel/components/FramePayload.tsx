// Panel UI: the selected frame's payload in the detail pane — Decoded (its protocol's fields, its pair and a tree) or
// Raw frame, and the raw frame as a JSON tree or text, or binary as hex, Base64 or UTF-8, each in tabs.
import { useState } from 'preact/hooks';
import { bytesToBase64 } from '../../shared/codec';
import { formatDuration, utf8OrUndefined } from '../../shared/format';
import { compressionName } from '../decode/compressed';
import type { Decoded } from '../decode/types';
import { forTree } from '../json';
import type { Partner } from '../pairing';
import { parseJsonFrame } from '../json';
import type { Row } from '../model';
import type { Store } from '../store';
import { Facts } from './Facts';
import { JsonTree } from './JsonTree';
import { HexView, Paged } from './Paged';

type Copy = (text: string, what?: string) => void;

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

/** The frame as its protocol reads it: header fields, the pair it belongs to, then the payload as a tree. */
function DecodedView({ d, partner, paired, onGo, onCopy }: { d: Decoded; partner: Partner | undefined; paired: boolean; onGo: (row: Row) => void; onCopy: Copy }) {
  if (d.error) return <p class="note">Not decoded: {d.error}</p>;
  if (d.inflating && d.compressed) return <p class="note">Inflating the {compressionName(d.compressed)} data…</p>;
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

export function FramePayload({ row, decoded, store, onCopy }: { row: Row; decoded: Decoded | undefined; store: Store; onCopy: Copy }) {
  // Until the user picks a tab, it follows the decode: a compressed frame's may fail only once it is inflated.
  const [picked, setView] = useState<'decoded' | 'raw' | undefined>(undefined);
  const view = picked ?? (decoded && !decoded.error ? 'decoded' : 'raw');
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
