// Panel (pure logic; runs in the import worker, importWorker.ts): reads a HAR (Chrome DevTools', Firefox's, ours) or our
// NDJSON export into connections and rows. A file is untrusted: every field is checked, anything odd is skipped and
// counted, and nothing in it is ever more than text to the panel.
import { base64ToBytes, utf8Length } from '../shared/codec';
import { connectionKey, type Connection, type Row, type RowDirection, type RowType } from './model';

/** The docId imported connections get: their keys never meet a live document's. */
export const IMPORT_DOC = 'imported';

/**
 * Files above this are refused before they are read: V8 strings stop near 512 Mi characters, and a HAR is parsed as one
 * string.
 */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

export type ImportFormat = 'HAR' | 'NDJSON';

export interface ParsedImport {
  format: ImportFormat;
  connections: Connection[];
  /** In time order. */
  rows: Row[];
  /** What was left out, in words ("3 messages with an unknown type"); empty when everything was read. */
  notes: string[];
}

/** A file that cannot be read at all: its message says why, for the user. */
export class ImportError extends Error {}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Counts what was skipped, by reason, and says it in words at the end. */
class Skips {
  private readonly counts = new Map<string, number>();
  add(reason: string, n = 1) {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
  }
  notes(): string[] {
    return [...this.counts].map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`);
  }
}

/** Connections as they are found, with their traffic counted from the frames read. */
class Builder {
  readonly connections: Connection[] = [];
  readonly rows: Row[] = [];
  readonly skips = new Skips();

  connection(fields: Pick<Connection, 'url' | 'protocols' | 'protocol' | 'extensions' | 'createdAt' | 'closedAt'>): Connection {
    const id = this.connections.length + 1;
    const c: Connection = {
      key: connectionKey(IMPORT_DOC, id), n: 0, docId: IMPORT_DOC, browserFrameId: 0, id, initiator: '', state: 'closed', error: false,
      sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 }, ...fields,
    };
    this.connections.push(c);
    return c;
  }

  frame(c: Connection, t: number, dir: 'sent' | 'received', data: string | Uint8Array, length?: number, truncated = false) {
    const size = length ?? (typeof data === 'string' ? utf8Length(data) : data.byteLength);
    const traffic = c[dir];
    traffic.count++;
    traffic.bytes += size;
    this.rows.push({ key: c.key, seq: traffic.count + c[dir === 'sent' ? 'received' : 'sent'].count, t, dir, type: typeof data === 'string' ? 'text' : 'binary', data, length: size, truncated, facts: undefined });
  }

  event(key: string, t: number, type: RowType, data: string) {
    this.rows.push({ key, seq: 0, t, dir: 'event', type, data, length: 0, truncated: false });
  }

  done(format: ImportFormat, extra: string[] = []): ParsedImport {
    // Stable: a connection's open row stays before its first frame at the same millisecond.
    this.rows.sort((a, b) => a.t - b.t);
    return { format, connections: this.connections, rows: this.rows, notes: [...extra, ...this.skips.notes()] };
  }
}

/** Reads `source` (a whole file's text) as NDJSON when it looks like ours or its name says so, else as a HAR. */
export function parseImport(source: string, name = ''): ParsedImport {
  if (/\.(ndjson|jsonl)$/i.test(name)) return parseNdjson(source);
  if (/^\s*\{\s*"log"\s*:/.test(source.slice(0, 256))) return parseHar(source);
  const end = source.indexOf('\n');
  // A one-line file is a minified HAR or a single frame: only a line that is short enough is tried on its own.
  const firstLine = end < 0 ? (source.length < 1 << 20 ? source : '') : source.slice(0, Math.min(end, 1 << 20));
  return looksLikeNdjsonLine(firstLine.trim()) ? parseNdjson(source) : parseHar(source);
}

function looksLikeNdjsonLine(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return isObject(v) && 'direction' in v && !('log' in v);
  } catch {
    return false;
  }
}

export function jsonError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

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
    if (m.opcode === 1) b.frame(c, t, dir, m.data);
    else if (m.opcode === 2) {
      const bytes = decodeBase64(m.data);
      if (bytes) b.frame(c, t, dir, bytes);
      else b.skips.add('binary messages whose data is not base64 were skipped');
    } else b.skips.add('control or unknown-opcode messages were skipped');
  }
}

function decodeBase64(s: string): Uint8Array | undefined {
  try {
    return base64ToBytes(s.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}

const DIRECTIONS = new Set<string>(['sent', 'received', 'event']);
const EVENT_TYPES = new Set<string>(['open', 'close', 'error', 'navigation', 'dropped', 'evicted', 'paused']);

/** Our NDJSON export: one frame or lifecycle row per line; connections are told apart by URL and socket id. */
export function parseNdjson(source: string): ParsedImport {
  const b = new Builder();
  const byConnection = new Map<string, Connection>();
  let lines = 0;
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const line = source.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    lines++;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      b.skips.add('lines that are not JSON were skipped');
      continue;
    }
    if (!isObject(v) || !readLine(b, byConnection, v)) b.skips.add('lines that are not frames of our NDJSON export were skipped');
  }
  if (!b.rows.length) throw new ImportError(lines ? `No frames found: none of its ${plural(lines, 'line')} is a frame of WS Inspector's NDJSON export.` : 'The file is empty.');
  // A recording: each connection lasted at least from its first row to its last.
  const byKey = new Map(b.connections.map((c) => [c.key, c]));
  for (const r of b.rows) {
    const c = byKey.get(r.key);
    if (!c) continue;
    if (r.t < c.createdAt) c.createdAt = r.t;
    if (r.t > (c.closedAt ?? -Infinity)) c.closedAt = r.t;
  }
  return b.done('NDJSON');
}

function readLine(b: Builder, byConnection: Map<string, Connection>, v: Json): boolean {
  const t = finite(v.t) ? v.t : Date.parse(text(v.time));
  const dir = text(v.direction);
  if (!Number.isFinite(t) || !DIRECTIONS.has(dir)) return false;
  const type = text(v.type);
  if (dir === 'event') {
    if (!EVENT_TYPES.has(type) || typeof v.text !== 'string') return false;
    // Markers (navigation, evicted…) belong to no connection.
    const c = type === 'open' || type === 'close' || type === 'error' ? connectionOf(b, byConnection, v, t) : undefined;
    b.event(c?.key ?? '', t, type as RowType, v.text);
    return true;
  }
  const data = typeof v.text === 'string' ? v.text : typeof v.base64 === 'string' ? decodeBase64(v.base64) : undefined;
  if (data === undefined || (type !== 'text' && type !== 'binary')) return false;
  const c = connectionOf(b, byConnection, v, t);
  const length = finite(v.length) && v.length >= 0 ? Math.floor(v.length) : undefined;
  b.frame(c, t, dir as RowDirection as 'sent' | 'received', data, length, v.truncated === true);
  return true;
}

function connectionOf(b: Builder, byConnection: Map<string, Connection>, v: Json, t: number): Connection {
  const url = text(v.url);
  const id = `${finite(v.socket) ? v.socket : ''} ${url}`;
  let c = byConnection.get(id);
  if (!c) byConnection.set(id, (c = b.connection({ url: url || '(unknown URL)', protocols: [], protocol: '', extensions: '', createdAt: t })));
  return c;
}
