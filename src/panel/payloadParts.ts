// Panel store (DevTools panel): parts of big payloads that reach the panel ahead of their events message (see
// PackedEvents `parts`), kept per document until ingest.ts unpacks the events that take them.

/** Parts waiting for their events message, in characters, at most (a few 4 MiB frames' worth). */
const MAX_PENDING_PART_CHARS = 64 * 1024 * 1024;

export function createPayloadParts(): {
  add(docId: string, data: string): void;
  /** The next `n` parts of a document joined, taken from the waiting ones; undefined when fewer wait. */
  take(docId: string, n: number): string | undefined;
} {
  const pendingParts = new Map<string, string[]>();
  let pendingChars = 0;
  return {
    add(docId, data) {
      const parts = pendingParts.get(docId) ?? [];
      pendingParts.set(docId, parts);
      parts.push(data);
      pendingChars += data.length;
      // Parts wait only for the events message right behind them; a flood of them without it is dropped, not kept.
      if (pendingChars > MAX_PENDING_PART_CHARS) {
        pendingParts.clear();
        pendingChars = 0;
      }
    },
    take(docId, n) {
      const parts = pendingParts.get(docId);
      if (!parts || parts.length < n) return undefined;
      const taken = parts.splice(0, n);
      pendingChars -= taken.reduce((sum, p) => sum + p.length, 0);
      return taken.join('');
    },
  };
}
