// Background (MV3 service worker, Chromium only): deep capture — attaches chrome.debugger to a panel's tab when the panel
// asks, auto-attaches to the tab's workers with flat sessions (each paused until its Network domain is on, so no socket
// is missed), and passes their WebSocket events to the tab's panel unread. Holds only which tabs are attached and their
// worker sessions; a restarted worker has lost track of them (Chrome keeps the tab's session), so the panel, on
// reconnecting, turns off and has it detached.
import { CDP_SOCKET_METHODS, PROTOCOL_VERSION, type BackgroundToPanel, type CdpSocketMethod } from '../shared/protocol';
import { isObj, isStr } from '../shared/guards';

/** The part of Chromium's `chrome.debugger` used here (no @types/chrome in this project). */
interface Debuggee {
  tabId?: number;
  targetId?: string;
  sessionId?: string;
}
interface TargetInfo {
  id: string;
  type: string;
  url: string;
  tabId?: number;
}
interface ChromeDebugger {
  attach(target: Debuggee, version: string): Promise<void>;
  detach(target: Debuggee): Promise<void>;
  sendCommand(target: Debuggee, method: string, params?: object): Promise<unknown>;
  getTargets(): Promise<TargetInfo[]>;
  onEvent: { addListener(cb: (source: Debuggee, method: string, params?: unknown) => void): void };
  onDetach: { addListener(cb: (source: Debuggee, reason: string) => void): void };
}

/** Present only in Chromium, and only once the optional `debugger` permission is granted. */
const api = (): ChromeDebugger | undefined => (globalThis as { chrome?: { debugger?: ChromeDebugger } }).chrome?.debugger;

const METHODS: readonly string[] = CDP_SOCKET_METHODS;
/** Targets whose sockets we read: dedicated and module workers ('worker'), and shared workers if Chrome ever attaches us to one. */
const WORKER_TYPES = new Set(['worker', 'shared_worker']);
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

/** Attached tabs, each with its worker sessions (session id → the worker's type and script URL). */
const attached = new Map<number, Map<string, { type: string; url: string }>>();
/**
 * Shared workers are no tab's children, so auto-attach never reaches them: `getTargets()` lists them (type "worker",
 * no tabId, like service workers) and they can be attached by targetId, but only once running — from then on. Found by
 * polling while a tab is attached: same origin as the tab's page. targetId → the tab and the worker's URL.
 */
const targets = new Map<string, { tabId: number; url: string }>();
const TARGET_POLL_MS = 1000;
let polling: ReturnType<typeof setInterval> | undefined;
let listening = false;
let send: (tabId: number, m: BackgroundToPanel) => void = () => undefined;

const state = (tabId: number, on: boolean, reason = '') => send(tabId, { v: PROTOCOL_VERSION, type: 'deepCaptureState', on, reason });

const DETACH_REASONS: Record<string, string> = {
  canceled_by_user: 'Deep capture is off: Chrome’s “started debugging this browser” bar was closed.',
  target_closed: 'Deep capture is off: the tab closed or its page crashed.',
};

function listen(d: ChromeDebugger) {
  if (listening) return;
  listening = true;
  d.onEvent.addListener((source, method, params) => {
    const byTarget = source.targetId === undefined ? undefined : targets.get(source.targetId);
    if (byTarget && source.targetId && isObj(params) && METHODS.includes(method)) {
      const event = { session: `target:${source.targetId}`, target: { type: 'shared_worker', url: byTarget.url }, method: method as CdpSocketMethod, params };
      return send(byTarget.tabId, { v: PROTOCOL_VERSION, type: 'cdp', event });
    }
    const tabId = source.tabId;
    const sessions = tabId === undefined ? undefined : attached.get(tabId);
    if (tabId === undefined || !sessions || !isObj(params)) return;
    if (method === 'Target.attachedToTarget') void onAttached(d, tabId, sessions, params);
    else if (method === 'Target.detachedFromTarget' && isStr(params.sessionId)) sessions.delete(params.sessionId);
    else if (source.sessionId && METHODS.includes(method)) {
      // Only worker sessions have Network on (never the page's own target: the hook has its sockets).
      const target = sessions.get(source.sessionId);
      if (target) send(tabId, { v: PROTOCOL_VERSION, type: 'cdp', event: { session: source.sessionId, target, method: method as CdpSocketMethod, params } });
    }
  });
  d.onDetach.addListener((source, reason) => {
    if (source.targetId !== undefined) targets.delete(source.targetId);
    if (source.tabId === undefined || !attached.delete(source.tabId)) return;
    dropTargets(d, source.tabId);
    state(source.tabId, false, DETACH_REASONS[reason] ?? `Deep capture is off: the debugger detached (${reason}).`);
  });
}

/**
 * A new target under the tab (a worker, an iframe's process…), paused until we let it run: a worker gets Network (and
 * auto-attach for its own nested workers) first, so its first task's sockets are seen.
 */
async function onAttached(d: ChromeDebugger, tabId: number, sessions: Map<string, { type: string; url: string }>, params: Record<string, unknown>) {
  const info = isObj(params.targetInfo) ? params.targetInfo : {};
  if (!isStr(params.sessionId)) return;
  const session: Debuggee = { tabId, sessionId: params.sessionId };
  const type = isStr(info.type) ? info.type : '';
  try {
    if (WORKER_TYPES.has(type)) {
      sessions.set(params.sessionId, { type, url: isStr(info.url) ? info.url.slice(0, 8192) : '' });
      await bounded(d.sendCommand(session, 'Network.enable'));
      await bounded(d.sendCommand(session, 'Target.setAutoAttach', AUTO_ATTACH));
    }
  } catch {
    // The worker ended meanwhile, the domain is not offered there, or Chrome is slow to answer: it still must run.
  } finally {
    await d.sendCommand(session, 'Runtime.runIfWaitingForDebugger').catch(() => undefined);
  }
}

/**
 * A paused worker waits for us, so no answer is awaited for long: past this, it runs anyway (the session's commands are
 * still handled in the order sent, so Network is on before it runs if Chrome gets to it at all).
 */
const RESUME_WITHIN_MS = 2000;
function bounded<T>(p: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer')), RESUME_WITHIN_MS);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Attaches to the shared (and service) workers of the attached tabs' origins that are not attached yet. */
async function findSharedWorkers(d: ChromeDebugger) {
  if (!attached.size) {
    clearInterval(polling);
    polling = undefined;
    return;
  }
  const origins = new Map<string, number>();
  const chromeTabs = (globalThis as { chrome?: { tabs?: { get(id: number): Promise<{ url?: string }> } } }).chrome?.tabs;
  for (const tabId of attached.keys()) {
    const url = await chromeTabs?.get(tabId).then((t) => t.url, () => undefined);
    const origin = url ? originOf(url) : undefined;
    if (origin) origins.set(origin, tabId);
  }
  for (const t of await d.getTargets().catch(() => [] as TargetInfo[])) {
    const tabId = origins.get(originOf(t.url) ?? '');
    if (t.type !== 'worker' || t.tabId !== undefined || tabId === undefined || targets.has(t.id)) continue;
    targets.set(t.id, { tabId, url: t.url.slice(0, 8192) });
    try {
      await d.attach({ targetId: t.id }, '1.3');
      await d.sendCommand({ targetId: t.id }, 'Network.enable');
      // Turned off meanwhile: not ours to keep.
      if (!attached.has(tabId) || !targets.has(t.id)) {
        targets.delete(t.id);
        await d.detach({ targetId: t.id });
      }
    } catch {
      targets.delete(t.id); // another debugger has it (another tab's deep capture), or it ended
    }
  }
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Detaches from the shared workers found for `tabId`. */
function dropTargets(d: ChromeDebugger, tabId: number) {
  for (const [id, t] of targets)
    if (t.tabId === tabId) {
      targets.delete(id);
      void d.detach({ targetId: id }).catch(() => undefined);
    }
}

/** Called once at the top level of the service worker: listeners in place if the permission is already granted. */
export function watchDeepCapture(toPanel: (tabId: number, m: BackgroundToPanel) => void) {
  send = toPanel;
  const d = api();
  if (d) listen(d);
}

/** The panel's switch. */
export async function setDeepCapture(tabId: number, on: boolean) {
  const d = api();
  if (!on) {
    attached.delete(tabId);
    if (d) dropTargets(d, tabId);
    // Also when this worker does not know the tab: a restarted service worker finds the session its predecessor
    // attached still there (Chrome keeps it), and the panel sends "off" after reconnecting to end it.
    if (d) await d.detach({ tabId }).catch(() => undefined);
    return state(tabId, false);
  }
  if (!d) return state(tabId, false, 'Deep capture needs the “debugger” permission, which was not granted.');
  listen(d);
  if (attached.has(tabId)) return state(tabId, true);
  attached.set(tabId, new Map());
  try {
    await d.attach({ tabId }, '1.3');
    await d.sendCommand({ tabId }, 'Target.setAutoAttach', AUTO_ATTACH);
    // Turned off (or the panel went away) while attaching: nobody wants it any more.
    if (!attached.has(tabId)) await d.detach({ tabId }).catch(() => undefined);
    else {
      state(tabId, true);
      void findSharedWorkers(d);
      polling ??= setInterval(() => void findSharedWorkers(d), TARGET_POLL_MS);
    }
  } catch (e) {
    attached.delete(tabId);
    await d.detach({ tabId }).catch(() => undefined);
    state(tabId, false, `Deep capture could not attach: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The tab's last panel went away (DevTools closed): nobody is looking, so detach. */
export function panelGone(tabId: number) {
  if (attached.has(tabId)) void setDeepCapture(tabId, false);
}
