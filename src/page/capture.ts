// MAIN world (bundled into the page hook): turns what a socket sent or received (string, ArrayBuffer, typed array,
// DataView, Blob, from any realm) into a frame in its document's history, copied and cut at the payload cap.
import type { Direction } from '../shared/protocol';
import {
  AB, U8, abByteLength, apply, blobSize, blobSlice, charCodeAt, dvBuffer, dvLength, dvOffset, encodeInto, encoder, isView, min, now, strSlice,
  taBuffer, taLength, taOffset, taSet, taTag, wsBinaryType,
} from './intrinsics';
import type { Held } from './holds';
import type { Recorder } from './recorder';

export interface Sock {
  id: number;
  /** The hook's document number: 0 its own, n a child window. */
  doc: number;
  url: string;
  /** Frames interception holds, sent and received (see holds.ts), so those behind them wait their turn. */
  q: [Held[], Held[]];
}

/** Small payloads are copied side by side into one shared buffer: one allocation per 64 KiB of frames, not per frame. */
const SHARED = 65536;
/** Text is measured beyond the cap this many UTF-16 units at a time. */
const CHUNK = 1 << 20;

export function createCapture(recorder: Recorder) {
  const maxPayload = () => recorder.limits().maxPayloadBytes;
  let shared = new AB(SHARED);
  let used = 0;

  /** One object per frame, every field present (reading a missing one would reach the page's Object.prototype). */
  /** The panel's composer sent or delivered the frame being kept (set around that one call, so no argument rides every frame). */
  let fromPanel: true | undefined;
  const keep = (s: Sock, dir: Direction, t: number, data: string | Uint8Array | Blob, keptBytes: number, length?: number) =>
    recorder.record({ kind: 'frame', seq: recorder.nextSeq(s.doc), id: s.id, t, dir, data, length, doc: s.doc, keptBytes, fromPanel }, s.doc);

  /** Copies go through typed arrays: ArrayBuffer.prototype.slice would consult the page-visible species constructor. */
  const keepBytes = (s: Sock, dir: Direction, t: number, buffer: ArrayBuffer, offset: number, length: number) => {
    const n = min(length, maxPayload());
    let copy: Uint8Array;
    if (n > SHARED / 4) copy = new U8(n);
    else {
      if (used + n > SHARED) {
        shared = new AB(SHARED);
        used = 0;
      }
      copy = new U8(shared, used, n);
      used += n;
    }
    apply(taSet, copy, [new U8(buffer, offset, n)]);
    keep(s, dir, t, copy, n, length);
  };

  /**
   * Text that may exceed the cap in UTF-8 (a UTF-16 unit is at most 3 bytes) is kept cut there, with its true UTF-8
   * length, measured natively a chunk at a time (not with shared/codec.ts, whose regex and string methods a page could
   * replace).
   */
  const keepLongText = (s: Sock, dir: Direction, t: number, text: string) => {
    const max = maxPayload();
    const { read, written } = apply(encodeInto, encoder, [text, new U8(max)]) as TextEncoderEncodeIntoResult;
    if (read === text.length) return keep(s, dir, t, text, text.length * 2);
    const kept = apply(strSlice, text, [0, read]) as string;
    const scratch = new U8(3 * CHUNK);
    let length = written;
    for (let at = read; at < text.length; ) {
      let end = min(at + CHUNK, text.length);
      // Never split a surrogate pair: its halves alone would each count as U+FFFD.
      if (end < text.length && (apply(charCodeAt, text, [end - 1]) as number) >> 10 === 0x36) end--;
      length += (apply(encodeInto, encoder, [apply(strSlice, text, [at, end]), scratch]) as TextEncoderEncodeIntoResult).written;
      at = end;
    }
    keep(s, dir, t, kept, kept.length * 2, length);
  };

  /**
   * Types are told apart by brand checks, which work for any realm's objects (instanceof would not). The likelier kind
   * is tried first (a received frame on a binaryType "blob" socket is a Blob), so the common path throws nothing: a
   * thrown and caught error costs microseconds per frame. `ws`: the receiving socket. `t`: a received frame's event
   * time, a fraction of the cost of reading the clock.
   */
  function frame(s: Sock, dir: Direction, data: unknown, ws?: WebSocket, t = now()) {
    if (typeof data === 'string')
      return data.length * 3 <= maxPayload() ? keep(s, dir, t, data, data.length * 2) : keepLongText(s, dir, t, data);
    if (isView(data)) {
      // %TypedArray%'s toStringTag getter answers undefined (rather than throwing) for a DataView.
      const ta = apply(taTag, data, []) !== undefined;
      const length = apply(ta ? taLength : dvLength, data, []);
      return keepBytes(s, dir, t, apply(ta ? taBuffer : dvBuffer, data, []), apply(ta ? taOffset : dvOffset, data, []), length);
    }
    const blobFirst = ws !== undefined && apply(wsBinaryType, ws, []) === 'blob';
    for (let k = 0; k < 2; k++) {
      try {
        if (blobFirst === !k) {
          const length = apply(blobSize, data, []);
          const max = maxPayload();
          const blob = length > max ? (apply(blobSlice, data, [0, max]) as Blob) : (data as Blob);
          return keep(s, dir, t, blob, min(length, max), length);
        }
        return keepBytes(s, dir, t, data as ArrayBuffer, 0, apply(abByteLength, data, []));
      } catch {}
    }
    // send(obj) sends String(obj); converting it again here would run page code twice.
    const note = '[WS Inspector: an object was sent; its text is not recorded]';
    keep(s, dir, t, note, note.length * 2);
  }

  return {
    frame,
    /** A frame the panel's composer sent or delivered: kept like any other, marked as the panel's. */
    panelFrame(s: Sock, dir: Direction, data: string | ArrayBuffer | Blob, ws: WebSocket) {
      fromPanel = true;
      try {
        frame(s, dir, data, ws);
      } finally {
        fromPanel = undefined;
      }
    },
  };
}

export type Capture = ReturnType<typeof createCapture>;
