// Panel decoder (pure logic): recognising gzip/zlib payloads, and inflating them with the browser's DecompressionStream.
// DecompressionStream needs no dependency but is asynchronous, so synchronous decoding only reports `compressed` and
// the panel inflates the frames it shows (panel/inflating.ts); fflate would inflate synchronously but weighs on every
// panel for a rare case.
import type { Compression, Decoded } from './types';
import { DECODE_LIMIT, sizeField } from './util';

/** Inflated output beyond this is cut (the panel decodes no larger payload): a small bomb must not take its memory. */
export const DECOMPRESS_LIMIT = DECODE_LIMIT;

/**
 * gzip and zlib have headers to recognise them by; raw deflate has none (almost any bytes start a valid-looking
 * deflate block), so it is never guessed, only inflated when the user chooses it with Decode as.
 */
export function compressionOf(b: Uint8Array): Compression | undefined {
  if (b.length >= 18 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8) return 'gzip';
  // zlib: CM 8 with a 32 KiB window or less, and the header checksum RFC 1950 requires.
  if (b.length >= 6 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0) return 'deflate';
  return undefined;
}

/** What users call each: DecompressionStream's `deflate` is the zlib format. */
export const compressionName = (c: Compression): string => (c === 'gzip' ? 'gzip' : c === 'deflate' ? 'zlib' : 'raw deflate');

/** A compressed frame before the panel inflates it. */
export function compressedFrame(frame: { data: Uint8Array }, compression: Compression): Decoded {
  const name = compressionName(compression);
  return { summary: `${name}-compressed (${frame.data.length} B)`, fields: [['compression', name], sizeField(frame.data)], compressed: compression };
}

export interface Inflated {
  bytes: Uint8Array;
  /** Output stopped at the limit: there was more. */
  cut: boolean;
}

/** Inflates gzip, zlib (`deflate`) or raw deflate (`deflate-raw`); rejects on a corrupt or incomplete stream. */
export async function decompress(bytes: Uint8Array, format: Compression | undefined = compressionOf(bytes), limit = DECOMPRESS_LIMIT): Promise<Inflated> {
  if (!format) throw new Error('not gzip or zlib data');
  const inflater = new DecompressionStream(format);
  // Written without waiting: reading below drives it. A corrupt stream or the cancel rejects these too (read says why).
  const writer = inflater.writable.getWriter();
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = inflater.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    // Stop reading, rather than inflate all and cut: the stream hands out bounded chunks, so memory stays near the limit.
    if (size > limit) {
      cut = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const out = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const c of chunks) {
    const take = c.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
  }
  return { bytes: out, cut };
}
