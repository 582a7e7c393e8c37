// Panel UI: the status line — frames and bytes shown of total, connections, and anything a cap or a pause left out.
import { formatBytes } from '../../shared/format';
import type { Store } from '../store';

export function StatusBar({ store }: { store: Store }) {
  const { frames, bytes, dropped, evicted, paused, shownFrames, shownBytes, heartbeats } = store.counts.value;
  return (
    <div class="status" role="status" aria-label="Status">
      <span>
        {shownFrames} of {frames} frames
      </span>
      <span>
        {formatBytes(shownBytes)} of {formatBytes(bytes)}
      </span>
      <span>{store.connections.value.size} connections</span>
      {heartbeats > 0 && (
        <span class="heartbeats">
          {heartbeats} {heartbeats === 1 ? 'heartbeat' : 'heartbeats'} hidden
        </span>
      )}
      {dropped > 0 && <span class="dropped">{dropped} frames dropped before reaching the panel (history caps: see ⚙ Settings)</span>}
      {evicted > 0 && <span class="dropped">{evicted} frames evicted by this panel's caps (⚙ Settings)</span>}
      {paused > 0 && <span class="dropped">{paused} frames not recorded while paused</span>}
      {store.paused.value && <span class="dropped">Recording paused</span>}
    </div>
  );
}
