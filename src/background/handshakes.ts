// Background (MV3 service worker; event page in Firefox): every WebSocket's opening handshake — request headers, the
// response's status and headers, timing — from the browser's own network layer (webRequest: a page cannot see or fake
// it), kept per tab in storage.session (the worker may stop between a socket's opening and DevTools opening) and sent to
// that tab's WS panel. A cache, not state: bounded per tab and per header, dropped with the tab.
import browser, { type WebRequest } from 'webextension-polyfill';
import { PROTOCOL_VERSION, isHandshake, type BackgroundToPanel, type Handshake, type HttpHeader } from '../shared/protocol';

/** Handshakes kept per tab (the newest), and the longest header value kept (cookies can be long). */
export const HANDSHAKES_PER_TAB = 50;
const MAX_HEADER_VALUE = 4096;

const storageKey = (tabId: number) => `handshakes:${tabId}`;
/** What each tab holds, read from storage.session once per worker life (writes go through it). */
const byTab = new Map<number, Promise<Handshake[]>>();

function load(tabId: number): Promise<Handshake[]> {
  let kept = byTab.get(tabId);
  if (!kept) {
    kept = browser.storage.session
      .get(storageKey(tabId))
      .then((got) => {
        const list: unknown = got[storageKey(tabId)];
        return Array.isArray(list) ? list.filter(isHandshake) : [];
      })
      .catch(() => []);
    byTab.set(tabId, kept);
  }
  return kept;
}

const headers = (list: WebRequest.HttpHeaders | undefined): HttpHeader[] =>
  (list ?? []).map((h) => ({ name: h.name, value: (h.value ?? '').slice(0, MAX_HEADER_VALUE) }));

/** Applies `change` to the tab's handshake with this request id (making it when `create`), keeps, and tells the panel. */
async function update(tabId: number, requestId: string, change: (h: Handshake | undefined) => Handshake | undefined, send: (tabId: number, m: BackgroundToPanel) => void) {
  const list = await load(tabId);
  const at = list.findIndex((h) => h.requestId === requestId);
  const next = change(at >= 0 ? list[at] : undefined);
  if (!next) return;
  if (at >= 0) list[at] = next;
  else {
    list.push(next);
    if (list.length > HANDSHAKES_PER_TAB) list.splice(0, list.length - HANDSHAKES_PER_TAB);
  }
  send(tabId, { v: PROTOCOL_VERSION, type: 'handshake', handshake: next });
  // Storage full or unavailable: the panel already has it; a restarted worker just forgets.
  await browser.storage.session.set({ [storageKey(tabId)]: list }).catch(() => undefined);
}

/** The tab's kept handshakes, for a panel that just subscribed. */
export const keptHandshakes = (tabId: number) => load(tabId);

/**
 * Listens to the network layer's WebSocket requests. Chromium hands out Cookie (and Set-Cookie) only with
 * `extraHeaders`, and reports the request before its WebSocket stream adds the offered Sec-WebSocket-Protocol,
 * -Extensions and -Key (the response's come without `extraHeaders`: handshake E2E); Firefox has no such option and
 * gives them all.
 */
export function watchHandshakes(send: (tabId: number, m: BackgroundToPanel) => void) {
  const extra = (options: Record<string, string> | undefined) => (options && 'EXTRA_HEADERS' in options ? ['extraHeaders' as const] : []);
  const chromeOptions = (globalThis as { chrome?: { webRequest?: Record<string, Record<string, string>> } }).chrome?.webRequest;
  const filter: WebRequest.RequestFilter = { urls: ['ws://*/*', 'wss://*/*'], types: ['websocket'] };

  browser.webRequest.onSendHeaders.addListener(
    (d) => {
      if (d.tabId < 0) return;
      void update(d.tabId, d.requestId, (h) => h ?? { requestId: d.requestId, browserFrameId: d.frameId, url: d.url, sentAt: d.timeStamp, requestHeaders: headers(d.requestHeaders), status: 0, statusLine: '', responseHeaders: [] }, send);
    },
    filter,
    ['requestHeaders', ...extra(chromeOptions?.OnSendHeadersOptions)],
  );
  browser.webRequest.onHeadersReceived.addListener(
    (d) => {
      if (d.tabId < 0) return;
      void update(d.tabId, d.requestId, (h) => h && { ...h, status: d.statusCode, statusLine: d.statusLine, responseHeaders: headers(d.responseHeaders), answeredAt: d.timeStamp }, send);
    },
    filter,
    ['responseHeaders', ...extra(chromeOptions?.OnHeadersReceivedOptions)],
  );
  browser.webRequest.onErrorOccurred.addListener((d) => {
    if (d.tabId < 0) return;
    void update(d.tabId, d.requestId, (h) => h && { ...h, error: d.error, answeredAt: h.answeredAt ?? d.timeStamp }, send);
  }, filter);
  browser.tabs.onRemoved.addListener((tabId) => {
    byTab.delete(tabId);
    void browser.storage.session.remove(storageKey(tabId)).catch(() => undefined);
  });
}
