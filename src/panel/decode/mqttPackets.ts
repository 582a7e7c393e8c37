// Panel decoder (pure logic): one MQTT control packet (its body after the fixed header) as the panel shows it —
// summary, fields, search terms and request/reply pairing, read by the protocol level CONNECT gave (mqtt.ts).
import { readProperties, type Reader } from './mqttReader';
import { guessPayload } from './payload';
import type { Decoded, Direction } from './types';
import { end, join, other, reply, request, terms } from './util';

export const TYPES = ['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'];
const CONNACK_311 = ['accepted', 'unacceptable protocol version', 'identifier rejected', 'server unavailable', 'bad user name or password', 'not authorized'];

interface Packet {
  decoded: Decoded;
  level?: number;
}

export function readPacket(r: Reader, type: number, flags: number, level: number, dir: Direction): Packet {
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
