// Panel store (DevTools panel): saved filters — the filter set (query with its decoded-field words, invert, direction,
// type, hide heartbeats) under a name, for the inspected site or for every site, kept through an injected storage;
// exported and imported as a JSON file, which is checked whole before anything in it is kept.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { DirectionFilter, FilterSettings, TypeFilter } from './filter';

export type FilterScope = 'site' | 'all';

export interface SavedFilter {
  name: string;
  scope: FilterScope;
  filter: FilterSettings;
}

/** Where saved filters are kept: under the inspected origin, or ALL_SITES for every site. */
export interface SavedFilterStorage {
  load(key: string): unknown;
  save(key: string, filters: SavedFilter[]): void;
}

export const ALL_SITES = '*';
export const FILTERS_FILE_TYPE = 'wsinspector-filters';
export const MAX_SAVED_FILTERS = 200;
export const MAX_FILTER_NAME = 100;
const MAX_QUERY = 10_000;
/** An import larger than this is refused before it is parsed. */
export const MAX_FILTERS_FILE_CHARS = 4 * 1024 * 1024;
const DIRECTIONS: readonly string[] = ['all', 'sent', 'received'] satisfies DirectionFilter[];
const TYPES: readonly string[] = ['all', 'text', 'binary', 'lifecycle'] satisfies TypeFilter[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One saved filter checked, or why it is not one (`where` names it in the message). */
function checkFilter(v: unknown, where: string): SavedFilter | string {
  if (!isObject(v)) return `${where} is not an object.`;
  const name = typeof v.name === 'string' ? v.name.trim() : '';
  if (!name) return `${where} has no name.`;
  const called = `Filter “${name.length > 40 ? `${name.slice(0, 40)}…` : name}”`;
  if (name.length > MAX_FILTER_NAME) return `${called}: its name is longer than ${MAX_FILTER_NAME} characters.`;
  if (v.scope !== 'site' && v.scope !== 'all') return `${called}: scope ${JSON.stringify(v.scope)} is not "site" or "all".`;
  const f = v.filter;
  if (!isObject(f)) return `${called}: it has no filter.`;
  if (typeof f.query !== 'string' || f.query.length > MAX_QUERY) return `${called}: its query is not a string of at most ${MAX_QUERY} characters.`;
  if (typeof f.direction !== 'string' || !DIRECTIONS.includes(f.direction)) return `${called}: direction ${JSON.stringify(f.direction)} is not one of ${DIRECTIONS.join(', ')}.`;
  if (typeof f.type !== 'string' || !TYPES.includes(f.type)) return `${called}: type ${JSON.stringify(f.type)} is not one of ${TYPES.join(', ')}.`;
  if (typeof f.invert !== 'boolean' || typeof f.hideHeartbeats !== 'boolean') return `${called}: invert and hideHeartbeats must be true or false.`;
  const filter: FilterSettings = { query: f.query, invert: f.invert, direction: f.direction as DirectionFilter, type: f.type as TypeFilter, hideHeartbeats: f.hideHeartbeats };
  return { name, scope: v.scope, filter };
}

/** A filters file (or what storage held) checked whole: every filter valid and named once, or the first problem. */
export function parseSavedFilters(value: unknown): { filters: SavedFilter[] } | { error: string } {
  const list = Array.isArray(value) ? value : isObject(value) ? value.filters : undefined;
  if (isObject(value) && value.type !== undefined && value.type !== FILTERS_FILE_TYPE) return { error: `Not a filters file: its type is ${JSON.stringify(value.type)}, not "${FILTERS_FILE_TYPE}".` };
  if (isObject(value) && value.version !== undefined && value.version !== 1) return { error: `This filters file is version ${JSON.stringify(value.version)}; this WS Inspector reads version 1.` };
  if (!Array.isArray(list)) return { error: `Not a filters file: expected {"type": "${FILTERS_FILE_TYPE}", "filters": […]}.` };
  if (list.length > MAX_SAVED_FILTERS) return { error: `Too many filters (${list.length}; at most ${MAX_SAVED_FILTERS}).` };
  const filters: SavedFilter[] = [];
  const names = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const f = checkFilter(list[i], `Filter ${i + 1}`);
    if (typeof f === 'string') return { error: f };
    if (names.has(f.name)) return { error: `Two filters are named “${f.name}”.` };
    names.add(f.name);
    filters.push(f);
  }
  return { filters };
}

export interface SavedFilters {
  /** The inspected site's filters, then those for every site. */
  readonly list: ReadonlySignal<readonly SavedFilter[]>;
  /** Whether a filter can be saved for the site: its origin is known. */
  readonly ready: ReadonlySignal<boolean>;
  /** Saves under `name` (a filter of that name, in either scope, is replaced). */
  save(name: string, scope: FilterScope, filter: FilterSettings): { error: string } | { replaced: boolean };
  get(name: string): SavedFilter | undefined;
  remove(name: string): void;
  /** The export file's text: every filter listed. */
  exportJson(): string;
  /** Adds a file's filters (replacing those of the same names), or says why the file is refused (and keeps nothing). */
  importJson(text: string): { error: string } | { added: number; replaced: number };
}

export function createSavedFilters(origin: ReadonlySignal<string>, storage?: SavedFilterStorage): SavedFilters {
  /** Each storage key's filters as loaded or last saved (without storage, the only copy). */
  const byKey = new Map<string, SavedFilter[]>();
  const version = signal(0);

  function load(key: string): SavedFilter[] {
    let kept = byKey.get(key);
    if (!kept) {
      let stored: unknown;
      try {
        stored = storage?.load(key);
      } catch {
        stored = undefined;
      }
      const parsed = stored === undefined || stored === null ? { filters: [] } : parseSavedFilters(stored);
      const scope: FilterScope = key === ALL_SITES ? 'all' : 'site';
      kept = 'filters' in parsed ? parsed.filters.filter((f) => f.scope === scope) : [];
      byKey.set(key, kept);
    }
    return kept;
  }

  const keyOf = (scope: FilterScope) => (scope === 'all' ? ALL_SITES : origin.peek());
  function put(key: string, next: SavedFilter[]) {
    byKey.set(key, next);
    try {
      storage?.save(key, next);
    } catch {
      // Storage full or disabled: the filters hold until the panel closes.
    }
  }

  const list = computed<readonly SavedFilter[]>(() => {
    version.value;
    return [...(origin.value ? load(origin.value) : []), ...load(ALL_SITES)];
  });

  /** Puts `incoming` in place of filters of the same names, in both scopes; one version bump for all. */
  function merge(incoming: SavedFilter[]): { error: string } | { added: number; replaced: number } {
    const names = new Set(incoming.map((f) => f.name));
    const site = origin.peek() ? load(origin.peek()) : [];
    const all = load(ALL_SITES);
    const replaced = [...site, ...all].filter((f) => names.has(f.name)).length;
    const keep = (fs: SavedFilter[], scope: FilterScope) => [...fs.filter((f) => !names.has(f.name)), ...incoming.filter((f) => f.scope === scope)];
    const nextSite = keep(site, 'site');
    const nextAll = keep(all, 'all');
    if (nextSite.length + nextAll.length > MAX_SAVED_FILTERS) return { error: `Too many filters: there would be ${nextSite.length + nextAll.length} (at most ${MAX_SAVED_FILTERS}).` };
    if (nextSite.length && !origin.peek()) return { error: 'The inspected page’s origin is not known yet.' };
    if (origin.peek()) put(origin.peek(), nextSite);
    put(ALL_SITES, nextAll);
    version.value++;
    return { added: incoming.length - replaced, replaced };
  }

  return {
    list,
    ready: computed(() => origin.value !== ''),
    save(name, scope, filter) {
      const checked = checkFilter({ name, scope, filter }, 'The filter');
      if (typeof checked === 'string') return { error: checked };
      if (scope === 'site' && !keyOf(scope)) return { error: 'The inspected page’s origin is not known yet.' };
      const result = merge([checked]);
      return 'error' in result ? result : { replaced: result.replaced > 0 };
    },
    get: (name) => list.peek().find((f) => f.name === name),
    remove(name) {
      for (const key of [origin.peek(), ALL_SITES]) if (key && load(key).some((f) => f.name === name)) put(key, load(key).filter((f) => f.name !== name));
      version.value++;
    },
    exportJson: () => JSON.stringify({ type: FILTERS_FILE_TYPE, version: 1, origin: origin.peek(), filters: list.peek() }, null, 2),
    importJson(text) {
      if (text.length > MAX_FILTERS_FILE_CHARS) return { error: `Not a filters file: larger than ${MAX_FILTERS_FILE_CHARS / 1024 / 1024} MB.` };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        return { error: `Not a filters file: not JSON (${(e as Error).message}).` };
      }
      const parsed = parseSavedFilters(value);
      return 'error' in parsed ? parsed : merge(parsed.filters);
    },
  };
}
