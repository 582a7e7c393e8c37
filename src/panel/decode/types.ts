// Panel decoder (pure logic): the shapes every protocol and payload decoder shares.
import { DECODED_FIELDS, type DecodedField, type RuleMatch } from '../../shared/rules';

export type Direction = 'sent' | 'received';

/** One frame as a decoder sees it; the panel's rows fit this shape, so they can be passed (and cached) as they are. */
export interface FrameInput {
  readonly dir: Direction;
  readonly data: string | Uint8Array;
  /** The kept payload is shorter than the frame: a decoder's failure may be the cut, not the protocol. */
  readonly truncated?: boolean;
}

export interface ConnectionHints {
  readonly url: string;
  /** The subprotocol the server chose ('' when none). */
  readonly protocol: string;
  /** The subprotocols the page asked for. */
  readonly protocols: readonly string[];
}

/** Earlier stages are stronger evidence: a URL or a negotiated subprotocol beats guessing from content. */
export const DETECTION_STAGES = ['url', 'subprotocol', 'handshake', 'content'] as const;
export type DetectionStage = (typeof DETECTION_STAGES)[number];
export interface Detection {
  by: DetectionStage;
  /** Shown to the user, e.g. `URL /socket.io/?EIO=4`. */
  reason: string;
}

/** `request` opens a pair, `reply` answers it and more may follow (a stream item), `end` is the last answer. */
export type PairRole = 'request' | 'reply' | 'end';
export interface PairLink {
  key: string;
  role: PairRole;
}

/** The filter keys decoded fields answer to (`event:chat`, `topic:sensors/#` …). */
export const TERM_KEYS = DECODED_FIELDS;
export type TermKey = DecodedField;
/** Several values per key: one frame may hold several messages (a batch, SockJS `a[…]`, MQTT packets). */
export type Terms = Partial<Record<TermKey, string[]>>;

/** Names as `DecompressionStream` takes them: `deflate` is zlib-wrapped deflate, `deflate-raw` has no wrapper. */
export type Compression = 'gzip' | 'deflate' | 'deflate-raw';

export interface Decoded {
  /** One line for the Message column, at most SUMMARY_MAX characters. */
  summary: string;
  /** The protocol's header fields for the detail pane, in wire order. */
  fields: [string, string][];
  /** The body as a JSON-like value (objects, arrays, strings, finite numbers, booleans, null) or raw bytes. */
  payload?: unknown;
  heartbeat?: boolean;
  pairs?: PairLink[];
  terms?: Terms;
  /** The bytes are compressed: the panel inflates them (asynchronously, panel/inflating.ts) and decodes the result. */
  compressed?: Compression;
  /** Set while the panel inflates the bytes: the summary says so and the decoded result follows. */
  inflating?: boolean;
  /** Why it did not decode; the UI falls back to Raw. */
  error?: string;
  /** The messages of a frame that carries several; the top level then sums them up. */
  parts?: Decoded[];
}

/** Per-connection memory a decoder may keep (Socket.IO attachments, the MQTT version). Typed by its slot. */
export interface StateSlot<T> {
  readonly create: () => T;
}

export class ConnectionState {
  private readonly slots = new Map<StateSlot<unknown>, unknown>();
  get<T>(slot: StateSlot<T>): T {
    if (!this.slots.has(slot)) this.slots.set(slot, slot.create());
    return this.slots.get(slot) as T;
  }
}

export interface DecodeContext {
  readonly hints: ConnectionHints;
  /** The connection's first frames, so a frame decoded out of order can still learn what its handshake said. */
  readonly firstFrames: readonly FrameInput[];
  /**
   * Every frame of the connection kept so far, both directions, in time order (rows added later extend the same array;
   * another array means the frames changed otherwise). Absent: firstFrames are all there is.
   */
  readonly frames?: () => readonly FrameInput[];
  readonly state: ConnectionState;
}

/** What the filters ask of a frame: the heartbeat flag and the terms, as `decode` would give them. */
export interface Facts {
  heartbeat?: boolean;
  terms?: Terms;
}

export interface Decoder {
  readonly id: string;
  readonly label: string;
  detect(hints: ConnectionHints, firstFrames: readonly FrameInput[]): Detection | undefined;
  /** Must not throw, but the registry catches anyway. */
  decode(frame: FrameInput, ctx: DecodeContext): Decoded;
  /**
   * Only the heartbeat flag and terms, without summaries, fields or payload trees, for a filter scanning every row.
   * Must answer exactly what `decode` would, or undefined when it cannot tell cheaply (the registry then decodes).
   */
  facts?(frame: FrameInput, ctx: DecodeContext): Facts | undefined;
  /**
   * For an interception rule's decoded-field condition (`event:chat`): payload conditions the page hook can run on the
   * raw frame (a regex, or a JSON field `=~` a regex), any of which holds exactly when the frame's decoded `key`
   * matches the glob `pattern` (case-insensitive, like the filter); undefined when the raw frame cannot tell (binary
   * protocols). See panel/decodedRules.ts.
   */
  ruleConditions?(key: TermKey, pattern: string): RuleMatch['payload'][] | undefined;
}
