// Panel: the only module that touches browser.* — connects to the background, (re)subscribes from the last seq it has,
// feeds the store, follows navigation and the DevTools theme, and reads/writes the caps in extension storage.
import { signal } from '@preact/signals';
import browser, { type Runtime } from 'webextension-polyfill';
import {
  DEFAULT_LIMITS,
  PANEL_PORT,
  PROTOCOL_VERSION,
  isBackgroundToPanel,
  isCommandAnswer,
  isDocumentStartAnswer,
  isPanelSearch,
  normalizeLimits,
  searchChannel,
  type DocumentStartAnswer,
  type Limits,
  type PanelToBackground,
} from '../shared/protocol';
import type { Rule } from '../shared/rules';
import type { PanelHost } from './contracts';
import { linkDeepCapture } from './deepCaptureLink';
import { watchDevtoolsLog } from './devtoolsLogPoll';
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
      if (isCommandAnswer(m)) commandsWaiting.get(m.requestId)?.(m.error);
      else if (isDocumentStartAnswer(m)) onDocumentStart(m);
      else if (isBackgroundToPanel(m)) {
        if (m.type === 'paused') store.rules.paused(m);
        else if (m.type === 'handshake') store.handshakes.add(m.handshake);
        else if (m.type === 'deepCaptureState' || m.type === 'cdp') deep?.receive(m);
        else store.enqueue(m);
      }
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      // The service worker stopped (idle, or killed): reconnect, which starts it again, and resubscribe from what we have.
      setTimeout(() => {
        connect();
        deep?.reconnected();
      }, 50);
    });
    store.flush(); // `receivedThrough` must include everything already queued
    post({ v: PROTOCOL_VERSION, type: 'subscribe', tabId, receivedThrough: { ...store.receivedThrough } });
    // A restarted service worker has forgotten the tab's rules; documents keep theirs meanwhile.
    if (rules.length) post({ v: PROTOCOL_VERSION, type: 'rules', tabId, rules });
  };
  /** The enabled rules last sent, to send again after a reconnect. */
  let rules: Rule[] = [];
  const limits = signal<Limits>(DEFAULT_LIMITS);
  // Chromium only: Firefox has no `debugger` permission, so no switch there.
  const chromium = browser.runtime.getURL('').startsWith('chrome-extension://');
  const deep = chromium ? linkDeepCapture(store, tabId, limits, post) : undefined;
  connect();

  // The new document's own start tells its documents from the old page's, whatever order the messages arrive in.
  browser.devtools.network.onNavigated.addListener((url) => {
    void navigationStart(post, tabId).then((t) => store.navigated(url, t));
  });
  void evalInPage('location.href').then((href) => typeof href === 'string' && store.setOrigin(href));

  applyTheme();

  // DevTools' search box (Chrome), relayed by the DevTools page: it types into the filter; next/previous step through
  // the matching rows.
  new BroadcastChannel(searchChannel(tabId)).onmessage = ({ data }) => {
    if (!isPanelSearch(data)) return;
    if (data.action === 'performSearch') store.setFilter({ query: data.query });
    else if (data.action === 'cancelSearch') store.setFilter({ query: '' });
    else {
      store.moveSelection(data.action === 'nextSearchResult' ? 1 : -1);
      store.openDetail();
    }
  };

  browser.storage.local
    .get('limits')
    .then(({ limits: stored }) => (limits.value = normalizeLimits(stored)))
    .catch(() => undefined);
  watchDevtoolsLog(store, limits, () => deep?.sockets() ?? []);

  return {
    clearPages: () => post({ v: PROTOCOL_VERSION, type: 'clear', tabId }),
    limits,
    saveLimits(next) {
      limits.value = next;
      void browser.storage.local.set({ limits: next });
    },
    version: browser.runtime.getManifest().version,
    deepCapture: deep?.control,
    setRules(next) {
      rules = next;
      post({ v: PROTOCOL_VERSION, type: 'rules', tabId, rules });
    },
    // Chrome's `devtools.panels.openResource` (not in the polyfill's types; lines from 0). Firefox has no such API, so
    // there the stack's locations stay plain text.
    openResource: openResourceApi() && ((url, line) => void Promise.resolve(openResourceApi()?.(url, Math.max(0, line - 1))).catch(() => undefined)),
    resume(frame, action, payload) {
      post({ v: PROTOCOL_VERSION, type: 'resume', tabId, browserFrameId: frame.browserFrameId, docId: frame.docId, hold: frame.hold, action, payload });
    },
    command(c, command) {
      if (c.source)
        return Promise.resolve(
          c.source.via === 'deep'
            ? 'This socket is a worker’s, seen by deep capture: the panel can show it, not send, deliver or close.'
            : 'This socket was read from DevTools’ network log (a worker’s): the panel can show it, not send, deliver or close.',
        );
      const requestId = ++lastRequestId;
      return new Promise((resolve) => {
        const done = (error: string) => {
          commandsWaiting.delete(requestId);
          clearTimeout(timer);
          resolve(error);
        };
        const timer = setTimeout(() => done('No answer from the page (the extension may have been reloaded).'), COMMAND_TIMEOUT_MS);
        commandsWaiting.set(requestId, done);
        post({ v: PROTOCOL_VERSION, type: 'command', tabId, requestId, browserFrameId: c.browserFrameId, docId: c.docId, socket: c.id, command });
      });
    },
  };
}

function openResourceApi(): ((url: string, line: number) => unknown) | undefined {
  const panels = browser.devtools.panels as unknown as { openResource?: (url: string, line: number) => unknown };
  return typeof panels.openResource === 'function' ? (url, line) => panels.openResource!(url, line) : undefined;
}

/** Composer commands waiting for the background's answer, by request id. */
const commandsWaiting = new Map<number, (error: string) => void>();
const COMMAND_TIMEOUT_MS = 10_000;

/** `documentStart` requests waiting for the background's answer, by request id. */
const documentStarts = new Map<number, (start: DocumentStartAnswer['start']) => void>();
let lastRequestId = 0;

function onDocumentStart(m: DocumentStartAnswer) {
  documentStarts.get(m.requestId)?.(m.start);
}

/**
 * The new top document's own start (its `performance.timeOrigin`), as its relay reads it in the isolated world: the
 * page's own `performance.timeOrigin`, which `inspectedWindow.eval` would read, is the page's to redefine, and a lie
 * there would make the panel retire the wrong documents. Right after a navigation the new document may have no relay
 * yet (or the service worker is restarting): asked again briefly, then the store falls back on what it knows.
 */
async function navigationStart(post: (m: PanelToBackground) => void, tabId: number): Promise<number | undefined> {
  const sleep = (ms: number) => new Promise<undefined>((r) => setTimeout(r, ms, undefined));
  for (let attempt = 0; attempt < 5; attempt++) {
    const requestId = ++lastRequestId;
    const answer = new Promise<DocumentStartAnswer['start']>((resolve) => documentStarts.set(requestId, resolve));
    post({ v: PROTOCOL_VERSION, type: 'documentStart', tabId, requestId });
    const start = await Promise.race([answer, sleep(200)]);
    documentStarts.delete(requestId);
    if (start) return start.startedAt;
    await sleep(50);
  }
  return undefined;
}

/**
 * The value of an expression in the inspected page, or undefined if it threw. The polyfill resolves with the bare
 * result when the browser passes no exception info, and with [result, exceptionInfo] when it does.
 */
function evalInPage(expression: string): Promise<unknown> {
  return browser.devtools.inspectedWindow.eval(expression).then(
    (answer: unknown) => (Array.isArray(answer) ? (answer[1] ? undefined : answer[0]) : answer),
    () => undefined,
  );
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
