// Panel UI: the whole panel — toolbar, connections, frames, detail pane, status — its resizable layout, and the keys
// it keeps from DevTools (keys.ts).
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PanelActions, PanelHost } from '../contracts';
import { copyText, saveFile } from '../dom';
import { buildHar, buildNdjson } from '../exporters';
import { panelCommand } from '../keys';
import { clampDetailSize, clampListWidth, resolvePlacement } from '../layout';
import { payloadOf } from '../actions';
import { DEFAULT_COMPOSER_HEIGHT } from '../composer';
import type { Connection } from '../model';
import type { CommandPayload } from '../../shared/protocol';
import { ALL_CONNECTIONS, type Store } from '../store';
import { replayPlan } from '../replay';
import { Composer } from './Composer';
import { composedPayload, composerTarget } from './composerTarget';
import { ConnectionBar } from './ConnectionBar';
import { ReplayBar } from './ReplayBar';
import { BreakpointEditor } from './Breakpoint';
import { RulesBanner, RulesView } from './Rules';
import { ConnectionList } from './ConnectionList';
import { DetailPane } from './DetailPane';
import { FrameTable } from './FrameTable';
import { Timeline } from './Timeline';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { GroupsView } from './GroupsView';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const NOTICE_MS = 2000;
const SPLITTER = 5;

/** A recording has no page to act on: what the panel says when asked to. */
const READ_ONLY = 'This is an imported session: it is read-only and has no page to act on.';

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

  /** Sends on or delivers to one socket, and says how it went in the composer and in a notice. */
  const run = async (c: Connection, action: 'send' | 'deliver', payload: CommandPayload) => {
    const error = await host.command(c, { action, payload });
    const done = `${action === 'send' ? 'Sent to the server on' : 'Delivered to the page on'} #${c.n}`;
    store.composer.setStatus(error ? { ok: false, text: error } : { ok: true, text: done });
    notify(error || done);
  };
  const fail = (text: string) => {
    store.composer.setStatus({ ok: false, text });
    notify(text);
  };

  const actions: PanelActions = {
    readOnly,
    importFile: onImport,
    clear() {
      if (readOnly) return;
      store.clear();
      host.clearPages();
    },
    exportHar() {
      const { rows, indices } = store.visible.value;
      const shown = indices.map((i) => rows[i]);
      const keys = new Set(shown.map((r) => r.key));
      const sel = store.selected.value;
      const pins = store.pins.pins.value;
      // A pinned frame's connection may be gone (a Clear forgets closed ones): its pin kept it.
      const live = store.connections.value;
      const gone = new Map(shown.flatMap((r) => (pins.get(r)?.connection && !live.has(r.key) ? [[r.key, pins.get(r)!.connection!] as const] : [])));
      const conns = [...live.values(), ...gone.values()].filter((c) => (sel === ALL_CONNECTIONS ? keys.has(c.key) || !shown.length : c.key === sel));
      const handshakeOf = (c: Connection) => store.handshakes.of(c, live.values());
      saveFile(`websockets-${stamp()}.har`, 'application/json', JSON.stringify(buildHar(conns, shown, host.version, pins, handshakeOf), null, 2));
    },
    exportNdjson() {
      const { rows, indices } = store.visible.value;
      saveFile(`websocket-frames-${stamp()}.ndjson`, 'application/x-ndjson', buildNdjson(indices.map((i) => rows[i]), store.connections.value, store.pins.pins.value));
    },
    copy(text, what = 'Copied') {
      void copyText(text).then((ok) => notify(ok ? `${what} to the clipboard` : 'Copying was refused by the browser'));
    },
    notify,
    compose(action, content) {
      if (readOnly) return fail(READ_ONLY);
      const target = composerTarget(store);
      if (!target) return fail('No open connection: a frame can only go over an open socket.');
      const parsed = composedPayload(store, target, content);
      if ('error' in parsed) return fail(parsed.error);
      void run(target, action, parsed.payload);
    },
    frameAction(row, action) {
      if (readOnly) return notify(READ_ONLY);
      if (action === 'edit') return store.composer.edit(row);
      if (action === 'replay') return store.replay.show(true);
      const c = store.connections.value.get(row.key);
      if (!c || c.state !== 'open') return fail('That frame’s connection is not open any more.');
      const payload = payloadOf(row);
      if (!payload) return fail('Only part of that frame was kept, so it cannot be sent again whole.');
      void run(c, action === 'resend' ? 'send' : 'deliver', payload);
    },
    async command(c, command, done) {
      const error = await host.command(c, command);
      notify(error || done);
    },
    replay(c, frames, timing, intervalMs) {
      if (readOnly) return notify(READ_ONLY);
      const plan = replayPlan(frames, timing, intervalMs);
      void store.replay.start(plan, (row) => {
        const payload = payloadOf(row);
        if (!payload) return Promise.resolve('only part of it was kept, so it cannot be sent whole');
        return host.command(c, { action: row.dir === 'sent' ? 'send' : 'deliver', payload });
      });
    },
    limits: host.limits,
    saveLimits: host.saveLimits,
    openResource: host.openResource,
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

  // The hooks run the enabled rules: the host hears them now and whenever they change; breakpoints answer through it.
  useEffect(() => store.rules.connect(host), [host]);

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
  const composerOpen = store.composer.open.value && !readOnly;
  const composerHeight = Math.min(store.composer.height.value, Math.max(80, size.height - 140));
  const detailSize = clampDetailSize(placement === 'beside' ? prefs.detailWidth : prefs.detailHeight, placement === 'beside' ? workWidth : size.height, placement);

  return (
    <div class="app">
      <Toolbar store={store} actions={actions} />
      {!readOnly && <RulesBanner store={store} />}
      <div class="main" ref={main}>
        {listShown && (
          <>
            <ConnectionList store={store} width={listWidth} onCopy={actions.copy} deepCapture={readOnly ? undefined : host.deepCapture} />
            <Splitter label="Resize connection list" axis="x" grows={1} value={listWidth} onResize={layout.setListWidth} onReset={() => layout.reset('list')} />
          </>
        )}
        <div class={`work work-${placement}`}>
          <div class="table-column">
            {!readOnly && store.rules.shown.value && <RulesView store={store} actions={actions} />}
            {!readOnly && <BreakpointEditor store={store} />}
            {!readOnly && <ConnectionBar store={store} actions={actions} />}
            {!readOnly && store.replay.shown.value && <ReplayBar store={store} actions={actions} />}
            <GroupsView store={store} />
            {store.timeline.shown.value && <Timeline store={store} />}
            <FrameTable store={store} onCopy={actions.copy} onAction={actions.frameAction} onNotice={notify} />
            {composerOpen && (
              <>
                <Splitter
                  label="Resize composer"
                  axis="y"
                  grows={-1}
                  value={composerHeight}
                  onResize={store.composer.setHeight}
                  onReset={() => store.composer.setHeight(DEFAULT_COMPOSER_HEIGHT)}
                />
                <Composer store={store} actions={actions} height={composerHeight} />
              </>
            )}
          </div>
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
              <DetailPane store={store} onCopy={actions.copy} placement={placement} size={detailSize} openResource={actions.openResource} />
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
