// Panel store (DevTools panel): decoded facts shared between rows — what the filters ask of a row (heartbeat, terms)
// is kept on the row (decoding.ts factsOf), and equal facts are one object, so a million rows' facts cost a pointer each.
import type { Facts, Terms } from './decode/types';
import type { RowFacts } from './model';

const SHARED_MAX = 4096;

/** A key equal for equal facts: the heartbeat flag, then each term key and its values. */
function factsKey(heartbeat: boolean, terms: Terms | undefined): string {
  let key = heartbeat ? '1' : '0';
  if (terms) for (const k in terms) {
    key += `\u0002${k}`;
    for (const v of terms[k as keyof Terms]!) key += `\u0001${v}`;
  }
  return key;
}

/** Equal facts are shared, per decoder (most frames of a stream repeat them); at most SHARED_MAX kinds are kept. */
export function createFactsSharing(): (decoder: string, d: Facts) => RowFacts {
  const shared = new Map<string, RowFacts>();
  /** The last facts shared: facts paths return one object per kind of frame, so runs of them need no key. */
  let lastFacts: Facts | undefined;
  let lastShared: RowFacts | undefined;
  return function share(decoder, d) {
    if (d === lastFacts && lastShared?.decoder === decoder) return lastShared;
    const key = `${decoder}\u0003${factsKey(!!d.heartbeat, d.terms)}`;
    let found = shared.get(key);
    if (!found) {
      found = { decoder, heartbeat: !!d.heartbeat, terms: d.terms };
      if (shared.size < SHARED_MAX) shared.set(key, found);
    }
    lastFacts = d;
    lastShared = found;
    return found;
  };
}
