// Panel UI: the list of connections, with an "All connections" entry; selecting one filters the frames table. Each
// connection shows its #n, colour and short label (as the Socket column does), then its URL cut in the middle.
import { useState } from 'preact/hooks';
import { ALL_CONNECTIONS, type Store } from '../store';
import type { DeepCapture } from '../contracts';
import { ConnectionMenu } from './ConnectionMenu';
import { DeepCaptureSwitch } from './DeepCaptureSwitch';
import { SocketChip } from './FrameRow';
import { shortenMiddle } from '../labels';
import { connectionDuration, stateLabel, trafficLabel, type Connection, type DocumentView } from '../model';

export function documentLabel(doc: DocumentView | undefined, browserFrameId: number): string {
  if (!doc) return browserFrameId === 0 ? 'top document' : `iframe #${browserFrameId}`;
  if (doc.top) return 'top document';
  let origin = doc.url;
  try {
    origin = new URL(doc.url).origin;
  } catch {
    // about:blank and friends have no origin worth showing
  }
  return `iframe ${origin === 'null' ? doc.url : origin}`;
}

/** Where a socket from DevTools' network log came from: the script that opened it (a worker's). */
export function workerLabel(c: Connection): string {
  if (!c.source) return '';
  if (!c.source.script) return 'worker (script unknown)';
  try {
    const u = new URL(c.source.script);
    return `worker ${shortenMiddle(u.protocol === 'blob:' ? c.source.script : u.pathname, 40)}`;
  } catch {
    return `worker ${c.source.script}`;
  }
}

/** Said wherever sockets from the log show. */
export const LOG_NOTE = 'Workers’ sockets come from DevTools’ own network log: shown from the moment DevTools opened, a second or so behind.';

/** The URL as origin and the rest: the origin gives way first when the list is narrow, so the path stays in view. */
function splitUrl(url: string): [string, string] {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is.exec(url);
  return m ? [m[1], m[2]] : ['', url];
}

function ConnectionItem({ c, store, onMenu }: { c: Connection; store: Store; onMenu: (c: Connection, x: number, y: number) => void }) {
  const selected = store.selected.value === c.key;
  const insecure = c.url.startsWith('ws:');
  const secure = c.url.startsWith('wss:');
  const [origin, rest] = splitUrl(c.url);
  const protocol = store.decoding.protocols.value.get(c.key);
  return (
    <li role="listitem" class={`connection state-${c.state}${selected ? ' selected' : ''}`}>
      <button
        type="button"
        aria-pressed={selected}
        aria-label={`Connection ${c.url}`}
        onClick={() => store.selectConnection(c.key)}
        onContextMenu={(e) => {
          e.preventDefault();
          onMenu(c, e.clientX, e.clientY);
        }}
      >
        <span class="name">
          <SocketChip n={c.n} />
          <span class="number">#{c.n}</span> <span class="label">{store.labels.value.get(c.key)}</span>
        </span>
        <span class="url" title={c.url}>
          {insecure && <span class="insecure" title="Not encrypted (ws:)">ws</span>}
          {secure && <span class="secure" title="Encrypted (wss:)">wss</span>}
          <span class="origin">{origin}</span>
          <span class="rest">{rest}</span>
        </span>
        <span class="meta">
          <span class="state" data-state={c.state}>
            {stateLabel(c)}
            {c.closeReason ? ` “${c.closeReason}”` : ''}
          </span>
          {protocol && (protocol.decoderId || protocol.choice !== 'auto') && (
            <span class="protocol" title={protocol.reason}>
              {protocol.label} · {protocol.reason}
            </span>
          )}
          <span class="doc" title={c.source?.script}>
            {c.source ? workerLabel(c) : documentLabel(store.documents.value.get(c.docId), c.browserFrameId)}
          </span>
          <span class="traffic" title="sent / received frames (bytes)">
            ↑ {trafficLabel(c.sent)} ↓ {trafficLabel(c.received)}
          </span>
          <span class="duration" title="How long the connection has lasted">
            {connectionDuration(c, Date.now())}
          </span>
        </span>
      </button>
    </li>
  );
}

export function ConnectionList({ store, width, onCopy, deepCapture }: { store: Store; width: number; onCopy?: (text: string, what?: string) => void; deepCapture?: DeepCapture }) {
  const connections = [...store.connections.value.values()];
  const [menu, setMenu] = useState<{ c: Connection; x: number; y: number }>();
  const all = store.selected.value === ALL_CONNECTIONS;
  return (
    <nav class="connections" aria-label="Connections" style={{ width }}>
      <ul role="list" aria-label="Connections">
        <li role="listitem" class={`connection all${all ? ' selected' : ''}`}>
          <button type="button" aria-pressed={all} onClick={() => store.selectConnection(ALL_CONNECTIONS)}>
            <span class="url">All connections</span>
            <span class="meta">{connections.length} sockets</span>
          </button>
        </li>
        {connections.map((c) => (
          <ConnectionItem key={c.key} c={c} store={store} onMenu={(conn, x, y) => onCopy && setMenu({ c: conn, x, y })} />
        ))}
      </ul>
      {connections.some((c) => c.source && !c.source.via) && (
        <p class="log-note" role="note">
          {LOG_NOTE}
        </p>
      )}
      {connections.length === 0 && (
        <p class="empty">No WebSockets yet. Sockets the page opens, even before DevTools was open, appear here.</p>
      )}
      {deepCapture && <DeepCaptureSwitch deep={deepCapture} />}
      {menu && onCopy && <ConnectionMenu c={menu.c} rows={store.getRows} x={menu.x} y={menu.y} onCopy={onCopy} onClose={() => setMenu(undefined)} />}
    </nav>
  );
}
