// Shared: the one place where stored events become port messages and back (binary as base64, because Chrome ports speak JSON).
// Firefox ports use structured clone and could carry the bytes as they are; both browsers still get base64, so the two
// builds ship identical content scripts and one encoding is tested — the 4 MiB-frame E2E test shows no need for more.
import { base64ToBytes, bytesToBase64 } from './codec';
import { FRAME_FIELDS, FRAME_FLAGS, PAYLOAD_PART_CHARS, isWireEvent, type PackedEvents, type StoredEvent, type WireEvent } from './protocol';

/** `parts`: payloads sent ahead as `payloadPart` messages, by event (their `data` is left out here). */
export function packEvents(events: WireEvent[], parts?: ReadonlyMap<WireEvent, number>): PackedEvents {
  const frames: number[] = [];
  const times: number[] = [];
  const lifecycle: [number, WireEvent][] = [];
  const payloads: string[] = [];
  let sentAhead: [number, number][] | undefined;
  // This runs per frame on the page's thread: numbers into flat arrays, no object per frame.
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind !== 'frame') {
      lifecycle.push([i, e]);
      continue;
    }
    const n = parts?.get(e);
    if (n) (sentAhead ??= []).push([payloads.length, n]);
    payloads.push(n ? '' : e.data);
    const flags = (e.dir === 'received' ? FRAME_FLAGS.received : 0) | (e.type === 'binary' ? FRAME_FLAGS.binary : 0) | (e.truncated ? FRAME_FLAGS.truncated : 0) | (e.fromPanel ? FRAME_FLAGS.fromPanel : 0);
    frames.push(e.seq, e.id, flags, e.length);
    times.push(e.t);
  }
  const packed: PackedEvents = { frames: JSON.stringify(frames), times: JSON.stringify(times), lifecycle: JSON.stringify(lifecycle), payloads };
  if (sentAhead) packed.parts = sentAhead;
  return packed;
}

/** The batch with the payloads sent ahead in its place (`takeParts` as for unpackEvents), so it needs no parts any more. */
export function joinParts(packed: PackedEvents, takeParts?: (n: number) => string | undefined): PackedEvents {
  if (!packed.parts?.length) return packed;
  const payloads = [...packed.payloads];
  for (const [index, n] of packed.parts) payloads[index] = takeParts?.(n) as string;
  return { frames: packed.frames, times: packed.times, lifecycle: packed.lifecycle, payloads };
}

const parseArray = (json: string): unknown[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
};

/**
 * The events of a packed batch that are well-formed, in order; a part that is not JSON yields none. `takeParts(n)`: the
 * next n parts the document sent ahead, joined (undefined when they never came: that frame is left out).
 */
export function unpackEvents(packed: PackedEvents, takeParts?: (n: number) => string | undefined): WireEvent[] {
  const { frames, times, lifecycle, payloads } = joinParts(packed, takeParts);
  const nums = parseArray(frames);
  const ts = parseArray(times);
  const others = parseArray(lifecycle);
  const count = Math.floor(nums.length / FRAME_FIELDS);
  const out: WireEvent[] = [];
  let f = 0;
  const framesUntil = (end: number) => {
    for (; f < end && f < count; f++) {
      const at = f * FRAME_FIELDS;
      const flags = nums[at + 2];
      if (typeof flags !== 'number') continue;
      const e = {
        kind: 'frame', seq: nums[at], id: nums[at + 1], t: ts[f], dir: flags & FRAME_FLAGS.received ? 'received' : 'sent',
        type: flags & FRAME_FLAGS.binary ? 'binary' : 'text', data: payloads[f], length: nums[at + 3],
        truncated: (flags & FRAME_FLAGS.truncated) !== 0, fromPanel: flags & FRAME_FLAGS.fromPanel ? true : undefined,
      };
      if (isWireEvent(e)) out.push(e);
    }
  };
  for (let k = 0; k < others.length; k++) {
    const entry = others[k];
    if (!Array.isArray(entry)) continue;
    // The frames before it in the batch: its place there less the lifecycle events before it.
    if (typeof entry[0] === 'number') framesUntil(entry[0] - k);
    if (isWireEvent(entry[1])) out.push(entry[1]);
  }
  framesUntil(count);
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
