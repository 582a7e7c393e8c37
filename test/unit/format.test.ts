import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatTime, hexDump, hexPreview, hexString, textPreview, utf8OrUndefined } from '../../src/shared/format';

describe('formatTime', () => {
  it('shows local HH:MM:SS.mmm', () => {
    const t = new Date(2026, 10, 25, 9, 5, 7, 42).getTime() + 0.6;
    expect(formatTime(t)).toBe('09:05:07.042');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
  ])('%d → %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

describe('formatDuration', () => {
  it.each([
    [12, '12 ms'],
    [1500, '1.5 s'],
    [125_000, '2 min 5 s'],
  ])('%d → %s', (n, s) => expect(formatDuration(n)).toBe(s));
});

describe('hexPreview', () => {
  it('shows hex bytes and their printable characters like a hex dump line', () => {
    expect(hexPreview(new Uint8Array([0x68, 0x6f, 0x21, 0x00]))).toBe('68 6f 21 00  ho!.');
  });
  it('marks that more bytes follow', () => {
    expect(hexPreview(new Uint8Array(20), 2)).toBe('00 00 …  ..');
  });
});

describe('textPreview', () => {
  it('keeps one line', () => expect(textPreview('a\nb\r\n\tc')).toBe('a b c'));
  it('cuts long text', () => expect(textPreview('x'.repeat(300), 10)).toBe('xxxxxxxxxx…'));
});

describe('hexDump', () => {
  it('writes offset, 16 hex bytes (8 + 8) and ASCII per line', () => {
    const bytes = new Uint8Array([...Buffer.from('hello, world! 0123'), 0, 0xff]);
    expect(hexDump(bytes)).toEqual([
      { offset: '00000000', hex: '68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 30 31', ascii: 'hello, world! 01' },
      { offset: '00000010', hex: '32 33 00 ff', ascii: '23..' },
    ]);
  });
  it('stops at maxBytes', () => expect(hexDump(new Uint8Array(100), 32)).toHaveLength(2));
});

describe('utf8OrUndefined / hexString', () => {
  it('decodes valid UTF-8 only', () => {
    expect(utf8OrUndefined(new TextEncoder().encode('h€y'))).toBe('h€y');
    expect(utf8OrUndefined(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });
  it('writes spaced hex', () => expect(hexString(new Uint8Array([0x68, 0x6f, 0x21]))).toBe('68 6f 21'));
});
