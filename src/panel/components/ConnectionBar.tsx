// Panel UI: the selected connection's own actions, above the frames table — close it with a code and reason, or
// Reconnect (a new socket to the same URL and protocols, in the page's context, that page code never sees).
import { useState } from 'preact/hooks';
import type { PanelActions } from '../contracts';
import { stateLabel } from '../model';
import { ALL_CONNECTIONS, type Store } from '../store';
import { SocketChip } from './FrameRow';
import { CopyAsCode } from './CopyAsCode';

export function ConnectionBar({ store, actions }: { store: Store; actions: PanelActions }) {
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  const key = store.selected.value;
  const c = key === ALL_CONNECTIONS ? undefined : store.connections.value.get(key);
  if (!c) return null;
  // A worker's socket (from DevTools' log) is out of the page hook's reach: it can be watched, not driven.
  if (c.source)
    return (
      <div class="connection-bar" role="group" aria-label="Connection actions">
        <span class="socket" title={c.url}>
          <SocketChip n={c.n} />#{c.n} {store.labels.value.get(c.key)} · {stateLabel(c)} · {c.source.via === 'deep' ? 'a worker’s, seen by deep capture' : 'read from DevTools’ network log'}: the panel cannot send, close or reconnect it
        </span>
      </div>
    );
  const open = c.state === 'open';
  const close = () => {
    const n = code.trim() === '' ? undefined : Number(code);
    if (n !== undefined && !Number.isInteger(n)) return actions.notify('The close code must be a whole number (1000 or 3000–4999).');
    void actions.command(c, { action: 'close', code: n, reason: reason || undefined }, `Closed #${c.n}`);
  };
  return (
    <div class="connection-bar" role="group" aria-label="Connection actions">
      <span class="socket" title={c.url}>
        <SocketChip n={c.n} />#{c.n} {store.labels.value.get(c.key)} · {stateLabel(c)}
      </span>
      {open && (
        <>
          <input aria-label="Close code" type="number" min="1000" max="4999" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
          <input aria-label="Close reason" placeholder="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" aria-label="Close connection" onClick={close}>
            Close connection
          </button>
        </>
      )}
      <button
        type="button"
        aria-label="Reconnect"
        title="Open a new socket to the same URL with the same protocols, in the page's own context (its origin and cookies); the page's code never sees it"
        onClick={() => void actions.command(c, { action: 'open', url: c.url, protocols: c.protocols }, `Reconnected: a new socket to ${c.url}`)}
      >
        Reconnect
      </button>
      <CopyAsCode store={store} c={c} onCopy={actions.copy} />
    </div>
  );
}
