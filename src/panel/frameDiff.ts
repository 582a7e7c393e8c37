// Panel (pure logic): what the Diff view shows for two frames — JSON changes by path when both are JSON, else a diff of
// lines (multi-line text), characters (one-line text) or bytes (binary, or text beside binary), bounded in size.
import { diffSequences, jsonDiff, type JsonChange, type Run } from './diff';
import { parseJsonFrame } from './json';
import type { Row } from './model';

/** Longer inputs are not diffed item by item: only where they first differ is said. */
export const MAX_DIFF_ITEMS = 20_000;

export type FrameDiff =
  | { kind: 'json'; changes: JsonChange[] }
  | { kind: 'text'; unit: 'line' | 'character'; runs: Run<string>[] }
  | { kind: 'bytes'; runs: Run<number>[] }
  /** Too long or too different to show item by item. */
  | { kind: 'summary'; unit: 'line' | 'character' | 'byte'; firstDifference: number }
  | { kind: 'equal' };

const bytesOf = (d: string | Uint8Array) => (typeof d === 'string' ? new TextEncoder().encode(d) : d);

function firstDifference<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function sequence<T>(a: T[], b: T[], unit: 'line' | 'character' | 'byte'): Run<T>[] | { kind: 'summary'; unit: typeof unit; firstDifference: number } {
  const runs = a.length + b.length <= MAX_DIFF_ITEMS ? diffSequences(a, b) : undefined;
  return runs ?? { kind: 'summary', unit, firstDifference: firstDifference(a, b) };
}

/** The diff from `a` (the earlier frame) to `b`. */
export function frameDiff(a: Row, b: Row): FrameDiff {
  const same =
    typeof a.data === 'string' || typeof b.data === 'string' ? a.data === b.data : a.data.length === b.data.length && firstDifference(a.data, b.data) === a.data.length;
  if (same) return { kind: 'equal' };
  if (typeof a.data === 'string' && typeof b.data === 'string') {
    const ja = parseJsonFrame(a.data);
    const jb = parseJsonFrame(b.data);
    if (ja.kind === 'json' && jb.kind === 'json') return { kind: 'json', changes: jsonDiff(ja.value, jb.value) };
    const multiline = a.data.includes('\n') || b.data.includes('\n');
    const unit = multiline ? 'line' : 'character';
    const split = (s: string) => (multiline ? s.split('\n') : Array.from(s));
    const runs = sequence(split(a.data), split(b.data), unit);
    return Array.isArray(runs) ? { kind: 'text', unit, runs } : runs;
  }
  const runs = sequence(Array.from(bytesOf(a.data)), Array.from(bytesOf(b.data)), 'byte');
  return Array.isArray(runs) ? { kind: 'bytes', runs } : runs;
}
