// Panel decoder (pure logic): connections whose binary frames are gzip/zlib-compressed (detected by their headers), and
// raw deflate (chosen with Decode as only); frames are inflated by the panel (panel/inflating.ts), then guessed.
import { compressedFrame, compressionName, compressionOf } from './compressed';
import { guessPayload, textPayload, type PayloadFormat } from './payload';
import { toPlain } from './plainValues';
import { preview } from './preview';
import type { Decoded, Decoder, FrameInput } from './types';
import { envelopeTerms, sizeField } from './util';

const FORMAT_NAMES: Record<PayloadFormat, string> = {
  json: 'JSON', text: 'text', msgpack: 'MessagePack', cbor: 'CBOR', protobuf: 'protobuf (schema-less)', bytes: 'bytes',
  gzip: 'gzip', deflate: 'zlib', 'deflate-raw': 'raw deflate',
};

/** A payload of no known protocol, as the best guess reads it: JSON, text, MessagePack, CBOR, protobuf or bytes. */
export function guessedFrame(frame: FrameInput): Decoded {
  let format: PayloadFormat;
  let value: unknown;
  if (typeof frame.data === 'string') {
    value = textPayload(frame.data);
    format = typeof value === 'string' ? 'text' : 'json';
  } else {
    const g = guessPayload(frame.data);
    format = g.format;
    value = toPlain(g.value);
  }
  const out: Decoded = { summary: value instanceof Uint8Array ? `${FORMAT_NAMES[format]} (${value.length} B)` : preview(value, 110), fields: [['format', FORMAT_NAMES[format]], sizeField(frame.data)], payload: value };
  const t = envelopeTerms(value);
  if (t) out.terms = t;
  return out;
}

/** Binary frames with a gzip or zlib header; other frames of the connection are guessed. */
export const compressedDecoder: Decoder = {
  id: 'compressed',
  label: 'gzip / zlib',
  detect(_hints, firstFrames) {
    const tried = firstFrames.filter((f): f is FrameInput & { data: Uint8Array } => typeof f.data !== 'string').slice(0, 3);
    if (!tried.length) return undefined;
    const found = tried.map((f) => compressionOf(f.data));
    return found.every((c) => c) ? { by: 'content', reason: `content: ${compressionName(found[0]!)} header` } : undefined;
  },
  decode(frame) {
    const compression = typeof frame.data === 'string' ? undefined : compressionOf(frame.data);
    return compression ? compressedFrame(frame as { data: Uint8Array }, compression) : guessedFrame(frame);
  },
};

/**
 * Raw deflate has no header, so content cannot tell it from other bytes: it is never detected (a guess would inflate
 * arbitrary binary into garbage), only used when the user picks it with Decode as. Every binary frame is then inflated.
 */
export const rawDeflateDecoder: Decoder = {
  id: 'deflate-raw',
  label: 'Raw deflate',
  detect: () => undefined,
  decode: (frame) => (typeof frame.data === 'string' ? guessedFrame(frame) : compressedFrame(frame as { data: Uint8Array }, 'deflate-raw')),
};
