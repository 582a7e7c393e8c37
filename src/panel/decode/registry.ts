// Panel decoder (pure logic): the one list of decoders, per-connection detection, and the safe, cached decodeFrame.
import { actionCableDecoder } from './actioncable';
import { cborDecoder } from './cbor';
import { compressedDecoder, rawDeflateDecoder } from './compressedFrames';
import { graphqlDecoder } from './graphql';
import { jsonDecoder } from './json';
import { jsonRpcDecoder } from './jsonrpc';
import { mqttDecoder } from './mqtt';
import { msgpackDecoder } from './msgpack';
import { phoenixDecoder } from './phoenix';
import { protobufDecoder } from './protobuf';
import { signalRDecoder } from './signalr';
import { socketIoDecoder, socketIoV3Decoder } from './socketio';
import { sockJsDecoder } from './sockjs';
import { stompDecoder } from './stomp';
import { wampDecoder } from './wamp';
import { ConnectionState, DETECTION_STAGES, type ConnectionHints, type DecodeContext, type Decoded, type Decoder, type Detection, type Facts, type FrameInput } from './types';
import { clip } from './preview';
import { DECODE_LIMIT, failed } from './util';

/**
 * Order breaks ties within a detection stage: protocols before the payload formats that would also read their frames
 * (SockJS and STOMP before JSON, JSON-RPC before plain JSON, gzip/zlib headers before MessagePack before CBOR before
 * schema-less protobuf, which may read compressed bytes too). Raw deflate is never detected, only chosen.
 */
export const DECODERS: readonly Decoder[] = [
  socketIoDecoder, socketIoV3Decoder, sockJsDecoder, stompDecoder, signalRDecoder, phoenixDecoder, actionCableDecoder,
  graphqlDecoder, mqttDecoder, wampDecoder, jsonRpcDecoder, jsonDecoder, compressedDecoder, msgpackDecoder, cborDecoder,
  protobufDecoder, rawDeflateDecoder,
];

const BY_ID = new Map(DECODERS.map((d) => [d.id, d]));
export const decoderById = (id: string): Decoder | undefined => BY_ID.get(id);

/** How many of a connection's first frames detection and handshake-dependent decoders look at. */
export const FIRST_FRAMES = 8;

export function detectProtocol(hints: ConnectionHints, firstFrames: readonly FrameInput[]): { decoder: Decoder; reason: string; by: Detection['by'] } | undefined {
  const frames = firstFrames.slice(0, FIRST_FRAMES);
  let best: { decoder: Decoder; reason: string; by: Detection['by']; rank: number } | undefined;
  for (const decoder of DECODERS) {
    let found: Detection | undefined;
    try {
      found = decoder.detect(hints, frames);
    } catch {
      found = undefined;
    }
    if (!found) continue;
    const rank = DETECTION_STAGES.indexOf(found.by);
    if (!best || rank < best.rank) best = { decoder, reason: found.reason, by: found.by, rank };
    if (rank === 0) break;
  }
  return best && { decoder: best.decoder, reason: best.reason, by: best.by };
}

/** What a connection's decoders may remember; one per connection, kept by the panel beside it. */
export function connectionContext(hints: ConnectionHints, firstFrames: readonly FrameInput[] = [], frames?: () => readonly FrameInput[]): DecodeContext {
  return frames ? { hints, firstFrames, frames, state: new ConnectionState() } : { hints, firstFrames, state: new ConnectionState() };
}

const NO_HINTS: ConnectionHints = { url: '', protocol: '', protocols: [] };
const caches = new Map<string, WeakMap<FrameInput, Decoded>>();

/**
 * A frame decoded by the decoder chosen for its connection, at most once per frame object and decoder (a row is passed
 * as it is, so the cache lives as long as the row; `keep: false` leaves it out of the cache). Never throws: failures come back with `error` set.
 */
export function decodeFrame(decoderId: string, frame: FrameInput, ctx: DecodeContext = connectionContext(NO_HINTS), { keep = true }: { keep?: boolean } = {}): Decoded {
  let cache = caches.get(decoderId);
  const hit = cache?.get(frame);
  if (hit) return hit;
  const decoder = decoderById(decoderId);
  let out: Decoded;
  if (!decoder) out = failed(`no decoder "${decoderId}"`);
  else if (frame.data.length > DECODE_LIMIT) out = failed(`too large to decode (over ${DECODE_LIMIT} ${typeof frame.data === 'string' ? 'characters' : 'bytes'})`);
  else {
    try {
      out = decoder.decode(frame, ctx);
      const summary = clip(out.summary);
      if (summary !== out.summary) out = { ...out, summary };
    } catch (e) {
      out = failed(`${decoder.label} decoder failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (out.error && frame.truncated) out = { ...out, error: `${out.error} (the frame was truncated: only part of it was kept)` };
  }
  // `keep: false` (a filter scanning every row) uses a cached result but does not add one.
  if (!keep) return out;
  if (!cache) caches.set(decoderId, (cache = new WeakMap()));
  cache.set(frame, out);
  return out;
}

/**
 * A frame's heartbeat flag and terms, the same as decodeFrame's: from its cached decode if there is one, else from the
 * decoder's cheaper facts path when it has one and can tell, else from a full decode that is not kept. Never throws.
 */
export function decodeFacts(decoderId: string, frame: FrameInput, ctx: DecodeContext = connectionContext(NO_HINTS)): Facts {
  const hit = caches.get(decoderId)?.get(frame);
  if (hit) return hit;
  const decoder = BY_ID.get(decoderId);
  if (decoder?.facts && frame.data.length <= DECODE_LIMIT) {
    try {
      const f = decoder.facts(frame, ctx);
      if (f) return f;
    } catch {
      // The full decode below says what went wrong.
    }
  }
  return decodeFrame(decoderId, frame, ctx, { keep: false });
}
