// Panel (pure logic, DevTools panel): the visible frames grouped by a decoded field (`type`, `event`, `method`, `topic`…,
// which for plain JSON are its top-level fields) or by any JSON field path (`$.payload.kind`, jsonField.ts), with
// frames, bytes and rate per group. It reads the facts the filters keep on each row (decoding.ts `factsOf`) or the
// frame's JSON, and extends its counts as the visible list grows instead of starting over.
import type { FilterDecoding } from './filter';
import type { Row } from './model';
import { TERM_KEYS, type TermKey } from './decode/types';
import type { DisplayList } from './virtualList';
import { exactPattern, groupValue, LONG_VALUES, readFieldPath } from './jsonField';
import type { JsonPath } from '../shared/rules';

export const GROUP_FIELDS: readonly TermKey[] = TERM_KEYS;
/** A decoded field, or a JSON field path as the filter writes it (`$.payload.kind`, see jsonField.formatFieldPath). */
export type GroupField = TermKey | `$${string}`;
export const isJsonField = (f: string): f is `$${string}` => f.startsWith('$');
/** Distinct values counted one by one; the rest are summed as one group, so a field of ids costs bounded memory. */
export const MAX_GROUPS = 5000;
export const OTHER_VALUES = '(other values)';

export interface Group {
  value: string;
  frames: number;
  bytes: number;
}

export interface Grouping {
  field: GroupField;
  /** Most frames first. A frame holding several messages counts once in each of their values' groups. */
  groups: Group[];
  /** Frames without the field (raw, or a message that has none). */
  without: Group;
  /** From the first to the last frame grouped, in ms: rates are frames per second over it (at least one second). */
  spanMs: number;
  /** Visible rows counted so far, of `total`: a first pass over a big store goes a slice at a time. */
  counted: number;
  total: number;
}

interface Tally {
  field: GroupField;
  list: DisplayList;
  scanned: number;
  last?: Row;
  byValue: Map<string, Group>;
  without: Group;
  first: number;
  latest: number;
}

/** Counts up to `budget` more visible rows (all by default). */
export type GroupCounter = (list: DisplayList, field: GroupField, budget?: number) => Grouping;

/**
 * A counter that remembers its last tally: a list that only grew since, or that it has not finished, is counted from
 * where it stopped.
 */
export function createGroupCounter(decoding: Pick<FilterDecoding, 'factsOf'>): GroupCounter {
  let tally: Tally | undefined;
  return (list, field, budget = Infinity) => {
    const t = tally;
    // The first `scanned` visible rows are unchanged when the row at that position is the one counted last.
    const grew = t && t.field === field && t.list.rows === list.rows && t.list.indices === list.indices && t.scanned <= list.count && (t.scanned === 0 || list.rows[list.indices[t.scanned - 1]] === t.last);
    const cur: Tally = grew ? t! : { field, list, scanned: 0, byValue: new Map(), without: { value: '', frames: 0, bytes: 0 }, first: Infinity, latest: -Infinity };
    cur.list = list;
    const valuesOf = valuesReader(decoding, field);
    const end = Math.min(list.count, cur.scanned + budget);
    for (let k = cur.scanned; k < end; k++) {
      const r = list.rows[list.indices[k]];
      if (r.dir === 'event') continue;
      if (r.t < cur.first) cur.first = r.t;
      if (r.t > cur.latest) cur.latest = r.t;
      const values = valuesOf(r);
      if (!values?.length) {
        cur.without.frames++;
        cur.without.bytes += r.length;
        continue;
      }
      // A value repeated within one frame (a batch of the same event) counts the frame once.
      for (let i = 0; i < values.length; i++) if (values.indexOf(values[i]) === i) add(cur.byValue, values[i], r.length);
    }
    cur.scanned = end;
    cur.last = end ? list.rows[list.indices[end - 1]] : undefined;
    tally = cur;
    const groups = [...cur.byValue.values()].sort((a, b) => b.frames - a.frames || (a.value < b.value ? -1 : 1));
    return { field, groups, without: { ...cur.without }, spanMs: cur.latest > cur.first ? cur.latest - cur.first : 0, counted: end, total: list.count };
  };
}

/** A row's values of the field: its decoded terms, or the one value at a JSON path. */
function valuesReader(decoding: Pick<FilterDecoding, 'factsOf'>, field: GroupField): (r: Row) => readonly string[] | undefined {
  if (!isJsonField(field)) return (r) => decoding.factsOf(r)?.terms?.[field];
  const read = readFieldPath(field);
  const path: JsonPath | undefined = 'path' in read ? read.path : undefined;
  return (r) => {
    const v = path && groupValue(r, path);
    return v === undefined ? undefined : [v];
  };
}

function add(byValue: Map<string, Group>, value: string, bytes: number) {
  let g = byValue.get(value);
  if (!g) {
    const key = byValue.size < MAX_GROUPS ? value : OTHER_VALUES;
    g = byValue.get(key);
    if (!g) byValue.set(key, (g = { value: key, frames: 0, bytes: 0 }));
  }
  g.frames++;
  g.bytes += bytes;
}

/** Frames per second of a group over the grouping's span (at least one second, so three frames in 2 ms read as 3/s). */
export const groupRate = (g: Group, spanMs: number) => g.frames / (Math.max(spanMs, 1000) / 1000);

/**
 * The filter query that shows one group: the query as it was without another word for this field, and `field:value`
 * (for a decoded field, whitespace in the value becomes `*`, as a filter word cannot hold it; a JSON field's value is
 * quoted, which matches exactly). Undefined for the buckets of other and long values.
 */
export function groupQuery(query: string, field: GroupField, value: string): string | undefined {
  const json = isJsonField(field);
  if (value === OTHER_VALUES || (json && value === LONG_VALUES)) return undefined;
  const kept = query.startsWith('/') ? [] : query.split(/\s+/).filter((w) => w && !(json ? w.startsWith(`${field}:`) : w.toLowerCase().startsWith(`${field}:`)));
  return [...kept, `${field}:${json ? exactPattern(value) : value.replace(/\s+/g, '*')}`].join(' ');
}
