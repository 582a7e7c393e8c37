// Panel (pure logic; runs in the import worker, importWorker.ts): reads our NDJSON export into connections and rows,
// with the frames it marks pinned.
import { Builder, decodeBase64, finite, ImportError, isObject, plural, text, type Json, type ParsedImport } from './importBuilder';
import type { Connection, RowDirection, RowType } from './model';

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
  const row = b.frame(c, t, dir as RowDirection as 'sent' | 'received', data, length, v.truncated === true);
  if (v.pinned === true) b.pin(row, v.note);
  return true;
}

function connectionOf(b: Builder, byConnection: Map<string, Connection>, v: Json, t: number): Connection {
  const url = text(v.url);
  const id = `${finite(v.socket) ? v.socket : ''} ${url}`;
  let c = byConnection.get(id);
  if (!c) byConnection.set(id, (c = b.connection({ url: url || '(unknown URL)', protocols: [], protocol: '', extensions: '', createdAt: t })));
  return c;
}
