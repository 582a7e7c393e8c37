// Panel UI: what the frames table says while it shows no rows — that filters hide them (with Reset filters), that
// recording is paused, or that none have come yet.
import type { Store } from '../store';

export function EmptyHint({ store }: { store: Store }) {
  const active = store.filtersActive.value;
  if (store.getRows().length && active.length)
    return (
      <p class="empty">
        No frames match the filters: {active.join(', ')}.{' '}
        <button type="button" class="link" onClick={store.resetFilters}>
          Reset filters
        </button>
      </p>
    );
  return (
    <p class="empty">
      {store.paused.value
        ? 'Recording is paused. Press ● to record frames again.'
        : 'No frames yet. Frames appear here as the page sends and receives them; reload the page to catch its first sockets.'}
    </p>
  );
}
