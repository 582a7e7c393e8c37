// Panel decoder (pure logic): WAMP v2 messages in its JSON, MessagePack and CBOR serialisations.
import { readCbor } from './cbor';
import { readMsgpack } from './msgpack';
import type { Decoded, Decoder, DecodeContext, Direction, FrameInput } from './types';
import { toPlain } from './plainValues';
import { preview } from './preview';
import { end, failed, isRecord, join, other, parseJson, reply, request, terms, textOf } from './util';

const NAMES: Record<number, string> = {
  1: 'HELLO', 2: 'WELCOME', 3: 'ABORT', 4: 'CHALLENGE', 5: 'AUTHENTICATE', 6: 'GOODBYE', 8: 'ERROR',
  16: 'PUBLISH', 17: 'PUBLISHED', 32: 'SUBSCRIBE', 33: 'SUBSCRIBED', 34: 'UNSUBSCRIBE', 35: 'UNSUBSCRIBED', 36: 'EVENT',
  48: 'CALL', 49: 'CANCEL', 50: 'RESULT', 64: 'REGISTER', 65: 'REGISTERED', 66: 'UNREGISTER', 67: 'UNREGISTERED',
  68: 'INVOCATION', 69: 'INTERRUPT', 70: 'YIELD',
};
/** Requests and where their id sits: [type, Request, …]. */
const REQUESTS = new Set([16, 32, 34, 48, 64, 66, 68]);
/** Answers carry the request id second: [type, REQUEST.Request, …]; CANCEL and INTERRUPT end a call from the asking side. */
const ANSWERS = new Set([17, 33, 35, 50, 65, 67, 70]);
/** Where the arguments of a message with Arguments|list and ArgumentsKw|dict start. */
const ARGS_AT: Record<number, number> = { 8: 5, 16: 4, 36: 4, 48: 4, 50: 3, 68: 4, 70: 3 };

const fmt = (v: unknown): string => (typeof v === 'string' ? v : preview(v, 40));

function argsOf(m: unknown[]): { args?: unknown; text?: string } {
  const at = ARGS_AT[Number(m[0])];
  if (at === undefined || m.length <= at) return {};
  const list = Array.isArray(m[at]) ? (m[at] as unknown[]) : [];
  const kw = isRecord(m[at + 1]) ? m[at + 1] : undefined;
  const args = kw ? { args: list, kwargs: kw } : list;
  return { args, text: preview(kw ? [...list, kw] : list, 50) };
}

function describe(m: unknown[], dir: Direction, serialisation: string): Decoded {
  const code = m[0];
  if (typeof code !== 'number') return failed('message type is not a number');
  const name = NAMES[code] ?? `type ${code}`;
  const fields: [string, string][] = [['WAMP', `${name} (${code})`], ['serialisation', serialisation]];
  const { args, text } = argsOf(m);
  const id = m[1];
  const t = terms({ type: name });
  let summary: string;
  switch (code) {
    case 1: summary = `HELLO ${fmt(m[1])}`; t.topic = [String(m[1])]; fields.push(['realm', String(m[1])]); break;
    case 2: summary = `WELCOME session ${fmt(m[1])}`; fields.push(['session', String(m[1])]); break;
    case 3: case 6: summary = `${name} ${fmt(m[2])}`; fields.push(['reason', String(m[2])]); break;
    case 8: summary = join(`ERROR ${fmt(m[4])}`, `for ${NAMES[Number(m[1])] ?? m[1]} ${fmt(m[2])}`, text); fields.push(['request', String(m[2])], ['error', String(m[4])]); break;
    case 16: case 32: summary = join(`${name} ${fmt(m[3])}`, `req ${fmt(id)}`, text); t.topic = [String(m[3])]; fields.push(['request', String(id)], ['topic', String(m[3])]); break;
    case 36: summary = join(`EVENT sub ${fmt(m[1])}`, text); fields.push(['subscription', String(m[1])], ['publication', String(m[2])]); break;
    case 48: case 64: summary = join(`${name} ${fmt(m[3])}${code === 48 ? `(${(text ?? '[]').slice(1, -1)})` : ''}`, `req ${fmt(id)}`); t.method = [String(m[3])]; fields.push(['request', String(id)], ['procedure', String(m[3])]); break;
    case 68: summary = join(`INVOCATION reg ${fmt(m[2])}`, `req ${fmt(id)}`, text); fields.push(['request', String(id)], ['registration', String(m[2])]); break;
    default: summary = join(name, id !== undefined && `req ${fmt(id)}`, text); if (id !== undefined) fields.push(['request', String(id)]);
  }
  const out: Decoded = { summary, fields, terms: t, payload: args ?? toPlain(m.slice(1)) };
  // Request ids are scoped to the side that sends the request: CALL from the client, INVOCATION from the router.
  if (REQUESTS.has(code)) out.pairs = request(`wamp:${dir}:${String(id)}`);
  else if (ANSWERS.has(code)) {
    const progress = code === 50 && isRecord(m[2]) && m[2].progress === true;
    out.pairs = (progress ? reply : end)(`wamp:${other(dir)}:${String(id)}`);
  } else if (code === 8) out.pairs = end(`wamp:${other(dir)}:${String(m[2])}`);
  else if (code === 49 || code === 69) out.pairs = end(`wamp:${dir}:${String(id)}`);
  else if (code === 1) out.pairs = request('wamp:session');
  else if (code === 2 || code === 3) out.pairs = end('wamp:session');
  return out;
}

/** Binary frames are MessagePack or CBOR: the subprotocol says which, else the first byte's array header does. */
function readBinary(b: Uint8Array, ctx: DecodeContext): { value: unknown; serialisation: string } {
  const proto = ctx.hints.protocol;
  const cbor = proto.startsWith('wamp.2.cbor') || (!proto.startsWith('wamp.2.msgpack') && b[0] >= 0x80 && b[0] <= 0x8f);
  return cbor ? { value: readCbor(b), serialisation: 'CBOR' } : { value: readMsgpack(b), serialisation: 'MessagePack' };
}

export const wampDecoder: Decoder = {
  id: 'wamp',
  label: 'WAMP v2',
  detect(hints, firstFrames) {
    const proto = /^wamp\.2\.(json|msgpack|cbor)/.exec(hints.protocol);
    if (proto) return { by: 'subprotocol', reason: `subprotocol ${hints.protocol}` };
    const first = firstFrames.find((f) => f.dir === 'sent');
    const text = first && textOf(first);
    if (text !== undefined && /^\[\s*1\s*,\s*"[^"]+"\s*,\s*\{/.test(text)) return { by: 'handshake', reason: 'handshake: WAMP HELLO' };
    return undefined;
  },
  decode(frame: FrameInput, ctx) {
    let message: unknown;
    let serialisation = 'JSON';
    if (typeof frame.data === 'string') {
      const parsed = parseJson(frame.data);
      if (!parsed.ok) return failed(parsed.error);
      message = parsed.value;
    } else {
      try {
        ({ value: message, serialisation } = readBinary(frame.data, ctx));
      } catch (e) {
        return failed(`not MessagePack or CBOR: ${(e as Error).message}`);
      }
    }
    return Array.isArray(message) && message.length ? describe(message.map((x) => toPlain(x)), frame.dir, serialisation) : failed('not a WAMP message (a non-empty array)');
  },
};
