import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, activeFilters, compileQuery, printableText, rowPasses, type FilterSettings } from '../../src/panel/filter';
import type { Row } from '../../src/panel/model';

const text = (data: string, dir: Row['dir'] = 'sent', key = 'k'): Row => ({ key, seq: 1, t: 1, dir, type: 'text', data, length: data.length, truncated: false });
const bin = (bytes: number[], dir: Row['dir'] = 'received'): Row => ({ ...text('', dir), type: 'binary', data: new Uint8Array(bytes), length: bytes.length });
const event = (data: string, type: Row['type'] = 'open'): Row => ({ ...text(data, 'event'), type });
const passes = (row: Row, f: Partial<FilterSettings>, connection?: string) => {
  const settings = { ...DEFAULT_FILTER, ...f };
  return rowPasses(row, settings, compileQuery(settings.query), connection);
};

describe('compileQuery', () => {
  it('treats plain text as a case-insensitive substring, special characters included', () => {
    const q = compileQuery('a.b(');
    expect(q.re!.test('xA.B(y')).toBe(true);
    expect(q.re!.test('axb(')).toBe(false);
  });
  it('reads /regex/flags', () => {
    const q = compileQuery('/^ho+!$/');
    expect(q.re!.test('hooo!')).toBe(true);
    expect(q.re!.test('HO!')).toBe(false);
    expect(compileQuery('/^ho!$/i').re!.test('HO!')).toBe(true);
  });
  it('drops the g and y flags, which would make test() stateful', () => {
    const q = compileQuery('/a/g');
    expect(q.re!.flags).toBe('');
    expect([q.re!.test('a'), q.re!.test('a')]).toEqual([true, true]);
  });
  it('reports an invalid regex', () => {
    expect(compileQuery('/(/').error).toMatch(/Invalid regular expression|Unterminated group/);
  });
  it('reads hex bytes with or without spaces', () => {
    expect(compileQuery('68 6f 21').bytes).toEqual(new Uint8Array([0x68, 0x6f, 0x21]));
    expect(compileQuery('686F21').bytes).toEqual(new Uint8Array([0x68, 0x6f, 0x21]));
    expect(compileQuery('68 6').bytes).toBeUndefined();
    expect(compileQuery('hello').bytes).toBeUndefined();
  });
});

describe('a regex being typed', () => {
  it('reads a query that starts with / as a regex, finished or not, never as plain text', () => {
    expect(compileQuery('/')).toEqual({ pending: true });
    expect(compileQuery('/ti').re?.source).toBe('ti');
    expect(compileQuery('/tick/i').re?.flags).toBe('i');
    expect(compileQuery('/tick(').error).toBeTruthy();
    expect(compileQuery('/tick(/').error).toBeTruthy();
    // A path is a pattern whose slashes need no escape, not a regex with flags "users".
    expect(compileQuery('/api/users').re?.source).toBe('api\\/users');
    for (const q of ['/', '/t', '/ti', '/tic', '/tick', '/tick(', '/tick(/']) expect(compileQuery(q).bytes).toBeUndefined();
  });
});

describe('Invert', () => {
  it('does nothing without a query', () => {
    expect(passes(text('anything'), { invert: true })).toBe(true);
    expect(passes(text('anything'), { invert: true, query: '/' })).toBe(true);
  });
});

describe('activeFilters', () => {
  it('names every filter that hides rows, and not Invert alone', () => {
    const f = (patch: Partial<FilterSettings>) => ({ ...DEFAULT_FILTER, ...patch });
    expect(activeFilters(f({ invert: true }), compileQuery(''), undefined)).toEqual([]);
    expect(activeFilters(f({ query: 'x', invert: true, direction: 'sent', type: 'binary' }), compileQuery('x'), '#2 /feed')).toEqual([
      'not matching “x”',
      'sent only',
      'binary only',
      'connection #2 /feed',
    ]);
  });
});

describe('printableText', () => {
  it('keeps printable runs and separates them', () => {
    expect(printableText(new Uint8Array([0x30, 0x0c, ...Buffer.from('sensors/temp'), 0, 0x41]))).toBe('0\nsensors/temp\nA');
  });
});

describe('rowPasses', () => {
  const mqtt = bin([0x30, 0x0c, 0x00, 0x0c, ...Buffer.from('sensors/temp'), 0xff]);

  it('matches text frames by content', () => {
    expect(passes(text('Hello World'), { query: 'o w' })).toBe(true);
    expect(passes(text('Hello'), { query: 'bye' })).toBe(false);
  });

  it('matches binary frames by printable characters (an MQTT topic) and by hex bytes', () => {
    expect(passes(mqtt, { query: 'sensors/temp' })).toBe(true);
    expect(passes(mqtt, { query: '/sensors\\/te/' })).toBe(true);
    expect(passes(mqtt, { query: '30 0c' })).toBe(true);
    expect(passes(mqtt, { query: '0c00' })).toBe(true);
    expect(passes(mqtt, { query: 'c0 0c' })).toBe(false); // not on a byte boundary
    expect(passes(mqtt, { query: 'weather' })).toBe(false);
  });

  it('inverts the text match only', () => {
    expect(passes(text('apple'), { query: 'app', invert: true })).toBe(false);
    expect(passes(text('banana'), { query: 'app', invert: true })).toBe(true);
    expect(passes(text('banana', 'received'), { query: 'app', invert: true, direction: 'sent' })).toBe(false);
  });

  it('filters by direction and type', () => {
    expect(passes(text('a', 'sent'), { direction: 'sent' })).toBe(true);
    expect(passes(text('a', 'received'), { direction: 'sent' })).toBe(false);
    expect(passes(event('Connection open'), { direction: 'received' })).toBe(false);
    expect(passes(mqtt, { type: 'binary' })).toBe(true);
    expect(passes(mqtt, { type: 'text' })).toBe(false);
    expect(passes(event('Connection open'), { type: 'lifecycle' })).toBe(true);
    expect(passes(text('a'), { type: 'lifecycle' })).toBe(false);
  });

  it('combines every filter with the connection selection', () => {
    const f = { query: 'tick', direction: 'received' as const, type: 'text' as const };
    expect(passes(text('tick 1', 'received', 'A'), f, 'A')).toBe(true);
    expect(passes(text('tick 1', 'received', 'B'), f, 'A')).toBe(false);
    expect(passes(text('tock 1', 'received', 'A'), f, 'A')).toBe(false);
    expect(passes(text('tick 1', 'sent', 'A'), f, 'A')).toBe(false);
  });

  it('always shows navigation markers', () => {
    expect(passes({ ...event('Navigated to http://x/', 'navigation'), key: '' }, { query: 'zzz', type: 'binary' }, 'A')).toBe(true);
  });

  it('matches lifecycle rows by their text', () => {
    expect(passes(event('Closed: code 4001 reason "bye"', 'close'), { query: '4001' })).toBe(true);
  });
});
