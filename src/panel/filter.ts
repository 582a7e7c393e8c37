// Panel (pure logic): the combined frame filter — text or /regex/flags (with invert), direction, type, connection.
import { isPrintable } from '../shared/format';
import { matchTerm, parseTerm, searchText } from './decode/terms';
import type { Decoded, Terms } from './decode/types';
import { matchFieldWord, parseFieldWord } from './jsonField';
import type { Row } from './model';

export type DirectionFilter = 'all' | 'sent' | 'received';
export type TypeFilter = 'all' | 'text' | 'binary' | 'lifecycle';

export interface FilterSettings {
  query: string;
  invert: boolean;
  direction: DirectionFilter;
  type: TypeFilter;
  /** Hide frames their protocol's decoder calls heartbeats (pings, pongs, keep-alives). */
  hideHeartbeats: boolean;
}

export const DEFAULT_FILTER: FilterSettings = { query: '', invert: false, direction: 'all', type: 'all', hideHeartbeats: false };

/** A row's decoded message, when its connection has a decoder (decoding.ts); undefined for raw rows. */
export type DecodedOf = (row: Row) => Decoded | undefined;

/** What filters ask of a decoded row, kept small: a million rows' worth stays cheap to hold. */
export interface DecodedFacts {
  heartbeat: boolean;
  terms?: Terms;
}

/** Decoding as the filters use it (decoding.ts): facts for every row scanned, the full decode for text search. */
export interface FilterDecoding {
  factsOf(row: Row): DecodedFacts | undefined;
  decodedOf: DecodedOf;
}

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
  /** Decoded-field words (`event:chat`, `topic:sensors/#`): every one must match the frame's decoded terms. */
  terms?: string[];
  /** JSON field words (`$.payload.kind:order*`, `$.a:"exact"`): every one must match the frame's JSON (jsonField.ts). */
  fields?: string[];
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
  // Decoded-field words (`event:chat`) and JSON field words (`$.a:b`) come out of a plain query; the rest is matched as
  // text, as before.
  const terms: string[] = [];
  const fields: string[] = [];
  const text: string[] = [];
  for (const w of query.split(/\s+/).filter(Boolean)) (parseTerm(w) ? terms : parseFieldWord(w) ? fields : text).push(w);
  if (!terms.length && !fields.length) return compileText(query);
  const rest = text.join(' ');
  return { ...(rest ? compileText(rest) : {}), ...(terms.length ? { terms } : {}), ...(fields.length ? { fields } : {}) };
}

function compileText(query: string): CompiledQuery {
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

function matchesText(row: Row, re: RegExp, q: CompiledQuery, dec: FilterDecoding | undefined): boolean {
  if (typeof row.data === 'string') return re.test(row.data);
  if (q.bytes && indexOfBytes(row.data, q.bytes) >= 0) return true;
  if (re.test(printableText(row.data))) return true;
  // A binary frame is also searched in what it decodes to (a string inside a MessagePack frame).
  const d = row.dir === 'event' ? undefined : dec?.decodedOf(row);
  return !!d && !d.error && re.test(searchText(d));
}

function matchesQuery(row: Row, q: CompiledQuery, dec: FilterDecoding | undefined): boolean {
  if (q.terms) {
    const d = row.dir === 'event' ? undefined : dec?.factsOf(row);
    if (!d?.terms || !q.terms.every((t) => matchTerm(d.terms, t))) return false;
  }
  if (q.fields && (row.dir === 'event' || !q.fields.every((w) => matchFieldWord(row, w)))) return false;
  return !q.re || matchesText(row, q.re, q, dec);
}

/** Whether the filters need rows decoded: decoded-field words, or hiding heartbeats. */
export const needsDecoding = (f: FilterSettings, q: CompiledQuery) => f.hideHeartbeats || !!q.terms;

/** `heartbeat`: hidden only because it is a heartbeat (counted in the status line). */
export type Verdict = 'shown' | 'hidden' | 'heartbeat';

export function rowVerdict(row: Row, f: FilterSettings, q: CompiledQuery, connection: string | undefined, dec?: FilterDecoding): Verdict {
  if (isMarker(row)) return 'shown';
  if (connection !== undefined && row.key !== connection) return 'hidden';
  if (f.direction !== 'all' && row.dir !== f.direction) return 'hidden';
  if (f.type !== 'all') {
    const lifecycle = row.dir === 'event';
    if (f.type === 'lifecycle' ? !lifecycle : row.type !== f.type) return 'hidden';
  }
  if (f.hideHeartbeats && row.dir !== 'event' && dec?.factsOf(row)?.heartbeat) return 'heartbeat';
  // Invert turns a query's matches around; without a query there is nothing to turn, and every frame shows.
  if (!q.re && !q.terms && !q.fields) return 'shown';
  return matchesQuery(row, q, dec) !== f.invert ? 'shown' : 'hidden';
}

export function rowPasses(row: Row, f: FilterSettings, q: CompiledQuery, connection: string | undefined, dec?: FilterDecoding): boolean {
  return rowVerdict(row, f, q, connection, dec) === 'shown';
}

/** Markers (navigation, frames dropped or not recorded) belong to every view, whatever the filters. */
export const isMarker = (row: Row) => row.dir === 'event' && MARKER_TYPES.has(row.type);
const MARKER_TYPES = new Set<string>(['navigation', 'dropped', 'evicted', 'paused']);

/** Every filter that hides rows, in words, for the empty-table hint and the toolbar's indicator. */
export function activeFilters(f: FilterSettings, q: CompiledQuery, connectionLabel: string | undefined): string[] {
  const active: string[] = [];
  if (q.re || q.terms || q.fields) active.push(`${f.invert ? 'not matching' : 'matching'} “${f.query}”`);
  if (f.hideHeartbeats) active.push('heartbeats hidden');
  if (f.direction !== 'all') active.push(`${f.direction} only`);
  if (f.type !== 'all') active.push(`${f.type} only`);
  if (connectionLabel !== undefined) active.push(`connection ${connectionLabel}`);
  return active;
}
