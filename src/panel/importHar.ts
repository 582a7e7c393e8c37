// Panel (pure logic; runs in the import worker, importWorker.ts): reads a HAR (Chrome DevTools', Firefox's, ours) into
// connections and rows: its WebSocket entries, their handshakes and messages, and the frames our export marked pinned.
import { Builder, decodeBase64, finite, ImportError, isObject, jsonError, plural, text, type Json, type ParsedImport } from './importBuilder';
import type { Row } from './model';

const header = (headers: unknown, name: string): string => {
  if (!Array.isArray(headers)) return '';
  const lower = name.toLowerCase();
  const h = headers.find((x): x is Json => isObject(x) && typeof x.name === 'string' && x.name.toLowerCase() === lower);
  return h ? text(h.value) : '';
};

/** The ws(s): URL of a WebSocket entry: Chrome writes it as is, our exporter as the upgrade request's http(s): URL. */
const socketUrl = (url: string) => url.replace(/^http(s?):/i, 'ws$1:');

function isWebSocketEntry(e: Json, url: string): boolean {
  const request = isObject(e.request) ? e.request : {};
  const response = isObject(e.response) ? e.response : {};
  return (
    Array.isArray(e._webSocketMessages) ||
    e._resourceType === 'websocket' ||
    /^wss?:/i.test(url) ||
    response.status === 101 ||
    header(request.headers, 'Upgrade').toLowerCase() === 'websocket'
  );
}

export function parseHar(source: string): ParsedImport {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (e) {
    throw new ImportError(`Not a HAR or NDJSON file: it is not valid JSON (${jsonError(e)}).`);
  }
  const log = isObject(doc) && isObject(doc.log) ? doc.log : undefined;
  if (!log || !Array.isArray(log.entries)) throw new ImportError('Not a HAR file: it has no log.entries list.');
  const b = new Builder();
  let others = 0;
  for (const entry of log.entries) {
    if (!isObject(entry) || !isObject(entry.request) || typeof entry.request.url !== 'string') {
      b.skips.add('HAR entries without a request URL were skipped');
      continue;
    }
    const url = entry.request.url;
    if (!isWebSocketEntry(entry, url)) {
      others++;
      continue;
    }
    readSocketEntry(b, entry, url);
  }
  if (!b.connections.length)
    throw new ImportError(`This HAR file has no WebSocket connections${others ? ` (only ${plural(others, 'other request')})` : ''}.`);
  return b.done('HAR');
}

function readSocketEntry(b: Builder, entry: Json, url: string) {
  const request = entry.request as Json;
  const response = isObject(entry.response) ? entry.response : {};
  const messages = Array.isArray(entry._webSocketMessages) ? entry._webSocketMessages : [];
  const started = Date.parse(text(entry.startedDateTime));
  const firstMessage = messages.find((m): m is Json => isObject(m) && finite(m.time));
  const createdAt = Number.isFinite(started) ? started : firstMessage ? (firstMessage.time as number) * 1000 : 0;
  const status = finite(response.status) ? response.status : 0;
  const c = b.connection({
    url: socketUrl(url),
    protocols: header(request.headers, 'Sec-WebSocket-Protocol').split(',').map((p) => p.trim()).filter(Boolean),
    protocol: header(response.headers, 'Sec-WebSocket-Protocol'),
    extensions: header(response.headers, 'Sec-WebSocket-Extensions'),
    createdAt,
    closedAt: finite(entry.time) && entry.time >= 0 ? createdAt + entry.time : undefined,
  });
  if (status === 101) {
    const parts = ['Connection open', c.protocol && `protocol ${c.protocol}`, c.extensions && `extensions ${c.extensions}`].filter(Boolean);
    b.event(c.key, createdAt, 'open', parts.join(' · '));
  } else if (status > 0) {
    c.error = true;
    b.event(c.key, createdAt, 'error', `Handshake answered HTTP ${status} ${text(response.statusText)}`.trim());
  }
  for (const m of messages) {
    if (!isObject(m) || !finite(m.time) || (m.type !== 'send' && m.type !== 'receive') || typeof m.data !== 'string') {
      b.skips.add('WebSocket messages without a type, time or data were skipped');
      continue;
    }
    const dir = m.type === 'send' ? 'sent' : 'received';
    const t = m.time * 1000;
    let row: Row | undefined;
    if (m.opcode === 1) row = b.frame(c, t, dir, m.data);
    else if (m.opcode === 2) {
      const bytes = decodeBase64(m.data);
      if (bytes) row = b.frame(c, t, dir, bytes);
      else b.skips.add('binary messages whose data is not base64 were skipped');
    } else b.skips.add('control or unknown-opcode messages were skipped');
    // Our export marks pinned frames with custom fields (exporters.ts).
    if (row && m._pinned === true) b.pin(row, m._note);
  }
}
