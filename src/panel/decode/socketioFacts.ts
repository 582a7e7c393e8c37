// Panel decoder (pure logic): the Socket.IO decoder's facts fast path — heartbeat and terms of pings, pongs, events
// and acks read straight from the text, so the filters need not describe every packet (socketio.ts decodes in full).
import type { Facts, FrameInput } from './types';
import { terms } from './util';

const PING: Facts = { heartbeat: true, terms: terms({ type: 'ping' }) };
const PONG: Facts = { heartbeat: true, terms: terms({ type: 'pong' }) };
const ACK: Facts = { terms: terms({ type: 'ACK' }) };
/** socket.io-parser's reserved event names: an EVENT naming one is not a valid packet. */
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
/** An Engine.IO message holding an EVENT or ACK (optional namespace and ack id) whose data is a JSON array. */
const EVENT_OR_ACK = /^4([23])(?:\/[^,]*,)?\d*(?=\[)/;
const eventFacts = new Map<string, Facts>();

/**
 * decodeEngineIo's heartbeat flag and terms for the frames a stream is mostly made of (pings, pongs, events and acks
 * without attachments), read the way engine.io-parser and socket.io-parser read them but without describing the
 * packet; anything else (binary frames, attachments that keep state, odd packets) is left to the full decode.
 */
export function engineIoFacts(frame: FrameInput): Facts | undefined {
  const s = frame.data;
  if (typeof s !== 'string') return undefined;
  const c = s.charCodeAt(0);
  if (c === 0x32) return PING;
  if (c === 0x33) return PONG;
  if (c !== 0x34) return undefined;
  const head = EVENT_OR_ACK.exec(s);
  if (!head) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(s.slice(head[0].length));
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  if (head[1] === '3') return ACK;
  const name: unknown = data[0];
  if (typeof name !== 'number' && (typeof name !== 'string' || RESERVED.includes(name))) return undefined;
  const event = String(name);
  let f = eventFacts.get(event);
  if (!f) {
    f = { terms: terms({ type: 'EVENT', event }) };
    if (eventFacts.size < 4096) eventFacts.set(event, f);
  }
  return f;
}
