// Panel (pure logic): what a connection is called on screen — a short label (its path, with the host where hosts
// differ), a panel-wide number and a colour that stay the same for its lifetime, and URLs cut in the middle.
import type { Connection } from './model';

/** `text` at most `max` characters long, cut in the middle so both ends (host and path's end) stay visible. */
export function shortenMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(2, max - 1);
  const head = Math.ceil(keep / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}

function parts(url: string): { host: string; path: string } | undefined {
  try {
    const u = new URL(url);
    return { host: u.host, path: u.pathname + u.search };
  } catch {
    return undefined;
  }
}

export const LABEL_MAX = 48;

/** A worker script's file name (`dedicated.js`), `blob` for a blob: URL, `?` when the log does not say. */
export function scriptName(script: string): string {
  if (!script) return '?';
  if (script.startsWith('blob:')) return 'blob';
  const path = parts(script)?.path.split('?')[0] ?? script;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

/**
 * Labels for every connection: the path and query where all sockets share a host, host + path where hosts differ, the
 * host alone for a bare `/`; the negotiated subprotocol after a `·`. Cut in the middle to LABEL_MAX.
 */
export function connectionLabels(connections: Iterable<Connection>): Map<string, string> {
  const list = [...connections];
  const hosts = new Set(list.map((c) => parts(c.url)?.host));
  const labels = new Map<string, string>();
  for (const c of list) {
    const p = parts(c.url);
    let label = !p ? c.url : hosts.size > 1 ? p.host + p.path : p.path === '/' ? p.host : p.path;
    if (c.protocol) label += ` · ${c.protocol}`;
    // A worker's socket (from DevTools' log) often shares its URL with the page's: its script tells them apart.
    if (c.source) label += ` · worker ${scriptName(c.source.script)}`;
    labels.set(c.key, shortenMiddle(label, LABEL_MAX));
  }
  return labels;
}

/** A hue per panel-wide number, spread by the golden angle so neighbours never look alike. */
export const chipHue = (n: number) => Math.round((n * 137.508) % 360);
