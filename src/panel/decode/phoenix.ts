// Panel decoder (pure logic): Phoenix channels — the v1 object and v2 array JSON serialisers, and v2's binary pushes.
import { guessPayload } from './payload';
import type { Decoded, Decoder, FrameInput } from './types';
import { preview } from './preview';
import { fieldCondition } from './ruleConditions';
import { decodeUtf8, end, failed, isRecord, join, parseJson, request, str, terms, textOf } from './util';

interface PhoenixMessage {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
  serializer: string;
}

const refOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function fromJson(v: unknown): PhoenixMessage {
  if (Array.isArray(v) && v.length === 5 && typeof v[2] === 'string' && typeof v[3] === 'string')
    return { joinRef: refOf(v[0]), ref: refOf(v[1]), topic: v[2], event: v[3], payload: v[4], serializer: 'v2 (array)' };
  if (isRecord(v) && typeof v.topic === 'string' && typeof v.event === 'string')
    return { joinRef: refOf(v.join_ref), ref: refOf(v.ref), topic: v.topic, event: v.event, payload: v.payload, serializer: 'v1 (object)' };
  throw new Error('not a Phoenix message ([join_ref, ref, topic, event, payload] or {topic, event, payload, ref})');
}

/** v2 binary: a kind byte (0 push, 1 reply, 2 broadcast), the lengths of the strings, the strings, then the payload. */
function fromBinary(b: Uint8Array): PhoenixMessage {
  const kind = b[0];
  const sizes = kind === 2 ? 2 : 4;
  if (kind > 2 || b.length < 1 + sizes) throw new Error(`not a Phoenix binary message (kind ${kind})`);
  let pos = 1 + sizes;
  const strings = Array.from(b.subarray(1, 1 + sizes), (n) => {
    const s = decodeUtf8(b.subarray(pos, pos + n));
    pos += n;
    if (s === undefined || pos > b.length) throw new Error('Phoenix binary header runs past the frame');
    return s;
  });
  const data = guessPayload(b.subarray(pos)).value;
  if (kind === 2) return { joinRef: null, ref: null, topic: strings[0], event: strings[1], payload: data, serializer: 'v2 (binary broadcast)' };
  if (kind === 1) return { joinRef: strings[0] || null, ref: strings[1] || null, topic: strings[2], event: 'phx_reply', payload: { status: strings[3], response: data }, serializer: 'v2 (binary reply)' };
  return { joinRef: strings[0] || null, ref: strings[1] || null, topic: strings[2], event: strings[3], payload: data, serializer: 'v2 (binary push)' };
}

function describe(m: PhoenixMessage): Decoded {
  const reply = m.event === 'phx_reply' && isRecord(m.payload) ? m.payload : undefined;
  const status = reply ? str(reply.status) : undefined;
  const body = reply ? reply.response : m.payload;
  const heartbeat = m.topic === 'phoenix';
  const fields: [string, string][] = [['Phoenix', m.serializer], ['topic', m.topic], ['event', m.event]];
  if (m.ref !== null) fields.push(['ref', m.ref]);
  if (m.joinRef !== null) fields.push(['join_ref', m.joinRef]);
  if (status !== undefined) fields.push(['status', status]);
  const bodyText = body === undefined || (isRecord(body) && !Object.keys(body).length) ? undefined : preview(body, 60);
  const out: Decoded = {
    summary: heartbeat ? join(m.event === 'phx_reply' ? `heartbeat ${status ?? ''}`.trim() : m.event, m.ref !== null && `ref ${m.ref}`) : join([m.event, status, m.topic].filter(Boolean).join(' '), m.ref !== null && `ref ${m.ref}`, bodyText),
    fields,
    payload: body,
    terms: terms({ topic: m.topic, event: m.event, type: status }),
  };
  if (heartbeat) out.heartbeat = true;
  // Only the client makes refs; the server's reply carries the ref it answers.
  if (m.ref !== null) out.pairs = m.event === 'phx_reply' ? end(`phoenix:${m.ref}`) : request(`phoenix:${m.ref}`);
  return out;
}

export const phoenixDecoder: Decoder = {
  id: 'phoenix',
  label: 'Phoenix channels',
  // v1 objects name their fields; v2 arrays are [join_ref, ref, topic, event, payload].
  ruleConditions: (key, pattern) =>
    key === 'topic' || key === 'event' ? [fieldCondition(`$.${key}`, pattern), fieldCondition(key === 'topic' ? '$[2]' : '$[3]', pattern)] : undefined,

  detect(hints, firstFrames) {
    const vsn = /[?&]vsn=([\d.]+)/.exec(hints.url);
    if (vsn) return { by: 'url', reason: `URL vsn=${vsn[1]}` };
    const first = firstFrames.find((f) => f.dir === 'sent');
    const json = first && textOf(first);
    if (json !== undefined && /"phx_join"/.test(json)) return { by: 'handshake', reason: 'handshake: phx_join' };
    return undefined;
  },
  decode(frame: FrameInput) {
    try {
      if (typeof frame.data !== 'string') return describe(fromBinary(frame.data));
      const parsed = parseJson(frame.data);
      return parsed.ok ? describe(fromJson(parsed.value)) : failed(parsed.error);
    } catch (e) {
      return failed((e as Error).message);
    }
  },
};
