// Panel store (DevTools panel): request/reply pairing — the other frame of a pair (the decoders' `pairs` links), looked
// for among the same connection's rows nearby. Part of decoding.ts, which says which decoder a row goes through.
import { firstAfter } from '../shared/search';
import type { Decoded } from './decode/types';
import type { Row } from './model';
import type { Rows } from './rows';

export interface Partner {
  row: Row;
  /** ms between the two frames. */
  latency: number;
  /** The partner is the reply (true) or the request (false). */
  isReply: boolean;
}

/** How far around a paired frame its partner is looked for: this many of its own connection's rows… */
export const PAIR_SEARCH = 10_000;
/** …within at most this many rows of all connections (a busy neighbour must not hide a reply, nor make a search long). */
export const PAIR_SCAN_MAX = 200_000;

function indexOf(all: readonly Row[], row: Row): number {
  for (let i = firstAfter(all, row.t, (r) => r.t) - 1; i >= 0 && all[i].t === row.t; i--) if (all[i] === row) return i;
  return -1;
}

/** `partnerOf` for rows decoded by `decoderIdOf` (undefined: not decoded, so no partner). */
export function createPairing(rows: Rows, decoderIdOf: (row: Row) => string | undefined, decodedOf: (row: Row) => Decoded | undefined): (row: Row) => Partner | undefined {
  /** Found partners hold; a search that found none is redone only when rows changed (the reply may have come). */
  const partners = new WeakMap<Row, { decoderId: string; version: number; found: Partner | undefined }>();

  function searchPartner(row: Row): Partner | undefined {
    const links = decodedOf(row)?.pairs;
    if (!links?.length) return undefined;
    const all = rows.all();
    const at = indexOf(all, row);
    if (at < 0) return undefined;
    for (const link of links) {
      const forward = link.role === 'request';
      const step = forward ? 1 : -1;
      for (let i = at + step, n = 0, scanned = 0; i >= 0 && i < all.length && n < PAIR_SEARCH && scanned < PAIR_SCAN_MAX; i += step, scanned++) {
        const r = all[i];
        if (r.key !== row.key || r.dir === 'event') continue;
        n++;
        const other = decodedOf(r)?.pairs;
        if (other?.some((l) => l.key === link.key && (forward ? l.role !== 'request' : l.role === 'request')))
          return { row: r, latency: Math.abs(r.t - row.t), isReply: forward };
      }
    }
    return undefined;
  }

  return function partnerOf(row: Row): Partner | undefined {
    const decoderId = decoderIdOf(row);
    if (!decoderId) return undefined;
    const version = rows.version.peek();
    const hit = partners.get(row);
    if (hit && hit.decoderId === decoderId && (hit.found || hit.version === version)) return hit.found;
    const found = searchPartner(row);
    partners.set(row, { decoderId, version, found });
    return found;
  };
}
