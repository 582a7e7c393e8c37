// Panel (pure logic): turns deep capture's CDP events (a worker session's Network.webSocket*, untrusted, passed on by
// src/background/deepCapture.ts) into the panel's log batches and handshakes, and keeps DevTools' log from showing a
// worker socket deep capture already shows. No browser APIs: transport.ts hands it each event.
import type { CdpSocketEvent, Handshake, HttpHeader } from '../shared/protocol';
import { MATCH_MS } from './devtoolsLog';
import { initiatorOf, isObj } from './harEntries';
import { cappedPayload, type LogBatch, type LogEvent } from './logEvents';

/** Sockets remembered at once; past it the oldest closed ones (then the oldest) are forgotten. */
export const MAX_DEEP_SOCKETS = 2000;
const MAX_HEADERS = 100;
const MAX_HEADER_CHARS = 8192;
const MAX_URL = 8192;

interface Socket {
  docId: string;
  url: string;
  script: string;
  initiator: string;
  seq: number;
  /** The 'created' event went out (it waits for the handshake request's wall-clock time). */
  shown: boolean;
  ended: boolean;
  last: number;
  handshake?: Handshake;
}

export interface CdpTaken {
  batch?: LogBatch;
  handshake?: Handshake;
}

export interface CdpSockets {
  /** One CDP event: the socket events it makes (a batch for ingest's enqueueLog) and the socket's handshake when it changed. */
  take(e: CdpSocketEvent, now: number): CdpTaken;
  /** Closes every socket still open (deep capture turned off, or detached): the debugger will say no more about them. */
  endAll(now: number): LogBatch[];
}

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** CDP's `Network.Headers` (name → value, several values joined by newlines) as a list, bounded. */
function headersOf(h: unknown): HttpHeader[] {
  const out: HttpHeader[] = [];
  if (!isObj(h)) return out;
  for (const name of Object.keys(h).slice(0, MAX_HEADERS)) {
    const value = h[name];
    if (typeof value !== 'string') continue;
    for (const v of value.split('\n')) out.push({ name: name.slice(0, 256), value: v.slice(0, MAX_HEADER_CHARS) });
  }
  return out.slice(0, MAX_HEADERS);
}

const header = (list: HttpHeader[], name: string) => list.find((h) => h.name.toLowerCase() === name)?.value ?? '';

/**
 * `maxPayloadBytes`: the per-frame cap every frame goes through, as the hook's do. CDP times are monotonic seconds; each
 * session's offset to the wall clock comes from its handshake requests' `wallTime` (until one came, events are placed
 * at `now`).
 */
export function createCdpSockets(maxPayloadBytes: () => number): CdpSockets {
  const sockets = new Map<string, Socket>();
  const offsets = new Map<string, number>();
  let lastDoc = 0;

  const forget = () => {
    if (sockets.size <= MAX_DEEP_SOCKETS) return;
    for (const [k, s] of sockets) if (s.ended && sockets.size > MAX_DEEP_SOCKETS) sockets.delete(k);
    for (const k of sockets.keys()) if (sockets.size > MAX_DEEP_SOCKETS) sockets.delete(k);
  };

  return {
    take(e, now) {
      const p = e.params;
      const requestId = str(p.requestId, 256);
      if (!requestId) return {};
      const key = `${e.session} ${requestId}`;
      const offset = offsets.get(e.session);
      const stamp = num(p.timestamp);
      const wall = stamp !== undefined && offset !== undefined ? stamp * 1000 + offset : now;
      if (e.method === 'Network.webSocketCreated') {
        const url = str(p.url, MAX_URL);
        if (!/^wss?:\/\//i.test(url) || sockets.has(key)) return {};
        const { scripts, initiator } = initiatorOf(p.initiator);
        // Labelled like the log's: the outermost script of the stack, else the worker's own script.
        const script = scripts[scripts.length - 1] ?? e.target.url.slice(0, MAX_URL);
        sockets.set(key, { docId: `deep:${++lastDoc}`, url, script, initiator, seq: 0, shown: false, ended: false, last: -Infinity });
        forget();
        return {};
      }
      const s = sockets.get(key);
      if (!s || s.ended) return {};
      const events: LogEvent[] = [];
      const id = 1;
      let t = wall;
      if (e.method === 'Network.webSocketWillSendHandshakeRequest') {
        const wallTime = num(p.wallTime);
        if (wallTime !== undefined && stamp !== undefined) offsets.set(e.session, wallTime * 1000 - stamp * 1000);
        t = wallTime !== undefined ? wallTime * 1000 : now;
      }
      // Never before what was shown of it (clock offsets of two sessions may differ a little).
      t = Math.max(t, s.last);
      if (!s.shown) {
        s.shown = true;
        events.push({ kind: 'created', seq: ++s.seq, id, t, url: s.url, protocols: [], initiator: s.initiator });
      }
      let handshake: Handshake | undefined;
      const request = isObj(p.request) ? p.request : {};
      const response = isObj(p.response) ? p.response : {};
      switch (e.method) {
        case 'Network.webSocketWillSendHandshakeRequest': {
          const requestHeaders = headersOf(request.headers);
          const requested = header(requestHeaders, 'sec-websocket-protocol');
          if (requested && events[0]?.kind === 'created') events[0].protocols = requested.split(',').map((x) => x.trim()).filter(Boolean);
          handshake = s.handshake = {
            requestId: `deep:${key}`,
            browserFrameId: 0,
            url: s.url,
            sentAt: t,
            requestHeaders,
            status: 0,
            statusLine: '',
            responseHeaders: [],
          };
          break;
        }
        case 'Network.webSocketHandshakeResponseReceived': {
          const status = num(response.status);
          const responseHeaders = headersOf(response.headers);
          const fuller = headersOf(response.requestHeaders); // with cookies, when the network layer gives them
          const before = s.handshake ?? { requestId: `deep:${key}`, browserFrameId: 0, url: s.url, sentAt: t, requestHeaders: [], status: 0, statusLine: '', responseHeaders: [] };
          const code = status !== undefined && Number.isInteger(status) && status >= 0 && status < 1000 ? status : 0;
          handshake = s.handshake = {
            ...before,
            requestHeaders: fuller.length ? fuller : before.requestHeaders,
            status: code,
            // The status line as sent ("HTTP/1.1 101 Switching Protocols") when the network layer gives the raw head.
            statusLine: str(response.headersText, 65536).split('\r\n')[0].slice(0, 256) || `${code} ${str(response.statusText, 256)}`.trim(),
            responseHeaders,
            answeredAt: t,
          };
          if (code === 101)
            events.push({ kind: 'open', seq: ++s.seq, id, t, protocol: header(responseHeaders, 'sec-websocket-protocol'), extensions: header(responseHeaders, 'sec-websocket-extensions') });
          break;
        }
        case 'Network.webSocketFrameSent':
        case 'Network.webSocketFrameReceived': {
          const dir = e.method === 'Network.webSocketFrameSent' ? 'sent' : 'received';
          const data = str(response.payloadData, Infinity);
          if (response.opcode === 1 || response.opcode === 2) events.push({ kind: 'frame', seq: ++s.seq, id, t, dir, ...cappedPayload(response.opcode, data, maxPayloadBytes()) });
          break;
        }
        case 'Network.webSocketFrameError':
          events.push({ kind: 'error', seq: ++s.seq, id, t });
          if (s.handshake && !s.handshake.status) handshake = s.handshake = { ...s.handshake, error: str(p.errorMessage, 1024) };
          break;
        case 'Network.webSocketClosed':
          s.ended = true;
          events.push({ kind: 'ended', seq: ++s.seq, id, t });
          break;
      }
      s.last = t;
      return { batch: events.length ? { docId: s.docId, source: { script: s.script, via: 'deep' }, events } : undefined, handshake };
    },
    endAll(now) {
      const out: LogBatch[] = [];
      for (const s of sockets.values()) {
        if (s.ended) continue;
        s.ended = true;
        if (s.shown) out.push({ docId: s.docId, source: { script: s.script, via: 'deep' }, events: [{ kind: 'ended', seq: ++s.seq, id: 1, t: Math.max(now, s.last) }] });
      }
      return out;
    },
  };
}

/** What the panel knows of a socket deep capture shows, to tell DevTools' log's copy of it. */
export interface DeepSocket {
  url: string;
  createdAt: number;
}

/**
 * Leaves out of DevTools' log batches the sockets deep capture shows already (same URL, created within MATCH_MS),
 * remembering them in `twins` (docIds of the log's copies) so their later batches are left out too.
 */
export function withoutDeepTwins(batches: LogBatch[], deep: readonly DeepSocket[], twins: Set<string>): LogBatch[] {
  const claimed = new Set<DeepSocket>();
  return batches.filter((b) => {
    if (twins.has(b.docId)) return false;
    const created = b.events.find((e) => e.kind === 'created');
    if (!created || created.kind !== 'created') return true;
    const twin = deep.find((d) => !claimed.has(d) && d.url === created.url && Math.abs(d.createdAt - created.t) <= MATCH_MS);
    if (!twin) return true;
    claimed.add(twin);
    twins.add(b.docId);
    return false;
  });
}
