// Panel decoder (pure logic): a Socket.IO packet read from an Engine.IO message's text with socket.io-parser, binary
// packets included although their attachments come in later frames (socketio.ts counts those).
import { Decoder as SioDecoder, PacketType, type Packet } from 'socket.io-parser';
import { isRecord } from './util';

/**
 * One decoder for every packet without attachments (types 0–4): socket.io-parser emits those at once and keeps no
 * state between them, also when one throws, so a decoder per frame (the cost of a frame's decoding) is not needed.
 */
const plain = { decoder: new SioDecoder({ maxAttachments: 1000 }), packet: undefined as Packet | undefined };
plain.decoder.on('decoded', (p: Packet) => (plain.packet = p));

/**
 * socket.io-parser emits a binary packet only once its attachments arrived; they come in later frames, so stand-ins
 * complete it here and are put back as the placeholders the wire carried.
 */
export function parseSocketIo(text: string): Packet {
  if (text[0] !== '5' && text[0] !== '6') {
    plain.packet = undefined;
    plain.decoder.add(text);
    const p = plain.packet;
    plain.packet = undefined;
    if (!p) throw new Error('incomplete packet');
    return p;
  }
  // Binary packets wait for their attachments: a decoder of their own, so no other packet finds it mid-packet.
  const decoder = new SioDecoder({ maxAttachments: 1000 });
  let packet: Packet | undefined;
  decoder.on('decoded', (p: Packet) => (packet = p));
  decoder.add(text);
  if (packet) return packet;
  const count = Number(/^[56](\d+)-/.exec(text)?.[1] ?? 0);
  const standIns = Array.from({ length: count }, () => new Uint8Array(0));
  for (const s of standIns) decoder.add(s);
  if (!packet) throw new Error('incomplete binary packet');
  const restore = (v: unknown): unknown => {
    const n = standIns.findIndex((s) => s === v);
    if (n >= 0) return { _placeholder: true, num: n };
    if (Array.isArray(v)) return v.map(restore);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]));
    return v;
  };
  // Reconstruction also turns the packet into a plain EVENT/ACK and drops its count; the wire said otherwise.
  const done: Packet = packet;
  return { ...done, type: Number(text[0]) as PacketType, attachments: count, data: restore(done.data) };
}
