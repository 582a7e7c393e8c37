// Panel store (DevTools panel): the handshakes the browser's network layer reported for the tab (background/handshakes.ts,
// via transport.ts), and which one belongs to which connection: the page hook and the network layer know a socket by
// different ids, so a connection gets the handshake to the same URL sent nearest its creation, in the same document's
// frame when there is one (a script-made iframe's sockets are reported through its parent's frame).
import { signal, type ReadonlySignal } from '@preact/signals';
import type { Handshake } from '../shared/protocol';
import type { Connection } from './model';

/** Handshakes kept in the panel (the newest); the background keeps fewer per tab. */
export const MAX_HANDSHAKES = 2000;
/** How far a handshake may be sent from the socket's creation (page and network clocks, event delivery). */
const WINDOW_MS = 10_000;
/** A handshake from another frame counts as this much further away in time. */
const OTHER_FRAME_MS = 2_000;

export interface Handshakes {
  readonly list: ReadonlySignal<readonly Handshake[]>;
  /** A new or updated handshake (the same request id replaces the old). */
  add(h: Handshake): void;
  /** The handshake of `c` among `all` the connections; undefined when none was seen (opened before, or not allowed). */
  of(c: Connection, all: Iterable<Connection>): Handshake | undefined;
  clear(): void;
}

export function createHandshakes(): Handshakes {
  const list = signal<readonly Handshake[]>([]);
  return {
    list,
    add(h) {
      const old = list.value;
      const at = old.findIndex((x) => x.requestId === h.requestId);
      const next = at >= 0 ? old.map((x, i) => (i === at ? h : x)) : [...old, h];
      list.value = next.length > MAX_HANDSHAKES ? next.slice(next.length - MAX_HANDSHAKES) : next;
    },
    of: (c, all) => matchHandshake(c, all, list.value),
    clear() {
      list.value = [];
    },
  };
}

/**
 * Pairs the connections to `c.url` with the handshakes to it, in order of creation, each taking the nearest one left
 * within the window; answers `c`'s.
 */
export function matchHandshake(c: Connection, all: Iterable<Connection>, handshakes: readonly Handshake[]): Handshake | undefined {
  const candidates = handshakes.filter((h) => h.url === c.url);
  if (!candidates.length) return undefined;
  const sockets = [...all].filter((x) => x.url === c.url).sort((a, b) => a.createdAt - b.createdAt);
  const taken = new Set<Handshake>();
  for (const s of sockets) {
    let best: Handshake | undefined;
    let bestScore = Infinity;
    for (const h of candidates) {
      if (taken.has(h)) continue;
      const dt = Math.abs(h.sentAt - s.createdAt);
      if (dt > WINDOW_MS) continue;
      const score = dt + (h.browserFrameId === s.browserFrameId ? 0 : OTHER_FRAME_MS);
      if (score < bestScore) [best, bestScore] = [h, score];
    }
    if (best) taken.add(best);
    if (s.key === c.key) return best;
  }
  return undefined;
}

/** Header names whose values are secrets: shown masked until the user reveals them. */
const SECRET = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
export const isSecretHeader = (name: string) => SECRET.has(name.toLowerCase());
