// Shared pure helpers for showing values: times, sizes, hex previews.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local wall-clock time as HH:MM:SS.mmm. */
export function formatTime(t: number): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return m < 60 ? `${m} min ${Math.floor((ms % 60_000) / 1000)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function isPrintable(b: number): boolean {
  return b >= 0x20 && b < 0x7f;
}

/** A hex-dump line of the first bytes: "68 6f 21 00  ho!." */
export function hexPreview(bytes: Uint8Array, max = 16): string {
  const n = Math.min(bytes.length, max);
  let hex = '';
  let ascii = '';
  for (let i = 0; i < n; i++) {
    hex += (i ? ' ' : '') + HEX[bytes[i]];
    ascii += isPrintable(bytes[i]) ? String.fromCharCode(bytes[i]) : '.';
  }
  return `${hex}${bytes.length > max ? ' …' : ''}  ${ascii}`;
}

/** One line of text for a table cell: control characters and newlines shown as spaces, cut to max characters. */
export function textPreview(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  return (s.length > max ? s.slice(0, max) + '…' : s).replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export interface HexDumpLine {
  offset: string;
  hex: string;
  ascii: string;
}

/** Classic hex dump lines (offset / 16 hex bytes / ASCII) for the first `maxBytes` bytes. */
export function hexDump(bytes: Uint8Array, maxBytes = bytes.length): HexDumpLine[] {
  const end = Math.min(bytes.length, maxBytes);
  const lines: HexDumpLine[] = [];
  for (let start = 0; start < end; start += 16) {
    let hex = '';
    let ascii = '';
    for (let i = start; i < start + 16; i++) {
      if (i < end) {
        hex += HEX[bytes[i]] + (i === start + 7 ? '  ' : ' ');
        ascii += isPrintable(bytes[i]) ? String.fromCharCode(bytes[i]) : '.';
      } else hex += i === start + 7 ? '    ' : '   ';
    }
    lines.push({ offset: start.toString(16).padStart(8, '0'), hex: hex.trimEnd(), ascii });
  }
  return lines;
}

/** Bytes as a plain hex string with spaces ("68 6f 21"). */
export function hexString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + HEX[bytes[i]];
  return s;
}

const fatal = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text if the bytes are valid UTF-8, otherwise undefined (the caller shows hex instead). */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return fatal.decode(bytes);
  } catch {
    return undefined;
  }
}
