// Panel decoder (pure logic): recognising gzip/zlib payloads, and inflating them with the browser's DecompressionStream.
// DecompressionStream needs no dependency but is asynchronous, so synchronous decoding only reports `compressed`
// and the detail view inflates on demand; fflate would inflate synchronously but weighs on every panel for a rare case.
import type { Compression } from './types';

/** Inflated output beyond this is cut: a small bomb must not take the panel's memory. */
export const DECOMPRESS_LIMIT = 16 * 1024 * 1024;

export function compressionOf(b: Uint8Array): Compression | undefined {
  if (b.length >= 18 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 8) return 'gzip';
  // zlib: CM 8 with a 32 KiB window or less, and the header checksum RFC 1950 requires.
  if (b.length >= 6 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0) return 'deflate';
  return undefined;
}

export interface Inflated {
  bytes: Uint8Array;
  /** Output stopped at DECOMPRESS_LIMIT. */
  cut: boolean;
}

/** Inflates gzip, zlib (`deflate`) or raw deflate (`deflate-raw`, which has no magic bytes to detect it by). */
export async function decompress(bytes: Uint8Array, format: Compression | 'deflate-raw' | undefined = compressionOf(bytes)): Promise<Inflated> {
  if (!format) throw new Error('not gzip or zlib data');
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= DECOMPRESS_LIMIT) {
      cut = true;
      await reader.cancel();
      break;
    }
  }
  const out = new Uint8Array(Math.min(size, DECOMPRESS_LIMIT));
  let at = 0;
  for (const c of chunks) {
    const take = c.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
  }
  return { bytes: out, cut };
}
