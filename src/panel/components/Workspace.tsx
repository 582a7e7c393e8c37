// Panel UI: the panel's resizable work area below the toolbar — the connection list, and beside it the frames table
// with the views above it (rules, breakpoint, connection bar, replay, groups, timeline) and the composer below it, and
// the detail pane beside or below the table; each with a splitter, sized to fit the panel.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_COMPOSER_HEIGHT } from '../composer';
import type { PanelActions, PanelHost } from '../contracts';
import { clampDetailSize, clampListWidth, resolvePlacement } from '../layout';
import type { Store } from '../store';
import { BreakpointEditor } from './Breakpoint';
import { Composer } from './Composer';
import { ConnectionBar } from './ConnectionBar';
import { ConnectionList } from './ConnectionList';
import { DetailPane } from './DetailPane';
import { FrameTable } from './FrameTable';
import { GroupsView } from './GroupsView';
import { ReplayBar } from './ReplayBar';
import { RulesView } from './Rules';
import { Splitter } from './Splitter';
import { Timeline } from './Timeline';

const SPLITTER = 5;

interface WorkspaceProps {
  store: Store;
  host: PanelHost;
  actions: PanelActions;
  /** An imported session: no composer, rules or socket commands. */
  readOnly: boolean;
}

export function Workspace({ store, host, actions, readOnly }: WorkspaceProps) {
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
          <FrameTable store={store} onCopy={actions.copy} onAction={actions.frameAction} onNotice={actions.notify} />
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
  );
}
