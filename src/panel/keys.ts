// Panel (pure logic): which keys the panel takes for itself. A key the panel handles stays in the panel (DevTools would
// otherwise act on it too: Esc opens its console drawer, Ctrl+F its find bar); every other key still reaches DevTools.

export type PanelCommand = 'focusFilter' | 'clear' | 'closeDetail';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The panel-wide command for a key nobody in the panel handled yet, or undefined to let DevTools have it. */
export function panelCommand(e: KeyLike, state: { detailOpen: boolean }): PanelCommand | undefined {
  const mod = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'f') return 'focusFilter';
  if (mod && key === 'k') return 'clear';
  if (e.key === 'Escape' && !mod && state.detailOpen) return 'closeDetail';
  return undefined;
}

/** The shortcuts, for the README and the panel's help. */
export const SHORTCUTS: [keys: string, what: string][] = [
  ['Ctrl/Cmd+F', 'Focus the filter box'],
  ['Ctrl/Cmd+K', 'Clear frames'],
  ['Esc', 'Close a menu, then the detail pane'],
  ['↑ / ↓', 'Previous / next frame (in the table)'],
  ['Home / End', 'Oldest / newest frame'],
  ['PgUp / PgDn', 'A page of frames up / down'],
  ['Enter', 'Show the selected frame'],
  ['R', 'Resend the selected frame (a received one: deliver it to the page again)'],
  ['E', 'Edit the selected frame in the composer'],
  ['P', 'Replay the selected frames'],
  ['Ctrl/Cmd+A', 'Select every frame shown (in the table)'],
  ['Shift+↑ / Shift+↓', 'Extend the selection (in the table); Shift-click and Ctrl/Cmd-click select with the mouse'],
  ['Ctrl/Cmd+Enter', 'Send the composer’s message to the server (in the composer)'],
];
