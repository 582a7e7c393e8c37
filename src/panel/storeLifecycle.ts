// Panel store (DevTools panel): Clear and navigation — they span several of the small stores (ingest, rows, selection,
// rules, settings), so store.ts composes them here rather than in any one of them.
import { batch } from '@preact/signals';
import type { Ingest } from './ingest';
import { navigationRow } from './markerRows';
import type { Rows } from './rows';
import type { Rules } from './rules';
import type { Selection } from './selection';
import type { Settings } from './settings';

export function createLifecycle({ ingest, rows, selection, rules, settings }: { ingest: Ingest; rows: Rows; selection: Selection; rules: Rules; settings: Settings }) {
  /** When the last Clear or navigation happened (ms since the epoch): what the panel knew of sockets before it is gone. */
  let resetAt = -Infinity;

  /** Forgets every frame and closed connection; open connections stay listed. */
  function clear() {
    resetAt = Date.now();
    ingest.flush();
    batch(() => {
      const conns = ingest.clear();
      rows.restart();
      selection.reset(conns);
    });
  }

  /**
   * The inspected tab's top document navigated to `url`, its navigation having started at `startedAt`: like DevTools,
   * start afresh unless "Preserve log" is on. Documents that started before it belong to the old page; the new page's
   * documents may already have reported (their messages can overtake the navigation event), so they stay.
   */
  function navigated(url: string, startedAt?: number) {
    ingest.flush();
    const start = ingest.navigationStart(startedAt);
    resetAt = Math.max(resetAt, start);
    batch(() => {
      if (settings.preserveLog.value) rows.add([navigationRow(url, start)]);
      else {
        const conns = ingest.retireBefore(start);
        rows.restart((r) => conns.has(r.key));
        selection.reset(conns);
      }
      // Frames breakpoints held before the new page started were the old page's: its hooks are gone with it.
      rules.keepHeld((h) => h.arrivedAt >= start);
    });
    settings.setOrigin(url);
  }

  return { clear, navigated, resetAt: () => resetAt };
}
