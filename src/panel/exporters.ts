// Panel (pure logic): exports of what is visible — HAR 1.2 with Chrome's `_webSocketMessages`, and NDJSON of frames.
// Pinned frames say so (`_pinned`, `_note`: HAR allows custom fields that start with an underscore).
import { bytesToBase64 } from '../shared/codec';
import type { Handshake, HttpHeader } from '../shared/protocol';
import { isSecretHeader } from './handshakes';
import type { Connection, Row } from './model';

/** A pinned frame's note ('' for none), by row. */
export type PinNotes = ReadonlyMap<Row, { note: string }>;

export interface HarMessage {
  type: 'send' | 'receive';
  /** Seconds since the epoch, as Chrome writes it. */
  time: number;
  opcode: 1 | 2;
  data: string;
  _pinned?: true;
  _note?: string;
}

const payload = (r: Row) => (typeof r.data === 'string' ? r.data : bytesToBase64(r.data));

export function harMessage(r: Row, pins?: PinNotes): HarMessage | undefined {
  if (r.dir === 'event') return undefined;
  const pin = pins?.get(r);
  return { type: r.dir === 'sent' ? 'send' : 'receive', time: r.t / 1000, opcode: r.type === 'binary' ? 2 : 1, data: payload(r), ...(pin && { _pinned: true, ...(pin.note && { _note: pin.note }) }) };
}

/** HTTP URL of the upgrade request a ws(s): URL stands for. */
const requestUrl = (url: string) => url.replace(/^ws(s?):/, 'http$1:');

/** Exported headers: cookie and credential values masked, as DevTools' own sanitized HAR export does. */
const harHeaders = (list: HttpHeader[]) => list.map((h) => ({ name: h.name, value: isSecretHeader(h.name) ? '(masked by WS Inspector)' : h.value }));

/** `handshakeOf`: each connection's handshake as the network layer saw it, when known (else headers from the hook). */
export function buildHar(connections: Connection[], rows: Row[], version: string, pins?: PinNotes, handshakeOf: (c: Connection) => Handshake | undefined = () => undefined) {
  const byKey = new Map<string, HarMessage[]>(connections.map((c) => [c.key, []]));
  for (const r of rows) {
    const m = harMessage(r, pins);
    if (m) byKey.get(r.key)?.push(m);
  }
  return {
    log: {
      version: '1.2',
      creator: { name: 'WS Inspector', version },
      pages: [],
      entries: connections.map((c) => {
        const h = handshakeOf(c);
        return {
          startedDateTime: new Date(c.createdAt).toISOString(),
          time: Math.max(0, (c.closedAt ?? Date.now()) - c.createdAt),
          request: {
            method: 'GET',
            url: requestUrl(c.url),
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: h ? harHeaders(h.requestHeaders) : c.protocols.length ? [{ name: 'Sec-WebSocket-Protocol', value: c.protocols.join(', ') }] : [],
            queryString: [],
            headersSize: -1,
            bodySize: 0,
          },
          response: {
            status: h?.status || (c.state === 'connecting' ? 0 : 101),
            statusText: h?.statusLine.replace(/^HTTP\/\S+\s+\d+\s*/, '') || (c.state === 'connecting' ? '' : 'Switching Protocols'),
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: h
              ? harHeaders(h.responseHeaders)
              : [
                  ...(c.protocol ? [{ name: 'Sec-WebSocket-Protocol', value: c.protocol }] : []),
                  ...(c.extensions ? [{ name: 'Sec-WebSocket-Extensions', value: c.extensions }] : []),
                ],
            content: { size: 0, mimeType: 'x-unknown' },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: h?.answeredAt !== undefined ? Math.max(0, h.answeredAt - h.sentAt) : 0, receive: 0 },
          _resourceType: 'websocket',
          _webSocketMessages: byKey.get(c.key) ?? [],
        };
      }),
    },
  };
}

/** One JSON object per line; binary payloads as base64. */
export function buildNdjson(rows: Row[], connections: ReadonlyMap<string, Connection>, pins?: ReadonlyMap<Row, { note: string; connection?: Connection }>): string {
  let out = '';
  for (const r of rows) {
    const pin = pins?.get(r);
    const c = connections.get(r.key) ?? pin?.connection;
    out +=
      JSON.stringify({
        time: new Date(r.t).toISOString(),
        t: r.t,
        url: c?.url,
        socket: c?.id,
        direction: r.dir,
        type: r.type,
        length: r.length,
        truncated: r.truncated,
        ...(typeof r.data === 'string' ? { text: r.data } : { base64: payload(r) }),
        ...(pin && { pinned: true, ...(pin.note && { note: pin.note }) }),
      }) + '\n';
  }
  return out;
}
