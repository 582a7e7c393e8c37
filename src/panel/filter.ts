// Panel (pure logic): the combined frame filter — text or /regex/flags (with invert), direction, type, connection.
import { isPrintable } from '../shared/format';
import type { Row } from './model';

export type DirectionFilter = 'all' | 'sent' | 'received';
export type TypeFilter = 'all' | 'text' | 'binary' | 'lifecycle';

export interface FilterSettings {
  query: string;
  invert: boolean;
  direction: DirectionFilter;
  type: TypeFilter;
}

export const DEFAULT_FILTER: FilterSettings = { query: '', invert: false, direction: 'all', type: 'all' };

/** Binary frames are searched in their first bytes only, so one huge frame cannot stall filtering. */
export const BINARY_SEARCH_LIMIT = 1024 * 1024;

export interface CompiledQuery {
  /** Matches text (text frames, lifecycle rows, and the printable characters of binary frames). */
  re?: RegExp;
  /** Whole bytes to look for in binary frames, when the query reads as hex ("68 6f 21" or "686f21"). */
  bytes?: Uint8Array;
  error?: string;
  /** The query is `/` alone: a regex about to be typed, which filters nothing yet. */
  pending?: boolean;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A query that starts with `/` is a regular expression, finished (`/re/flags`) or still being typed (`/re`): it is never
 * searched as plain text, so typing `/tick(/` key by key never shows the empty result of a text search for `/tick(`.
 * Anything else is a case-insensitive substring, and also whole bytes when it reads as hex.
 */
export function compileQuery(query: string): CompiledQuery {
  if (!query) return {};
  if (query.startsWith('/')) return compileRegex(query);
  const hex = query.replace(/\s+/g, '');
  const bytes =
    hex.length >= 2 && hex.length % 2 === 0 && /^[0-9a-f]+$/i.test(hex)
      ? Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16))
      : undefined;
  return { re: new RegExp(escapeRegExp(query), 'i'), bytes };
}

function compileRegex(query: string): CompiledQuery {
  // `/api/users` has no valid flags after its last slash: the whole rest is the pattern (a slash needs no escape).
  const finished = /^\/(.+)\/([dgimsuvy]*)$/s.exec(query);
  // g and y would make test() stateful across rows.
  const [source, flags] = finished ? [finished[1], finished[2].replace(/[gy]/g, '')] : [query.slice(1), ''];
  if (!source) return { pending: true };
  try {
    return { re: new RegExp(source, flags) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  const end = Math.min(haystack.length, BINARY_SEARCH_LIMIT) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Printable ASCII runs of a binary frame, separated by newlines (so a match never spans unprintable bytes). */
export function printableText(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, BINARY_SEARCH_LIMIT);
  const parts: string[] = [];
  let run = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (isPrintable(b)) run += String.fromCharCode(b);
    else if (run) {
      parts.push(run);
      run = '';
    }
  }
  if (run) parts.push(run);
  return parts.join('\n');
}

function matchesQuery(row: Row, q: CompiledQuery): boolean {
  if (!q.re) return true;
  if (typeof row.data === 'string') return q.re.test(row.data);
  if (q.bytes && indexOfBytes(row.data, q.bytes) >= 0) return true;
  return q.re.test(printableText(row.data));
}

export function rowPasses(row: Row, f: FilterSettings, q: CompiledQuery, connection: string | undefined): boolean {
  if (isMarker(row)) return true;
  if (connection !== undefined && row.key !== connection) return false;
  if (f.direction !== 'all' && row.dir !== f.direction) return false;
  if (f.type !== 'all') {
    const lifecycle = row.dir === 'event';
    if (f.type === 'lifecycle' ? !lifecycle : row.type !== f.type) return false;
  }
  // Invert turns a query's matches around; without a query there is nothing to turn, and every frame shows.
  return !q.re || matchesQuery(row, q) !== f.invert;
}

/** Markers (navigation, frames dropped or not recorded) belong to every view, whatever the filters. */
export const isMarker = (row: Row) => row.dir === 'event' && MARKER_TYPES.has(row.type);
const MARKER_TYPES = new Set<string>(['navigation', 'dropped', 'evicted', 'paused']);

/** Every filter that hides rows, in words, for the empty-table hint and the toolbar's indicator. */
export function activeFilters(f: FilterSettings, q: CompiledQuery, connectionLabel: string | undefined): string[] {
  const active: string[] = [];
  if (q.re) active.push(`${f.invert ? 'not matching' : 'matching'} “${f.query}”`);
  if (f.direction !== 'all') active.push(`${f.direction} only`);
  if (f.type !== 'all') active.push(`${f.type} only`);
  if (connectionLabel !== undefined) active.push(`connection ${connectionLabel}`);
  return active;
}
