// Panel UI: the frames table's own keys — ↑/↓, Home/End, PgUp/PgDn move the selection (Shift extends it), Ctrl/Cmd+A
// selects all, Enter and Esc open and close the details, and R, E, P act on the selected frame as its context menu does.
import { frameActions, type FrameAction } from '../actions';
import type { Row } from '../model';
import type { Store } from '../store';

/** The table's keydown handler; `page` is how many rows PgUp/PgDn move. */
export function frameTableKeyHandler(store: Store, page: number, onAction: (row: Row, action: FrameAction) => void) {
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
  return (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget && (e.target as Element).closest('.context-menu')) return;
    if (e.key in moves && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      store.moveSelection(moves[e.key], e.shiftKey);
    } else if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      store.selectAll();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      store.openDetail();
    } else if (!e.ctrlKey && !e.metaKey && !e.altKey && 'rep'.includes(e.key) && e.key.length === 1 && store.selectedRow.value) {
      // R: resend (or deliver again), E: edit and resend, P: replay the selected frames — the context menu's keys.
      const row = store.selectedRow.value;
      const action = frameActions(row).find((a) => a.key === e.key.toUpperCase());
      if (!action) return;
      e.preventDefault();
      onAction(row, action.id);
    } else if (e.key === 'Escape' && store.detailOpen.value) {
      e.preventDefault();
      store.closeDetail();
    }
  };
}
