import { describe, expect, it } from 'vitest';
import { jsonChildren, jsonKind, jsonSummary, parseJsonFrame } from '../../src/panel/json';

describe('parseJsonFrame', () => {
  it('parses objects and arrays', () => {
    expect(parseJsonFrame('{"a":1}')).toEqual({ kind: 'json', value: { a: 1 } });
    expect(parseJsonFrame('  [1,2]')).toEqual({ kind: 'json', value: [1, 2] });
  });
  it('leaves plain text (numbers and strings included) as text', () => {
    expect(parseJsonFrame('hello').kind).toBe('text');
    expect(parseJsonFrame('42').kind).toBe('text');
    expect(parseJsonFrame('"x"').kind).toBe('text');
  });
  it('reports JSON-looking text that does not parse', () => {
    const r = parseJsonFrame('{"a":');
    expect(r.kind).toBe('invalid');
  });
  it('parses a 10,000-deep document', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(parseJsonFrame(deep).kind).toBe('json');
  });
});

describe('json helpers', () => {
  it('names kinds', () => {
    expect([null, [], {}, 'a', 1, true].map(jsonKind)).toEqual(['null', 'array', 'object', 'string', 'number', 'boolean']);
  });
  it('summarises', () => {
    expect(jsonSummary([1, 2, 3])).toBe('Array(3)');
    expect(jsonSummary({ a: 1, b: 2 })).toBe('{a, b}');
    expect(jsonSummary({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toBe('{a, b, c, d, e, …}');
    expect(jsonSummary('x'.repeat(100), 10)).toBe('"xxxxxxxxx…"');
  });
  it('pages children', () => {
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const { entries, total } = jsonChildren(big, 100);
    expect(entries).toHaveLength(100);
    expect(total).toBe(1000);
    expect(jsonChildren({ a: 1 }, 10)).toEqual({ entries: [['a', 1]], total: 1 });
  });
});
