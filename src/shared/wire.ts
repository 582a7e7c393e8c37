// Shared: the one place where stored events become port messages and back (binary as base64, because Chrome ports speak JSON).
// Firefox ports use structured clone and could carry the bytes as they are; both browsers still get base64, so the two
// builds ship identical content scripts and one encoding is tested — the 4 MiB-frame E2E test shows no need for more.
import { base64ToBytes, bytesToBase64 } from './codec';
import { isWireEvent, type PackedEvents, type StoredEvent, type WireEvent, type WireFrame } from './protocol';

export function packEvents(events: WireEvent[]): PackedEvents {
  const payloads: string[] = [];
  const fields = events.map((e) => {
    if (e.kind !== 'frame') return e;
    payloads.push(e.data);
    // Listed rather than spread (this runs per frame on the page's thread); typed, so a new field cannot be missed.
    const fields: Omit<WireFrame, 'data'> = { kind: e.kind, seq: e.seq, id: e.id, t: e.t, dir: e.dir, type: e.type, length: e.length, truncated: e.truncated, fromPanel: e.fromPanel };
    return fields;
  });
  return { fields: JSON.stringify(fields), payloads };
}

/** The events of a packed batch that are well-formed; fields that are not JSON at all yield none. */
export function unpackEvents({ fields, payloads }: PackedEvents): WireEvent[] {
  let events: unknown;
  try {
    events = JSON.parse(fields);
  } catch {
    return [];
  }
  if (!Array.isArray(events)) return [];
  const out: WireEvent[] = [];
  let payload = 0;
  for (const e of events) {
    if (typeof e === 'object' && e !== null && e.kind === 'frame') e.data = payloads[payload++];
    if (isWireEvent(e)) out.push(e);
  }
  return out;
}

export function wireFromStored(e: StoredEvent): WireEvent {
  if (e.kind !== 'frame' || typeof e.data === 'string') return e as WireEvent;
  return { ...e, data: bytesToBase64(e.data) };
}

export function storedFromWire(e: WireEvent): StoredEvent {
  if (e.kind !== 'frame' || e.type === 'text') return e as StoredEvent;
  return { ...e, data: base64ToBytes(e.data) };
}
