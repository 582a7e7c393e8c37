// Panel store (DevTools panel): the timeline above the frames table — whether it shows, its bins for the selected
// connection (or all), counted as rows arrive and rebuilt only when the rows array is replaced (eviction, clear) or
// the connection changes, and the time range dragged on it, which filters the table (view.ts).
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Row } from './model';
import type { Rows } from './rows';
import { ALL_CONNECTIONS } from './selection';
import { Bins, type TimelineSeries } from './timelineBins';

/** A time range, ms, both ends included. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface Timeline {
  readonly shown: ReadonlySignal<boolean>;
  /** The bins for the chart; undefined while the timeline is hidden (then nothing is counted). */
  readonly series: ReadonlySignal<TimelineSeries | undefined>;
  readonly range: ReadonlySignal<TimeRange | undefined>;
  /** How many times the bins were rebuilt from every row (tests and benchmarks: it must not grow per batch). */
  readonly rebuilds: () => number;
  toggle(): void;
  setRange(range: TimeRange | undefined): void;
  /** Sees rows before they are added to the rows store. */
  observe(added: readonly Row[]): void;
}

export function createTimeline(rows: Rows, selected: ReadonlySignal<string>): Timeline {
  const shown = signal(false);
  const range = signal<TimeRange | undefined>(undefined);
  /** Bumped when rows are counted into the bins. */
  const counted = signal(0);
  let bins = new Bins();
  /** What the bins were built from: a different rows array or connection means a rebuild. */
  let source: readonly Row[] | undefined;
  let scope: string | undefined;
  let rebuilds = 0;

  const scopeOf = (sel: string) => (sel === ALL_CONNECTIONS ? undefined : sel);

  const series = computed(() => {
    rows.version.value;
    counted.value;
    if (!shown.value) {
      source = undefined;
      return undefined;
    }
    const sel = scopeOf(selected.value);
    if (source !== rows.all() || sel !== scope) {
      bins = new Bins();
      source = rows.all();
      scope = sel;
      bins.add(source, scope);
      rebuilds++;
    }
    return bins.series();
  });

  return {
    shown,
    series,
    range,
    rebuilds: () => rebuilds,
    toggle() {
      shown.value = !shown.value;
    },
    setRange(r) {
      range.value = r && r.to >= r.from ? r : undefined;
    },
    observe(added) {
      // Counted now only if the bins are of the current rows; otherwise the next read rebuilds them, these included.
      if (!added.length || source === undefined || source !== rows.all()) return;
      bins.add(added, scope);
      counted.value++;
    },
  };
}
