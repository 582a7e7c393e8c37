// Panel decoder (pure logic): STOMP 1.0–1.2 frames (command, headers, body, heart-beat EOLs), text or binary.
import { guessPayload, textPayload } from './payload';
import type { Decoded, Decoder, FrameInput } from './types';
import { preview } from './preview';
import { fieldGlob, textCondition } from './ruleConditions';
import { combine, decodeUtf8, encodeUtf8, end, failed, join, reply, request, terms, textOf } from './util';

const COMMANDS = new Set(['CONNECT', 'STOMP', 'CONNECTED', 'SEND', 'SUBSCRIBE', 'UNSUBSCRIBE', 'BEGIN', 'COMMIT', 'ABORT', 'ACK', 'NACK', 'DISCONNECT', 'MESSAGE', 'RECEIPT', 'ERROR']);

/** Whether text starts like a STOMP frame (or is a heart-beat), so SockJS can tell STOMP from other payloads. */
export const looksLikeStomp = (text: string): boolean => /^(\r?\n)+$/.test(text) || COMMANDS.has(/^(?:\r?\n)*([A-Z]+)\r?\n/.exec(text)?.[1] ?? '');

// STOMP 1.2 escapes header octets; CONNECT and CONNECTED are exempt for 1.0 compatibility.
const unescape = (s: string): string => s.replace(/\\([rnc\\])/g, (_, c: string) => ({ r: '\r', n: '\n', c: ':', '\\': '\\' })[c] ?? c);

interface StompFrame {
  command: string;
  headers: [string, string][];
  body: Uint8Array;
}

const NL = 10;
const CR = 13;

/** Every frame in the bytes; a message of EOLs only is a heart-beat (one frame with an empty command). */
function parseFrames(b: Uint8Array): StompFrame[] {
  const frames: StompFrame[] = [];
  let pos = 0;
  const line = (): string => {
    const nl = b.indexOf(NL, pos);
    if (nl < 0) throw new Error('frame ends inside its headers');
    const text = decodeUtf8(b.subarray(pos, nl > pos && b[nl - 1] === CR ? nl - 1 : nl));
    if (text === undefined) throw new Error('headers are not UTF-8');
    pos = nl + 1;
    return text;
  };
  while (pos < b.length) {
    if (b[pos] === NL || (b[pos] === CR && b[pos + 1] === NL)) {
      pos += b[pos] === CR ? 2 : 1;
      continue;
    }
    const command = line();
    if (!COMMANDS.has(command)) throw new Error(`unknown command "${command.slice(0, 20)}"`);
    const headers: [string, string][] = [];
    for (let h = line(); h !== ''; h = line()) {
      const colon = h.indexOf(':');
      if (colon < 0) throw new Error(`header without a colon: "${h.slice(0, 40)}"`);
      const raw = command === 'CONNECT' || command === 'CONNECTED';
      headers.push([raw ? h.slice(0, colon) : unescape(h.slice(0, colon)), raw ? h.slice(colon + 1) : unescape(h.slice(colon + 1))]);
    }
    const lengthHeader = headers.find(([k]) => k === 'content-length');
    const length = lengthHeader ? Number(lengthHeader[1]) : b.indexOf(0, pos) - pos;
    if (!(length >= 0) || pos + length >= b.length || b[pos + length] !== 0) throw new Error('frame has no NUL terminator (cut?)');
    frames.push({ command, headers, body: b.subarray(pos, pos + length) });
    pos += length + 1;
  }
  // EOLs after a frame's NUL are padding (STOMP 1.2 allows them); only a message of nothing else is a heart-beat.
  return frames.length ? frames : [{ command: '', headers: [], body: new Uint8Array(0) }];
}

function describe(f: StompFrame): Decoded {
  if (!f.command) return { summary: 'heart-beat', fields: [['STOMP', 'heart-beat (EOL)']], heartbeat: true, terms: terms({ type: 'heart-beat' }) };
  // The first occurrence of a repeated header is the one that counts (STOMP 1.2).
  const h = (k: string): string | undefined => f.headers.find(([n]) => n === k)?.[1];
  const contentType = h('content-type') ?? '';
  let payload: unknown;
  if (f.body.length) {
    const text = /^(text\/|application\/(json|xml|javascript))/.test(contentType) || !contentType ? decodeUtf8(f.body) : undefined;
    payload = text !== undefined ? textPayload(text) : guessPayload(f.body).value;
  }
  const body = payload === undefined ? undefined : preview(payload, 60);
  const dest = h('destination');
  const c = f.command;
  const summary = (() => {
    switch (c) {
      case 'CONNECT':
      case 'STOMP':
        return join(`${c}${h('host') ? ' ' + h('host') : ''}`, h('accept-version') && `accept-version ${h('accept-version')}`, h('heart-beat') && `heart-beat ${h('heart-beat')}`);
      case 'CONNECTED':
        return join(`CONNECTED${h('version') ? ' ' + h('version') : ''}`, h('heart-beat') && `heart-beat ${h('heart-beat')}`, h('server'));
      case 'SUBSCRIBE':
        return join(`SUBSCRIBE ${dest ?? ''}`.trim(), h('id') && `id ${h('id')}`);
      case 'UNSUBSCRIBE':
      case 'ACK':
      case 'NACK':
        return join(c, h('id') && `id ${h('id')}`);
      case 'MESSAGE':
        return join(`MESSAGE ${dest ?? ''}`.trim(), h('subscription') && `sub ${h('subscription')}`, body);
      case 'RECEIPT':
        return `RECEIPT ${h('receipt-id') ?? ''}`.trim();
      case 'ERROR':
        return join('ERROR', h('message'), body);
      case 'BEGIN':
      case 'COMMIT':
      case 'ABORT':
        return `${c} ${h('transaction') ?? ''}`.trim();
      default:
        return join(`${c} ${dest ?? ''}`.trim(), body);
    }
  })();
  const pairs = [];
  const receipt = h('receipt');
  if (receipt !== undefined) pairs.push(...request(`stomp:receipt:${receipt}`));
  if (c === 'RECEIPT' || (c === 'ERROR' && h('receipt-id') !== undefined)) pairs.push(...end(`stomp:receipt:${h('receipt-id') ?? ''}`));
  if (c === 'CONNECT' || c === 'STOMP') pairs.push(...request('stomp:connect'));
  if (c === 'CONNECTED') pairs.push(...end('stomp:connect'));
  // A subscription is a stream: its messages answer it, and UNSUBSCRIBE ends it.
  if (c === 'SUBSCRIBE' && h('id') !== undefined) pairs.push(...request(`stomp:sub:${h('id')}`));
  if (c === 'MESSAGE' && h('subscription') !== undefined) pairs.push(...reply(`stomp:sub:${h('subscription')}`));
  if (c === 'UNSUBSCRIBE' && h('id') !== undefined) pairs.push(...end(`stomp:sub:${h('id')}`));
  const out: Decoded = {
    summary,
    fields: [['STOMP', c], ...f.headers, ['body', `${f.body.length} B`]],
    terms: terms({ type: c, destination: dest }),
  };
  if (payload !== undefined) out.payload = payload;
  if (pairs.length) out.pairs = pairs;
  return out;
}

/** A STOMP message as text or bytes (SockJS hands over strings from its `a[…]` frames). */
export function decodeStomp(data: string | Uint8Array): Decoded {
  if (!data.length) return failed('empty frame');
  try {
    const frames = parseFrames(typeof data === 'string' ? encodeUtf8(data) : data);
    return combine(frames.map(describe));
  } catch (e) {
    return failed(`not STOMP: ${(e as Error).message}`);
  }
}

export const stompDecoder: Decoder = {
  id: 'stomp',
  label: 'STOMP',
  // The command line, and a destination header among the headers before the blank line.
  ruleConditions(key, pattern) {
    const value = fieldGlob(pattern, '\n', false);
    if (key === 'type') return [textCondition(`^(?:\\r?\\n)*(?:${value})\\r?\\n`)];
    if (key === 'destination') return [textCondition(`^(?:\\r?\\n)*[A-Z]+\\r?\\n(?:[^\\n]+\\n)*?destination:${value}\\r?\\n`)];
    return undefined;
  },

  detect(hints, firstFrames) {
    if (/^v1[0-2]\.stomp$/.test(hints.protocol)) return { by: 'subprotocol', reason: `subprotocol ${hints.protocol}` };
    const first = firstFrames.find((f) => f.dir === 'sent');
    const text = first && textOf(first);
    if (text !== undefined && /^(CONNECT|STOMP)\r?\n/.test(text)) return { by: 'handshake', reason: `handshake: STOMP ${text.startsWith('STOMP') ? 'STOMP' : 'CONNECT'} frame` };
    return undefined;
  },
  decode: (frame: FrameInput) => decodeStomp(frame.data),
};
