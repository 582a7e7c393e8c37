// The Diff view's logic: JSON changes by path, Myers' edit script (checked against a brute-force LCS on random inputs),
// and which kind of diff two frames get.
import { describe, expect, it } from 'vitest';
import { diffSequences, jsonDiff, type Run } from '../../src/panel/diff';
import { frameDiff, MAX_DIFF_ITEMS } from '../../src/panel/frameDiff';
import type { Row } from '../../src/panel/model';

const row = (data: string | Uint8Array, t = 1): Row => ({ key: 'd:1', seq: t, t, dir: 'received', type: typeof data === 'string' ? 'text' : 'binary', data, length: data.length, truncated: false });

/** Length of a longest common subsequence, by dynamic programming. */
function lcs<T>(a: T[], b: T[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
}
const side = <T>(runs: Run<T>[], keep: 'added' | 'removed') => runs.filter((r) => r.op === 'same' || r.op === keep).flatMap((r) => r.items);

describe('jsonDiff', () => {
  it('lists added, removed and changed paths in document order, arrays by index', () => {
    const a = { type: 'tick', n: 1, gone: true, nested: { list: [1, 2, 3], 'odd key': 'x' } };
    const b = { type: 'tock', n: 1, nested: { list: [1, 5], 'odd key': 'x', extra: null }, added: [1] };
    expect(jsonDiff(a, b)).toEqual([
      { kind: 'removed', path: '$.gone', before: true },
      { kind: 'changed', path: '$.type', before: 'tick', after: 'tock' },
      { kind: 'changed', path: '$.nested.list[1]', before: 2, after: 5 },
      { kind: 'removed', path: '$.nested.list[2]', before: 3 },
      { kind: 'added', path: '$.nested.extra', after: null },
      { kind: 'added', path: '$.added', after: [1] },
    ]);
  });

  it('names odd keys in brackets, compares types, and finds nothing between equal values', () => {
    expect(jsonDiff({ 'a b': 1 }, { 'a b': 2 })).toEqual([{ kind: 'changed', path: '$["a b"]', before: 1, after: 2 }]);
    expect(jsonDiff({ a: [1] }, { a: { 0: 1 } })).toEqual([{ kind: 'changed', path: '$.a', before: [1], after: { 0: 1 } }]);
    expect(jsonDiff([1, { a: [null] }], [1, { a: [null] }])).toEqual([]);
    expect(jsonDiff('x', 'y')).toEqual([{ kind: 'changed', path: '$', before: 'x', after: 'y' }]);
  });

  it('stops at its limit', () => {
    const a = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const b = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, -i - 1]));
    expect(jsonDiff(a, b, 10)).toHaveLength(10);
  });
});

describe('diffSequences', () => {
  it('gives a shortest edit script: both sides rebuilt, edits = |a| + |b| − 2·LCS (random inputs)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: rand(14) }, () => 'abcd'[rand(4)]);
      const b = Array.from({ length: rand(14) }, () => 'abcd'[rand(4)]);
      const runs = diffSequences(a, b)!;
      expect(side(runs, 'removed')).toEqual(a);
      expect(side(runs, 'added')).toEqual(b);
      const edits = runs.filter((r) => r.op !== 'same').reduce((n, r) => n + r.items.length, 0);
      expect(edits).toBe(a.length + b.length - 2 * lcs(a, b));
      // Runs are merged: no two neighbours share an op.
      for (let i = 1; i < runs.length; i++) expect(runs[i].op).not.toBe(runs[i - 1].op);
    }
  });

  it('handles empty sides and gives up beyond its edit budget', () => {
    expect(diffSequences([], [])).toEqual([]);
    expect(diffSequences(['a'], [])).toEqual([{ op: 'removed', items: ['a'] }]);
    expect(diffSequences([], ['a', 'b'])).toEqual([{ op: 'added', items: ['a', 'b'] }]);
    const a = Array.from({ length: 100 }, (_, i) => i);
    const b = Array.from({ length: 100 }, (_, i) => i + 1000);
    expect(diffSequences(a, b, 50)).toBeUndefined();
    expect(diffSequences(a, b, 200)).toHaveLength(2);
  });
});

describe('frameDiff', () => {
  it('diffs JSON frames by path', () => {
    expect(frameDiff(row('{"type":"tick","n":1}'), row('{"type":"tick","n":2}'))).toEqual({ kind: 'json', changes: [{ kind: 'changed', path: '$.n', before: 1, after: 2 }] });
    expect(frameDiff(row('{"a":1}'), row('{ "a": 1 }'))).toEqual({ kind: 'json', changes: [] });
  });

  it('diffs one-line text by character and multi-line text by line', () => {
    expect(frameDiff(row('flood 12'), row('flood 13'))).toEqual({
      kind: 'text',
      unit: 'character',
      runs: [
        { op: 'same', items: [...'flood 1'] },
        { op: 'removed', items: ['2'] },
        { op: 'added', items: ['3'] },
      ],
    });
    const d = frameDiff(row('a\nb\nc'), row('a\nc\nd'));
    expect(d).toEqual({ kind: 'text', unit: 'line', runs: [{ op: 'same', items: ['a'] }, { op: 'removed', items: ['b'] }, { op: 'same', items: ['c'] }, { op: 'added', items: ['d'] }] });
  });

  it('diffs binary frames (and text beside binary) by byte, says when they are equal, and summarises what is too long', () => {
    expect(frameDiff(row(Uint8Array.of(1, 2, 3)), row(Uint8Array.of(1, 9, 3)))).toEqual({
      kind: 'bytes',
      runs: [{ op: 'same', items: [1] }, { op: 'removed', items: [2] }, { op: 'added', items: [9] }, { op: 'same', items: [3] }],
    });
    expect(frameDiff(row('AB'), row(Uint8Array.of(0x41, 0x43)))).toEqual({ kind: 'bytes', runs: [{ op: 'same', items: [0x41] }, { op: 'removed', items: [0x42] }, { op: 'added', items: [0x43] }] });
    expect(frameDiff(row(Uint8Array.of(1, 2)), row(Uint8Array.of(1, 2)))).toEqual({ kind: 'equal' });
    expect(frameDiff(row('same'), row('same'))).toEqual({ kind: 'equal' });
    const long = 'x'.repeat(MAX_DIFF_ITEMS);
    expect(frameDiff(row(long + 'a'), row(long + 'b'))).toEqual({ kind: 'summary', unit: 'character', firstDifference: MAX_DIFF_ITEMS });
  });
});
