// Panel decoder (pure logic): SockJS over WebSocket (`o`, `h`, `a[…]`, `m"…"`, `c[…]`), with STOMP inside recognised.
import { decodeStomp, looksLikeStomp } from './stomp';
import { textPayload } from './payload';
import type { Decoded, Decoder } from './types';
import { preview } from './preview';
import { combine, envelopeTerms, failed, parseJson, textOf } from './util';

/** One application message carried by SockJS: STOMP when it looks like it, else JSON or text. */
function inner(message: unknown): Decoded {
  if (typeof message !== 'string') return { summary: preview(message, 100), fields: [], payload: message };
  if (looksLikeStomp(message)) return decodeStomp(message);
  const value = textPayload(message);
  const out: Decoded = { summary: preview(value, 100), fields: [], payload: value };
  const t = envelopeTerms(value);
  if (t) out.terms = t;
  return out;
}

function messages(json: string, fields: [string, string][]): Decoded {
  const parsed = parseJson(json);
  if (!parsed.ok) return failed(parsed.error, fields);
  if (!Array.isArray(parsed.value)) return failed('SockJS messages are not an array', fields);
  return combine(parsed.value.map(inner), fields);
}

export const sockJsDecoder: Decoder = {
  id: 'sockjs',
  label: 'SockJS',
  detect(hints, firstFrames) {
    // SockJS's WebSocket URL: <prefix>/<server id: three digits>/<session id>/websocket (Phoenix also ends in /websocket).
    if (/\/\d{3}\/[^/?#]+\/websocket\/?(?:[?#]|$)/.test(hints.url)) return { by: 'url', reason: 'URL …/{server}/{session}/websocket' };
    const first = firstFrames.find((f) => f.dir === 'received');
    if (first?.data === 'o') return { by: 'handshake', reason: 'handshake: SockJS open frame "o"' };
    return undefined;
  },
  decode(frame) {
    const text = textOf(frame);
    if (text === undefined) return failed('SockJS frames are text');
    // The client sends bare JSON arrays of strings; only the server's frames carry a type letter.
    if (frame.dir === 'sent') return messages(text, [['SockJS', 'send']]);
    const body = text.slice(1);
    switch (text[0]) {
      case 'o':
        return { summary: 'open', fields: [['SockJS', 'open']], terms: { type: ['open'] } };
      case 'h':
        return { summary: 'heartbeat', fields: [['SockJS', 'heartbeat']], heartbeat: true, terms: { type: ['heartbeat'] } };
      case 'a':
        return messages(body, [['SockJS', 'array']]);
      case 'm': {
        const parsed = parseJson(body);
        return parsed.ok ? combine([inner(parsed.value)], [['SockJS', 'message']]) : failed(parsed.error);
      }
      case 'c': {
        const parsed = parseJson(body);
        const [code, reason] = parsed.ok && Array.isArray(parsed.value) ? parsed.value : [];
        return { summary: `close ${String(code ?? '')} ${typeof reason === 'string' ? reason : ''}`.trim(), fields: [['SockJS', 'close'], ['code', String(code)], ['reason', String(reason)]], terms: { type: ['close'] } };
      }
      default:
        return failed(`not a SockJS frame (starts with ${JSON.stringify(text.slice(0, 1))})`);
    }
  },
};
