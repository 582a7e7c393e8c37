// Shared: the one place where stored events become port messages and back (binary as base64, because Chrome ports speak JSON).
// Firefox ports use structured clone and could carry the bytes as they are; both browsers still get base64, so the two
// builds ship identical content scripts and one encoding is tested — the 4 MiB-frame E2E test shows no need for more.
import { base64ToBytes, bytesToBase64 } from './codec';
import { PAYLOAD_PART_CHARS, isWireEvent, type PackedEvents, type StoredEvent, type WireEvent, type WireFrame } from './protocol';

/** `parts`: payloads sent ahead as `payloadPart` messages, by event (their `data` is left out here). */
export function packEvents(events: WireEvent[], parts?: ReadonlyMap<WireEvent, number>): PackedEvents {
  const payloads: string[] = [];
  let sentAhead: [number, number][] | undefined;
  const fields = events.map((e) => {
    if (e.kind !== 'frame') return e;
    const n = parts?.get(e);
    if (n) (sentAhead ??= []).push([payloads.length, n]);
    payloads.push(n ? '' : e.data);
    // Listed rather than spread (this runs per frame on the page's thread); typed, so a new field cannot be missed.
    const fields: Omit<WireFrame, 'data'> = { kind: e.kind, seq: e.seq, id: e.id, t: e.t, dir: e.dir, type: e.type, length: e.length, truncated: e.truncated, fromPanel: e.fromPanel };
    return fields;
  });
  return sentAhead ? { fields: JSON.stringify(fields), payloads, parts: sentAhead } : { fields: JSON.stringify(fields), payloads };
}

/** The batch with the payloads sent ahead in its place (`takeParts` as for unpackEvents), so it needs no parts any more. */
export function joinParts(packed: PackedEvents, takeParts?: (n: number) => string | undefined): PackedEvents {
  if (!packed.parts?.length) return packed;
  const payloads = [...packed.payloads];
  for (const [index, n] of packed.parts) payloads[index] = takeParts?.(n) as string;
  return { fields: packed.fields, payloads };
}

/**
 * The events of a packed batch that are well-formed; fields that are not JSON at all yield none. `takeParts(n)`: the
 * next n parts the document sent ahead, joined (undefined when they never came: that frame is left out).
 */
export function unpackEvents(packed: PackedEvents, takeParts?: (n: number) => string | undefined): WireEvent[] {
  const { fields, payloads } = joinParts(packed, takeParts);
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

/**
 * A payload too big for one port message (PAYLOAD_PART_CHARS) as its parts, each made when called (base64 is work on
 * the page's thread too), or undefined when it fits. Text is never cut between the two units of a surrogate pair (a
 * lone surrogate would not survive the port's JSON); binary in whole 3-byte groups, so the parts' base64 joins into
 * the whole's.
 */
export function payloadParts(data: string | Uint8Array): (() => string)[] | undefined {
  const parts: (() => string)[] = [];
  if (typeof data === 'string') {
    if (data.length <= PAYLOAD_PART_CHARS) return undefined;
    for (let at = 0; at < data.length; ) {
      let end = Math.min(data.length, at + PAYLOAD_PART_CHARS);
      const last = data.charCodeAt(end - 1);
      if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
      const from = at;
      parts.push(() => data.slice(from, end));
      at = end;
    }
    return parts;
  }
  const step = (PAYLOAD_PART_CHARS / 4) * 3;
  if (data.length <= step) return undefined;
  for (let at = 0; at < data.length; at += step) {
    const slice = data.subarray(at, at + step);
    parts.push(() => bytesToBase64(slice));
  }
  return parts;
}

export function wireFromStored(e: StoredEvent): WireEvent {
  if (e.kind !== 'frame' || typeof e.data === 'string') return e as WireEvent;
  return { ...e, data: bytesToBase64(e.data) };
}

export function storedFromWire(e: WireEvent): StoredEvent {
  if (e.kind !== 'frame' || e.type === 'text') return e as StoredEvent;
  return { ...e, data: base64ToBytes(e.data) };
}
