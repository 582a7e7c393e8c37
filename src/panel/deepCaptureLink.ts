// Panel wiring (Chromium DevTools panel, beside transport.ts): the Deep capture switch — asks for the optional `debugger`
// permission from the click, tells the background to attach or detach, and hands the CDP events it passes on to
// cdpSockets.ts and from there to the store, with DevTools' log poller told which worker sockets it shows already.
import { signal, type ReadonlySignal } from '@preact/signals';
import browser from 'webextension-polyfill';
import { PROTOCOL_VERSION, type BackgroundToPanel, type Limits, type PanelToBackground } from '../shared/protocol';
import { createCdpSockets, type DeepSocket } from './cdpSockets';
import type { DeepCapture, DeepCaptureState } from './contracts';
import type { Store } from './store';

/** What transport.ts needs of the switch: where its messages go, and what to do when the port comes back. */
export interface DeepCaptureLink {
  control: DeepCapture;
  /** A `deepCaptureState` or `cdp` message from the background. */
  receive(m: Extract<BackgroundToPanel, { type: 'deepCaptureState' | 'cdp' }>): void;
  /** The port to the background was lost: a restarted service worker has no debugger attached any more. */
  reconnected(): void;
  /** The sockets deep capture shows (for the log poller's dedupe). */
  sockets(): DeepSocket[];
}

/** The optional permission, as Chromium's `permissions.request` takes it (the polyfill's types do not list `debugger`). */
const DEBUGGER = { permissions: ['debugger'] } as unknown as browser.Permissions.Permissions;

export function linkDeepCapture(store: Store, tabId: number, limits: ReadonlySignal<Limits>, post: (m: PanelToBackground) => void): DeepCaptureLink {
  const state = signal<DeepCaptureState>({ on: false, busy: false, reason: '' });
  const cdp = createCdpSockets(() => limits.value.maxPayloadBytes);
  const ask = (on: boolean) => post({ v: PROTOCOL_VERSION, type: 'deepCapture', tabId, on });
  const ended = () => {
    const batches = cdp.endAll(Date.now());
    if (batches.length) store.enqueueLog(batches);
  };

  return {
    control: {
      state,
      set(on) {
        if (!on) {
          state.value = { on: false, busy: false, reason: '' };
          ask(false);
          ended();
          return;
        }
        state.value = { on: false, busy: true, reason: '' };
        // Called in the click's own task: Chrome shows its prompt only for a user gesture.
        browser.permissions.request(DEBUGGER).then(
          (granted) => {
            if (granted) ask(true);
            else state.value = { on: false, busy: false, reason: 'Deep capture needs the “debugger” permission, which was declined.' };
          },
          (e: unknown) => (state.value = { on: false, busy: false, reason: `Deep capture could not ask for the permission: ${e instanceof Error ? e.message : String(e)}` }),
        );
      },
    },
    receive(m) {
      if (m.type === 'deepCaptureState') {
        // Attaching takes a moment; a late "on" after the user turned it off again is not shown as on.
        const { on, busy } = state.value;
        if (m.on && !busy && !on) return ask(false);
        // Already off (the answer to our own "off"): keep saying why it went off, if we know.
        if (!m.on && !busy && !on) return void (m.reason && (state.value = { on, busy, reason: m.reason }));
        state.value = { on: m.on, busy: false, reason: m.reason };
        if (!m.on) ended();
        return;
      }
      if (!state.value.on && !state.value.busy) return;
      const { batch, handshake } = cdp.take(m.event, Date.now());
      if (batch) store.enqueueLog([batch]);
      if (handshake) store.handshakes.add(handshake);
    },
    reconnected() {
      if (!state.value.on && !state.value.busy) return;
      ask(false); // in case the background lived on and only the port broke
      state.value = { on: false, busy: false, reason: 'Deep capture is off: the extension’s background restarted, which ends the debugger session. Turn it on again.' };
      ended();
    },
    sockets() {
      const out: DeepSocket[] = [];
      for (const c of store.connections.value.values()) if (c.source?.via === 'deep') out.push({ url: c.url, createdAt: c.createdAt });
      return out;
    },
  };
}
