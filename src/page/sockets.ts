// MAIN world (bundled into the page hook): one socket's life — created, open, error, the page calling close(), closed —
// its frames both ways, and the panel's commands on it (send, deliver to the page, close). Ids are kept in a WeakMap;
// open sockets also by id, for commands, and let go when they close (an open socket is kept alive by the browser anyway).
import { isList } from '../shared/guards';
import type { PageLifecycle, RelayToPage } from '../shared/protocol';
import type { Capture, Sock } from './capture';
import type { Intercept, Intercepted, Passage } from './intercept';
import {
  BlobCtor, ErrorCtor, MessageEventCtor, StringCtor, URLCtor, WeakMapCtor, addListener, apply, closeCode, closeReason, closeWasClean, dispatch,
  docUrl, eventTime, isTrusted, list, min, msgData, msgOrigin, now, stopImmediate, timeOrigin, urlOrigin, wmGet, wmSet, wsBinaryType, wsClose,
  wsExtensions, wsProtocol, wsReadyState, wsSend, wsUrl, type Win,
} from './intrinsics';
import type { Recorder } from './recorder';

/** A page could pass a Proxy claiming any length as `protocols`; the browser accepts far fewer than this. */
const MAX_PROTOCOLS = 64;

/** A lifecycle event without the fields every event has. */
type LifecycleFields = PageLifecycle extends infer E ? (E extends PageLifecycle ? Omit<E, 'seq' | 'id' | 't'> : never) : never;

type Command = Extract<RelayToPage, { type: 'command' }>;

/** Why a command was not carried out, as a code the relay puts in words (COMMAND_ERRORS); '' when it was. */
const NOT_OPEN = ['connecting', '', 'closing', 'closed'];

export function createSockets(recorder: Recorder, { frame, panelFrame }: Capture, intercept: Intercept) {
  const socks = new WeakMapCtor<object, Sock>();
  /** Open sockets by id (plain literals), for the panel's commands. */
  const open = list<{ ws: WebSocket; s: Sock } | undefined>();
  let lastId = 0;
  const sockOf = (ws: unknown) => apply(wmGet, socks, [ws]) as Sock | undefined;

  /**
   * Built with literals and spreads, which define properties: assigning a field the object does not have yet would call
   * a page's setter on Object.prototype.
   */
  const life = (s: Sock, event: LifecycleFields) =>
    recorder.record({ seq: recorder.nextSeq(s.doc), id: s.id, t: now(), ...(s.doc ? { doc: s.doc } : null), ...event } as PageLifecycle, s.doc);

  /** A rule's outcome, recorded right after the frame it annotates (`annotates`), or alone (nothing went on). */
  const noted = (s: Sock, dir: 'sent' | 'received', n: Intercepted, annotates: boolean) =>
    life(s, { kind: 'intercepted', dir, rule: n.rule, outcome: n.outcome, frameSeq: annotates ? recorder.lastSeq(s.doc) : undefined, original: n.original, error: n.error });

  /** A received message event as the server's would be, but made here (isTrusted is false), recorded first (by `keep`). */
  const dispatchMessage = (s: Sock, ws: WebSocket, data: unknown, origin: string, keep: typeof frame = frame) => {
    keep(s, 'received', data, ws);
    apply(dispatch, ws, [new MessageEventCtor('message', { __proto__: null, data, origin } as MessageEventInit)]);
  };
  const urlOriginOf = (ws: WebSocket) => apply(urlOrigin, new URLCtor(apply(wsUrl, ws, [])), []) as string;

  /** How a frame interception took over goes on: sent through the native send(), or re-dispatched to the page. */
  const passage = (s: Sock, ws: WebSocket, dir: 'sent' | 'received', origin: string): Passage => ({
    go(data, n) {
      if (dir === 'received') dispatchMessage(s, ws, data, origin);
      else if (apply(wsReadyState, ws, []) !== 1) n = n && { ...n, outcome: 'error', error: 'the socket closed before the frame could go on' };
      else {
        apply(wsSend, ws, [data]);
        frame(s, 'sent', data, ws);
      }
      if (n) noted(s, dir, n, n.outcome !== 'error' || dir === 'received');
    },
    note: (n) => noted(s, dir, n, false),
    reply(text, n) {
      if (apply(wsReadyState, ws, []) !== 1) return;
      dispatchMessage(s, ws, text, urlOriginOf(ws));
      noted(s, 'received', n, true);
    },
  });

  /** The requested protocols as the page passed them: a string or a list (a Proxy's traps may throw, or lie the second time). */
  const protocols = (args: unknown[]) => {
    const out = list<string>();
    const requested = args.length > 1 ? args[1] : undefined;
    if (typeof requested === 'string') out[0] = requested;
    else if (isList(requested))
      try {
        const n = min(requested.length, MAX_PROTOCOLS);
        for (let k = 0; k < n; k++) {
          const p: unknown = requested[k];
          if (typeof p === 'string') out[out.length] = p;
        }
      } catch {}
    return out;
  };

  return {
    track(ws: WebSocket, args: unknown[], doc: number, win: Win, opener?: string) {
      const s: Sock = { id: ++lastId, doc, url: apply(wsUrl, ws, []), q: [list(), list()] };
      apply(wmSet, socks, [ws, s]);
      open[s.id] = { ws, s };
      // A page-installed Error.prepareStackTrace would run if we read .stack: skip the initiator then.
      const initiator = opener ?? ((ErrorCtor as { prepareStackTrace?: unknown }).prepareStackTrace === undefined ? StringCtor(new ErrorCtor().stack) : '');
      const where = doc ? { docUrl: apply(docUrl, win.document, []) } : null;
      life(s, { kind: 'created', url: s.url, protocols: protocols(args), initiator, ...where });
      // Only the browser's own events: a page may dispatch made-up ones at its socket. In the capture phase: at the
      // target, Firefox (as the DOM says) runs a page's capture listeners before any other, whenever they were added.
      const on = (type: string, listener: (e: Event) => void) =>
        apply(addListener, ws, [type, (e: Event) => { try { if (apply(isTrusted, e, [])) listener(e); } catch {} }, true]);
      on('open', () => life(s, { kind: 'open', protocol: apply(wsProtocol, ws, []), extensions: apply(wsExtensions, ws, []) }));
      // An event's timeStamp counts from its own window's time origin: ours for our sockets, a child's for a child's.
      on('message', (e) => {
        const data = apply(msgData, e, []);
        // A rule took the frame over: no page listener sees this event; the page gets it (or not) from interception.
        if (intercept.active() && intercept.frame(s, 'received', data, passage(s, ws, 'received', apply(msgOrigin, e, []))))
          return void apply(stopImmediate, e, []);
        frame(s, 'received', data, ws, doc ? now() : timeOrigin + apply(eventTime, e, []));
      });
      on('error', () => life(s, { kind: 'error' }));
      on('close', (e) => {
        open[s.id] = undefined;
        life(s, { kind: 'closed', code: apply(closeCode, e, []), reason: apply(closeReason, e, []), wasClean: apply(closeWasClean, e, []) });
      });
    },
    /**
     * The panel's composer: `send` through the native send() (the page's own wrappers are not called), `deliver` a
     * message event the page's listeners and onmessage receive as from the server, `close` through the native close().
     * Returns '' when done, else a code for why not (the relay's COMMAND_ERRORS).
     */
    command(m: Command): string {
      const entry = m.socket < open.length ? open[m.socket] : undefined;
      if (!entry || entry.s.doc !== m.doc) return 'gone';
      const { ws, s } = entry;
      const state = apply(wsReadyState, ws, []);
      if (m.action === 'open') return 'gone'; // made by the realm hooker (realm.ts), never here
      if (m.action === 'close') {
        const args = list<unknown>();
        if (m.code !== undefined || m.reason !== undefined) args[0] = m.code;
        if (m.reason !== undefined) args[1] = m.reason;
        try {
          apply(wsClose, ws, args);
        } catch {
          return 'close';
        }
        life(s, { kind: 'closeCalled', code: m.code, reason: m.reason, fromPanel: true });
        return '';
      }
      if (state !== 1) return NOT_OPEN[state];
      const data = m.data;
      if (m.action === 'send') {
        try {
          apply(wsSend, ws, [data]);
        } catch {
          return 'send';
        }
        panelFrame(s, 'sent', data, ws);
        return '';
      }
      const payload = typeof data === 'string' || apply(wsBinaryType, ws, []) !== 'blob' ? data : new BlobCtor([data]);
      // A server's message event carries the origin of the socket's URL; ours does too. isTrusted stays false.
      dispatchMessage(s, ws, payload, urlOriginOf(ws), panelFrame as typeof frame);
      return '';
    },
    /** Before the native send(): whether a rule took the frame over (then the native send() is not called now). */
    takeSend(ws: unknown, args: unknown[]): boolean {
      if (!intercept.active() || !args.length) return false;
      const s = sockOf(ws);
      // Not open: the native send() throws or discards as it always does.
      if (!s || apply(wsReadyState, ws, []) !== 1) return false;
      return intercept.frame(s, 'sent', args[0], passage(s, ws as WebSocket, 'sent', ''));
    },
    /** After a native send() that did not throw; data passed to send() after closing is discarded, so it is no frame. */
    sent(ws: unknown, args: unknown[]) {
      const s = sockOf(ws);
      if (!s || !args.length || apply(wsReadyState, ws, []) !== 1) return;
      frame(s, 'sent', args[0]);
      // As for the initiator: never read .stack when the page installed its own formatter (it would run).
      if (recorder.limits().sendStacks && (ErrorCtor as { prepareStackTrace?: unknown }).prepareStackTrace === undefined)
        life(s, { kind: 'sentFrom', frameSeq: recorder.lastSeq(s.doc), stack: StringCtor(new ErrorCtor().stack) });
    },
    closeCalled(ws: unknown, args: unknown[]) {
      const s = sockOf(ws);
      if (!s) return;
      // Never array destructuring here: it would call the page's Array.prototype[Symbol.iterator].
      const code = args.length > 0 ? args[0] : undefined;
      const reason = args.length > 1 ? args[1] : undefined;
      life(s, { kind: 'closeCalled', code: typeof code === 'number' ? code : undefined, reason: typeof reason === 'string' ? reason : undefined });
    },
  };
}

export type Sockets = ReturnType<typeof createSockets>;
