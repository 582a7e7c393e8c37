// Shared: the one place where stored events become port messages and back (binary as base64, because Chrome ports speak JSON).
// Firefox ports use structured clone and could carry the bytes as they are; both browsers still get base64, so the two
// builds ship identical content scripts and one encoding is tested — the 4 MiB-frame E2E test shows no need for more.
import { base64ToBytes, bytesToBase64 } from './codec';
import { isWireEvent, type PackedEvents, type StoredEvent, type WireEvent } from './protocol';

export const packEvents = (events: WireEvent[]): PackedEvents => JSON.stringify(events);

/** The events of a packed batch that are well-formed; a batch that is not JSON at all yields none. */
export function unpackEvents(packed: PackedEvents): WireEvent[] {
  let events: unknown;
  try {
    events = JSON.parse(packed);
  } catch {
    return [];
  }
  return Array.isArray(events) ? events.filter(isWireEvent) : [];
}

export function wireFromStored(e: StoredEvent): WireEvent {
  if (e.kind !== 'frame' || typeof e.data === 'string') return e as WireEvent;
  return { ...e, data: bytesToBase64(e.data) };
}

export function storedFromWire(e: WireEvent): StoredEvent {
  if (e.kind !== 'frame' || e.type === 'text') return e as StoredEvent;
  return { ...e, data: base64ToBytes(e.data) };
}
