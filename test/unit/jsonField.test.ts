// JSON field paths for Group by and the filter: what the user types, the filter word a group's click writes, and that
// the word selects exactly the frames the group counted, whatever the path or value (spaces, colons, globs, case).
import { describe, expect, it } from 'vitest';
import { compileQuery, DEFAULT_FILTER, rowPasses } from '../../src/panel/filter';
import { createGroupCounter, groupQuery, type GroupField } from '../../src/panel/groupBy';
import { fieldText, formatFieldPath, JSON_FIELD_MAX_LENGTH, LONG_VALUES, MAX_GROUP_VALUE, parseFieldWord, readFieldPath } from '../../src/panel/jsonField';
import type { Row } from '../../src/panel/model';

const row = (data: string, t = 0): Row => ({ key: 'd:1', seq: t, t, dir: 'received', type: 'text', data, length: data.length, truncated: false });
const list = (rows: Row[]) => ({ rows, indices: rows.map((_, i) => i), count: rows.length });
const noDecoding = { factsOf: () => undefined };
const fieldOf = (typed: string) => {
  const r = readFieldPath(typed);
  if ('error' in r) throw new Error(r.error);
  return formatFieldPath(r.path) as GroupField;
};

describe('readFieldPath and formatFieldPath', () => {
  it('reads a name, a dotted path or a $ path, and writes it as one filter word', () => {
    expect(fieldOf('action')).toBe('$.action');
    expect(fieldOf('payload.kind')).toBe('$.payload.kind');
    expect(fieldOf(' $.channel ')).toBe('$.channel');
    expect(fieldOf('items[0].id')).toBe('$.items[0].id');
    expect(fieldOf('[1]')).toBe('$[1]');
    expect(fieldOf('$["a b"].c')).toBe('$["a\\u0020b"].c');
    expect(fieldOf('a:b')).toBe('$["a:b"]');
    expect(readFieldPath('')).toHaveProperty('error');
    expect(readFieldPath('$')).toHaveProperty('error');
    expect(readFieldPath('a..b')).toHaveProperty('error');
  });
});

describe('parseFieldWord', () => {
  it('splits a word into its path and a glob or an exact quoted value; other words are not field words', () => {
    expect(parseFieldWord('$.type:tick*')).toEqual({ path: ['type'], glob: 'tick*' });
    expect(parseFieldWord('$.room:lobby:1')).toEqual({ path: ['room'], glob: 'lobby:1' });
    expect(parseFieldWord('$["a\\u0020b"][0]:"x\\u0020y"')).toEqual({ path: ['a b', 0], exact: 'x y' });
    expect(parseFieldWord('$.a:"unclosed')).toEqual({ path: ['a'], glob: '"unclosed' });
    for (const w of ['$5', '$.a', '$.a:', 'type:tick', '$:x', 'a.b:c']) expect(parseFieldWord(w)).toBeUndefined();
  });
});

describe('the filter with JSON field words', () => {
  const rows = [row('{"type":"Tick","payload":{"kind":"a"}}'), row('{"type":"tick"}'), row('{"type":"trade"}'), row('not json'), row('["tick"]')];
  const shown = (query: string) => rows.filter((r) => rowPasses(r, { ...DEFAULT_FILTER, query }, compileQuery(query), undefined)).map((r) => r.data);
  it('matches a glob case-insensitively, a quoted value exactly, and combines with text and invert', () => {
    expect(shown('$.type:tick')).toEqual(['{"type":"Tick","payload":{"kind":"a"}}', '{"type":"tick"}']);
    expect(shown('$.type:"tick"')).toEqual(['{"type":"tick"}']);
    expect(shown('$.type:t*')).toHaveLength(3);
    expect(shown('$.payload.kind:a')).toEqual(['{"type":"Tick","payload":{"kind":"a"}}']);
    expect(shown('$[0]:tick')).toEqual(['["tick"]']);
    expect(shown('$.type:t* trade')).toEqual(['{"type":"trade"}']);
    const inverted = rows.filter((r) => rowPasses(r, { ...DEFAULT_FILTER, query: '$.type:t*', invert: true }, compileQuery('$.type:t*'), undefined));
    expect(inverted.map((r) => r.data)).toEqual(['not json', '["tick"]']);
  });
});

describe('Group by a JSON field', () => {
  it('counts each value, and each group’s filter word shows exactly that group', () => {
    const values: unknown[] = ['a b', 'A B', 'x:y', 'star*', 's', 3, '3', true, null, { n: 1 }, [1, 2], '', 'a'.repeat(MAX_GROUP_VALUE + 1)];
    const rows = [...values.flatMap((v, i) => [row(JSON.stringify({ payload: { 'odd key': v } }), i), row(JSON.stringify({ payload: { 'odd key': v }, n: i }), i)]), row('{"payload":{}}', 99), row('plain', 99)];
    const field = fieldOf('$.payload["odd key"]');
    const g = createGroupCounter(noDecoding)(list(rows), field);
    const byValue = Object.fromEntries(g.groups.map((x) => [x.value, x.frames]));
    expect(byValue).toEqual({ 'a b': 2, 'A B': 2, 'x:y': 2, 'star*': 2, s: 2, '3': 4, true: 2, null: 2, '{"n":1}': 2, '[1,2]': 2, '': 2, [LONG_VALUES]: 2 });
    expect(g.without.frames).toBe(2);
    for (const group of g.groups) {
      const query = groupQuery('', field, group.value);
      if (group.value === LONG_VALUES) {
        expect(query).toBeUndefined();
        continue;
      }
      const matched = rows.filter((r) => rowPasses(r, { ...DEFAULT_FILTER, query: query! }, compileQuery(query!), undefined));
      expect(matched.map((r) => fieldText(JSON.parse(r.data as string), ['payload', 'odd key']))).toEqual(Array(group.frames).fill(group.value));
    }
  });

  it('keeps the query’s other words and replaces its own; frames too long to parse have no value', () => {
    expect(groupQuery('price $.kind:"a"', '$.kind', 'b c')).toBe('price $.kind:"b\\u0020c"');
    expect(groupQuery('$.kind:"a"', '$.other', 'b')).toBe('$.kind:"a" $.other:"b"');
    const big = row(`{"kind":"a","pad":"${'x'.repeat(JSON_FIELD_MAX_LENGTH)}"}`);
    expect(createGroupCounter(noDecoding)(list([big, row('{"kind":"a"}')]), '$.kind').groups).toEqual([{ value: 'a', frames: 1, bytes: 12 }]);
  });
});
