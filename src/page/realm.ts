// MAIN world (bundled into the page hook): installs the hook into one window — ours, or a same-origin child window the
// page reached through its <iframe>/<frame>/<object> element before the child's own content scripts ran.
import type { OpenCommand } from '../shared/protocol';
import { ProxyCtor, apply, construct, docView, gopd, list, type Win } from './intrinsics';
import { isHooked, mask, maskToString, replace, wrapCall } from './mask';
import type { Sockets } from './sockets';

export function createRealmHooker(sockets: Sockets) {
  let lastChild = 0;
  /** Each hooked window and its native WebSocket, by document number, for the panel's Reconnect. */
  const realms = list<{ win: Win; Native: typeof WebSocket }>();

  /** Hooks a child window the page reached, unless a hook (its own content script's, or ours) records it already. */
  const reach = (doc: Document | null) => {
    const child = doc && (apply(docView, doc, []) as Win | null);
    if (child && !isHooked(child)) hookRealm(child, ++lastChild);
  };

  const hookRealm = (win: Win, doc: number) => {
    const Native = win.WebSocket;
    const proto = Native.prototype;
    realms[doc] = { win, Native };
    // A Proxy keeps name, length, prototype, statics, instanceof and subclassing (new.target) exactly native.
    const WebSocketProxy = new ProxyCtor(Native, {
      __proto__: null,
      construct(target: typeof WebSocket, args: unknown[], newTarget: Function) {
        const ws = construct(target, args, newTarget) as WebSocket; // native errors propagate unchanged
        try {
          sockets.track(ws, args, doc, win);
        } catch {}
        return ws;
      },
    } as ProxyHandler<typeof WebSocket>);
    mask(WebSocketProxy, Native);
    // What captures comes first; then the window answers "hooked" (no page code runs in between); then its children.
    replace(proto, 'send', wrapCall(proto.send, sockets.sent, sockets.takeSend));
    replace(proto, 'close', wrapCall(proto.close, sockets.closeCalled));
    replace(proto, 'constructor', WebSocketProxy);
    replace(win, 'WebSocket', WebSocketProxy);
    maskToString(win);

    // The first time the page reaches a same-origin child through its element is before any script could use it when
    // the iframe was just created (its own content scripts may never run there). contentDocument is null for a
    // cross-origin child, so asking it never throws (nor logs) for those.
    const elements = [win.HTMLIFrameElement, win.HTMLFrameElement, win.HTMLObjectElement];
    for (let k = 0; k < 6; k++) {
      const p = elements[k >> 1].prototype;
      const contentDocument = gopd(p, 'contentDocument')!.get!;
      const key = k & 1 ? 'contentDocument' : 'contentWindow';
      replace(p, key, wrapCall(gopd(p, key)!.get!, (self) => reach(apply(contentDocument, self, []) as Document | null)), 'get');
    }
  };

  return {
    hookRealm,
    /** Reconnect: a socket the page never sees, in document `doc`'s window; '' when made, else a code (see sockets.ts). */
    open(doc: number, m: OpenCommand): string {
      const realm = doc < realms.length ? realms[doc] : undefined;
      if (!realm) return 'gone';
      const args = list<unknown>();
      args[0] = m.url;
      args[1] = m.protocols;
      try {
        sockets.track(construct(realm.Native, args) as WebSocket, args, doc, realm.win, 'Opened by the panel (Reconnect)');
      } catch {
        return 'open';
      }
      return '';
    },
  };
}
