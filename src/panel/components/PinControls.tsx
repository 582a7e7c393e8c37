// Panel UI: the detail pane's pin, note and diff controls — pin or unpin the frame, its note while pinned, and Diff
// when two frames are selected together.
import { useState } from 'preact/hooks';
import type { Row } from '../model';
import { MAX_NOTE } from '../pins';
import type { Store } from '../store';

export function PinControls({ store, row }: { store: Store; row: Row }) {
  const [error, setError] = useState('');
  const pin = store.pins.pins.value.get(row);
  const marked = store.marked.value;
  const toggle = () => {
    const done = store.pins.toggle(row, store.connections.value.get(row.key));
    setError('error' in done ? done.error : '');
  };
  return (
    <div class="pin-controls">
      {row.dir !== 'event' && (
        <button type="button" aria-label="Pin frame" aria-pressed={!!pin} title={pin ? 'Unpin: the frame goes with the next Clear' : 'Keep this frame through Clear, the caps and navigation'} onClick={toggle}>
          ⚑ {pin ? 'Pinned' : 'Pin'}
        </button>
      )}
      {pin && (
        <input
          type="text"
          class="note-input"
          aria-label="Note"
          placeholder="Note on this frame"
          maxLength={MAX_NOTE}
          value={pin.note}
          onInput={(e) => store.pins.setNote(row, e.currentTarget.value)}
        />
      )}
      {marked.size === 2 && marked.has(row) && (
        <button type="button" aria-label="Diff" title="Compare the two selected frames" onClick={() => store.compare.show(marked)}>
          ⇄ Diff
        </button>
      )}
      {error && (
        <span class="filter-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
