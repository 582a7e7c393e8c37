// Panel decoder (pure logic): MQTT 3.1, 3.1.1 and 5 packets over WebSocket (binary frames, several packets per frame,
// a packet may span frames: mqttStream.ts). Hand-written rather than mqtt-packet: its parser is built on Node's Buffer
// and streams (bl, events), which the panel's browser bundle does not have, and a Buffer polyfill would weigh more than
// this reader (mqttReader.ts, mqttPackets.ts).
import { readPacket, TYPES } from './mqttPackets';
import { packetLength, Reader } from './mqttReader';
import { bytesFrom, placeOf } from './mqttStream';
import type { Decoded, Decoder, DecodeContext, FrameInput, StateSlot } from './types';
import { combine, failed } from './util';

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
