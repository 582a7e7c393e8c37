// Panel store (DevTools panel): compressed frames inflated — asynchronously, with the browser's DecompressionStream —
// when a view asks for their decode (decoding.ts), then decoded by the connection's decoder like any payload. Results
// are kept per row in a small LRU (bounded bytes), and `version` is bumped as each settles so the views read it again.
import { signal, type ReadonlySignal } from '@preact/signals';
import { compressionName, decompress, DECOMPRESS_LIMIT, type Inflated } from './decode/compressed';
import { guessedFrame } from './decode/compressedFrames';
import { decodeFrame } from './decode/registry';
import type { Compression, DecodeContext, Decoded, FrameInput } from './decode/types';

/** Inflated rows kept at most, and their inflated bytes at most: the rest are inflated again when shown again. */
export const INFLATED_KEEP_ROWS = 256;
export const INFLATED_KEEP_BYTES = 32 * 1024 * 1024;
/** Inflations running at once (each may hold up to DECOMPRESS_LIMIT); the others wait, and go if no longer kept. */
export const INFLATING_AT_ONCE = 4;

const MIB = 1024 * 1024;
const limitText = (n: number): string => (n % MIB === 0 ? `${n / MIB} MiB` : `${n} B`);

interface Entry {
  compression: Compression;
  state: { kind: 'pending' } | { kind: 'done'; inflated: Inflated } | { kind: 'failed'; error: string };
  /** The last decode of the inflated bytes, for the decoder it was made by. */
  decoded?: { decoderId: string; out: Decoded };
}

export interface Inflating {
  /** Bumped whenever an inflation settles. */
  readonly version: ReadonlySignal<number>;
  /**
   * `decoded` (a frame's decode, with `compressed` set) once its bytes are inflated and decoded by `decoderId`; until
   * then the same with `inflating` set (inflation starts on the first ask); on failure, with `error` set.
   */
  decodedOf(decoderId: string, frame: FrameInput & { data: Uint8Array }, decoded: Decoded, ctx?: DecodeContext): Decoded;
}

/** The inflated bytes decoded by the connection's decoder, or guessed when it cannot read them. */
export function decodeInflated(decoderId: string, frame: FrameInput & { data: Uint8Array }, compression: Compression, inflated: Inflated, ctx?: DecodeContext): Decoded {
  const inner: FrameInput = { dir: frame.dir, data: inflated.bytes, truncated: inflated.cut || !!frame.truncated };
  // The compression decoders' own reading of a frame is the guess; a format decoder's may fail (a msgpack connection
  // with one JSON frame) or find compressed bytes again (not inflated twice): the guess shows what is there.
  let d = decoderId === 'compressed' || decoderId === 'deflate-raw' ? undefined : decodeFrame(decoderId, inner, ctx, { keep: false });
  if (!d || d.error || d.compressed) d = guessedFrame(inner);
  const name = compressionName(compression);
  const sizes = `${frame.data.length} B → ${inflated.bytes.length} B${inflated.cut ? ` (cut: inflating stopped at ${limitText(DECOMPRESS_LIMIT)})` : ''}`;
  return {
    ...d,
    summary: `${name} · ${d.summary}`,
    fields: [['compression', name], ['size', sizes], ...d.fields.filter(([k]) => k !== 'size')],
  };
}

export function createInflating({ keepRows = INFLATED_KEEP_ROWS, keepBytes = INFLATED_KEEP_BYTES, atOnce = INFLATING_AT_ONCE, inflate = decompress } = {}): Inflating {
  const version = signal(0);
  /** In least recently asked order. */
  const entries = new Map<FrameInput, Entry>();
  /** Entries not started yet, oldest first; always among `entries` (scrolling fast asks for many rows). */
  const waiting = new Map<FrameInput & { data: Uint8Array }, Entry>();
  let running = 0;
  let bytes = 0;

  const sizeOf = (e: Entry): number => (e.state.kind === 'done' ? e.state.inflated.bytes.length : 0);

  function drop(frame: FrameInput, e: Entry) {
    entries.delete(frame);
    waiting.delete(frame as FrameInput & { data: Uint8Array });
    bytes -= sizeOf(e);
  }

  function trim() {
    for (const [frame, e] of entries) {
      if (entries.size <= keepRows && bytes <= keepBytes) break;
      drop(frame, e);
    }
  }

  function run() {
    for (const [frame, entry] of waiting) {
      if (running >= atOnce) return;
      waiting.delete(frame);
      running++;
      const settle = (state: Entry['state']) => {
        running--;
        // Dropped meanwhile (trimmed, or asked again as another compression): its result is not kept.
        if (entries.get(frame) === entry) {
          entry.state = state;
          bytes += sizeOf(entry);
          trim();
          version.value++;
        }
        run();
      };
      inflate(frame.data, entry.compression).then(
        (inflated) => settle({ kind: 'done', inflated }),
        (e: unknown) => settle({ kind: 'failed', error: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  function start(frame: FrameInput & { data: Uint8Array }, compression: Compression): Entry {
    const entry: Entry = { compression, state: { kind: 'pending' } };
    entries.set(frame, entry);
    waiting.set(frame, entry);
    trim();
    run();
    return entry;
  }

  function decodedOf(decoderId: string, frame: FrameInput & { data: Uint8Array }, decoded: Decoded, ctx?: DecodeContext): Decoded {
    const compression = decoded.compressed!;
    let e = entries.get(frame);
    if (e && e.compression !== compression) {
      drop(frame, e);
      e = undefined;
    }
    if (e) {
      // Most recently asked goes last, kept longest.
      entries.delete(frame);
      entries.set(frame, e);
    } else e = start(frame, compression);
    const name = compressionName(compression);
    const state = e.state;
    if (state.kind === 'pending') return { ...decoded, summary: `${decoded.summary} · inflating…`, inflating: true };
    if (state.kind === 'failed') {
      const cut = frame.truncated ? ' (the frame was truncated: only part of it was kept)' : '';
      return { ...decoded, summary: `${decoded.summary} · not inflated`, error: `the ${name} data did not inflate: ${state.error}${cut}` };
    }
    if (e.decoded?.decoderId !== decoderId) e.decoded = { decoderId, out: decodeInflated(decoderId, frame, compression, state.inflated, ctx) };
    return e.decoded.out;
  }

  return { version, decodedOf };
}
