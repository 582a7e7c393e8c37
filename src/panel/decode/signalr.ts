// Panel decoder (pure logic): ASP.NET Core SignalR hub protocols — JSON (records ended by 0x1E) and MessagePack
// (varint length-prefixed arrays), both mapped to one message shape (signalrMessages.ts) before they are described.
import { readMsgpack } from './msgpack';
import { toPlain } from './plainValues';
import { preview } from './preview';
import { fieldGlob, textCondition } from './ruleConditions';
import { fromArray, fromJson, type HubMessage } from './signalrMessages';
import type { Decoded, Decoder, Direction, FrameInput } from './types';
import { combine, decodeUtf8, end, failed, isRecord, join, other, parseJson, reply, request, terms, textOf } from './util';

const RS = '\u001e';
const TYPES = ['', 'invocation', 'stream item', 'completion', 'stream invocation', 'cancel', 'ping', 'close', 'ack', 'sequence'];

const args = (a: unknown[] | undefined): string => `(${(a ?? []).map((x) => preview(x, 30)).join(', ')})`.replace(/^(.{60}).+\)$/, '$1…)');

function describe(m: HubMessage, dir: Direction): Decoded {
  const type = TYPES[m.type] ?? `type ${m.type}`;
  const id = m.invocationId;
  // Both sides may invoke (client results), so a key names the side that asked.
  const asked = `signalr:${dir}:${id}`;
  const answered = `signalr:${other(dir)}:${id}`;
  const fields: [string, string][] = [['SignalR', `${type} (${m.type})`]];
  if (id !== undefined) fields.push(['invocationId', id]);
  if (m.target !== undefined) fields.push(['target', m.target]);
  if (m.streamIds?.length) fields.push(['streamIds', m.streamIds.join(', ')]);
  if (m.error !== undefined) fields.push(['error', m.error]);
  if (m.sequenceId !== undefined) fields.push(['sequenceId', String(m.sequenceId)]);
  if (isRecord(m.headers) && Object.keys(m.headers).length) fields.push(['headers', JSON.stringify(m.headers)]);
  const idPart = id !== undefined && `id ${id}`;
  const t = terms({ type, method: m.target });
  switch (m.type) {
    case 1:
    case 4: {
      const out: Decoded = { summary: join(`${m.type === 1 ? 'invoke' : 'stream'} ${m.target ?? '?'}${args(m.arguments)}`, idPart), fields, payload: toPlain(m.arguments ?? []), terms: t };
      if (id !== undefined) out.pairs = request(asked);
      return out;
    }
    case 2:
      return { summary: join('stream item', idPart, preview(toPlain(m.item), 60)), fields, payload: toPlain(m.item), terms: t, pairs: reply(answered) };
    case 3: {
      const out: Decoded = { summary: join('completion', idPart, m.error !== undefined ? `error ${JSON.stringify(m.error)}` : m.hasResult && `result ${preview(toPlain(m.result), 60)}`), fields, terms: t, pairs: end(answered) };
      if (m.hasResult) out.payload = toPlain(m.result);
      return out;
    }
    case 5:
      return { summary: join('cancel', idPart), fields, terms: t, pairs: end(asked) };
    case 6:
      return { summary: 'ping', fields, heartbeat: true, terms: t };
    case 7:
      return { summary: join('close', m.error && `error ${JSON.stringify(m.error)}`, m.allowReconnect && 'reconnect'), fields, terms: t };
    default:
      return { summary: join(type, m.sequenceId !== undefined && String(m.sequenceId)), fields, terms: t };
  }
}

/** `{"protocol":"json","version":1}` from the client, `{}` or `{"error":…}` back: the only records without a type. */
function handshake(v: Record<string, unknown>, dir: Direction): Decoded | undefined {
  if (typeof v.type === 'number') return undefined;
  if (dir === 'sent' && typeof v.protocol === 'string')
    return { summary: `handshake ${v.protocol} v${String(v.version)}`, fields: [['SignalR', 'handshake'], ['protocol', v.protocol], ['version', String(v.version)]], terms: terms({ type: 'handshake' }), pairs: request('signalr:handshake') };
  if (dir === 'received')
    return { summary: v.error !== undefined ? `handshake error ${JSON.stringify(v.error)}` : 'handshake ok', fields: [['SignalR', 'handshake response'], ...(v.error !== undefined ? [['error', String(v.error)] as [string, string]] : [])], terms: terms({ type: 'handshake' }), pairs: end('signalr:handshake') };
  return undefined;
}

function jsonRecords(text: string, dir: Direction): Decoded {
  if (!text.endsWith(RS)) return failed('no record separator (0x1E) at the end');
  const parts = text.slice(0, -1).split(RS).map((record): Decoded => {
    const parsed = parseJson(record);
    if (!parsed.ok) return failed(parsed.error);
    if (!isRecord(parsed.value)) return failed('record is not an object');
    try {
      return handshake(parsed.value, dir) ?? describe(fromJson(parsed.value), dir);
    } catch (e) {
      return failed((e as Error).message);
    }
  });
  return combine(parts, [['hub protocol', 'JSON']]);
}

/**
 * The handshake is JSON ended by 0x1E whatever the hub protocol; a MessagePack connection's server may send its reply
 * (`{}` + 0x1E) as a binary frame, alone or before MessagePack records. Its length (up to the separator), or 0 when
 * the frame does not open with one. A 123-byte record's length prefix is also 0x7B (`{`), but its array header
 * (0x90–0x9F, 0xDC, 0xDD) is not UTF-8 after it, so it never reads as a JSON object.
 */
function jsonHandshakeLength(b: Uint8Array): number {
  if (b[0] !== 0x7b) return 0;
  const end = b.indexOf(0x1e);
  if (end < 0) return 0;
  const text = decodeUtf8(b.subarray(0, end));
  if (text === undefined) return 0;
  const parsed = parseJson(text);
  return parsed.ok && isRecord(parsed.value) && typeof parsed.value.type !== 'number' ? end + 1 : 0;
}

function msgpackRecords(b: Uint8Array, dir: Direction): Decoded {
  const parts: Decoded[] = [];
  let pos = jsonHandshakeLength(b);
  if (pos > 0) {
    const hs = jsonRecords(decodeUtf8(b.subarray(0, pos))!, dir);
    if (pos === b.length) return hs;
    parts.push(...(hs.parts ?? [{ ...hs, fields: hs.fields.filter(([k]) => k !== 'hub protocol') }]));
  }
  while (pos < b.length) {
    // Length prefix: up to 5 bytes of 7 bits, least significant first.
    let length = 0;
    let shift = 0;
    let byte: number;
    do {
      if (pos >= b.length || shift > 28) return failed('bad length prefix');
      byte = b[pos++];
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    if (pos + length > b.length) return failed(`record of ${length} B runs past the frame (cut?)`);
    const record = b.subarray(pos, pos + length);
    pos += length;
    try {
      const value = readMsgpack(record);
      parts.push(Array.isArray(value) ? describe(fromArray(value), dir) : failed('record is not an array'));
    } catch (e) {
      parts.push(failed(`not MessagePack: ${(e as Error).message}`));
    }
  }
  return combine(parts, [['hub protocol', 'MessagePack']]);
}

const HANDSHAKE = /^\{\s*"protocol"\s*:\s*"(json|messagepack)"\s*,\s*"version"\s*:\s*\d+\s*\}\u001e/;

export const signalRDecoder: Decoder = {
  id: 'signalr',
  label: 'SignalR',
  // The JSON hub protocol's invocation target, at the start of any record of the frame, as @microsoft/signalr writes
  // it (MessagePack frames are binary: a rule cannot read them).
  ruleConditions: (key, pattern) =>
    key === 'method' ? [textCondition(`(?:^|\\u001e)\\{"type":[1-5],(?:"invocationId":"[^"]*",)?"target":"${fieldGlob(pattern)}"`)] : undefined,
  detect(hints, firstFrames) {
    const first = firstFrames.find((f) => f.dir === 'sent');
    const text = first && textOf(first);
    const handshakeSeen = text !== undefined && HANDSHAKE.test(text);
    // `?id=` alone is common, so it counts only while the first frame does not contradict it.
    if (/[?&]id=[^&]/.test(hints.url) && (!first || handshakeSeen)) return { by: 'url', reason: 'URL ?id= (SignalR connection token)' };
    if (handshakeSeen) return { by: 'handshake', reason: `handshake: SignalR ${HANDSHAKE.exec(text)?.[1]} protocol` };
    return undefined;
  },
  decode(frame: FrameInput) {
    if (typeof frame.data !== 'string') return msgpackRecords(frame.data, frame.dir);
    return jsonRecords(frame.data, frame.dir);
  },
};
