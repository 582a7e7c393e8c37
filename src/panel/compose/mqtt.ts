// Panel composer (pure logic): an MQTT PUBLISH packet (3.1.1 or 5), written by hand like the decoder reads it
// (mqtt-packet needs Node's Buffer, see decode/mqtt.ts): fixed header, remaining length as a variable byte integer,
// topic, packet id for QoS 1, MQTT 5's empty property list, payload.
import { bytesToBase64 } from '../../shared/codec';
import { hexString } from '../../shared/format';
import type { FrameInput } from '../decode/types';
import { bool, str, type Built, type Template } from './types';

export interface MqttPublish {
  topic: string;
  qos: 0 | 1;
  retain: boolean;
  /** The payload as text (sent as its UTF-8 bytes). */
  payload: string;
  /** Needed for QoS 1: 1–65535. */
  packetId?: number;
  /** The protocol level the CONNECT said: 5 adds a property length. */
  level: number;
}

/** MQTT's variable byte integer (remaining length, property length): 7 bits a byte, high bit set while more follow. */
export function varint(n: number): number[] {
  if (!(Number.isSafeInteger(n) && n >= 0 && n <= 268_435_455)) throw new RangeError('too large for a variable byte integer');
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

export function encodeMqttPublish({ topic, qos, retain, payload, packetId, level }: MqttPublish): Uint8Array | { error: string } {
  if (!topic) return { error: 'Give the topic.' };
  if (/[+#]/.test(topic)) return { error: 'A PUBLISH topic has no wildcards (+ or #).' };
  const topicBytes = new TextEncoder().encode(topic);
  if (topicBytes.length > 65535) return { error: 'The topic is longer than 65,535 bytes.' };
  if (qos > 0 && !(packetId !== undefined && Number.isInteger(packetId) && packetId >= 1 && packetId <= 65535)) return { error: 'QoS 1 needs a packet id from 1 to 65535.' };
  const body = new TextEncoder().encode(payload);
  const variable = [topicBytes.length >> 8, topicBytes.length & 255, ...topicBytes];
  if (qos > 0) variable.push(packetId! >> 8, packetId! & 255);
  if (level === 5) variable.push(0); // no properties
  const remaining = variable.length + body.length;
  if (remaining > 268_435_455) return { error: 'The packet is larger than MQTT allows (256 MB).' };
  const head = [0x30 | (qos << 1) | (retain ? 1 : 0), ...varint(remaining)];
  const out = new Uint8Array(head.length + remaining);
  out.set(head, 0);
  out.set(variable, head.length);
  out.set(body, head.length + variable.length);
  return out;
}

export function buildMqttPublish(p: MqttPublish): Built {
  const bytes = encodeMqttPublish(p);
  if (!(bytes instanceof Uint8Array)) return bytes;
  return { payload: { type: 'binary', base64: bytesToBase64(bytes) }, preview: hexString(bytes) };
}

export interface MqttContext {
  /** 4 (3.1.1) unless the CONNECT said otherwise. */
  level: number;
  /** One past the highest packet id the page's side used (1 when none; after 65535, 1 again). */
  nextPacketId: number;
}

/** Reads the page's CONNECT (its level) and the packet ids of what it sent: PUBLISH at QoS 1–2, SUBSCRIBE, UNSUBSCRIBE. */
export function mqttContext(frames: readonly FrameInput[]): MqttContext {
  let level: number | undefined;
  let highest = 0;
  for (const f of frames) {
    if (f.dir !== 'sent' || typeof f.data === 'string') continue;
    const b = f.data;
    let pos = 0;
    while (pos < b.length) {
      const type = b[pos] >> 4;
      const flags = b[pos] & 15;
      let length = 0;
      let at = pos + 1;
      for (let i = 0; i < 4 && at < b.length; i++) {
        const byte = b[at++];
        length += (byte & 0x7f) * 128 ** i;
        if (!(byte & 0x80)) break;
      }
      const end = at + length;
      if (end > b.length) break;
      const u16 = (i: number) => (i + 1 < end ? b[i] * 256 + b[i + 1] : undefined);
      if (type === 1 && level === undefined) {
        const nameLength = u16(at);
        if (nameLength !== undefined && at + 2 + nameLength < end) level = b[at + 2 + nameLength];
      } else if (type === 3 && (flags >> 1) & 3) {
        const topicLength = u16(at);
        const id = topicLength === undefined ? undefined : u16(at + 2 + topicLength);
        if (id !== undefined) highest = Math.max(highest, id);
      } else if (type === 8 || type === 10) {
        const id = u16(at);
        if (id !== undefined) highest = Math.max(highest, id);
      }
      pos = end;
    }
  }
  return { level: level ?? 4, nextPacketId: highest >= 65535 ? 1 : highest + 1 };
}

export const mqttTemplate: Template<MqttContext> = {
  id: 'mqtt',
  label: 'MQTT PUBLISH',
  protocol: 'MQTT',
  decoders: ['mqtt'],
  fields: [
    { key: 'topic', label: 'Topic', kind: 'line', placeholder: 'sensors/kitchen/temperature' },
    { key: 'qos', label: 'QoS', kind: 'select', options: [['0', 'QoS 0'], ['1', 'QoS 1']], title: 'QoS 1 takes the next free packet id; the broker answers PUBACK' },
    { key: 'retain', label: 'Retain', kind: 'check' },
    { key: 'payload', label: 'Payload', kind: 'area', placeholder: '21.5', title: 'Sent as UTF-8 text' },
  ],
  defaults: { topic: '', qos: '0', retain: false, payload: '' },
  context: ({ frames }) => mqttContext(frames),
  build(v, ctx) {
    const qos = str(v.qos) === '1' ? 1 : 0;
    return buildMqttPublish({ topic: str(v.topic), qos, retain: bool(v.retain), payload: str(v.payload), packetId: qos ? ctx.nextPacketId : undefined, level: ctx.level });
  },
};
