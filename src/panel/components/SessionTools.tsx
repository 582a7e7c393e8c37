// Panel UI: the toolbar's session tools — saved filters (save the filter set by name for this site or every site, apply
// it in one click, export and import them as a file), the Pinned view's toggle, and the Group by field
// (GroupByControl.tsx).
import { useState } from 'preact/hooks';
import type { PanelActions } from '../contracts';
import { originFileName } from '../dom';
import { JsonFileButtons, importedMessage } from './JsonFileButtons';
import { activeFilters, compileQuery, type FilterSettings } from '../filter';
import { GroupByControl } from './GroupByControl';
import type { FilterScope, SavedFilter } from '../savedFilters';
import type { Store } from '../store';
import { Menu } from './Menu';

/** The filter set in words, for a saved filter's tooltip. */
const describe = (f: FilterSettings) => activeFilters(f, compileQuery(f.query), undefined).join(', ') || 'every frame';

function SavedFiltersMenu({ store, actions }: { store: Store; actions: PanelActions }) {
  const saved = store.savedFilters;
  const list = saved.list.value;
  const ready = saved.ready.value;
  const [name, setName] = useState('');
  const [scope, setScope] = useState<FilterScope>('site');
  const save = () => {
    const n = name.trim();
    if (!n) return actions.notify('Give the filter a name.');
    const done = saved.save(n, scope, store.filter.value);
    if ('error' in done) return actions.notify(done.error);
    actions.notify(`${done.replaced ? 'Replaced' : 'Saved'} filter “${n}”`);
    setName('');
  };
  const apply = (f: SavedFilter) => {
    store.setFilter(f.filter);
    actions.notify(`Applied filter “${f.name}”`);
  };
  const importFile = async (f: File) => {
    const done = saved.importJson(await f.text());
    if ('error' in done) return actions.notify(done.error);
    actions.notify(importedMessage('filter', done));
  };
  return (
    <Menu label="Saved filters" title="Save the filters under a name, apply saved ones" button={`☆ Filters${list.length ? ` (${list.length})` : ''}`} class="saved-filters">
      <div class="menu-body" role="group" aria-label="Saved filters">
        {/* Not a <form>: DevTools panels may not submit forms (sandboxed), so Enter and the button call save(). */}
        <div class="saved-filter-save">
          <input
            type="text"
            aria-label="Filter name"
            placeholder="Name the current filters"
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              save();
            }}
          />
          <select aria-label="Save for" value={scope} onChange={(e) => setScope(e.currentTarget.value as FilterScope)}>
            <option value="site" disabled={!ready}>
              this site
            </option>
            <option value="all">all sites</option>
          </select>
          <button type="button" aria-label="Save filter" onClick={save} title="Save the query, Invert, direction, type and Hide heartbeats as they are now">
            Save
          </button>
        </div>
        <ul class="saved-filter-list" aria-label="Saved filter list">
          {!list.length && <li class="empty">No saved filters{ready ? ' for this site' : ''} yet.</li>}
          {list.map((f) => (
            <li key={f.name}>
              <button type="button" class="saved-filter-apply" aria-label={`Apply ${f.name}`} title={`${describe(f.filter)} (${f.scope === 'all' ? 'all sites' : 'this site'})`} onClick={() => apply(f)}>
                {f.name}
              </button>
              <span class="scope">{f.scope === 'all' ? 'all sites' : 'site'}</span>
              <button type="button" aria-label={`Delete ${f.name}`} title="Delete" onClick={() => (saved.remove(f.name), actions.notify(`Deleted filter “${f.name}”`))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
        <div class="saved-filter-file">
          <JsonFileButtons
            noun="filters"
            fileName={() => originFileName('ws-filters', store.origin.value, 'all')}
            exportJson={saved.exportJson}
            empty={!list.length}
            onImport={(f) => void importFile(f)}
          />
        </div>
      </div>
    </Menu>
  );
}

export function SessionTools({ store, actions }: { store: Store; actions: PanelActions }) {
  const pinned = store.pins.pins.value.size;
  const only = store.pins.only.value;
  return (
    <>
      <SavedFiltersMenu store={store} actions={actions} />
      <button
        type="button"
        class="tool-button"
        aria-label="Pinned"
        aria-pressed={only}
        title={only ? 'Show every frame again' : 'Show only pinned frames (pins survive Clear, the caps and navigation)'}
        onClick={() => store.pins.setOnly(!only)}
      >
        ⚑ Pinned{pinned ? ` (${pinned})` : ''}
      </button>
      <GroupByControl store={store} />
    </>
  );
}
