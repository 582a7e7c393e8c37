// Panel UI (DevTools panel): a connection's opening handshake as the browser's network layer saw it — request and
// response headers, status, timing — with cookie and authorization values masked until the user reveals them.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Handshake, HttpHeader } from '../../shared/protocol';
import { formatDuration } from '../../shared/format';
import { isSecretHeader } from '../handshakes';
import type { Connection } from '../model';

export const MASK = '•••••• (hidden: Reveal to show)';

function Headers({ list, label, revealed }: { list: HttpHeader[]; label: string; revealed: boolean }) {
  if (!list.length) return <p class="note">No headers.</p>;
  return (
    <dl class="facts" aria-label={label}>
      {list.map((h, i) => (
        <Fragment key={`${i}:${h.name}`}>
          <dt>{h.name}</dt>
          <dd>{!revealed && isSecretHeader(h.name) ? MASK : h.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function HandshakeFacts({ c, h }: { c: Connection; h: Handshake | undefined }) {
  const [revealed, setRevealed] = useState(false);
  if (!h)
    return (
      <section aria-label="Handshake">
        <h4>Handshake</h4>
        <p class="note">
          Not seen: the browser reports a handshake to WS Inspector as it happens, so a socket opened before the extension
          was running (or in a page it may not read) has none.
        </p>
      </section>
    );
  const secrets = [...h.requestHeaders, ...h.responseHeaders].some((x) => isSecretHeader(x.name));
  const timing = [`request sent ${formatDuration(Math.max(0, h.sentAt - c.createdAt))} after new WebSocket()`];
  if (h.answeredAt !== undefined) timing.push(`${h.error ? 'failed' : 'answered'} ${formatDuration(Math.max(0, h.answeredAt - h.sentAt))} later`);
  return (
    <section aria-label="Handshake">
      <h4>Handshake</h4>
      <dl class="facts" aria-label="Handshake facts">
        <dt>Request</dt>
        <dd>GET {h.url}</dd>
        <dt>Status</dt>
        <dd>{h.error ? `failed: ${h.error}` : h.statusLine || (h.status ? String(h.status) : 'waiting for the response')}</dd>
        <dt>Timing</dt>
        <dd>{timing.join('; ')}</dd>
      </dl>
      {secrets && (
        <button type="button" class="link" aria-label={revealed ? 'Hide secret headers' : 'Reveal secret headers'} onClick={() => setRevealed(!revealed)}>
          {revealed ? 'Hide cookies and credentials' : 'Reveal cookies and credentials'}
        </button>
      )}
      <h5>Request headers</h5>
      <Headers list={h.requestHeaders} label="Request headers" revealed={revealed} />
      <h5>Response headers</h5>
      <Headers list={h.responseHeaders} label="Response headers" revealed={revealed} />
    </section>
  );
}
