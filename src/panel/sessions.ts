// Panel store (DevTools panel): the live session and an imported one beside it — a second store, read-only, fed from a
// file the import worker reads (importFile.ts), with the frames the file marks pinned pinned there too — which of them
// shows, and what the last import said.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { Importer } from './importFile';
import type { ImportMessage } from './importSlices';
import type { Row } from './model';
import { MAX_PINS } from './pins';
import type { PanelCaps } from './settings';
import type { Store } from './store';

export interface ImportedSession {
  /** Unique per import, even of the same file again. */
  readonly id: number;
  /** The file's name. */
  readonly name: string;
  readonly store: Store;
  /** Still reading the file. */
  readonly loading: ReadonlySignal<boolean>;
}

export interface SessionNotice {
  text: string;
  error: boolean;
}

export interface Sessions {
  readonly live: Store;
  readonly imported: ReadonlySignal<ImportedSession | undefined>;
  /** The imported session shows (else the live one). */
  readonly showingImported: ReadonlySignal<boolean>;
  /** What the last import said: how far it got, what it left out, or why it failed. */
  readonly notice: ReadonlySignal<SessionNotice | undefined>;
  /** Opens `file` as the imported session (replacing one open before) and shows it. */
  importFile(file: File): void;
  show(imported: boolean): void;
  closeImported(): void;
  dismissNotice(): void;
}

/** Pins a frame the file marked pinned, with its note; false when the pins are full. */
function pinImported(store: Store, row: Row | undefined, note: string): boolean {
  if (!row || row.dir === 'event') return true;
  if ('error' in store.pins.toggle(row, store.connections.peek().get(row.key))) return false;
  if (note) store.pins.setNote(row, note);
  return true;
}

const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/** `makeStore` makes the imported session's store with the live one's caps: an import obeys the same budgets. */
export function createSessions(live: Store, makeStore: (caps: PanelCaps) => Store, importer: Importer): Sessions {
  const imported = signal<ImportedSession | undefined>(undefined);
  const showingImported = signal(false);
  const notice = signal<SessionNotice | undefined>(undefined);
  let cancel: (() => void) | undefined;
  let imports = 0;

  function closeImported() {
    cancel?.();
    cancel = undefined;
    batch(() => {
      imported.value = undefined;
      showingImported.value = false;
    });
  }

  function importFile(file: File) {
    closeImported();
    const store = makeStore({ maxRows: live.maxRows.value, maxBytes: live.maxBytes.value });
    const loading = signal(true);
    const session: ImportedSession = { id: ++imports, name: file.name || 'imported file', store, loading };
    let frames = 0;
    let connections = 0;
    let pinsLeftOut = 0;
    batch(() => {
      imported.value = session;
      showingImported.value = true;
      notice.value = { text: `Opening ${session.name}…`, error: false };
    });
    const on = (m: ImportMessage) => {
      if (imported.value !== session) return; // closed or replaced meanwhile
      if (m.type === 'connections') {
        connections = m.connections.length;
        store.loadImported(m.connections, []);
      } else if (m.type === 'rows') {
        for (const r of m.rows) if (r.dir !== 'event') frames++;
        store.loadImported([], m.rows);
        for (const [i, note] of m.pins ?? []) if (!pinImported(store, m.rows[i], note)) pinsLeftOut++;
        notice.value = { text: `Opening ${session.name}… ${count(frames, 'frame')}`, error: false };
      } else if (m.type === 'done') {
        cancel = undefined;
        loading.value = false;
        const evicted = store.counts.value.evicted;
        const left = [
          ...m.notes,
          ...(evicted ? [`${count(evicted, 'older frame')} left out by the panel's caps (⚙ Settings)`] : []),
          ...(pinsLeftOut ? [`${count(pinsLeftOut, 'pin')} beyond the ${MAX_PINS.toLocaleString('en-US')} the panel keeps left unpinned`] : []),
        ];
        notice.value = { text: `Opened ${session.name}: ${count(connections, 'connection')}, ${count(frames, 'frame')}.${left.length ? ` ${left.join('; ')}.` : ''}`, error: false };
      } else if (m.type === 'error') {
        cancel = undefined;
        closeImported();
        notice.value = { text: `Could not open ${session.name}: ${m.message}`, error: true };
      }
    };
    cancel = importer(file, on);
  }

  return {
    live,
    imported,
    showingImported,
    notice,
    importFile,
    show(on) {
      showingImported.value = on && !!imported.value;
    },
    closeImported() {
      closeImported();
      notice.value = undefined;
    },
    dismissNotice() {
      notice.value = undefined;
    },
  };
}
