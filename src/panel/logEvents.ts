// Panel (pure logic): what the sockets the page hook cannot see — workers', read from DevTools' network log
// (devtoolsLog.ts) or from deep capture (cdpSockets.ts) — become for ingest.ts: batches of events, a document per socket.
import { base64ToBytes, cutUtf8, utf8Length } from '../shared/codec';
import type { StoredEvent } from '../shared/protocol';

/** A socket from the log, as the panel lists it. */
export interface LogSource {
  /** The script that opened the socket (the outermost frame of the initiator stack), '' if the log does not say. */
  script: string;
  /** 'deep': seen by deep capture (the extension's own debugger session in the worker, cdpSockets.ts); else DevTools' log. */
  via?: 'deep';
}

/** An event for ingest; `ended` is a close the log reports without a code. */
export type LogEvent = StoredEvent | { kind: 'ended'; seq: number; id: number; t: number };

export interface LogBatch {
  /** A document of its own per socket, so navigation retires each by its own start. */
  docId: string;
  source: LogSource;
  events: LogEvent[];
}

/**
 * A WebSocket message's payload as a frame event carries it — opcode 1: text; 2: binary, given as base64 (what is not
 * base64 is taken as empty) — cut at `cap` bytes, the per-frame cap every frame goes through, as the hook's do.
 */
export function cappedPayload(opcode: 1 | 2, data: string, cap: number) {
  if (opcode === 1) {
    const length = utf8Length(data);
    const kept = length > cap ? cutUtf8(data, cap) : data;
    return { type: 'text' as const, data: kept, length, truncated: kept !== data };
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(data);
  } catch {
    bytes = new Uint8Array(0);
  }
  const kept = bytes.length > cap ? bytes.slice(0, cap) : bytes;
  return { type: 'binary' as const, data: kept, length: bytes.length, truncated: kept.length < bytes.length };
}
