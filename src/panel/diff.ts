// Panel (pure logic): diffs of two frames — JSON by path (added, removed, changed), anything else as a sequence of
// lines, characters or bytes (Myers' O(ND) algorithm, bounded in edits so a pair of unrelated megabytes cannot stall).

export type JsonChange = { kind: 'added'; path: string; after: unknown } | { kind: 'removed'; path: string; before: unknown } | { kind: 'changed'; path: string; before: unknown; after: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const step = (path: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** Paths where two JSON values differ, in document order; at most `limit` of them (arrays compare by index). */
export function jsonDiff(a: unknown, b: unknown, limit = 1000, path = '$', out: JsonChange[] = []): JsonChange[] {
  if (out.length >= limit || Object.is(a, b)) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= b.length) out.push({ kind: 'removed', path: p, before: a[i] });
      else if (i >= a.length) out.push({ kind: 'added', path: p, after: b[i] });
      else jsonDiff(a[i], b[i], limit, p, out);
    }
  } else if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) out.push({ kind: 'removed', path: step(path, k), before: a[k] });
    for (const k of Object.keys(b)) {
      if (!Object.hasOwn(a, k)) out.push({ kind: 'added', path: step(path, k), after: b[k] });
      else jsonDiff(a[k], b[k], limit, step(path, k), out);
    }
  } else out.push({ kind: 'changed', path, before: a, after: b });
  return out.length > limit ? out.slice(0, limit) : out;
}

export interface Run<T> {
  op: 'same' | 'added' | 'removed';
  items: T[];
}

/**
 * The shortest edit script from `a` to `b` as runs of kept, removed and added items; undefined when it takes more than
 * `maxEdits` edits (the caller says the two are too different to show). Memory grows with the edits squared only.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], maxEdits = 1000): Run<T>[] | undefined {
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 1);
  /** trace[d]: v for diagonals -d-1…d+1 before round d. */
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(n + m, maxEdits) && found < 0; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && Object.is(a[x], b[y])) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
  }
  if (found < 0) return undefined;
  const ops: [Run<T>['op'], T][] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const t = trace[d];
    const at = (k: number) => t[k + d + 1];
    const k = x - y;
    const prevK = d === 0 ? 0 : k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push(['same', a[--x]]), y--;
    if (d > 0) ops.push(x === prevX ? ['added', b[--y]] : ['removed', a[--x]]);
  }
  const runs: Run<T>[] = [];
  for (let i = ops.length - 1; i >= 0; i--) {
    const [op, item] = ops[i];
    const last = runs[runs.length - 1];
    if (last?.op === op) last.items.push(item);
    else runs.push({ op, items: [item] });
  }
  return runs;
}
