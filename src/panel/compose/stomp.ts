// Panel composer (pure logic): a STOMP SEND frame — destination, headers as `key:value` lines, body, NUL-terminated —
// with headers escaped as STOMP 1.1 and 1.2 want (not for a 1.0 session, which has no escapes).
import type { FrameInput } from '../decode/types';
import { str, textBuilt, textFrames, type Built, type Template } from './types';

export interface StompSend {
  destination: string;
  /** One `key:value` per line; blank lines are skipped. */
  headers: string;
  body: string;
  /** The session's version ('1.0', '1.1', '1.2'); undefined: not known, escaped as 1.2. */
  version?: string;
}

const escapeHeader = (s: string, v12: boolean) => s.replace(/[\\\n:]|\r/g, (c) => ({ '\\': '\\\\', '\n': '\\n', ':': '\\c', '\r': v12 ? '\\r' : '\r' })[c] ?? c);

export function buildStompSend({ destination, headers, body, version }: StompSend): Built {
  const dest = destination.trim();
  if (!dest) return { error: 'Give the destination (/queue/…, /topic/…).' };
  const pairs: [string, string][] = [['destination', dest]];
  const lines = headers.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `Header line ${i + 1} is not key:value.` };
    const key = line.slice(0, colon).trim();
    // The destination field is the frame's destination: a header repeating it would be ignored (the first one counts).
    if (key === 'destination') continue;
    pairs.push([key, line.slice(colon + 1)]);
  }
  const bytes = new TextEncoder().encode(body).length;
  // A NUL inside the body would end the frame early: content-length tells the server where the body ends.
  if (body.includes('\0') && !pairs.some(([k]) => k === 'content-length')) pairs.push(['content-length', String(bytes)]);
  const escaped = version !== '1.0';
  const v12 = version === undefined || version === '1.2';
  const head = pairs.map(([k, v]) => (escaped ? `${escapeHeader(k, v12)}:${escapeHeader(v, v12)}` : `${k}:${v}`)).join('\n');
  return textBuilt(`SEND\n${head}\n\n${body}\0`);
}

export interface StompContext {
  version?: string;
}

/** The version the server's CONNECTED frame chose (STOMP 1.0 servers send none); else the subprotocol's. */
export function stompContext(hints: { protocol: string }, frames: readonly FrameInput[]): StompContext {
  for (const { dir, text } of textFrames(frames)) {
    if (dir !== 'received' || !/^(\r?\n)*CONNECTED\r?\n/.test(text)) continue;
    return { version: /\nversion:([^\r\n]*)/.exec(text.split(/\r?\n\r?\n/)[0])?.[1] ?? '1.0' };
  }
  const sub = /^v1([0-2])\.stomp$/.exec(hints.protocol);
  return { version: sub ? `1.${sub[1]}` : undefined };
}

export const stompTemplate: Template<StompContext> = {
  id: 'stomp',
  label: 'STOMP SEND',
  protocol: 'STOMP',
  decoders: ['stomp'],
  fields: [
    { key: 'destination', label: 'Destination', kind: 'line', placeholder: '/queue/orders' },
    { key: 'headers', label: 'Headers', kind: 'area', placeholder: 'content-type:application/json\nreceipt:r-1', title: 'One key:value per line' },
    { key: 'body', label: 'Body', kind: 'area', placeholder: '{"id": 1}' },
  ],
  defaults: { destination: '', headers: '', body: '' },
  context: ({ hints, frames }) => stompContext(hints, frames),
  build: (v, ctx) => buildStompSend({ destination: str(v.destination), headers: str(v.headers), body: str(v.body), version: ctx.version }),
};
