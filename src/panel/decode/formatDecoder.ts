// Panel decoder (pure logic): the common shape of payload-format decoders (JSON, MessagePack, CBOR, protobuf).
import { compressedFrame, compressionOf } from './compressed';
import type { Decoded, Decoder, Facts, FrameInput } from './types';
import { toPlain } from './plainValues';
import { preview } from './preview';
import { envelopeTerms, failed, isRecord, sizeField } from './util';

/** `readBytes` formats take binary frames only; `readFrame` ones (JSON) take text too. Both throw on a mismatch. */
export type FormatSpec = {
  id: string;
  label: string;
  /** Whether a value is evidence enough to pick this format for a whole connection. */
  convincing(value: unknown): boolean;
  /** The terms `decode` would find, without building the value (undefined: cannot tell cheaply, decode). */
  factsOfBytes?(bytes: Uint8Array): Facts | undefined;
} & ({ readBytes(bytes: Uint8Array): unknown } | { readFrame(frame: FrameInput): unknown });

/** Containers convince; a lone number or string decodes from almost any bytes in the binary formats. */
export const isContainer = (v: unknown): boolean => Array.isArray(v) || isRecord(v) || v instanceof Map;

export function formatDecoder(spec: FormatSpec): Decoder {
  const binaryOnly = 'readBytes' in spec;
  const read = (frame: FrameInput): unknown => {
    if ('readFrame' in spec) return spec.readFrame(frame);
    if (typeof frame.data === 'string') throw new Error('a text frame');
    return spec.readBytes(frame.data);
  };
  const tryRead = (frame: FrameInput): { ok: true; value: unknown } | { ok: false; error: string } => {
    try {
      return { ok: true, value: read(frame) };
    } catch (e) {
      return { ok: false, error: `not ${spec.label}: ${(e as Error).message}` };
    }
  };
  const factsOfBytes = 'factsOfBytes' in spec ? spec.factsOfBytes : undefined;
  return {
    id: spec.id,
    label: spec.label,
    detect(_hints, firstFrames) {
      const tried = firstFrames.filter((f) => !binaryOnly || typeof f.data !== 'string').slice(0, 3);
      if (!tried.length) return undefined;
      const ok = tried.every((f) => {
        const r = tryRead(f);
        return r.ok && spec.convincing(r.value);
      });
      return ok ? { by: 'content', reason: `content: ${spec.label}` } : undefined;
    },
    decode(frame): Decoded {
      const size = sizeField(frame.data);
      if (typeof frame.data !== 'string') {
        const compressed = compressionOf(frame.data);
        // The panel inflates it and decodes the result with this same decoder (panel/inflating.ts).
        if (compressed) return compressedFrame(frame as { data: Uint8Array }, compressed);
      }
      const r = tryRead(frame);
      if (!r.ok) return failed(r.error, [size]);
      const value = toPlain(r.value);
      const out: Decoded = { summary: preview(value, 110), fields: [['format', spec.label], size], payload: value };
      const t = envelopeTerms(value);
      if (t) out.terms = t;
      return out;
    },
    facts: factsOfBytes
      ? (frame) => {
          if (typeof frame.data === 'string') return undefined;
          // Compressed frames decode to `compressed`, without terms until the panel inflates them.
          if (compressionOf(frame.data)) return {};
          return factsOfBytes(frame.data);
        }
      : undefined,
  };
}
