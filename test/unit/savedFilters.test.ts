// Saved filters: per site or for every site, through the storage the panel injects; replaced by name; exported and
// imported as a file checked whole.
import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, type FilterSettings } from '../../src/panel/filter';
import { ALL_SITES, createSavedFilters, FILTERS_FILE_TYPE, MAX_SAVED_FILTERS, parseSavedFilters, type SavedFilter } from '../../src/panel/savedFilters';

function memoryStorage(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  return { data, load: (key: string) => data[key], save: (key: string, filters: SavedFilter[]) => void (data[key] = JSON.parse(JSON.stringify(filters))) };
}
const chat: FilterSettings = { query: 'event:chat', invert: false, direction: 'received', type: 'text', hideHeartbeats: true };

describe('saved filters', () => {
  it('keeps a site’s filters under its origin and the others for every site, site ones listed first', () => {
    const storage = memoryStorage();
    const origin = signal('http://a.test');
    const saved = createSavedFilters(origin, storage);
    expect(saved.save('chat', 'site', chat)).toEqual({ replaced: false });
    expect(saved.save('errors', 'all', { ...DEFAULT_FILTER, query: '/error/i' })).toEqual({ replaced: false });
    expect(saved.list.value.map((f) => `${f.name}:${f.scope}`)).toEqual(['chat:site', 'errors:all']);
    expect(storage.data['http://a.test']).toEqual([{ name: 'chat', scope: 'site', filter: chat }]);
    expect((storage.data[ALL_SITES] as SavedFilter[]).map((f) => f.name)).toEqual(['errors']);
    origin.value = 'http://b.test';
    expect(saved.list.value.map((f) => f.name)).toEqual(['errors']);
    // A new panel reads them back.
    const again = createSavedFilters(signal('http://a.test'), storage);
    expect(again.get('chat')?.filter).toEqual(chat);
    expect(again.list.value.map((f) => f.name)).toEqual(['chat', 'errors']);
  });

  it('replaces a filter of the same name, in either scope, and deletes one', () => {
    const storage = memoryStorage();
    const saved = createSavedFilters(signal('http://a.test'), storage);
    saved.save('x', 'site', chat);
    expect(saved.save('x', 'all', DEFAULT_FILTER)).toEqual({ replaced: true });
    expect(saved.list.value).toEqual([{ name: 'x', scope: 'all', filter: DEFAULT_FILTER }]);
    expect(storage.data['http://a.test']).toEqual([]);
    saved.remove('x');
    expect(saved.list.value).toEqual([]);
  });

  it('refuses what it cannot keep: no name, no origin yet for a site filter, too many', () => {
    const origin = signal('');
    const saved = createSavedFilters(origin);
    expect(saved.save('  ', 'all', chat)).toEqual({ error: 'The filter has no name.' });
    expect(saved.save('x', 'site', chat)).toEqual({ error: 'The inspected page’s origin is not known yet.' });
    expect(saved.save('x', 'all', chat)).toEqual({ replaced: false });
    for (let i = 1; i < MAX_SAVED_FILTERS; i++) saved.save(`f${i}`, 'all', chat);
    expect(saved.save('one more', 'all', chat)).toEqual({ error: `Too many filters: there would be ${MAX_SAVED_FILTERS + 1} (at most ${MAX_SAVED_FILTERS}).` });
  });

  it('ignores what storage holds when it is not a list of filters', () => {
    const saved = createSavedFilters(signal('http://a.test'), memoryStorage({ 'http://a.test': { nonsense: true }, [ALL_SITES]: [{ name: 'ok', scope: 'all', filter: chat }] }));
    expect(saved.list.value.map((f) => f.name)).toEqual(['ok']);
  });

  it('exports every filter listed and imports a file back, replacing by name', () => {
    const a = createSavedFilters(signal('http://a.test'));
    a.save('chat', 'site', chat);
    a.save('errors', 'all', DEFAULT_FILTER);
    const file = a.exportJson();
    expect(JSON.parse(file)).toMatchObject({ type: FILTERS_FILE_TYPE, version: 1, origin: 'http://a.test' });
    const b = createSavedFilters(signal('http://b.test'));
    b.save('chat', 'all', DEFAULT_FILTER);
    expect(b.importJson(file)).toEqual({ added: 1, replaced: 1 });
    expect(b.list.value).toEqual([
      { name: 'chat', scope: 'site', filter: chat },
      { name: 'errors', scope: 'all', filter: DEFAULT_FILTER },
    ]);
  });

  it('refuses a file with anything wrong in it, and keeps nothing from it', () => {
    const saved = createSavedFilters(signal('http://a.test'));
    const bad = (filters: unknown[]) => JSON.stringify({ type: FILTERS_FILE_TYPE, version: 1, filters });
    expect(saved.importJson('{')).toMatchObject({ error: expect.stringMatching(/^Not a filters file: not JSON/) });
    expect(saved.importJson(JSON.stringify({ type: 'wsinspector-snippets', snippets: [] }))).toEqual({ error: 'Not a filters file: its type is "wsinspector-snippets", not "wsinspector-filters".' });
    expect(saved.importJson(JSON.stringify({ type: FILTERS_FILE_TYPE, version: 2, filters: [] }))).toEqual({ error: 'This filters file is version 2; this WS Inspector reads version 1.' });
    expect(saved.importJson(bad([{ name: 'ok', scope: 'all', filter: chat }, { name: 'x', scope: 'all', filter: { ...chat, direction: 'up' } }]))).toEqual({ error: 'Filter “x”: direction "up" is not one of all, sent, received.' });
    expect(saved.importJson(bad([{ name: 'x', scope: 'everywhere', filter: chat }]))).toEqual({ error: 'Filter “x”: scope "everywhere" is not "site" or "all".' });
    expect(saved.importJson(bad([{ name: 'x', scope: 'all', filter: { ...chat, invert: 'yes' } }]))).toEqual({ error: 'Filter “x”: invert and hideHeartbeats must be true or false.' });
    expect(saved.importJson(bad([{ name: 'x', scope: 'all', filter: chat }, { name: 'x', scope: 'site', filter: chat }]))).toEqual({ error: 'Two filters are named “x”.' });
    expect(saved.list.value).toEqual([]);
    expect(parseSavedFilters([{ name: 'plain list', scope: 'all', filter: chat }])).toEqual({ filters: [{ name: 'plain list', scope: 'all', filter: chat }] });
  });
});
