// Panel: the only module that touches browser.* — connects to the background, (re)subscribes from the last seq it has,
// feeds the store, follows navigation and the DevTools theme, and reads/writes the caps in extension storage.
import { signal } from '@preact/signals';
import browser, { type Runtime } from 'webextension-polyfill';
import { DEFAULT_LIMITS, PANEL_PORT, PROTOCOL_VERSION, isBackgroundToPanel, normalizeLimits, type Limits, type PanelToBackground } from '../shared/protocol';
import type { PanelHost } from './components/App';
import type { Store } from './store';

export function connectStore(store: Store): PanelHost {
  const tabId = browser.devtools.inspectedWindow.tabId;
  let port: Runtime.Port | undefined;

  const post = (m: PanelToBackground) => {
    try {
      port?.postMessage(m);
    } catch {
      port = undefined;
    }
  };

  const connect = () => {
    port = browser.runtime.connect({ name: PANEL_PORT });
    port.onMessage.addListener((m: unknown) => {
      if (isBackgroundToPanel(m)) store.enqueue(m);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      // The service worker stopped (idle, or killed): reconnect, which starts it again, and resubscribe from what we have.
      setTimeout(connect, 50);
    });
    store.flush(); // `since` must include everything already queued
    post({ v: PROTOCOL_VERSION, type: 'subscribe', tabId, since: { ...store.since } });
  };
  connect();

  // The new document's own timeOrigin tells its documents from the old page's, whatever order the messages arrive in.
  browser.devtools.network.onNavigated.addListener((url) => {
    browser.devtools.inspectedWindow
      .eval('performance.timeOrigin')
      .then(([t]) => store.navigated(url, typeof t === 'number' ? t : Date.now()))
      .catch(() => store.navigated(url));
  });
  browser.devtools.inspectedWindow
    .eval('location.href')
    .then(([href]) => typeof href === 'string' && store.setOrigin(href))
    .catch(() => undefined);

  applyTheme();

  const limits = signal<Limits>(DEFAULT_LIMITS);
  browser.storage.local
    .get('limits')
    .then(({ limits: stored }) => (limits.value = normalizeLimits(stored)))
    .catch(() => undefined);

  return {
    clearPages: () => post({ v: PROTOCOL_VERSION, type: 'clear', tabId }),
    limits,
    saveLimits(next) {
      limits.value = next;
      void browser.storage.local.set({ limits: next });
    },
    version: browser.runtime.getManifest().version,
  };
}

/** Chrome reports the DevTools theme through setThemeChangeHandler, Firefox through onThemeChanged. */
function applyTheme() {
  const set = (theme: string | undefined) => (document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light');
  const panels = browser.devtools.panels as typeof browser.devtools.panels & {
    onThemeChanged?: { addListener(cb: (theme: string) => void): void };
  };
  set(panels.themeName);
  const chromePanels = (globalThis as { chrome?: { devtools?: { panels?: { setThemeChangeHandler?: (cb: (t: string) => void) => void } } } })
    .chrome?.devtools?.panels;
  if (chromePanels?.setThemeChangeHandler) chromePanels.setThemeChangeHandler(set);
  else panels.onThemeChanged?.addListener(set);
}
