// Panel UI: the whole panel — toolbar, connections, frames, detail pane, status — and its keyboard shortcuts.
import { useEffect } from 'preact/hooks';
import type { PanelActions, PanelHost } from '../contracts';
import { copyText, saveFile } from '../dom';
import { buildHar, buildNdjson } from '../exporters';
import { ALL_CONNECTIONS, type Store } from '../store';
import { ConnectionList } from './ConnectionList';
import { DetailPane } from './DetailPane';
import { FrameTable } from './FrameTable';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

export function App({ store, host }: { store: Store; host: PanelHost }) {
  const actions: PanelActions = {
    clear() {
      store.clear();
      host.clearPages();
    },
    exportHar() {
      const { rows, indices } = store.visible.value;
      const shown = indices.map((i) => rows[i]);
      const keys = new Set(shown.map((r) => r.key));
      const sel = store.selected.value;
      const conns = [...store.connections.value.values()].filter((c) => (sel === ALL_CONNECTIONS ? keys.has(c.key) || !shown.length : c.key === sel));
      saveFile(`websockets-${stamp()}.har`, 'application/json', JSON.stringify(buildHar(conns, shown, host.version), null, 2));
    },
    exportNdjson() {
      const { rows, indices } = store.visible.value;
      saveFile(`websocket-frames-${stamp()}.ndjson`, 'application/x-ndjson', buildNdjson(indices.map((i) => rows[i]), store.connections.value));
    },
    copy: (text) => void copyText(text),
    limits: host.limits,
    saveLimits: host.saveLimits,
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        document.getElementById('filter')?.focus();
      } else if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        actions.clear();
      } else if (e.key === 'Escape') {
        store.closeDetail();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="app">
      <Toolbar store={store} actions={actions} />
      <div class="main">
        <ConnectionList store={store} />
        <FrameTable store={store} onCopy={actions.copy} />
        <DetailPane store={store} onCopy={actions.copy} />
      </div>
      <StatusBar store={store} />
    </div>
  );
}
