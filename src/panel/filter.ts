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
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/re/flags` is a regular expression; anything else a case-insensitive substring. */
export function compileQuery(query: string): CompiledQuery {
  if (!query) return {};
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(query);
  if (regex) {
    try {
      return { re: new RegExp(regex[1], regex[2].replace(/[gy]/g, '')) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  const hex = query.replace(/\s+/g, '');
  const bytes =
    hex.length >= 2 && hex.length % 2 === 0 && /^[0-9a-f]+$/i.test(hex)
      ? Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16))
      : undefined;
  return { re: new RegExp(escapeRegExp(query), 'i'), bytes };
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
  // Navigation markers belong to every view.
  if (row.type === 'navigation') return true;
  if (connection !== undefined && row.key !== connection) return false;
  if (f.direction !== 'all' && row.dir !== f.direction) return false;
  if (f.type !== 'all') {
    const lifecycle = row.dir === 'event';
    if (f.type === 'lifecycle' ? !lifecycle : row.type !== f.type) return false;
  }
  return matchesQuery(row, q) !== f.invert;
}
