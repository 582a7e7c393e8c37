// Shared pure helper: binary search over arrays kept sorted by a number (seq in the page hook's history, time in the panel); index arithmetic only, so the page hook may use it.

/** Index of the first item at or after `from` whose key is greater than `value`. */
export function firstAfter<T>(items: readonly T[], value: number, key: (item: T) => number, from = 0): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
