// Panel UI: the selected frame's connection in the detail pane — its facts (URL, state, protocols, how it was seen and
// closed), Decode as, its handshake, and the stack that opened it.
import type { Handshake } from '../../shared/protocol';
import { DECODE_CHOICES } from '../decodeAs';
import type { Protocol } from '../decoding';
import { stateLabel, type Connection } from '../model';
import { Facts } from './Facts';
import { HandshakeFacts } from './HandshakeFacts';
import { StackView } from './StackView';

function closedBy(c: Connection): string {
  if (c.closedBy === 'page') return 'the page (it called close())';
  if (c.wasClean) return 'the server';
  return 'nobody cleanly: the connection was lost';
}

export function ConnectionFacts({ c, label, protocol, handshake, onDecodeAs, openResource }: { c: Connection; label: string; protocol: Protocol | undefined; handshake: Handshake | undefined; onDecodeAs: (choice: string) => void; openResource?: (url: string, line: number) => void }) {
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
