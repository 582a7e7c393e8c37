// Panel UI: the filter box and the clear button.
import type { Store } from '../store';

export function Toolbar({ store, onClear }: { store: Store; onClear: () => void }) {
  return (
    <div class="toolbar" role="toolbar" aria-label="Frame tools">
      <button type="button" class="tool-button" onClick={onClear} title="Clear all frames and closed connections" aria-label="Clear">
        ⊘ Clear
      </button>
      <label class="filter">
        <span>Filter</span>
        <input
          type="search"
          aria-label="Filter"
          placeholder="text, or hex bytes like 68 6f 21"
          value={store.filter.value}
          onInput={(e) => (store.filter.value = e.currentTarget.value)}
        />
      </label>
    </div>
  );
}
