import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, cutUtf8, utf8Length } from '../../src/shared/codec';

describe('utf8Length', () => {
  it.each(['', 'hey', 'ho!', 'é', '€uro', '😀', 'a😀b', 'x'.repeat(1000)])('matches TextEncoder for %j', (s) => {
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
  it('counts a lone surrogate as the 3-byte replacement character it is sent as', () => {
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('a\udc00b')).toBe(5);
  });
});

describe('cutUtf8', () => {
  it('keeps short strings whole', () => expect(cutUtf8('hey', 100)).toBe('hey'));
  it('cuts at a byte budget without splitting characters', () => {
    expect(cutUtf8('aaaa€€', 5)).toBe('aaaa');
    expect(cutUtf8('aaaa€€', 7)).toBe('aaaa€');
    expect(cutUtf8('😀😀', 5)).toBe('😀');
  });
});

describe('base64', () => {
  it('round-trips every byte value', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });
  it('matches Node for a large buffer (chunked encoding)', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
