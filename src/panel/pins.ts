// Panel store (DevTools panel): pins — frames the user keeps, each with a short note. Pins hold their rows (and the
// connection as it was), so Clear, the panel's caps and navigation, which drop rows from the rows array, leave them;
// the Pinned view shows them instead of the table's rows. Bounded: at most MAX_PINS.
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Connection, Row } from './model';
import type { Visible } from './view';

export const MAX_PINS = 1000;
export const MAX_NOTE = 500;

export interface Pin {
  row: Row;
  note: string;
  /** The frame's connection when it was pinned: a Clear may forget a closed one, and exports still name it. */
  connection?: Connection;
}

export interface Pins {
  /** Pins by row, in the order pinned. */
  readonly pins: ReadonlySignal<ReadonlyMap<Row, Pin>>;
  /** The table shows only pinned frames. */
  readonly only: ReadonlySignal<boolean>;
  /** Whether no more frames can be pinned. */
  readonly full: ReadonlySignal<boolean>;
  /** Pins the frame, or unpins it; an error when the pins are full (nothing changes then). */
  toggle(row: Row, connection?: Connection): { error: string } | { pinned: boolean };
  setNote(row: Row, note: string): void;
  setOnly(on: boolean): void;
  /** The Pinned view's list: pinned frames that pass `passes`, in time order. */
  list(passes: (row: Row) => boolean): Visible;
}

export function createPins(): Pins {
  const pins = signal<ReadonlyMap<Row, Pin>>(new Map());
  const only = signal(false);
  /** Pinned rows in time order, built once per change of the pins. */
  const sorted = computed(() => [...pins.value.keys()].sort((a, b) => a.t - b.t));
  return {
    pins,
    only,
    full: computed(() => pins.value.size >= MAX_PINS),
    toggle(row, connection) {
      if (row.dir === 'event') return { error: 'Only frames can be pinned.' };
      const next = new Map(pins.value);
      if (next.delete(row)) {
        batch(() => {
          pins.value = next;
          // The last pin gone: the Pinned view would be empty, so the table shows every frame again.
          if (!next.size) only.value = false;
        });
        return { pinned: false };
      }
      if (next.size >= MAX_PINS) return { error: `At most ${MAX_PINS.toLocaleString('en-US')} frames can be pinned: unpin some first.` };
      next.set(row, { row, note: '', connection });
      pins.value = next;
      return { pinned: true };
    },
    setNote(row, note) {
      const pin = pins.value.get(row);
      if (!pin) return;
      const next = new Map(pins.value);
      next.set(row, { ...pin, note: note.slice(0, MAX_NOTE) });
      pins.value = next;
    },
    setOnly(on) {
      only.value = on;
    },
    list(passes) {
      const rows = sorted.value;
      const indices: number[] = [];
      let shownBytes = 0;
      for (let i = 0; i < rows.length; i++)
        if (passes(rows[i])) {
          indices.push(i);
          shownBytes += rows[i].length;
        }
      return { rows, indices, count: indices.length, shownFrames: indices.length, shownBytes, heartbeats: 0 };
    },
  };
}
