// Panel store (DevTools panel): what the status bar and the filter banner say — traffic, what was dropped, evicted,
// paused or hidden, and every filter that hides rows, in words. Read across the small stores (store.ts composes them).
import { computed, type ReadonlySignal } from '@preact/signals';
import { formatTime } from '../shared/format';
import { activeFilters } from './filter';
import type { Ingest } from './ingest';
import type { Pins } from './pins';
import type { Rows } from './rows';
import { ALL_CONNECTIONS, type Selection } from './selection';
import type { Settings } from './settings';
import type { Timeline } from './timeline';
import type { View, Visible } from './view';

export function createStatus({
  rows,
  ingest,
  settings,
  selection,
  view,
  visible,
  timeline,
  pins,
  labels,
}: {
  rows: Rows;
  ingest: Ingest;
  settings: Settings;
  selection: Selection;
  view: View;
  /** What the table shows: the view's rows, or the pinned ones. */
  visible: ReadonlySignal<Visible>;
  timeline: Timeline;
  pins: Pins;
  labels: ReadonlySignal<ReadonlyMap<string, string>>;
}) {
  const counts = computed(() => {
    rows.version.value;
    let frames = 0;
    let bytes = 0;
    for (const c of ingest.connections.value.values()) {
      frames += c.sent.count + c.received.count;
      bytes += c.sent.bytes + c.received.bytes;
    }
    let dropped = 0;
    for (const n of ingest.lostByDocument.value.values()) dropped += n;
    const v = visible.value;
    return {
      frames,
      bytes,
      /** Never reached the panel. */
      dropped,
      /** Reached the panel, then went to its caps. */
      evicted: rows.evicted.value,
      paused: ingest.pausedCount.value,
      shown: v.count,
      rows: rows.all().length,
      keptBytes: rows.bytes(),
      shownFrames: v.shownFrames,
      shownBytes: v.shownBytes,
      /** Hidden by Hide heartbeats. */
      heartbeats: v.heartbeats,
    };
  });

  /** Every filter that hides rows, in words: empty when every frame shows. */
  const filtersActive = computed(() => {
    const sel = selection.selected.value;
    const c = sel === ALL_CONNECTIONS ? undefined : ingest.connections.value.get(sel);
    const active = activeFilters(settings.filter.value, view.compiled.value, c && `#${c.n} ${labels.value.get(c.key) ?? c.url}`);
    const range = timeline.range.value;
    const withRange = range ? [...active, `time range ${formatTime(range.from)}–${formatTime(range.to)}`] : active;
    return pins.only.value ? [...withRange, 'pinned frames only'] : withRange;
  });

  return { counts, filtersActive };
}
