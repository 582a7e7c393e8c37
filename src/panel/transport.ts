// Panel: the only module that touches browser.* — connects to the background, (re)subscribes from the last seq it has,
// feeds the store, and sends commands. Reconnects when the MV3 service worker is stopped.
import browser, { type Runtime } from 'webextension-polyfill';
import { PANEL_PORT, PROTOCOL_VERSION, isBackgroundToPanel, type PanelToBackground } from '../shared/protocol';
import type { Store } from './store';

export interface Transport {
  clear(): void;
}

export function connectStore(store: Store): Transport {
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

  applyTheme();
  return {
    clear() {
      store.clear();
      post({ v: PROTOCOL_VERSION, type: 'clear', tabId });
    },
  };
}

function applyTheme() {
  const panels = browser.devtools.panels as typeof browser.devtools.panels & {
    onThemeChanged?: { addListener(cb: (theme: string) => void): void };
  };
  const set = (theme: string | undefined) => (document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light');
  set(panels.themeName);
  panels.onThemeChanged?.addListener(set);
}
