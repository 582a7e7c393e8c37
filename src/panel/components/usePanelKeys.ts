// Panel UI: the keys the panel keeps from DevTools (keys.ts says which: Ctrl/Cmd+F, Ctrl/Cmd+K, Esc with the detail pane
// open), and the keys its components handled, which DevTools must not act on too.
import { useEffect } from 'preact/hooks';
import type { PanelActions } from '../contracts';
import { panelCommand } from '../keys';
import type { Store } from '../store';

/** Listens while the App is mounted; the actions of its first render are the ones the keys use. */
export function usePanelKeys(store: Store, actions: PanelActions) {
  // One listener below `document`, where DevTools' forwarder of extension-panel keys listens (Chrome), so a key the
  // panel handles never reaches it; preventDefault does the same in Firefox, which forwards keys content left alone.
  useEffect(() => {
    const root = document.documentElement;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return e.stopPropagation(); // a component handled it
      const command = panelCommand(e, { detailOpen: store.detailOpen.value });
      if (!command) return;
      e.preventDefault();
      e.stopPropagation();
      if (command === 'focusFilter') {
        const filter = document.getElementById('filter') as HTMLInputElement | null;
        filter?.focus();
        filter?.select();
      } else if (command === 'clear') actions.clear();
      else store.closeDetail();
    };
    root.addEventListener('keydown', onKey);
    return () => root.removeEventListener('keydown', onKey);
  }, []);
}
