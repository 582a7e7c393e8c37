// Panel store (DevTools panel): the one store the UI reads, composed of small stores — ingest, rows, view, selection,
// settings — each owning its signals and the actions that change them. Components read signals (typed read-only) and
// call actions. Clear and navigation span several stores (storeLifecycle.ts), as does what the status bar says
// (storeStatus.ts). No browser APIs: tests drive it directly.
import { batch, computed } from '@preact/signals';
import type { DecodeAsStorage } from './decodeAs';
import { createDecoding, type Decoding } from './decoding';
import { createComposer } from './composer';
import type { SnippetStorage } from './snippets';
import { createReplay } from './replay';
import { DEFAULT_FILTER, rowPasses } from './filter';
import { createIngest } from './ingest';
import { connectionLabels } from './labels';
import { createLayout, type LayoutStorage } from './layout';
import type { Connection, Row } from './model';
import { createRows } from './rows';
import type { RuleStorage } from './ruleList';
import { createRules } from './rules';
import { hookRules } from './decodedRules';
import { createHandshakes } from './handshakes';
import { ALL_CONNECTIONS, createSelection } from './selection';
import { createSettings, type PanelCaps, type Persistence } from './settings';
import { createTimeline, type Timeline } from './timeline';
import { createView } from './view';
import { createPins } from './pins';
import { createSavedFilters, type SavedFilterStorage } from './savedFilters';
import { createLifecycle } from './storeLifecycle';
import { createStatus } from './storeStatus';
import { createGrouping } from './grouping';
import { createCompare } from './compare';

export { ALL_CONNECTIONS } from './selection';
export type { Persistence } from './settings';
export type { DecodeAsStorage } from './decodeAs';
export type { SnippetStorage } from './snippets';
export type { RuleStorage } from './ruleList';
export type { SavedFilterStorage } from './savedFilters';

export interface StoreOptions extends Partial<PanelCaps> {
  /** How queued messages get applied: next animation frame in the panel, immediately in tests. */
  schedule?: (apply: () => void) => void;
  persistence?: Persistence;
  layoutStorage?: LayoutStorage;
  /** Where "Decode as" choices are remembered, by URL pattern. */
  decodeAsStorage?: DecodeAsStorage;
  /** Where the composer's snippets are kept, per inspected origin. */
  snippetStorage?: SnippetStorage;
  /** Where the interception rules are kept, per inspected origin. */
  ruleStorage?: RuleStorage;
  /** Where saved filters are kept, per inspected origin and for every site. */
  savedFilterStorage?: SavedFilterStorage;
}

export type Store = ReturnType<typeof createStore>;

export function createStore({ maxRows, maxBytes, schedule, persistence, layoutStorage, decodeAsStorage, snippetStorage, ruleStorage, savedFilterStorage }: StoreOptions = {}) {
  const settings = createSettings({ maxRows, maxBytes, persistence });
  const layout = createLayout(layoutStorage);
  const composer = createComposer({ origin: settings.origin, snippetStorage });
  const replay = createReplay();
  const handshakes = createHandshakes();
  const rows = createRows(settings.maxRows, settings.maxBytes);
  // Decoding sees the rows as ingest adds them (each connection's first frames decide its protocol).
  let decoding: Decoding | undefined;
  // The timeline counts rows before they go in (timeline.ts: so eviction, which replaces the array, rebuilds it whole).
  let timeline: Timeline | undefined;
  // Decoded-field rules become regex rules for the connections whose protocol decoding knows (read when sent).
  const rules = createRules({
    origin: settings.origin,
    storage: ruleStorage,
    forHooks: (enabled) => {
      const protocols = decoding?.protocols.value;
      const targets = protocols ? [...ingest.connections.value.values()].map((c) => ({ url: c.url, decoderId: protocols.get(c.key)?.decoderId })) : [];
      return hookRules(enabled, targets);
    },
  });
  const ingest = createIngest(
    {
      ...rows,
      add(added) {
        timeline?.observe(added);
        rows.add(added);
        decoding?.observe(added);
        // Hit counts (counting an outcome twice counts it once, so ingest may count it too, e.g. on an older row).
        for (const r of added) if (r.intercept) rules.count(r.intercept);
      },
    },
    schedule,
    (i) => rules.count(i),
  );
  decoding = createDecoding(ingest.connections, rows, decodeAsStorage);
  const selection = createSelection();
  const times = (timeline = createTimeline(rows, selection.selected));
  const view = createView(rows, settings.filter, selection.selected, decoding, times.range);
  // Pins outlive the rows array (Clear, caps, navigation); the Pinned view lists them under the same filters.
  const pins = createPins();
  const pinnedVisible = computed(() => {
    const f = settings.filter.value;
    const q = view.compiled.value;
    const sel = selection.selected.value;
    const dec = decoding!;
    dec.assignment.value;
    return pins.list((r) => rowPasses(r, f, q, sel === ALL_CONNECTIONS ? undefined : sel, dec));
  });
  const visible = computed(() => (pins.only.value ? pinnedVisible.value : view.visible.value));
  const savedFilters = createSavedFilters(settings.origin, savedFilterStorage);
  const grouping = createGrouping(visible, decoding);
  const compare = createCompare();

  /** Short names of the connections, by key (labels.ts). */
  const labels = computed(() => connectionLabels(ingest.connections.value.values()));

  const { counts, filtersActive } = createStatus({ rows, ingest, settings, selection, view, visible, timeline: times, pins, labels });

  const { clear, navigated, resetAt } = createLifecycle({ ingest, rows, selection, rules, settings });

  return {
    // ingest
    connections: ingest.connections,
    documents: ingest.documents,
    paused: ingest.paused,
    receivedThrough: ingest.receivedThrough,
    enqueue: ingest.enqueue,
    enqueueLog: ingest.enqueueLog,
    flush: ingest.flush,
    setPaused: ingest.setPaused,
    // settings
    filter: settings.filter,
    preserveLog: settings.preserveLog,
    columns: settings.columns,
    origin: settings.origin,
    maxRows: settings.maxRows,
    maxBytes: settings.maxBytes,
    setOrigin: settings.setOrigin,
    setFilter: settings.setFilter,
    setPreserveLog: settings.setPreserveLog,
    toggleColumn: settings.toggleColumn,
    /** New caps apply at once: rows beyond them go now, not at the next message. */
    setCaps(caps: PanelCaps) {
      batch(() => {
        settings.setCaps(caps);
        rows.evict();
      });
    },
    filtersActive,
    resetFilters() {
      batch(() => {
        settings.setFilter(DEFAULT_FILTER);
        selection.selectConnection(ALL_CONNECTIONS);
        pins.setOnly(false);
        times.setRange(undefined);
      });
    },
    /** Connections and rows read from a file, for an imported session's store (sessions.ts). */
    loadImported: (connections: readonly Connection[], loaded: Row[]) => ingest.load(connections, loaded),
    timeline: times,
    // decoding
    decoding,
    // layout and composer
    layout,
    composer,
    replay,
    rules,
    handshakes,
    labels,
    // view
    compiled: view.compiled,
    visible,
    sortDescending: view.sortDescending,
    toggleSort: view.toggleSort,
    // selection
    selected: selection.selected,
    selectedRow: selection.selectedRow,
    detailOpen: selection.detailOpen,
    following: selection.following,
    setFollowing: selection.setFollowing,
    selectConnection: selection.selectConnection,
    selectRow: selection.selectRow,
    marked: selection.marked,
    pick: (row: Row, how: 'toggle' | 'range') => selection.pick(row, how, visible.value, view.sortDescending.value),
    selectAll: () => selection.selectAll(visible.value),
    openDetail: selection.openDetail,
    closeDetail: selection.closeDetail,
    /** Moves the selected row by `delta` visible rows (keyboard ↑/↓), in display order. */
    moveSelection: (delta: number, extend?: boolean) => selection.moveSelection(delta, visible.value, view.sortDescending.value, extend),
    // pins, saved filters, group by, diff
    pins,
    savedFilters,
    grouping,
    groups: grouping.groups,
    compare,
    // rows and what spans the stores
    counts,
    getRows: rows.all,
    clear,
    navigated,
    resetAt,
  };
}
