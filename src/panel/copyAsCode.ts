// Panel (pure logic): a connection as code that reproduces it — JavaScript that opens the same URL with the same
// subprotocols and sends its sent frames at their recorded pace, and a websocat command line that sends them in order.
import { bytesToBase64 } from '../shared/codec';
import type { Connection, Row } from './model';

/** Frames beyond these are left out (and the code says so): a snippet is for reading and pasting. */
export const MAX_CODE_FRAMES = 1000;
export const MAX_CODE_CHARS = 1024 * 1024;

export interface CodeFrames {
  frames: Row[];
  /** Sent frames left out: only part kept, over the caps, or (websocat) holding a NUL. */
  leftOut: number;
}

/** The connection's sent frames the code can send whole, oldest first, within the caps. */
export function sentFrames(rows: readonly Row[], key: string): CodeFrames {
  const frames: Row[] = [];
  let leftOut = 0;
  let chars = 0;
  for (const r of rows) {
    if (r.key !== key || r.dir !== 'sent' || r.intercept?.outcome === 'blocked') continue;
    const size = typeof r.data === 'string' ? r.data.length : r.data.length * 4;
    if (r.truncated || frames.length >= MAX_CODE_FRAMES || chars + size > MAX_CODE_CHARS) leftOut++;
    else {
      frames.push(r);
      chars += size;
    }
  }
  return { frames, leftOut };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const js = (v: unknown) => JSON.stringify(v);

function header(c: Connection, { frames, leftOut }: CodeFrames, comment: string, orWhy = ''): string {
  const left = leftOut ? `; ${plural(leftOut, 'sent frame')} left out (only part kept, or over ${MAX_CODE_FRAMES} frames / 1 MiB${orWhy})` : '';
  return `${comment} WS Inspector: socket #${c.n} ${c.url}, ${plural(frames.length, 'sent frame')}${left}`;
}

export function javascriptSnippet(c: Connection, sent: CodeFrames): string {
  const t0 = sent.frames[0]?.t ?? 0;
  const literal = (r: Row) => (typeof r.data === 'string' ? js(r.data) : `new Uint8Array([${Array.from(r.data).join(', ')}])`);
  const lines = [
    header(c, sent, '//'),
    `const ws = new WebSocket(${js(c.url)}${c.protocols.length ? `, ${js(c.protocols)}` : ''});`,
    'ws.binaryType = "arraybuffer";',
    '// [ms after the first sent frame, data]',
    'const frames = [',
    ...sent.frames.map((r) => `  [${Math.round(r.t - t0)}, ${literal(r)}],`),
    '];',
    'ws.addEventListener("open", () => {',
    '  for (const [at, data] of frames) setTimeout(() => ws.send(data), at);',
    '});',
    'ws.addEventListener("message", (e) => console.log("received", e.data));',
    'ws.addEventListener("close", (e) => console.log("closed", e.code, e.reason));',
  ];
  return lines.join('\n') + '\n';
}

/** A word for a POSIX shell, in single quotes. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * websocat sends each NUL-terminated input record (`-0`) as one message, so text may hold newlines; with binary frames,
 * every record is prefixed (`T:` text, `B:` base64 binary). `-n` keeps the socket open after the input ends, to print
 * replies. Text holding a NUL cannot be one record, so it is left out.
 */
export function websocatCommand(c: Connection, sent: CodeFrames): string {
  const frames = sent.frames.filter((r) => typeof r.data !== 'string' || !r.data.includes('\0'));
  const counted = { frames, leftOut: sent.leftOut + sent.frames.length - frames.length };
  const mixed = frames.some((r) => typeof r.data !== 'string');
  const record = (r: Row) => (typeof r.data === 'string' ? (mixed ? `T:${r.data}` : r.data) : `B:${bytesToBase64(r.data)}`);
  const options = [
    ...(frames.length ? ['-n', '-0'] : []),
    ...(c.protocols.length ? ['--protocol', shellQuote(c.protocols.join(', '))] : []),
    ...(mixed ? ['--text-prefix', 'T:', '--binary-prefix', 'B:', '--base64'] : []),
  ];
  const command = ['websocat', ...options, shellQuote(c.url)].join(' ');
  const input = frames.length ? `printf '%s\\0' ${frames.map((r) => shellQuote(record(r))).join(' ')} | ` : '';
  return `${header(c, counted, '#', frames.length < sent.frames.length ? ', or text holding a NUL' : '')}\n${input}${command}\n`;
}
