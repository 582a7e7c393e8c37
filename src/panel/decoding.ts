// Panel store (DevTools panel): decoding — each connection's protocol, detected from its URL, subprotocols and first
// frames (decode/registry.ts) or chosen with "Decode as" (remembered per URL pattern), and rows decoded lazily: only
// the rows shown, the open detail and the rows a filter asks about are decoded, each once (decodeFrame caches per row).
// Decode-as choices: decodeAs.ts; request/reply partners: pairing.ts; facts shared between rows: sharedFacts.ts;
// compressed frames inflated: inflating.ts.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { FIRST_FRAMES, connectionContext, decodeFacts, decodeFrame, decoderById, detectProtocol } from './decode/registry';
import type { ConnectionHints, DecodeContext, Decoded, DetectionStage, FrameInput } from './decode/types';
import { createDecodeAs, DECODE_AUTO, DECODE_RAW, urlPattern, type DecodeAsStorage, type DecodeChoice } from './decodeAs';
import type { DecodedFacts } from './filter';
import { createInflating } from './inflating';
import type { Connection, Row } from './model';
import { createPairing, type Partner } from './pairing';
import type { Rows } from './rows';
import { createFactsSharing } from './sharedFacts';

export interface Protocol {
  /** The decoder rows of this connection go through; undefined: shown raw. */
  decoderId?: string;
  /** The decoder's label, or 'Raw'. */
  label: string;
  /** What detection found, whatever the user chose. */
  detected?: { id: string; label: string; reason: string; by: DetectionStage };
  choice: DecodeChoice;
  /** Why this decoder, in words: `detected by URL /socket.io/?EIO=4`, `chosen with Decode as`. */
  reason: string;
}

/** Frames longer than this (characters, or bytes) are not used to detect a connection's protocol. */
export const DETECT_MAX_LENGTH = 256 * 1024;

interface Track {
  /** The connection's first frames, in time order (at most FIRST_FRAMES). */
  frames: FrameInput[];
  /** The hints the context was made from (arrays compared by identity: a connection keeps its own). */
  hints?: ConnectionHints;
  /** urlPattern of its URL. */
  pattern: string;
  detectKey: string;
  detected?: Protocol['detected'];
  ctx: DecodeContext;
  /** Its connection has been listed: when it no longer is, the track goes. */
  known: boolean;
  /** All of its frames in time order, gathered from the rows only once a decoder asks (see DecodeContext.frames). */
  stream?: { all: readonly Row[]; scanned: number; last?: Row; frames: FrameInput[] };
}

export interface Decoding {
  /** Each listed connection's protocol, by connection key. */
  readonly protocols: ReadonlySignal<ReadonlyMap<string, Protocol>>;
  /** Which decoder each connection uses, as one string: changes only when a decoder does (views key on it). */
  readonly assignment: ReadonlySignal<string>;
  /** Whether any connection is decoded (the Message column shows then). */
  readonly anyDecoded: ReadonlySignal<boolean>;
  /** Sees rows as they are added, to keep each connection's first frames for detection. */
  observe(added: readonly Row[]): void;
  /** Bumped as compressed frames finish inflating: views that show decodes read it to show them again. */
  readonly inflated: ReadonlySignal<number>;
  /**
   * The row decoded by its connection's decoder; undefined for lifecycle rows and raw connections. Does not subscribe.
   * A compressed frame decodes as `compressed`, not inflated: filters and pairing scan many rows with this.
   */
  decodedOf(row: Row): Decoded | undefined;
  /**
   * decodedOf as the views show it (the Message column, the detail pane): a compressed frame starts inflating and
   * decodes as `inflating` until it is done (read `inflated` to show it again then).
   */
  inflatedOf(row: Row): Decoded | undefined;
  /**
   * What the filters ask of a row (heartbeat, terms), decoded without keeping the whole decode: a filter scans every
   * row, and a million full decodes would hold most of a gigabyte.
   */
  factsOf(row: Row): DecodedFacts | undefined;
  /** The other frame of a request/reply pair, looked for among the same connection's rows nearby. */
  partnerOf(row: Row): Partner | undefined;
  setDecodeAs(connectionKey: string, choice: DecodeChoice): void;
}

const hintsOf = (c: Connection): ConnectionHints => ({ url: c.url, protocol: c.protocol, protocols: c.protocols });

export function createDecoding(connections: ReadonlySignal<ReadonlyMap<string, Connection>>, rows: Rows, storage?: DecodeAsStorage): Decoding {
  const tracks = new Map<string, Track>();
  /** Bumped when a connection's first frames change. */
  const framesVersion = signal(0);
  const decodeAs = createDecodeAs(storage);

  function trackOf(key: string): Track {
    let t = tracks.get(key);
    if (!t) {
      const frames: FrameInput[] = [];
      const track: Track = { frames, pattern: '', detectKey: '', ctx: connectionContext({ url: '', protocol: '', protocols: [] }, frames), known: false };
      track.ctx = connectionContext(track.ctx.hints, frames, () => streamOf(key, track));
      tracks.set(key, (t = track));
    }
    return t;
  }

  function observe(added: readonly Row[]) {
    let changed = false;
    let lastKey: string | undefined;
    let t: Track | undefined;
    for (const r of added) {
      if (r.dir === 'event') continue;
      if (r.key !== lastKey) t = trackOf((lastKey = r.key));
      if (!t) continue;
      if (t.frames.length >= FIRST_FRAMES) continue;
      // Content sniffing reads whole frames, for every decoder, again as each first frame arrives: a 4 MiB binary frame
      // cost ~80 ms a time and stalled the panel (B5). Handshakes and protocol messages are small; big frames decide nothing.
      if (r.data.length > DETECT_MAX_LENGTH) continue;
      // Rows arrive in time order within a batch; a late batch may go before frames already kept.
      let at = t.frames.length;
      while (at > 0 && (t.frames[at - 1] as Row).t > r.t) at--;
      t.frames.splice(at, 0, r as FrameInput);
      changed = true;
    }
    if (changed) framesVersion.value++;
  }

  /**
   * A connection's frames in time order, gathered from the rows the first time a decoder asks and extended by the rows
   * added since; when rows were evicted, cleared or inserted before the end, gathered afresh (a new array).
   */
  function streamOf(key: string, t: Track): readonly FrameInput[] {
    const all = rows.all();
    let s = t.stream;
    if (!s || s.all !== all || s.scanned > all.length || (s.scanned > 0 && all[s.scanned - 1] !== s.last)) t.stream = s = { all, scanned: 0, frames: [] };
    const frames = s.frames;
    for (let i = s.scanned; i < all.length; i++) {
      const r = all[i];
      if (r.key === key && r.dir !== 'event') frames.push(r as FrameInput);
    }
    s.scanned = all.length;
    s.last = all[all.length - 1];
    return frames;
  }

  function protocolOf(c: Connection, chosen: Record<string, DecodeChoice>): Protocol {
    const t = trackOf(c.key);
    t.known = true;
    const old = t.hints;
    if (!old || old.url !== c.url || old.protocol !== c.protocol || old.protocols !== c.protocols) {
      t.hints = hintsOf(c);
      t.pattern = urlPattern(c.url);
      // New hints (the subprotocol is known once open); what the decoders remembered stays.
      t.ctx = { ...t.ctx, hints: t.hints };
      t.detectKey = '';
    }
    const hints = t.hints!;
    const detectKey = `${t.frames.length}`;
    if (t.detectKey !== detectKey) {
      t.detectKey = detectKey;
      const found = detectProtocol(hints, t.frames);
      t.detected = found && { id: found.decoder.id, label: found.decoder.label, reason: found.reason, by: found.by };
    }
    const choice = chosen[t.pattern] ?? DECODE_AUTO;
    if (choice === DECODE_RAW) return { label: 'Raw', detected: t.detected, choice, reason: 'chosen with Decode as' };
    const forced = choice !== DECODE_AUTO ? decoderById(choice) : undefined;
    if (forced) return { decoderId: forced.id, label: forced.label, detected: t.detected, choice, reason: 'chosen with Decode as' };
    if (t.detected) return { decoderId: t.detected.id, label: t.detected.label, detected: t.detected, choice: DECODE_AUTO, reason: `detected by ${t.detected.reason}` };
    return { label: 'Raw', choice: DECODE_AUTO, reason: 'no protocol detected' };
  }

  const protocols = computed(() => {
    framesVersion.value;
    const conns = connections.value;
    const chosen = decodeAs.choices.value;
    const out = new Map<string, Protocol>();
    for (const c of conns.values()) out.set(c.key, protocolOf(c, chosen));
    for (const [key, t] of tracks) if (t.known && !conns.has(key)) tracks.delete(key);
    return out as ReadonlyMap<string, Protocol>;
  });

  const assignment = computed(() => {
    let s = '';
    for (const [key, p] of protocols.value) if (p.decoderId) s += `${key}=${p.decoderId}\n`;
    return s;
  });
  const anyDecoded = computed(() => assignment.value !== '');

  const inflating = createInflating();

  function decodedOf(row: Row): Decoded | undefined {
    if (row.dir === 'event') return undefined;
    const id = protocols.peek().get(row.key)?.decoderId;
    if (!id) return undefined;
    return decodeFrame(id, row as FrameInput, tracks.get(row.key)?.ctx);
  }

  // Only for views: a filter asking of every row would start an inflation per compressed row, all at once.
  function inflatedOf(row: Row): Decoded | undefined {
    const d = decodedOf(row);
    if (!d?.compressed || typeof row.data === 'string') return d;
    return inflating.decodedOf(protocols.peek().get(row.key)!.decoderId!, row as FrameInput & { data: Uint8Array }, d, tracks.get(row.key)?.ctx);
  }

  /** The last connection asked about: a filter asks of long runs of one connection's rows. */
  let lastKey: string | undefined;
  let lastProtocols: ReadonlyMap<string, Protocol> | undefined;
  let lastDecoderId: string | undefined;

  const share = createFactsSharing();

  function factsOf(row: Row): DecodedFacts | undefined {
    if (row.dir === 'event') return undefined;
    const all = protocols.peek();
    if (all !== lastProtocols || row.key !== lastKey) {
      lastProtocols = all;
      lastKey = row.key;
      lastDecoderId = all.get(row.key)?.decoderId;
    }
    const decoderId = lastDecoderId;
    if (decoderId === undefined) return undefined;
    const hit = row.facts;
    if (hit !== undefined && hit.decoder === decoderId) return hit;
    return (row.facts = share(decoderId, decodeFacts(decoderId, row as FrameInput, tracks.get(row.key)?.ctx)));
  }

  function setDecodeAs(connectionKey: string, choice: DecodeChoice) {
    const c = connections.peek().get(connectionKey);
    if (!c) return;
    decodeAs.choose(urlPattern(c.url), choice);
  }

  const partnerOf = createPairing(rows, (row) => (row.dir === 'event' ? undefined : protocols.peek().get(row.key)?.decoderId), decodedOf);

  return { protocols, assignment, anyDecoded, inflated: inflating.version, observe, decodedOf, inflatedOf, factsOf, partnerOf, setDecodeAs };
}
