// Background (MV3 service worker; event page in Firefox): routes relay batches to the WS panel of the same tab and panel
// commands to that tab's documents. It holds only who is connected right now, so being stopped and restarted loses nothing.
import browser, { type Runtime } from 'webextension-polyfill';
import {
  PANEL_PORT,
  PROTOCOL_VERSION,
  RELAY_PORT,
  isCommandReply,
  isDocumentStartReply,
  isPanelAttachedQuery,
  isPanelToBackground,
  isRelayToBackground,
  type BackgroundToPanel,
  type BackgroundToRelay,
  type CommandAnswer,
  type DocumentStartAnswer,
  type DocumentStartReply,
  type PanelAttachedReply,
} from '../shared/protocol';
import type { Rule } from '../shared/rules';
import { panelGone, setDeepCapture, watchDeepCapture } from './deepCapture';
import { keptHandshakes, watchHandshakes } from './handshakes';

/**
 * Panels by tab, with the `receivedThrough` each subscribed with. Usually one per tab, but for a moment there can be two:
 * when DevTools is re-created (undocked, reloaded) the new panel may subscribe before the old one's port is gone, and
 * their messages can arrive in either order; every panel gets the tab's events and dedupes by seq.
 */
const panels = new Map<number, Map<Runtime.Port, Record<string, number>>>();
/**
 * The rules each tab's panel last sent, for documents that start while it is open (they ask with isPanelAttached). A
 * cache, not state: a restarted worker starts without it, and the panel sends its rules again after every subscribe.
 */
const tabRules = new Map<number, Rule[]>();
const relays = new Map<number, Set<Runtime.Port>>();

function toPanel(tabId: number, m: BackgroundToPanel) {
  for (const port of panels.get(tabId)?.keys() ?? []) {
    try {
      port.postMessage(m);
    } catch {
      // That panel closed while we were forwarding; its disconnect handler cleans up.
    }
  }
}

function toTab(tabId: number, m: BackgroundToRelay) {
  browser.tabs.sendMessage(tabId, m).catch(() => undefined); // tabs without our content script (chrome://…) reject
}

/**
 * The start of the tab's top document, from its relay (browser frame 0): read in the isolated world, so the page cannot
 * change it. Null while that document has no relay yet (it is being replaced) or never will (chrome://…).
 */
async function topDocumentStart(tabId: number): Promise<DocumentStartReply | null> {
  const ask: BackgroundToRelay = { v: PROTOCOL_VERSION, type: 'documentStart' };
  const reply: unknown = await browser.tabs.sendMessage(tabId, ask, { frameId: 0 }).catch(() => undefined);
  return isDocumentStartReply(reply) ? { url: reply.url, startedAt: reply.startedAt } : null;
}

function onPanel(port: Runtime.Port) {
  let tabId: number | undefined;
  port.onMessage.addListener((m: unknown) => {
    if (!isPanelToBackground(m)) return;
    if (m.type === 'subscribe') {
      tabId = m.tabId;
      const tabPanels = panels.get(tabId) ?? new Map();
      panels.set(tabId, tabPanels.set(port, m.receivedThrough));
      toTab(tabId, { v: PROTOCOL_VERSION, type: 'attach', receivedThrough: m.receivedThrough });
      const subscribed = tabId;
      void keptHandshakes(subscribed).then((list) => {
        for (const handshake of list) toPanel(subscribed, { v: PROTOCOL_VERSION, type: 'handshake', handshake });
      });
    } else if (m.type === 'clear') {
      toTab(m.tabId, { v: PROTOCOL_VERSION, type: 'clear' });
    } else if (m.type === 'command') {
      // Only to the one document of this panel's tab that holds the socket: the relay of that browser frame.
      const { requestId } = m;
      const ask: BackgroundToRelay = { v: PROTOCOL_VERSION, type: 'command', docId: m.docId, socket: m.socket, command: m.command };
      void browser.tabs
        .sendMessage(m.tabId, ask, { frameId: m.browserFrameId })
        .then((reply: unknown) => (isCommandReply(reply) ? reply.error : 'The document did not answer.'))
        .catch(() => 'That document is gone (it navigated or closed).')
        .then((error) => {
          const answer: CommandAnswer = { v: PROTOCOL_VERSION, type: 'commandDone', requestId, error };
          try {
            port.postMessage(answer);
          } catch {
            // The panel went away meanwhile.
          }
        });
    } else if (m.type === 'rules') {
      tabRules.set(m.tabId, m.rules);
      toTab(m.tabId, { v: PROTOCOL_VERSION, type: 'rules', rules: m.rules });
    } else if (m.type === 'deepCapture') {
      tabId ??= m.tabId;
      void setDeepCapture(m.tabId, m.on);
    } else if (m.type === 'resume') {
      const resume: BackgroundToRelay = { v: PROTOCOL_VERSION, type: 'resume', docId: m.docId, hold: m.hold, action: m.action, payload: m.payload };
      browser.tabs.sendMessage(m.tabId, resume, { frameId: m.browserFrameId }).catch(() => undefined);
    } else {
      const { requestId } = m;
      void topDocumentStart(m.tabId).then((start) => {
        const answer: DocumentStartAnswer = { v: PROTOCOL_VERSION, type: 'documentStart', requestId, start };
        try {
          port.postMessage(answer);
        } catch {
          // The panel went away meanwhile.
        }
      });
    }
  });
  port.onDisconnect.addListener(() => {
    if (tabId === undefined) return;
    const tabPanels = panels.get(tabId);
    if (!tabPanels?.delete(port) || tabPanels.size) return;
    panels.delete(tabId);
    panelGone(tabId);
    // Rules apply while the panel is open: without it, pages see their frames untouched again.
    if (tabRules.get(tabId)?.length) toTab(tabId, { v: PROTOCOL_VERSION, type: 'rules', rules: [] });
    tabRules.delete(tabId);
    // Without a panel the relays stop streaming (they keep buffering) until the next attach.
    for (const relay of relays.get(tabId) ?? []) relay.disconnect();
    relays.delete(tabId);
  });
}

function onRelay(port: Runtime.Port) {
  const tabId = port.sender?.tab?.id;
  const browserFrameId = port.sender?.frameId ?? 0;
  if (tabId === undefined || !panels.has(tabId)) return port.disconnect();
  const tabRelays = relays.get(tabId) ?? new Set();
  relays.set(tabId, tabRelays.add(port));
  // A relay speaks for its document and for same-origin child windows its page hook reached first (see src/page/hook.ts).
  const docIds = new Set<string>();
  port.onMessage.addListener((m: unknown) => {
    if (!isRelayToBackground(m)) return;
    if (m.type === 'document') {
      docIds.add(m.doc.docId);
      toPanel(tabId, { v: PROTOCOL_VERSION, type: 'document', browserFrameId, doc: m.doc });
    } else if (!docIds.has(m.docId)) {
      return; // a relay speaks only for documents it announced
    } else if (m.type === 'events') {
      toPanel(tabId, { v: PROTOCOL_VERSION, type: 'events', browserFrameId, docId: m.docId, packed: m.packed, clearedThrough: m.clearedThrough });
    } else if (m.type === 'payloadPart') {
      toPanel(tabId, { v: PROTOCOL_VERSION, type: 'payloadPart', docId: m.docId, data: m.data });
    } else if (m.type === 'paused') {
      const { v: _v, type: _type, ...paused } = m;
      toPanel(tabId, { v: PROTOCOL_VERSION, type: 'paused', browserFrameId, ...paused });
    } else {
      toPanel(tabId, { v: PROTOCOL_VERSION, type: 'documentGone', docId: m.docId });
    }
  });
  port.onDisconnect.addListener(() => relays.get(tabId)?.delete(port));
}

/** Our own pages (the panel) have the extension's origin; a content script's sender has its page's URL. */
const fromExtensionPage = (port: Runtime.Port) => port.sender?.url?.startsWith(browser.runtime.getURL('')) === true;

// Registered at the top level, so a WebSocket request wakes the worker with its listener in place.
watchHandshakes(toPanel);
watchDeepCapture(toPanel);

browser.runtime.onConnect.addListener((port) => {
  // An undocked DevTools window gives the panel's sender a `tab` (id -1, the DevTools window), so `tab` tells nothing.
  if (port.name === PANEL_PORT && fromExtensionPage(port)) onPanel(port);
  else if (port.name === RELAY_PORT) onRelay(port);
});

browser.runtime.onMessage.addListener((m: unknown, sender: Runtime.MessageSender): Promise<PanelAttachedReply> | undefined => {
  if (!isPanelAttachedQuery(m) || sender.tab?.id === undefined) return undefined;
  const tabPanels = [...(panels.get(sender.tab.id)?.values() ?? [])];
  // With two panels for a moment, resend what the one that has least is missing.
  const receivedThrough = tabPanels.length ? Math.min(...tabPanels.map((r) => r[m.docId] ?? 0)) : 0;
  return Promise.resolve({ attached: tabPanels.length > 0, receivedThrough, rules: tabRules.get(sender.tab.id) });
});
