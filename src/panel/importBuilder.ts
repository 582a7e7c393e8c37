// Panel (pure logic; runs in the import worker, importWorker.ts): what reading a file makes — connections and rows,
// built as the readers (importHar.ts, importNdjson.ts) find them, with what was skipped counted — and the checks every
// field of an untrusted file goes through.
import { base64ToBytes, utf8Length } from '../shared/codec';
import { connectionKey, type Connection, type Row, type RowType } from './model';

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
  /** Frames the file marks as pinned (our exports' `_pinned` / `pinned`), with their notes ('' for none). */
  pins: ReadonlyMap<Row, string>;
}

/** A file that cannot be read at all: its message says why, for the user. */
export class ImportError extends Error {}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');

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
export class Builder {
  readonly connections: Connection[] = [];
  readonly rows: Row[] = [];
  readonly skips = new Skips();
  readonly pins = new Map<Row, string>();

  connection(fields: Pick<Connection, 'url' | 'protocols' | 'protocol' | 'extensions' | 'createdAt' | 'closedAt'>): Connection {
    const id = this.connections.length + 1;
    const c: Connection = {
      key: connectionKey(IMPORT_DOC, id), n: 0, docId: IMPORT_DOC, browserFrameId: 0, id, initiator: '', state: 'closed', error: false,
      sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 }, ...fields,
    };
    this.connections.push(c);
    return c;
  }

  frame(c: Connection, t: number, dir: 'sent' | 'received', data: string | Uint8Array, length?: number, truncated = false): Row {
    const size = length ?? (typeof data === 'string' ? utf8Length(data) : data.byteLength);
    const traffic = c[dir];
    traffic.count++;
    traffic.bytes += size;
    const row: Row = { key: c.key, seq: traffic.count + c[dir === 'sent' ? 'received' : 'sent'].count, t, dir, type: typeof data === 'string' ? 'text' : 'binary', data, length: size, truncated, facts: undefined };
    this.rows.push(row);
    return row;
  }

  /** The file says the frame was pinned: its note is text, whatever the file holds there. */
  pin(row: Row, note: unknown) {
    this.pins.set(row, text(note));
  }

  event(key: string, t: number, type: RowType, data: string) {
    this.rows.push({ key, seq: 0, t, dir: 'event', type, data, length: 0, truncated: false });
  }

  done(format: ImportFormat, extra: string[] = []): ParsedImport {
    // Stable: a connection's open row stays before its first frame at the same millisecond.
    this.rows.sort((a, b) => a.t - b.t);
    return { format, connections: this.connections, rows: this.rows, notes: [...extra, ...this.skips.notes()], pins: this.pins };
  }
}

export function jsonError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

export function decodeBase64(s: string): Uint8Array | undefined {
  try {
    return base64ToBytes(s.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}
