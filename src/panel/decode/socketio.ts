// Panel decoder (pure logic): Socket.IO over Engine.IO v4 and v3 — packets read with engine.io-parser and socket.io-parser,
// acks paired, binary attachments counted across frames (packets: socketioPacket.ts; the filters' fast path:
// socketioFacts.ts).
import { decodePacket } from 'engine.io-parser';
import { PacketType, type Packet } from 'socket.io-parser';
import { toPlain } from './plainValues';
import { preview } from './preview';
import { fieldGlob, textCondition } from './ruleConditions';
import { engineIoFacts } from './socketioFacts';
import { parseSocketIo } from './socketioPacket';
import type { Decoded, Decoder, Direction, FrameInput, StateSlot } from './types';
import { end, failed, isRecord, join, other, parseJson, request, terms } from './util';

const SIO_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;

/** Attachments still expected per direction: they follow their packet, so they are only labelled when decoded in order. */
interface Pending {
  of: string;
  total: number;
  next: number;
}
const pendingSlot: StateSlot<Partial<Record<Direction, Pending>>> = { create: () => ({}) };

function describePacket(p: Packet, dir: Direction, pending: Partial<Record<Direction, Pending>>): Decoded {
  const type = SIO_TYPES[p.type] ?? String(p.type);
  const nsp = p.nsp !== '/' ? p.nsp : undefined;
  const fields: [string, string][] = [['Socket.IO', type], ['namespace', p.nsp]];
  const data: unknown = p.data === undefined ? undefined : toPlain(p.data);
  const isEvent = p.type === PacketType.EVENT || p.type === PacketType.BINARY_EVENT;
  const isAck = p.type === PacketType.ACK || p.type === PacketType.BINARY_ACK;
  const args = isEvent && Array.isArray(data) ? data.slice(1) : data;
  const event = isEvent && Array.isArray(data) ? String(data[0]) : undefined;
  if (event !== undefined) fields.push(['event', event]);
  if (p.id !== undefined) fields.push(['ack id', String(p.id)]);
  if (p.attachments) fields.push(['attachments', String(p.attachments)]);
  const attach = p.attachments ? `${p.attachments} attachment${p.attachments > 1 ? 's' : ''}` : undefined;
  const out: Decoded = {
    summary: join(
      [type, nsp, event, isAck ? String(p.id) : undefined, args === undefined ? undefined : preview(args, 60)].filter(Boolean).join(' '),
      isEvent && p.id !== undefined && `ack ${p.id}`,
      attach,
    ),
    fields,
    terms: terms({ type, event }),
  };
  if (args !== undefined) out.payload = args;
  if (p.attachments) pending[dir] = { of: event ?? `${type} ${p.id ?? ''}`.trim(), total: p.attachments, next: 0 };
  // Each side numbers its own acks, so the key names the side that asked.
  if (isEvent && p.id !== undefined) out.pairs = request(`sio:${dir}:${p.nsp}:${p.id}`);
  if (isAck && p.id !== undefined) out.pairs = end(`sio:${other(dir)}:${p.nsp}:${p.id}`);
  if (p.type === PacketType.CONNECT) out.pairs = dir === 'sent' ? request(`sio:connect:${p.nsp}`) : end(`sio:connect:${p.nsp}`);
  if (p.type === PacketType.CONNECT_ERROR) out.pairs = end(`sio:connect:${p.nsp}`);
  return out;
}

function attachment(bytes: Uint8Array, dir: Direction, pending: Partial<Record<Direction, Pending>>): Decoded {
  const p = pending[dir];
  const fields: [string, string][] = [['Engine.IO', 'message (binary)'], ['size', `${bytes.length} B`]];
  if (!p) return { summary: `binary attachment (${bytes.length} B)`, fields, payload: bytes, terms: terms({ type: 'attachment' }) };
  p.next++;
  if (p.next >= p.total) delete pending[dir];
  return {
    summary: `attachment ${p.next}/${p.total} of ${p.of} (${bytes.length} B)`,
    fields: [...fields, ['attachment of', p.of]],
    payload: bytes,
    terms: terms({ type: 'attachment', event: p.of }),
  };
}

function decodeEngineIo(version: 3 | 4, frame: FrameInput, pending: Partial<Record<Direction, Pending>>): Decoded {
  if (typeof frame.data !== 'string') {
    // v3 puts the Engine.IO type in a leading byte of binary frames; v4 sends bare message data.
    if (version === 3) {
      if (frame.data[0] !== 4) return failed(`Engine.IO v3 binary frame of type ${frame.data[0]}, not a message`);
      return attachment(frame.data.subarray(1), frame.dir, pending);
    }
    return attachment(frame.data, frame.dir, pending);
  }
  // Only text goes through decodePacket: its binary branch differs between the Node and browser builds.
  const eio = decodePacket(frame.data, 'arraybuffer');
  if (eio.type === 'error') return failed(`not an Engine.IO packet (type "${frame.data[0] ?? ''}")`);
  const fields: [string, string][] = [['Engine.IO', `${eio.type} (v${version})`]];
  if (eio.data instanceof ArrayBuffer) return attachment(new Uint8Array(eio.data), frame.dir, pending);
  const text = typeof eio.data === 'string' ? eio.data : undefined;
  switch (eio.type) {
    case 'open': {
      const open = text !== undefined ? parseJson(text) : undefined;
      const v = open?.ok && isRecord(open.value) ? open.value : {};
      for (const k of ['sid', 'upgrades', 'pingInterval', 'pingTimeout', 'maxPayload']) if (k in v) fields.push([k, JSON.stringify(v[k])]);
      return { summary: join(`open sid ${String(v.sid ?? '?')}`, typeof v.pingInterval === 'number' && `ping ${v.pingInterval} ms`), fields, payload: v, terms: terms({ type: 'open' }) };
    }
    case 'ping':
    case 'pong':
      return { summary: join(eio.type, text), fields, heartbeat: true, terms: terms({ type: eio.type }) };
    case 'message': {
      if (text === undefined) return { summary: 'message (empty)', fields };
      let packet: Packet;
      try {
        packet = parseSocketIo(text);
      } catch (e) {
        // Plain Engine.IO users send any text; it is still a message.
        return { summary: `message ${preview(text, 100)}`, fields: [...fields, ['Socket.IO', `not a packet: ${(e as Error).message}`]], payload: text, terms: terms({ type: 'message' }) };
      }
      const d = describePacket(packet, frame.dir, pending);
      return { ...d, fields: [...fields, ...d.fields] };
    }
    default:
      return { summary: join(eio.type, text), fields, terms: terms({ type: eio.type }) };
  }
}

function socketIo(version: 3 | 4): Decoder {
  return {
    id: version === 4 ? 'socket.io' : 'socket.io-v3',
    label: version === 4 ? 'Socket.IO (Engine.IO v4)' : 'Socket.IO (Engine.IO v3)',
    detect(hints, firstFrames) {
      const eio = /[?&]EIO=(\d+)/.exec(hints.url);
      if (eio) return Number(eio[1]) === version || (version === 4 && Number(eio[1]) > 4) ? { by: 'url', reason: `URL ${/\/socket\.io\//.test(hints.url) ? '/socket.io/' : ''}?EIO=${eio[1]}` } : undefined;
      if (version !== 4) return undefined;
      const first = firstFrames.find((f) => f.dir === 'received');
      if (typeof first?.data === 'string' && /^0\{.*"sid".*"pingInterval"/.test(first.data)) return { by: 'handshake', reason: 'handshake: Engine.IO open packet' };
      if (firstFrames.some((f) => typeof f.data === 'string' && /^4[0-6]\d*(\/[^,]*,)?\d*[[{]/.test(f.data))) return { by: 'content', reason: 'content: Socket.IO packet (42[…])' };
      return undefined;
    },
    decode: (frame, ctx) => decodeEngineIo(version, frame, ctx.state.get(pendingSlot)),
    facts: engineIoFacts,
    // An EVENT or BINARY_EVENT packet (42…, 451-…), in any namespace, with or without an ack id: its first array item.
    ruleConditions: (key, pattern) => (key === 'event' ? [textCondition(`^4[25](?:\\d+-)?(?:/[^,]*,)?\\d*\\[\\s*"${fieldGlob(pattern)}"`)] : undefined),
  };
}

export const socketIoDecoder = socketIo(4);
export const socketIoV3Decoder = socketIo(3);
