// Panel UI: the status line with counts.
import { formatBytes } from '../../shared/format';
import type { Store } from '../store';

export function StatusBar({ store }: { store: Store }) {
  const { frames, bytes, dropped, shown, rows } = store.counts.value;
  return (
    <div class="status" role="status" aria-label="Status">
      <span>{store.connections.value.size} connections</span>
      <span>
        {shown} of {rows} rows shown
      </span>
      <span>
        {frames} frames, {formatBytes(bytes)}
      </span>
      {dropped > 0 && <span class="dropped">{dropped} frames dropped by the history caps</span>}
    </div>
  );
}
