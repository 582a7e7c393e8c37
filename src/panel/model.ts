// Panel (pure logic): the shapes the UI shows and the reducers that build them from protocol events. No browser APIs.
import { formatBytes, formatDuration, hexPreview, textPreview } from '../shared/format';
import type { DocumentInfo, StoredEvent } from '../shared/protocol';
import type { InterceptOutcome } from '../shared/rules';
import type { Terms } from './decode/types';
import type { LogSource } from './logEvents';

export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed';

export interface Traffic {
  count: number;
  bytes: number;
}

export interface Connection {
  /** docId + socket id: unique across documents and reloads. */
  key: string;
  /** The panel's own number for it (#n), in order of first sight: unique across documents, never reused. */
  n: number;
  docId: string;
  /** The browser's id of the socket's document's frame (0: the top document); not a WebSocket frame. */
  browserFrameId: number;
  id: number;
  url: string;
  protocols: string[];
  initiator: string;
  createdAt: number;
  state: ConnectionState;
  protocol: string;
  extensions: string;
  error: boolean;
  closeCode?: number;
  closeReason?: string;
  wasClean?: boolean;
  /** Who started the closing handshake, when the page called close(). */
  closedBy?: 'page';
  closedAt?: number;
  sent: Traffic;
  received: Traffic;
  /** Seen in DevTools' network log, not by the page hook: a worker's socket (devtoolsLog.ts). */
  source?: LogSource;
}

export type RowDirection = 'sent' | 'received' | 'event';
export type RowType = 'text' | 'binary' | 'open' | 'close' | 'error' | MarkerType;
/** Rows that mark a place in the table rather than an event of a socket: they show under every filter. */
export type MarkerType = 'navigation' | 'dropped' | 'evicted' | 'paused';

export interface Row {
  key: string;
  seq: number;
  t: number;
  dir: RowDirection;
  type: RowType;
  data: string | Uint8Array;
  length: number;
  truncated: boolean;
  /** Sent (dir 'sent') or delivered to the page (dir 'received') by the panel's composer. */
  fromPanel?: true;
  /** What an interception rule did to this frame (see shared/rules.ts). */
  intercept?: Intercept;
  /** The page's JavaScript stack where it called send() for this frame (while Record send stacks is on). */
  sentFrom?: string;
  /**
   * What the filters last asked of this frame's decode (decoding.ts), kept on the row itself: a side table of a
   * million rows costs a filter's first pass twice over in lookups and garbage collection.
   */
  facts?: RowFacts;
}

/** A frame's decoded facts, tagged with the decoder they came from (a Decode-as change makes them stale). */
export interface RowFacts {
  decoder: string;
  heartbeat: boolean;
  terms?: Terms;
}

export interface Intercept {
  /** The rule's id. */
  rule: string;
  outcome: InterceptOutcome;
  /** The frame before the rule changed it, or the frame a rule kept from going on (text; binary as hex). */
  original?: string;
  error?: string;
}

export interface DocumentView extends DocumentInfo {
  /** The browser's id of the document's frame (0: the top document); not a WebSocket frame. */
  browserFrameId: number;
  gone: boolean;
}

export const connectionKey = (docId: string, id: number) => `${docId}:${id}`;

const noTraffic: Traffic = { count: 0, bytes: 0 };

/** Placeholder for a socket whose "created" event fell out of the relay's buffer before the panel attached. */
function unknownConnection(key: string, docId: string, browserFrameId: number, id: number, t: number): Connection {
  return {
    key, n: 0, docId, browserFrameId, id, url: '(opened before the kept history)', protocols: [], initiator: '', createdAt: t,
    state: 'open', protocol: '', extensions: '', error: false, sent: noTraffic, received: noTraffic,
  };
}

export function reduceConnection(c: Connection | undefined, e: StoredEvent, docId: string, browserFrameId: number): Connection {
  const key = connectionKey(docId, e.id);
  if (e.kind === 'created')
    return {
      key, n: c?.n ?? 0, docId, browserFrameId, id: e.id, url: e.url, protocols: e.protocols, initiator: e.initiator, createdAt: e.t,
      state: 'connecting', protocol: '', extensions: '', error: false, sent: noTraffic, received: noTraffic,
    };
  const conn = c ?? unknownConnection(key, docId, browserFrameId, e.id, e.t);
  switch (e.kind) {
    case 'open':
      return { ...conn, state: 'open', protocol: e.protocol, extensions: e.extensions };
    case 'error':
      return { ...conn, error: true };
    case 'closeCalled':
      return conn.state === 'closed' ? conn : { ...conn, state: 'closing', closedBy: 'page' };
    case 'closed':
      return { ...conn, state: 'closed', closeCode: e.code, closeReason: e.reason, wasClean: e.wasClean, closedAt: e.t };
    case 'frame': {
      const t = conn[e.dir];
      return { ...conn, [e.dir]: { count: t.count + 1, bytes: t.bytes + e.length } };
    }
    case 'intercepted':
    case 'sentFrom':
      return conn;
  }
}

/** The table row for an event; `created` makes no row (the connection list shows it). */
export function rowFromEvent(e: StoredEvent, key: string): Row | undefined {
  const base = { key, seq: e.seq, t: e.t, truncated: false, length: 0 };
  switch (e.kind) {
    case 'created':
      return undefined;
    case 'frame':
      // One literal with every field a frame row gets later (facts), so rows share one shape from birth.
      return { key, seq: e.seq, t: e.t, dir: e.dir, type: e.type, data: e.data, length: e.length, truncated: e.truncated, facts: undefined, ...(e.fromPanel && { fromPanel: true }) };
    case 'open':
      return { ...base, dir: 'event', type: 'open', data: ['Connection open', e.protocol && `protocol ${e.protocol}`, e.extensions && `extensions ${e.extensions}`].filter(Boolean).join(' · ') };
    case 'error':
      return { ...base, dir: 'event', type: 'error', data: 'Connection error' };
    case 'closeCalled':
      return { ...base, dir: 'event', type: 'close', data: `${e.fromPanel ? 'The panel' : 'Page'} called close(${[e.code, e.reason === undefined ? undefined : JSON.stringify(e.reason)].filter((x) => x !== undefined).join(', ')})` };
    case 'closed':
      return { ...base, dir: 'event', type: 'close', data: `Closed: code ${e.code}${e.reason ? ` reason ${JSON.stringify(e.reason)}` : ''}${e.wasClean ? '' : ' (not clean)'}` };
    case 'sentFrom':
      return undefined; // annotates its frame's row (ingest.ts)
    case 'intercepted': {
      // A frame that went on is annotated where it is (ingest.ts); one that did not gets a row of its own.
      if (e.frameSeq !== undefined) return undefined;
      const intercept: Intercept = { rule: e.rule, outcome: e.outcome, original: e.original, error: e.error };
      return { ...base, dir: e.dir, type: 'text', data: e.original ?? '', length: 0, intercept };
    }
  }
}

export function rowPreview(r: Row): string {
  return typeof r.data === 'string' ? textPreview(r.data) : hexPreview(r.data);
}

/** Fields that say what a JSON message is, most telling first. */
const TELLING_FIELDS = ['type', 'event', 'method', 'op'];
/** Bigger frames are not parsed for their preview: the table renders dozens of rows per scroll step. */
const LEAD_PARSE_LIMIT = 64 * 1024;
const leads = new WeakMap<Row, string>();

/**
 * For a JSON object frame whose telling field (`type`, `event`, `method`, `op`) is not already its first key, that
 * field as `type: next`, to show before the preview; '' otherwise. Cached per row.
 */
export function rowLead(r: Row): string {
  if (typeof r.data !== 'string' || r.dir === 'event' || r.data.length > LEAD_PARSE_LIMIT || r.data.charCodeAt(0) !== 0x7b) return '';
  let lead = leads.get(r);
  if (lead === undefined) {
    lead = '';
    try {
      const v: unknown = JSON.parse(r.data);
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        const field = TELLING_FIELDS.find((k) => typeof o[k] === 'string' || typeof o[k] === 'number');
        if (field && Object.keys(o)[0] !== field) lead = `${field}: ${String(o[field])}`;
      }
    } catch {
      // Not JSON: no lead.
    }
    leads.set(r, lead);
  }
  return lead;
}

export function stateLabel(c: Connection): string {
  if (c.state !== 'closed') return c.state;
  return c.closeCode === undefined ? 'closed' : `closed ${c.closeCode}`;
}

/** How long the connection has lasted (until now if still open). */
export function connectionDuration(c: Connection, now: number): string {
  return formatDuration(Math.max(0, (c.closedAt ?? now) - c.createdAt));
}

export function trafficLabel(t: Traffic): string {
  return `${t.count} (${formatBytes(t.bytes)})`;
}
