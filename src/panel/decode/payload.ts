// Panel decoder (pure logic): best guess at what a nested binary payload is (an MQTT message, a STOMP body, an attachment).
import { readCbor } from './cbor';
import { compressionOf } from './compressed';
import { isContainer } from './formatDecoder';
import { readMsgpack } from './msgpack';
import { readProtobuf } from './protobuf';
import type { Compression } from './types';
import { toPlain } from './plainValues';
import { decodeUtf8, parseJson } from './util';

export type PayloadFormat = 'json' | 'text' | 'msgpack' | 'cbor' | 'protobuf' | 'bytes' | Compression;
export interface Guessed {
  format: PayloadFormat;
  value: unknown;
}

const printableText = (s: string): boolean => !/[\u0000-\u0008\u000e-\u001f]/.test(s);

function attempt(read: () => unknown): unknown {
  try {
    const v = read();
    return isContainer(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Text before the binary formats: most payloads are text, and short text can pass for MessagePack. */
export function guessPayload(bytes: Uint8Array): Guessed {
  const compressed = compressionOf(bytes);
  if (compressed) return { format: compressed, value: bytes };
  const text = decodeUtf8(bytes);
  if (text !== undefined && printableText(text)) {
    const json = /^\s*[[{"]/.test(text) ? parseJson(text) : undefined;
    return json?.ok ? { format: 'json', value: json.value } : { format: 'text', value: text };
  }
  const mp = attempt(() => readMsgpack(bytes));
  if (mp !== undefined) return { format: 'msgpack', value: toPlain(mp) };
  const cb = attempt(() => readCbor(bytes));
  if (cb !== undefined) return { format: 'cbor', value: toPlain(cb) };
  const pb = readProtobuf(bytes);
  if (pb) return { format: 'protobuf', value: pb };
  return { format: 'bytes', value: bytes };
}

/** A text body that holds JSON is shown as a tree. */
export function textPayload(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  const json = parseJson(text);
  return json.ok ? json.value : text;
}
