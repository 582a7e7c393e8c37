// Panel UI: the whole panel — toolbar, the work area (Workspace.tsx), status bar and a short notice — wired to the host:
// the actions it hands its components (panelActions.ts), the keys it keeps from DevTools, and the rules it runs.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelHost } from '../contracts';
import type { Store } from '../store';
import { panelActions } from './panelActions';
import { RulesBanner } from './Rules';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { usePanelKeys } from './usePanelKeys';
import { Workspace } from './Workspace';

const NOTICE_MS = 2000;

interface AppProps {
  store: Store;
  host: PanelHost;
  /** An imported session: no recording, clearing, composer, rules or socket commands. */
  readOnly?: boolean;
  /** Opens a file as an imported session (Import, or a file dropped on the panel). */
  onImport?: (file: File) => void;
}

export function App({ store, host, readOnly = false, onImport }: AppProps) {
  const [notice, setNotice] = useState('');
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>();
  const notify = (text: string) => {
    setNotice(text);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(''), NOTICE_MS);
  };

  const actions = panelActions({ store, host, readOnly, onImport, notify });
  usePanelKeys(store, actions);

  // The hooks run the enabled rules: the host hears them now and whenever they change; breakpoints answer through it.
  useEffect(() => store.rules.connect(host), [host]);

  return (
    <div class="app">
      <Toolbar store={store} actions={actions} />
      {!readOnly && <RulesBanner store={store} />}
      <Workspace store={store} host={host} actions={actions} readOnly={readOnly} />
      <StatusBar store={store} />
      <div class="notice" aria-live="polite">
        {notice}
      </div>
    </div>
  );
}
