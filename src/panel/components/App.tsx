// Panel UI: the whole panel — toolbar, connections, frames, detail pane, status — its resizable layout, and the keys
// it keeps from DevTools (keys.ts).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelActions, PanelHost } from '../contracts';
import { copyText, saveFile } from '../dom';
import { buildHar, buildNdjson } from '../exporters';
import { panelCommand } from '../keys';
import { clampDetailSize, clampListWidth, resolvePlacement } from '../layout';
import { ALL_CONNECTIONS, type Store } from '../store';
import { ConnectionList } from './ConnectionList';
import { DetailPane } from './DetailPane';
import { FrameTable } from './FrameTable';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const NOTICE_MS = 2000;
const SPLITTER = 5;

export function App({ store, host }: { store: Store; host: PanelHost }) {
  const [notice, setNotice] = useState('');
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>();
  const notify = (text: string) => {
    setNotice(text);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(''), NOTICE_MS);
  };

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
    copy(text, what = 'Copied') {
      void copyText(text).then((ok) => notify(ok ? `${what} to the clipboard` : 'Copying was refused by the browser'));
    },
    notify,
    limits: host.limits,
    saveLimits: host.saveLimits,
  };

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

  const main = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 1280, height: 600 });
  useLayoutEffect(() => {
    const el = main.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => el.clientWidth && setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { layout } = store;
  const prefs = layout.prefs.value;
  const detailOpen = store.detailOpen.value && !!store.selectedRow.value;
  const placement = resolvePlacement(prefs.detailPlacement, size.width);
  const listShown = !prefs.listCollapsed;
  const besideDetail = detailOpen && placement === 'beside' ? prefs.detailWidth : 0;
  const listWidth = clampListWidth(prefs.listWidth, size.width, besideDetail);
  const workWidth = size.width - (listShown ? listWidth + SPLITTER : 0);
  const detailSize = clampDetailSize(placement === 'beside' ? prefs.detailWidth : prefs.detailHeight, placement === 'beside' ? workWidth : size.height, placement);

  return (
    <div class="app">
      <Toolbar store={store} actions={actions} />
      <div class="main" ref={main}>
        {listShown && (
          <>
            <ConnectionList store={store} width={listWidth} />
            <Splitter label="Resize connection list" axis="x" grows={1} value={listWidth} onResize={layout.setListWidth} onReset={() => layout.reset('list')} />
          </>
        )}
        <div class={`work work-${placement}`}>
          <FrameTable store={store} onCopy={actions.copy} onNotice={notify} />
          {detailOpen && (
            <>
              <Splitter
                label="Resize details"
                axis={placement === 'beside' ? 'x' : 'y'}
                grows={-1}
                value={detailSize}
                onResize={(px) => layout.setDetailSize(placement, px)}
                onReset={() => layout.reset('detail')}
              />
              <DetailPane store={store} onCopy={actions.copy} placement={placement} size={detailSize} />
            </>
          )}
        </div>
      </div>
      <StatusBar store={store} />
      <div class="notice" aria-live="polite">
        {notice}
      </div>
    </div>
  );
}
