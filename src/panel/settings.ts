// Panel store (DevTools panel): what the user chose — filters, Preserve log and columns, remembered per inspected
// origin — and the panel's own caps on the rows it keeps (count and payload bytes).
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { DEFAULT_FILTER, type FilterSettings } from './filter';

export const DEFAULT_MAX_ROWS = 1_000_000;
/** A page sending 4 MiB frames would otherwise fill DevTools' memory long before the row cap. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export type ColumnId = 'dir' | 'time' | 'delta' | 'connection' | 'size' | 'type' | 'message' | 'data';
export const COLUMNS: { id: ColumnId; label: string }[] = [
  { id: 'dir', label: 'Direction' },
  { id: 'time', label: 'Time' },
  { id: 'delta', label: 'Δ' },
  { id: 'connection', label: 'Socket' },
  { id: 'size', label: 'Size' },
  { id: 'type', label: 'Type' },
  /** The decoded one-line summary; shown once a connection has a protocol (decoding.ts). */
  { id: 'message', label: 'Message' },
  { id: 'data', label: 'Data' },
];
const ALL_COLUMNS: Record<ColumnId, boolean> = { dir: true, time: true, delta: true, connection: true, size: true, type: true, message: true, data: true };

/** What the panel remembers across reloads, per inspected origin (like Chrome's filters). */
export interface Persisted {
  filter: FilterSettings;
  preserveLog: boolean;
  columns: Record<ColumnId, boolean>;
}

export interface Persistence {
  load(origin: string): Partial<Persisted>;
  save(origin: string, value: Persisted): void;
}

export interface PanelCaps {
  /** Rows kept in the panel; the oldest go (and are counted) beyond it. */
  maxRows: number;
  /** Payload bytes kept in the panel, as memory (UTF-16 text); the oldest rows go (and are counted) beyond it. */
  maxBytes: number;
}

export interface Settings {
  readonly filter: ReadonlySignal<FilterSettings>;
  readonly preserveLog: ReadonlySignal<boolean>;
  readonly columns: ReadonlySignal<Record<ColumnId, boolean>>;
  /** The inspected page's origin ('' until known). */
  readonly origin: ReadonlySignal<string>;
  readonly maxRows: ReadonlySignal<number>;
  readonly maxBytes: ReadonlySignal<number>;
  setOrigin(url: string): void;
  setFilter(patch: Partial<FilterSettings>): void;
  setPreserveLog(on: boolean): void;
  toggleColumn(id: ColumnId): void;
  setCaps(caps: PanelCaps): void;
}

export function createSettings({ maxRows = DEFAULT_MAX_ROWS, maxBytes = DEFAULT_MAX_BYTES, persistence }: Partial<PanelCaps> & { persistence?: Persistence }): Settings {
  const filter = signal<FilterSettings>(DEFAULT_FILTER);
  const preserveLog = signal(false);
  const columns = signal<Record<ColumnId, boolean>>(ALL_COLUMNS);
  const origin = signal('');
  const rowCap = signal(maxRows);
  const byteCap = signal(maxBytes);
  /** Whether the user changed a remembered setting since the origin was last set. */
  let touched = false;

  const save = () => {
    touched = true;
    if (origin.value) persistence?.save(origin.value, { filter: filter.value, preserveLog: preserveLog.value, columns: columns.value });
  };

  function setOrigin(url: string) {
    let o = '';
    try {
      o = new URL(url).origin;
    } catch {
      return;
    }
    if (o === origin.value) return;
    const first = origin.value === '';
    origin.value = o;
    // The inspected origin is learnt asynchronously; what the user set before then wins over what was remembered.
    if (first && touched) return save();
    touched = false;
    const saved = persistence?.load(o) ?? {};
    batch(() => {
      filter.value = { ...DEFAULT_FILTER, ...saved.filter };
      if (saved.preserveLog !== undefined) preserveLog.value = saved.preserveLog;
      if (saved.columns) columns.value = { ...ALL_COLUMNS, ...saved.columns };
    });
  }

  return {
    filter,
    preserveLog,
    columns,
    origin,
    maxRows: rowCap,
    maxBytes: byteCap,
    setOrigin,
    setFilter(patch) {
      filter.value = { ...filter.value, ...patch };
      save();
    },
    setPreserveLog(on) {
      preserveLog.value = on;
      save();
    },
    toggleColumn(id) {
      columns.value = { ...columns.value, [id]: !columns.value[id] };
      save();
    },
    setCaps(caps) {
      batch(() => {
        rowCap.value = caps.maxRows;
        byteCap.value = caps.maxBytes;
      });
    },
  };
}
