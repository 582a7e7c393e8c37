// Panel (pure logic): turns Chromium's DevTools network log (getHAR's WebSocket entries, untrusted) into the panel's
// events for the sockets the page hook cannot see — dedicated and module workers' — once each, and never a socket the
// hook already captured. No browser APIs: the wiring (devtoolsLogPoll.ts) hands it each getHAR result.
import { isObj, logSockets, type LogSocket } from './harEntries';
import { cappedPayload, type LogBatch, type LogEvent } from './logEvents';

/** What the panel knows of a socket the hook captured, to tell the log's copy of it. */
export interface HookSocket {
  key: string;
  url: string;
  createdAt: number;
  frames: number;
}

/** A log entry with no stack that matches no hook socket is taken for a worker's after this long (the hook's copy may be on its way). */
export const GRACE_MS = 1500;
/** A hook socket is the log entry's twin if it was created this close to the entry's start (same URL). */
export const MATCH_MS = 1000;

interface Tracked {
  /** 'page': the hook's own socket; 'worker': shown from the log; undefined: not decided yet. */
  decision?: 'page' | 'worker';
  firstSeen: number;
  /** The hook socket it was matched to (page sockets). */
  twin?: string;
  /** Messages already taken from the entry. */
  taken: number;
  docId: string;
  seq: number;
  /** The time of the newest event taken: a close goes after it. */
  last: number;
  ended: boolean;
}

export interface LogTracker {
  /**
   * Takes a getHAR result: returns the events of the worker sockets it holds that the panel has not seen yet (new
   * sockets and new frames), remembering per entry only how many messages it took.
   */
  update(har: unknown, hookSockets: Iterable<HookSocket>, now: number): LogBatch[];
  /** A request the log reports finished (`onRequestFinished`): for a WebSocket, its close, with its last messages. */
  finished(entry: unknown, hookSockets: Iterable<HookSocket>, now: number): LogBatch[];
  /** Entries not yet told apart (a hook twin may be on its way): the next poll should come soon. */
  pending(): number;
  /** Worker sockets in the log now. */
  workers(): number;
}

/**
 * Whether the network layer reported a WebSocket handshake that no socket in the panel accounts for: a worker's, most
 * likely. Until it does, DevTools' log is not read at all — every read copies every message it holds (a 16 MiB frame
 * stalls DevTools and the panel for hundreds of ms), and most pages have no worker sockets. Counted per URL; a handshake
 * counts after GRACE_MS from when it was sent or the panel opened (`since`), since the hook's report may be on its way.
 * `resetAt`: the last Clear or navigation. The sockets it retired are gone from the panel but their handshakes are still
 * kept, so only handshakes and sockets from then on are compared (before, every navigation or Clear after a page's first
 * socket made the panel read the log from then on, and DevTools then posted each closed socket's every message to it).
 */
export function unexplainedHandshake(
  handshakes: readonly { url: string; sentAt: number }[],
  sockets: Iterable<{ url: string; createdAt: number }>,
  since: number,
  now: number,
  resetAt = -Infinity,
): boolean {
  const open = new Map<string, number>();
  for (const h of handshakes) if (h.sentAt >= resetAt && now - Math.max(h.sentAt, since) > GRACE_MS) open.set(h.url, (open.get(h.url) ?? 0) + 1);
  if (!open.size) return false;
  for (const s of sockets) {
    if (s.createdAt < resetAt) continue;
    const n = open.get(s.url);
    if (n !== undefined) open.set(s.url, n - 1);
  }
  for (const n of open.values()) if (n > 0) return true;
  return false;
}

/**
 * `hookScripts`: the URL prefix of the extension's own scripts. A socket the hook captured has the hook's constructor in
 * its initiator stack, which the log records; any other is matched to a hook socket by URL, start and frame counts, and
 * taken for a worker's only if none matches after GRACE_MS. `maxPayloadBytes`: the per-frame cap every frame goes
 * through, as the hook's do.
 */
export function createLogTracker(hookScripts: string, maxPayloadBytes: () => number): LogTracker {
  const tracked = new Map<string, Tracked>();
  let lastDoc = 0;

  function decide(sockets: LogSocket[], hookSockets: Iterable<HookSocket>, now: number) {
    const hook = [...hookSockets];
    const claimed = new Set<string>();
    for (const t of tracked.values()) if (t.twin) claimed.add(t.twin);
    /** Pairs entries with unclaimed hook sockets, best pairs first (nearest start, then nearest frame count). */
    const pair = (list: LogSocket[]) => {
      const pairs: [number, LogSocket, HookSocket][] = [];
      for (const s of list)
        for (const h of hook) {
          const dt = Math.abs(h.createdAt - s.start);
          // The hook keeps counting while the log is read, and its caps may have evicted frames: counts far apart (more
          // frames in the hook than the log ever had) are different sockets.
          if (claimed.has(h.key) || h.url !== s.url || dt > MATCH_MS || h.frames > s.messages.length * 1.5 + 20) continue;
          pairs.push([dt + Math.abs(h.frames - s.messages.length), s, h]);
        }
      pairs.sort((x, y) => x[0] - y[0]);
      for (const [, s, h] of pairs) {
        const t = tracked.get(s.id)!;
        if (t.twin || claimed.has(h.key)) continue;
        t.twin = h.key;
        claimed.add(h.key);
      }
    };
    const owned: LogSocket[] = [];
    const fresh: LogSocket[] = [];
    for (const s of sockets) {
      let t = tracked.get(s.id);
      if (!t) tracked.set(s.id, (t = { firstSeen: now, taken: 0, docId: '', seq: 0, last: -Infinity, ended: false }));
      if (!t.decision && s.scripts.some((u) => u.startsWith(hookScripts))) t.decision = 'page';
      if (t.decision === 'page' && !t.twin) owned.push(s);
      if (!t.decision) fresh.push(s);
    }
    // Sockets the hook owns claim their twins first, so a worker's socket to the same URL at the same time stays apart;
    // only needed while some entry waits to be told apart (most polls have none: pairing is not free).
    if (fresh.length) {
      pair(owned);
      pair(fresh);
    }
    for (const s of fresh) {
      const t = tracked.get(s.id)!;
      if (t.twin) t.decision = 'page';
      else if (now - t.firstSeen >= GRACE_MS) t.decision = 'worker';
    }
  }

  function take(s: LogSocket, t: Tracked, ended: boolean, now: number): LogBatch | undefined {
    const events: LogEvent[] = [];
    const id = 1;
    if (!t.docId) {
      t.docId = `devtools-log:${++lastDoc}`;
      events.push({ kind: 'created', seq: ++t.seq, id, t: s.start, url: s.url, protocols: s.protocols, initiator: s.initiator });
      if (s.status === 101) events.push({ kind: 'open', seq: ++t.seq, id, t: s.start, protocol: s.protocol, extensions: s.extensions });
    }
    const cap = maxPayloadBytes();
    for (let i = t.taken; i < s.messages.length; i++) {
      const m = s.messages[i];
      if (!isObj(m)) continue;
      // Error messages carry a monotonic time, not a wall-clock one: placed at the socket's start.
      const wall = typeof m.time === 'number' && m.time * 1000 >= s.start - 60_000 ? m.time * 1000 : s.start;
      const data = typeof m.data === 'string' ? m.data : '';
      if (m.type === 'error') events.push({ kind: 'error', seq: ++t.seq, id, t: wall });
      else if ((m.type === 'send' || m.type === 'receive') && (m.opcode === 1 || m.opcode === 2)) {
        const dir = m.type === 'send' ? 'sent' : 'received';
        events.push({ kind: 'frame', seq: ++t.seq, id, t: wall, dir, ...cappedPayload(m.opcode, data, cap) });
      }
    }
    t.taken = Math.max(t.taken, s.messages.length);
    for (const e of events) t.last = Math.max(t.last, e.t);
    if (ended && !t.ended) {
      t.ended = true;
      events.push({ kind: 'ended', seq: ++t.seq, id, t: Math.max(t.last, Math.min(now, s.end)) });
    }
    return events.length ? { docId: t.docId, source: { script: s.scripts[s.scripts.length - 1] ?? '' }, events } : undefined;
  }

  return {
    pending() {
      let n = 0;
      for (const t of tracked.values()) if (!t.decision) n++;
      return n;
    },
    workers() {
      let n = 0;
      for (const t of tracked.values()) if (t.decision === 'worker') n++;
      return n;
    },
    update(har, hookSockets, now) {
      const sockets = logSockets(har);
      decide(sockets, hookSockets, now);
      const batches: LogBatch[] = [];
      const present = new Set<string>();
      for (const s of sockets) {
        present.add(s.id);
        const t = tracked.get(s.id)!;
        if (t.decision !== 'worker' || (t.taken === s.messages.length && t.docId && t.ended === s.closed)) continue;
        const b = take(s, t, s.closed, now);
        if (b) batches.push(b);
      }
      // The log forgets entries on navigation or when cleared in the Network panel: so does the tracker.
      for (const id of tracked.keys()) if (!present.has(id)) tracked.delete(id);
      return batches;
    },
    finished(entry, hookSockets, now) {
      const [s] = logSockets({ entries: [entry] });
      if (!s) return [];
      // An entry the polls have not met yet: its id is its first of that start and URL, as in the log.
      // It will not grow any more: no grace for a hook twin on its way beyond what has passed.
      const known = tracked.get(s.id);
      if (!known) tracked.set(s.id, { firstSeen: -Infinity, taken: 0, docId: '', seq: 0, last: -Infinity, ended: false });
      else if (!known.decision) known.firstSeen = -Infinity;
      decide([s], hookSockets, now);
      const t = tracked.get(s.id)!;
      if (t.decision !== 'worker') return [];
      const b = take(s, t, true, now);
      return b ? [b] : [];
    },
  };
}
