// Panel decoder (pure logic): MQTT 3.1, 3.1.1 and 5 packets over WebSocket (binary frames, several packets per frame).
// Hand-written rather than mqtt-packet: its parser is built on Node's Buffer and streams (bl, events), which the
// panel's browser bundle does not have, and a Buffer polyfill would weigh more than this reader.
import { guessPayload } from './payload';
import type { Decoded, Decoder, DecodeContext, Direction, FrameInput, StateSlot } from './types';
import { combine, decodeUtf8, end, failed, join, other, reply, request, terms } from './util';

const TYPES = ['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];
const CONNACK_311 = ['accepted', 'unacceptable protocol version', 'identifier rejected', 'server unavailable', 'bad user name or password', 'not authorized'];

type PropKind = 'byte' | 'u16' | 'u32' | 'varint' | 'string' | 'pair' | 'binary';
/** MQTT 5 property identifiers (section 2.2.2.2). */
const PROPS: Record<number, [string, PropKind]> = {
  0x01: ['payloadFormatIndicator', 'byte'], 0x02: ['messageExpiryInterval', 'u32'], 0x03: ['contentType', 'string'],
  0x08: ['responseTopic', 'string'], 0x09: ['correlationData', 'binary'], 0x0b: ['subscriptionIdentifier', 'varint'],
  0x11: ['sessionExpiryInterval', 'u32'], 0x12: ['assignedClientIdentifier', 'string'], 0x13: ['serverKeepAlive', 'u16'],
  0x15: ['authenticationMethod', 'string'], 0x16: ['authenticationData', 'binary'], 0x17: ['requestProblemInformation', 'byte'],
  0x18: ['willDelayInterval', 'u32'], 0x19: ['requestResponseInformation', 'byte'], 0x1a: ['responseInformation', 'string'],
  0x1c: ['serverReference', 'string'], 0x1f: ['reasonString', 'string'], 0x21: ['receiveMaximum', 'u16'],
  0x22: ['topicAliasMaximum', 'u16'], 0x23: ['topicAlias', 'u16'], 0x24: ['maximumQoS', 'byte'], 0x25: ['retainAvailable', 'byte'],
  0x26: ['userProperty', 'pair'], 0x27: ['maximumPacketSize', 'u32'], 0x28: ['wildcardSubscriptionAvailable', 'byte'],
  0x29: ['subscriptionIdentifierAvailable', 'byte'], 0x2a: ['sharedSubscriptionAvailable', 'byte'],
};

class Reader {
  pos: number;
  constructor(private readonly b: Uint8Array, start: number, readonly limit: number) {
    this.pos = start;
  }
  get left(): number {
    return this.limit - this.pos;
  }
  private need(n: number): void {
    if (this.pos + n > this.limit) throw new Error('packet ends early');
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++];
  }
  u16(): number {
    return this.u8() * 256 + this.u8();
  }
  u32(): number {
    return this.u16() * 65536 + this.u16();
  }
  varint(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * 128 ** i;
      if (!(byte & 0x80)) return value;
    }
    throw new Error('variable byte integer longer than 4 bytes');
  }
  bytes(n = this.u16()): Uint8Array {
    this.need(n);
    return this.b.subarray(this.pos, (this.pos += n));
  }
  string(): string {
    const s = decodeUtf8(this.bytes());
    if (s === undefined) throw new Error('string is not UTF-8');
    return s;
  }
  rest(): Uint8Array {
    return this.bytes(this.left);
  }
}

/** MQTT 5 properties: a varint length, then identifier/value pairs. */
function readProperties(r: Reader): Record<string, unknown> {
  const length = r.varint();
  const stop = r.pos + length;
  if (stop > r.limit) throw new Error('properties run past the packet');
  const props: Record<string, unknown> = {};
  while (r.pos < stop) {
    const id = r.varint();
    const spec = PROPS[id];
    if (!spec) throw new Error(`unknown property 0x${id.toString(16)}`);
    const [name, kind] = spec;
    const value = kind === 'byte' ? r.u8() : kind === 'u16' ? r.u16() : kind === 'u32' ? r.u32() : kind === 'varint' ? r.varint() : kind === 'string' ? r.string() : kind === 'binary' ? r.bytes() : [r.string(), r.string()];
    if (kind === 'pair' || name === 'subscriptionIdentifier') props[name] = [...((props[name] as unknown[] | undefined) ?? []), value];
    else props[name] = value;
  }
  return props;
}

/** The protocol level (4 for 3.1.1, 5 for 5) is only in CONNECT; packets after it are read by what it said. */
const versionSlot: StateSlot<{ level?: number }> = { create: () => ({}) };

function levelOf(ctx: DecodeContext): number {
  const state = ctx.state.get(versionSlot);
  if (state.level === undefined) {
    const connect = ctx.firstFrames.find((f) => f.dir === 'sent' && typeof f.data !== 'string' && f.data[0] === 0x10);
    if (connect && typeof connect.data !== 'string') {
      // CONNECT: fixed header, then the protocol name (u16 length + bytes), then the level byte.
      const r = new Reader(connect.data, 1, connect.data.length);
      try {
        r.varint();
        r.string();
        state.level = r.u8();
      } catch {
        /* not a CONNECT after all: fall back to 3.1.1 below */
      }
    }
  }
  return state.level ?? 4;
}

interface Packet {
  decoded: Decoded;
  level?: number;
}

function readPacket(r: Reader, type: number, flags: number, level: number, dir: Direction): Packet {
  const name = TYPES[type];
  const v5 = level === 5;
  const fields: [string, string][] = [['MQTT', name]];
  const t = terms({ type: name });
  const props = (): void => {
    if (!v5 || r.left <= 0) return;
    const p = readProperties(r);
    if (Object.keys(p).length) fields.push(['properties', JSON.stringify(p, (_k, x: unknown) => (x instanceof Uint8Array ? `‹${x.length} B›` : x))]);
  };
  // Each side numbers its own packet ids, so a key names the side that started the exchange.
  const key = (id: number, starter: Direction) => `mqtt:${starter}:${id}`;
  switch (type) {
    case 1: {
      const protocol = r.string();
      const lvl = r.u8();
      const cflags = r.u8();
      const keepalive = r.u16();
      const is5 = lvl === 5;
      if (is5) {
        const p = readProperties(r);
        if (Object.keys(p).length) fields.push(['properties', JSON.stringify(p)]);
      }
      const clientId = r.string();
      fields.push(['protocol', `${protocol} level ${lvl}`], ['clientId', clientId], ['keepalive', `${keepalive} s`], ['clean', String(!!(cflags & 2))]);
      if (cflags & 4) {
        if (is5) readProperties(r);
        const willTopic = r.string();
        r.bytes();
        fields.push(['will', `${willTopic} qos ${(cflags >> 3) & 3}${cflags & 0x20 ? ' retain' : ''}`]);
      }
      if (cflags & 0x80) fields.push(['username', r.string()]);
      if (cflags & 0x40) fields.push(['password', `‹${r.bytes().length} B›`]);
      const version = lvl === 5 ? 'v5' : lvl === 4 ? 'v3.1.1' : lvl === 3 ? 'v3.1' : `level ${lvl}`;
      return { decoded: { summary: join(`CONNECT ${clientId || '(no client id)'}`, version, `keepalive ${keepalive}`), fields, terms: t, pairs: request('mqtt:connect') }, level: lvl };
    }
    case 2: {
      const session = r.u8() & 1;
      const code = r.u8();
      props();
      const reason = v5 ? (code === 0 ? 'success' : `reason 0x${code.toString(16)}`) : (CONNACK_311[code] ?? `code ${code}`);
      fields.push(['sessionPresent', String(!!session)], ['returnCode', `${code} (${reason})`]);
      return { decoded: { summary: `CONNACK ${code} (${reason})`, fields, terms: t, pairs: end('mqtt:connect') } };
    }
    case 3: {
      const qos = (flags >> 1) & 3;
      const topic = r.string();
      const id = qos > 0 ? r.u16() : undefined;
      props();
      const body = r.rest();
      fields.push(['topic', topic], ['qos', String(qos)], ['retain', String(!!(flags & 1))], ['dup', String(!!(flags & 8))]);
      if (id !== undefined) fields.push(['packetId', String(id)]);
      fields.push(['payload', `${body.length} B`]);
      const guess = guessPayload(body);
      if (guess.format !== 'text' && guess.format !== 'bytes') fields.push(['payload format', guess.format]);
      const decoded: Decoded = {
        summary: join(`PUBLISH ${topic} qos ${qos}${flags & 1 ? ' retain' : ''} (${body.length} B)`, id !== undefined && `id ${id}`),
        fields,
        payload: guess.value,
        terms: terms({ type: name, topic }),
      };
      if (id !== undefined) decoded.pairs = request(key(id, dir));
      return { decoded };
    }
    case 4:
    case 5:
    case 6:
    case 7: {
      const id = r.u16();
      const code = v5 && r.left > 0 ? r.u8() : undefined;
      props();
      fields.push(['packetId', String(id)]);
      if (code !== undefined) fields.push(['reasonCode', String(code)]);
      // PUBREL comes from the publisher, the other acknowledgements from the receiver.
      const starter = type === 6 ? dir : other(dir);
      return { decoded: { summary: join(`${name} id ${id}`, code !== undefined && code !== 0 && `reason 0x${code.toString(16)}`), fields, terms: t, pairs: (type === 4 || type === 7 ? end : reply)(key(id, starter)) } };
    }
    case 8:
    case 10: {
      const id = r.u16();
      props();
      const topics: string[] = [];
      const shown: string[] = [];
      while (r.left > 0) {
        const topic = r.string();
        topics.push(topic);
        shown.push(type === 8 ? `${topic} qos ${r.u8() & 3}` : topic);
      }
      fields.push(['packetId', String(id)], ['topics', shown.join(', ')]);
      return { decoded: { summary: join(`${name} ${shown.join(', ')}`, `id ${id}`), fields, terms: { type: [name], topic: topics }, pairs: request(key(id, dir)) } };
    }
    case 9:
    case 11: {
      const id = r.u16();
      props();
      const codes = Array.from(r.rest());
      fields.push(['packetId', String(id)], ['codes', codes.join(', ')]);
      return { decoded: { summary: join(`${name} id ${id}`, codes.length > 0 && `[${codes.join(', ')}]`), fields, terms: t, pairs: end(key(id, other(dir))) } };
    }
    case 12:
    case 13:
      return { decoded: { summary: name, fields, terms: t, heartbeat: true } };
    case 14:
    case 15: {
      const code = v5 && r.left > 0 ? r.u8() : undefined;
      props();
      if (code !== undefined) fields.push(['reasonCode', String(code)]);
      return { decoded: { summary: join(name, code !== undefined && `reason 0x${code.toString(16)}`), fields, terms: t } };
    }
    default:
      throw new Error(`reserved packet type ${type}`);
  }
}

/** A packet begun in an earlier frame of the same direction and not finished when a frame starts. */
interface Carry {
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

/**
 * A fixed header's whole packet length from its first bytes: undefined while the remaining length is incomplete,
 * -1 when it is not a valid variable byte integer.
 */
function packetLength(head: ArrayLike<number>, at = 0, stop = head.length): number | undefined {
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    if (at + i >= stop) return undefined;
    const byte = head[at + i];
    value += (byte & 0x7f) * 128 ** (i - 1);
    if (!(byte & 0x80)) return 1 + i + value;
  }
  return -1;
}

/** One direction of a connection's byte stream: its frames in order and what was in progress as each began. */
interface DirStream {
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
function placeOf(frame: FrameInput, ctx: DecodeContext): { dir: DirStream; k: number } | undefined {
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
function bytesFrom(dir: DirStream, carry: Carry, k: number, b: Uint8Array): Uint8Array {
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

/** A frame that carries only part of a packet: which, and how far it got. */
function partOf(typeByte: number, have: number, need: number | undefined): Decoded {
  const name = TYPES[typeByte >> 4] || `type ${typeByte >> 4}`;
  const progress = need === undefined ? `${have} B so far` : `${have} of ${need} B`;
  const out: Decoded = { summary: `part of ${name} (${progress})`, fields: [['MQTT', `part of ${name}`], ['received', progress]] };
  if (typeByte >> 4 === 12 || typeByte >> 4 === 13) out.heartbeat = true;
  return out;
}

function decodeMqtt(frame: FrameInput, ctx: DecodeContext): Decoded {
  if (typeof frame.data === 'string') return failed('MQTT frames are binary');
  const place = placeOf(frame, ctx);
  const carry = place?.dir.starts[place.k];
  let b = frame.data;
  const parts: Decoded[] = [];
  if (carry) {
    // Continues a packet begun in an earlier frame: this frame finishes it, or is only a part of it.
    const have = carry.have + b.length;
    const need = carry.need ?? packetLength([...carry.head, ...b.subarray(0, 5)]);
    if (need === -1) return failed('not MQTT: variable byte integer longer than 4 bytes');
    if (need === undefined || have < need) return partOf(carry.head[0], have, need);
    b = bytesFrom(place!.dir, carry, place!.k, b);
  }
  let pos = 0;
  while (pos < b.length) {
    const head = new Reader(b, pos, b.length);
    try {
      const byte = head.u8();
      const need = packetLength(b, pos);
      // A packet the next frames continue: this frame holds its first part.
      if (need !== -1 && (need === undefined || pos + need > b.length) && place && !frame.truncated) {
        parts.push(partOf(byte, b.length - pos, need));
        break;
      }
      const length = head.varint();
      if (head.pos + length > b.length) throw new Error(`packet of ${length} B runs past the frame (cut, or continued in the next frame)`);
      const type = byte >> 4;
      const packet = readPacket(new Reader(b, head.pos, head.pos + length), type, byte & 15, levelOf(ctx), frame.dir);
      if (packet.level !== undefined) ctx.state.get(versionSlot).level = packet.level;
      parts.push(packet.decoded);
      pos = head.pos + length;
    } catch (e) {
      parts.push(failed(`not MQTT: ${(e as Error).message}`));
      break;
    }
  }
  return parts.length ? combine(parts) : failed('empty frame');
}

export const mqttDecoder: Decoder = {
  id: 'mqtt',
  label: 'MQTT',
  detect(hints, firstFrames) {
    if (/^mqtt(v3\.1)?$/i.test(hints.protocol)) return { by: 'subprotocol', reason: `subprotocol ${hints.protocol}` };
    const first = firstFrames.find((f) => f.dir === 'sent');
    if (first && typeof first.data !== 'string' && first.data[0] === 0x10 && /MQTT|MQIsdp/.test(String.fromCharCode(...first.data.subarray(2, 14))))
      return { by: 'handshake', reason: 'handshake: MQTT CONNECT packet' };
    return undefined;
  },
  decode: decodeMqtt,
};
