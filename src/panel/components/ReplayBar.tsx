// Panel UI: replaying the selected frames on a connection (sent ones to the server, received ones to the page), with
// the original spacing, a fixed interval or as fast as possible; shows progress and stops on demand.
import { useState } from 'preact/hooks';
import { composable } from '../composer';
import type { PanelActions } from '../contracts';
import { REPLAY_TIMINGS, type ReplayTiming } from '../replay';
import type { Store } from '../store';

export function ReplayBar({ store, actions }: { store: Store; actions: PanelActions }) {
  const [timing, setTiming] = useState<ReplayTiming>('original');
  const [interval, setInterval] = useState('100');
  const [target, setTarget] = useState('');
  const open = composable(store.connections.value.values());
  const marked = [...store.marked.value].filter((r) => r.dir !== 'event');
  const state = store.replay.state.value;
  const chosen = open.find((c) => c.key === target) ?? open.find((c) => c.key === marked[0]?.key) ?? open[0];
  return (
    <div class="replay-bar" role="group" aria-label="Replay">
      <strong>Replay {marked.length} {marked.length === 1 ? 'frame' : 'frames'}</strong>
      <select aria-label="Replay on" value={chosen?.key ?? ''} onChange={(e) => setTarget(e.currentTarget.value)}>
        {!open.length && <option value="">No open connection</option>}
        {open.map((c) => (
          <option key={c.key} value={c.key}>
            #{c.n} {store.labels.value.get(c.key) ?? c.url}
          </option>
        ))}
      </select>
      <select aria-label="Replay timing" value={timing} onChange={(e) => setTiming(e.currentTarget.value as ReplayTiming)}>
        {REPLAY_TIMINGS.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      {timing === 'interval' && <input aria-label="Interval (ms)" type="number" min="0" value={interval} onInput={(e) => setInterval(e.currentTarget.value)} />}
      {state?.running ? (
        <button type="button" onClick={store.replay.stop}>
          Stop replay
        </button>
      ) : (
        <button type="button" disabled={!chosen || !marked.length} onClick={() => chosen && actions.replay(chosen, marked, timing, Number(interval) || 0)}>
          Start replay
        </button>
      )}
      <span class="replay-progress" aria-live="polite">
        {state && `${state.running ? 'Replaying' : 'Replayed'} ${state.done} of ${state.total}${state.error ? ` — stopped: ${state.error}` : ''}`}
      </span>
      <button type="button" class="close" aria-label="Close replay" onClick={() => store.replay.show(false)}>
        ✕
      </button>
    </div>
  );
}
