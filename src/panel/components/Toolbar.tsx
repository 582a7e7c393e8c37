// Panel UI: the toolbar — the connection list's toggle, record/pause, clear, preserve log, the combined filters (with
// what is active and a reset), columns, export and settings.
import type { DirectionFilter, TypeFilter } from '../filter';
import { COLUMNS } from '../settings';
import type { Store } from '../store';
import type { PanelActions } from '../contracts';
import { ImportButton } from './ImportControls';
import { Menu } from './Menu';
import { Settings } from './Settings';
import { SessionTools } from './SessionTools';
import { TimelineToggle } from './Timeline';

export function Toolbar({ store, actions }: { store: Store; actions: PanelActions }) {
  const f = store.filter.value;
  const error = store.compiled.value.error;
  const paused = store.paused.value;
  const pending = store.compiled.value.pending;
  const active = store.filtersActive.value;
  const listShown = !store.layout.prefs.value.listCollapsed;
  const live = !actions.readOnly;
  return (
    <div class="toolbar" role="toolbar" aria-label="Frame tools">
      <button
        type="button"
        class="tool-button"
        aria-label="Connection list"
        aria-pressed={listShown}
        title={listShown ? 'Hide the connection list' : 'Show the connection list'}
        onClick={store.layout.toggleList}
      >
        {listShown ? '◧' : '☐'}
      </button>
      {live && (
      <>
      <button
        type="button"
        class={`tool-button record${paused ? '' : ' recording'}`}
        aria-pressed={!paused}
        aria-label={paused ? 'Resume recording' : 'Pause recording'}
        title={paused ? 'Record (frames that arrived while paused were counted, not kept)' : 'Pause recording'}
        onClick={() => store.setPaused(!paused)}
      >
        ●
      </button>
      <button type="button" class="tool-button" onClick={actions.clear} aria-label="Clear" title="Clear frames and closed connections (Ctrl+K)">
        ⊘
      </button>
      <label class="check" title="Keep frames when the page navigates">
        <input type="checkbox" aria-label="Preserve log" checked={store.preserveLog.value} onChange={(e) => store.setPreserveLog(e.currentTarget.checked)} />
        Preserve log
      </label>
      </>
      )}
      <span class="separator" />
      <span class="filter">
        <input
          id="filter"
          type="search"
          aria-label="Filter"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'filter-error' : undefined}
          placeholder="Filter: text, /regex/i, hex bytes (68 6f 21), event:chat type:next topic:a/# destination: method: op:"
          title="Text, /regex/flags or hex bytes; decoded fields as key:value (event, type, topic, destination, method, op; * matches any run, MQTT + and # in topics)"
          value={f.query}
          onInput={(e) => store.setFilter({ query: e.currentTarget.value })}
        />
        {error && (
          <span id="filter-error" class="filter-hint filter-error" role="alert">
            Invalid regex: {error}. Showing the last valid result.
          </span>
        )}
        {pending && <span class="filter-hint">A regular expression: type the pattern after /, flags after a closing /.</span>}
      </span>
      <label class="check" title={f.query ? 'Show frames that do NOT match the filter text' : 'Invert applies to the filter text, which is empty'}>
        <input type="checkbox" aria-label="Invert" checked={f.invert} onChange={(e) => store.setFilter({ invert: e.currentTarget.checked })} />
        Invert
      </label>
      <select aria-label="Direction" value={f.direction} onChange={(e) => store.setFilter({ direction: e.currentTarget.value as DirectionFilter })}>
        <option value="all">All directions</option>
        <option value="sent">↑ Sent</option>
        <option value="received">↓ Received</option>
      </select>
      <select aria-label="Type" value={f.type} onChange={(e) => store.setFilter({ type: e.currentTarget.value as TypeFilter })}>
        <option value="all">All types</option>
        <option value="text">Text</option>
        <option value="binary">Binary</option>
        <option value="lifecycle">Lifecycle</option>
      </select>
      <label class="check" title="Hide pings, pongs and keep-alives of the decoded protocols">
        <input type="checkbox" aria-label="Hide heartbeats" checked={f.hideHeartbeats} onChange={(e) => store.setFilter({ hideHeartbeats: e.currentTarget.checked })} />
        Hide heartbeats
      </label>
      {active.length > 0 && (
        <button type="button" class="filters-active" aria-label="Reset filters" title={`Filters active: ${active.join(', ')}. Click to show every frame.`} onClick={store.resetFilters}>
          {active.length} {active.length === 1 ? 'filter' : 'filters'} ✕
        </button>
      )}
      <SessionTools store={store} actions={actions} />
      <span class="separator" />
      <Menu label="Columns" title="Show or hide columns" button="Columns">
        <div class="menu-body" role="group" aria-label="Visible columns">
          {COLUMNS.map((c) => (
            <label class="check" key={c.id}>
              <input type="checkbox" checked={store.columns.value[c.id]} onChange={() => store.toggleColumn(c.id)} />
              {c.label}
            </label>
          ))}
        </div>
      </Menu>
      <TimelineToggle store={store} />
      {live && (
      <>
      <button
        type="button"
        class="tool-button"
        aria-label="Composer"
        aria-pressed={store.composer.open.value}
        title="Send a message on a page's socket, or deliver one to the page (Ctrl/Cmd+Enter sends)"
        onClick={() => store.composer.toggle()}
      >
        ✎ Compose
      </button>
      <button
        type="button"
        class="tool-button"
        aria-label="Rules"
        aria-pressed={store.rules.shown.value}
        title="Interception rules: block, rewrite, delay or mock frames, or hold them at a breakpoint"
        onClick={() => store.rules.show()}
      >
        ⛉ Rules{store.rules.active.value > 0 ? ` (${store.rules.active.value})` : ''}
      </button>
      </>
      )}
      {actions.importFile && <ImportButton onImport={actions.importFile} />}
      <button type="button" class="tool-button" onClick={actions.exportHar} title="Export the visible connections as HAR (Chrome's format)">
        Export HAR
      </button>
      <button type="button" class="tool-button" onClick={actions.exportNdjson} title="Export the visible frames as NDJSON">
        Export NDJSON
      </button>
      <Settings store={store} actions={actions} />
    </div>
  );
}
