// Panel (pure logic; runs in the import worker, importWorker.ts): reads a HAR (Chrome DevTools', Firefox's, ours) or our
// NDJSON export into connections and rows. A file is untrusted: every field is checked, anything odd is skipped and
// counted, and nothing in it is ever more than text to the panel.
import { isObject, type ParsedImport } from './importBuilder';
import { parseHar } from './importHar';
import { parseNdjson } from './importNdjson';

/** Reads `source` (a whole file's text) as NDJSON when it looks like ours or its name says so, else as a HAR. */
export function parseImport(source: string, name = ''): ParsedImport {
  if (/\.(ndjson|jsonl)$/i.test(name)) return parseNdjson(source);
  if (/^\s*\{\s*"log"\s*:/.test(source.slice(0, 256))) return parseHar(source);
  const end = source.indexOf('\n');
  // A one-line file is a minified HAR or a single frame: only a line that is short enough is tried on its own.
  const firstLine = end < 0 ? (source.length < 1 << 20 ? source : '') : source.slice(0, Math.min(end, 1 << 20));
  return looksLikeNdjsonLine(firstLine.trim()) ? parseNdjson(source) : parseHar(source);
}

function looksLikeNdjsonLine(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return isObject(v) && 'direction' in v && !('log' in v);
  } catch {
    return false;
  }
}
