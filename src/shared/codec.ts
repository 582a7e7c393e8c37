// Shared pure helpers: byte lengths, UTF-8 cutting and the base64 encoding that binary payloads need on Chrome's JSON ports.

const encoder = new TextEncoder();

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/** UTF-8 byte length of a string, without allocating the encoded bytes. */
export function utf8Length(s: string): number {
  // Most frames are ASCII: one native scan answers for them; the per-character loop is for the rest.
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP character, or a lone surrogate (sent as U+FFFD, 3 bytes)
  }
  return n;
}

/** The longest prefix of s whose UTF-8 encoding fits in maxBytes (never splits a surrogate pair). */
export function cutUtf8(s: string, maxBytes: number): string {
  if (s.length * 3 <= maxBytes) return s;
  const { read } = encoder.encodeInto(s, new Uint8Array(maxBytes));
  return s.slice(0, read);
}

const CHUNK = 0x8000;

/** Native base64 (Chrome 140+, Firefox 133+): one call instead of a loop over every byte. */
type Base64Native = { toBase64?: (this: Uint8Array) => string };
const nativeToBase64 = (Uint8Array.prototype as Base64Native).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;

export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(b64);
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
