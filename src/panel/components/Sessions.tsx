// Panel UI: the live tab and an imported session side by side — the session tabs and the import's notice (shown once a
// file was opened), a file dropped anywhere on the panel, and the App for whichever session shows (read-only for an
// import, with a host that cannot reach the page).
import { useMemo } from 'preact/hooks';
import type { PanelHost } from '../contracts';
import type { Sessions } from '../sessions';
import { App } from './App';
import { FileDrop } from './ImportControls';
import './sessions.css';

const NO_PAGE = 'An imported session is a recording: it has no page to act on.';

/** What an imported session may ask of the browser: nothing of the inspected page. */
function readOnlyHost(host: PanelHost): PanelHost {
  return { ...host, clearPages() {}, command: async () => NO_PAGE, setRules() {}, resume() {} };
}

export function Panel({ sessions, host }: { sessions: Sessions; host: PanelHost }) {
  const imported = sessions.imported.value;
  const session = sessions.showingImported.value ? imported : undefined;
  const offline = useMemo(() => readOnlyHost(host), [host]);
  return (
    <FileDrop onImport={sessions.importFile}>
      <div class="sessions-root">
        <SessionBar sessions={sessions} />
        {session ? (
          // Keyed by session: each App keeps its own state (notice, sizes) for the store it was made for.
          <App key={`imported:${session.id}`} store={session.store} host={offline} readOnly onImport={sessions.importFile} />
        ) : (
          <App key="live" store={sessions.live} host={host} onImport={sessions.importFile} />
        )}
      </div>
    </FileDrop>
  );
}

function SessionBar({ sessions }: { sessions: Sessions }) {
  const imported = sessions.imported.value;
  const notice = sessions.notice.value;
  if (!imported && !notice) return null;
  const showing = sessions.showingImported.value;
  return (
    <div class="session-bar">
      {imported && (
        <div role="tablist" aria-label="Sessions">
          <button type="button" role="tab" aria-selected={!showing} class="session-tab" onClick={() => sessions.show(false)} title="The inspected tab, live">
            Live
          </button>
          <span class="session-tab-group">
            <button
              type="button"
              role="tab"
              aria-selected={showing}
              class="session-tab"
              onClick={() => sessions.show(true)}
              title={`Imported from ${imported.name} (read-only)`}
            >
              {imported.name}
              {imported.loading.value && <span class="session-loading"> (opening…)</span>}
            </button>
            <button type="button" class="session-close" aria-label="Close imported session" title="Close the imported session" onClick={sessions.closeImported}>
              ✕
            </button>
          </span>
        </div>
      )}
      {notice && (
        <span class={`session-notice${notice.error ? ' error' : ''}`} role={notice.error ? 'alert' : undefined} aria-live="polite">
          {notice.text}
          <button type="button" class="link" aria-label="Dismiss" onClick={sessions.dismissNotice}>
            ✕
          </button>
        </span>
      )}
    </div>
  );
}
