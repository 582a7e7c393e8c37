// Panel decoder (pure logic): MQTT's byte stream across frames — a packet may begin in one frame and end in a later
// one of the same direction, so each direction's frames are scanned in order to know what each frame continues.
import { packetLength } from './mqttReader';
import type { DecodeContext, FrameInput, StateSlot } from './types';

/** A packet begun in an earlier frame of the same direction and not finished when a frame starts. */
export interface Carry {
  /** Where it began: the index of the frame in its direction's list, and the offset in that frame. */
  from: number;
  offset: number;
  /** Its bytes before the frame. */
  have: number;
  /** Its whole length (fixed header included), once the header is complete. */
  need?: number;
  /** Its fixed header as far as it came (type byte and remaining-length bytes, at most 5). */
  head: number[];
}

/** One direction of a connection's byte stream: its frames in order and what was in progress as each began. */
export interface DirStream {
  list: FrameInput[];
  /** Per frame of `list`, the packet in progress as it began (undefined: none). */
  starts: (Carry | undefined)[];
  /** In progress after the last frame of `list`. */
  carry?: Carry;
}
interface StreamIndex {
  /** The array DecodeContext.frames (or firstFrames) gave, and how much of it was read. */
  source?: readonly FrameInput[];
  read: number;
  at: WeakMap<FrameInput, number>;
  sent: DirStream;
  received: DirStream;
}
const freshIndex = (): StreamIndex => ({ read: 0, at: new WeakMap(), sent: { list: [], starts: [] }, received: { list: [], starts: [] } });
const streamSlot: StateSlot<{ index: StreamIndex }> = { create: () => ({ index: freshIndex() }) };

/** What is in progress after a frame, given what was as it began. A truncated or text frame ends any packet. */
function scanFrame(frame: FrameInput, k: number, carry: Carry | undefined): Carry | undefined {
  const b = frame.data;
  if (typeof b === 'string' || frame.truncated) return undefined;
  let pos = 0;
  if (carry) {
    const head = carry.head.slice();
    let { have, need } = carry;
    while (need === undefined && pos < b.length) {
      head.push(b[pos++]);
      have++;
      need = packetLength(head);
    }
    if (need === -1) return undefined;
    if (need === undefined) return { ...carry, have, head };
    const take = Math.min(need - have, b.length - pos);
    have += take;
    pos += take;
    if (have < need) return { ...carry, have, need, head };
  }
  while (pos < b.length) {
    const need = packetLength(b, pos);
    if (need === -1) return undefined;
    if (need !== undefined && pos + need <= b.length) {
      pos += need;
      continue;
    }
    return { from: k, offset: pos, have: b.length - pos, need, head: Array.from(b.subarray(pos, Math.min(b.length, pos + 5))) };
  }
  return undefined;
}

/** Where a frame stands in its direction's stream, reading the connection's frames in order as far as needed. */
export function placeOf(frame: FrameInput, ctx: DecodeContext): { dir: DirStream; k: number } | undefined {
  const slot = ctx.state.get(streamSlot);
  let k = slot.index.at.get(frame);
  if (k === undefined) {
    const source = ctx.frames?.() ?? ctx.firstFrames;
    if (source !== slot.index.source) slot.index = { ...freshIndex(), source };
    const index = slot.index;
    for (; index.read < source.length; index.read++) {
      const f = source[index.read];
      const d = index[f.dir];
      if (!d) continue;
      const at = d.list.length;
      d.list.push(f);
      d.starts.push(d.carry);
      d.carry = scanFrame(f, at, d.carry);
      index.at.set(f, at);
    }
    k = index.at.get(frame);
  }
  const dir = slot.index[frame.dir];
  return k === undefined || dir.list[k] !== frame ? undefined : { dir, k };
}

/** The bytes a frame's decoding starts from: the packet it continues (from earlier frames), then its own. */
export function bytesFrom(dir: DirStream, carry: Carry, k: number, b: Uint8Array): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (let i = carry.from; i < k; i++) {
    const d = dir.list[i].data;
    if (typeof d !== 'string') pieces.push(i === carry.from ? d.subarray(carry.offset) : d);
  }
  pieces.push(b);
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
