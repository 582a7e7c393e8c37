// Panel UI: the timeline above the frames table — frames/s and bytes/s per direction over time for the selected
// connection (or all), with open, close and error marks; hovering shows the numbers, dragging picks a time range that
// filters the table. Drawn by uPlot, which is loaded (dynamic import) only once the timeline is shown.
import { formatTime } from '../../shared/format';
import type { Store } from '../store';
import { ALL_CONNECTIONS } from '../selection';
import { TimelineChart } from './TimelineChart';
import './timeline.css';

/** The toolbar's switch for the timeline. */
export function TimelineToggle({ store }: { store: Store }) {
  const shown = store.timeline.shown.value;
  return (
    <button
      type="button"
      class="tool-button"
      aria-label="Timeline"
      aria-pressed={shown}
      title={shown ? 'Hide the timeline' : 'Show frames/s and bytes/s over time; drag across it to filter the table by time'}
      onClick={store.timeline.toggle}
    >
      ▁▃▅ Timeline
    </button>
  );
}

export function Timeline({ store }: { store: Store }) {
  const range = store.timeline.range.value;
  const sel = store.selected.value;
  const c = sel === ALL_CONNECTIONS ? undefined : store.connections.value.get(sel);
  return (
    <section class="timeline" aria-label="Frames over time">
      <div class="timeline-bar">
        <span class="timeline-scope">{c ? `#${c.n} ${store.labels.value.get(c.key) ?? c.url}` : 'All connections'}</span>
        {range ? (
          <span role="group" aria-label="Time range" class="time-range">
            <span class="time-range-text">
              {formatTime(range.from)} – {formatTime(range.to)}
            </span>
            <button type="button" class="link" aria-label="Clear time range" onClick={() => store.timeline.setRange(undefined)}>
              ✕
            </button>
          </span>
        ) : (
          <span class="timeline-hint">Drag across the chart to show only the frames of that time range.</span>
        )}
      </div>
      <TimelineChart store={store} />
    </section>
  );
}
