// Panel UI: the actions the App hands its components (contracts.ts's PanelActions) — exports, copy, the composer's send
// and deliver, a row's frame actions, socket commands and replay — done through the host, and refused in an imported
// session, which has no page to act on.
import { payloadOf } from '../actions';
import type { PanelActions, PanelHost } from '../contracts';
import { copyText, saveFile } from '../dom';
import { buildHar, buildNdjson } from '../exporters';
import type { Connection } from '../model';
import { replayPlan } from '../replay';
import type { CommandPayload } from '../../shared/protocol';
import { ALL_CONNECTIONS, type Store } from '../store';
import { composedPayload, composerTarget } from './composerTarget';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** A recording has no page to act on: what the panel says when asked to. */
const READ_ONLY = 'This is an imported session: it is read-only and has no page to act on.';

interface PanelWiring {
  store: Store;
  host: PanelHost;
  readOnly: boolean;
  onImport?: (file: File) => void;
  /** Says something in the panel's short notice. */
  notify: (text: string) => void;
}

export function panelActions({ store, host, readOnly, onImport, notify }: PanelWiring): PanelActions {
  /** Sends on or delivers to one socket, and says how it went in the composer and in a notice. */
  const run = async (c: Connection, action: 'send' | 'deliver', payload: CommandPayload) => {
    const error = await host.command(c, { action, payload });
    const done = `${action === 'send' ? 'Sent to the server on' : 'Delivered to the page on'} #${c.n}`;
    store.composer.setStatus(error ? { ok: false, text: error } : { ok: true, text: done });
    notify(error || done);
  };
  const fail = (text: string) => {
    store.composer.setStatus({ ok: false, text });
    notify(text);
  };

  return {
    readOnly,
    importFile: onImport,
    clear() {
      if (readOnly) return;
      store.clear();
      host.clearPages();
    },
    exportHar() {
      const { rows, indices } = store.visible.value;
      const shown = indices.map((i) => rows[i]);
      const keys = new Set(shown.map((r) => r.key));
      const sel = store.selected.value;
      const pins = store.pins.pins.value;
      // A pinned frame's connection may be gone (a Clear forgets closed ones): its pin kept it.
      const live = store.connections.value;
      const gone = new Map(shown.flatMap((r) => (pins.get(r)?.connection && !live.has(r.key) ? [[r.key, pins.get(r)!.connection!] as const] : [])));
      const conns = [...live.values(), ...gone.values()].filter((c) => (sel === ALL_CONNECTIONS ? keys.has(c.key) || !shown.length : c.key === sel));
      const handshakeOf = (c: Connection) => store.handshakes.of(c, live.values());
      saveFile(`websockets-${stamp()}.har`, 'application/json', JSON.stringify(buildHar(conns, shown, host.version, pins, handshakeOf), null, 2));
    },
    exportNdjson() {
      const { rows, indices } = store.visible.value;
      saveFile(`websocket-frames-${stamp()}.ndjson`, 'application/x-ndjson', buildNdjson(indices.map((i) => rows[i]), store.connections.value, store.pins.pins.value));
    },
    copy(text, what = 'Copied') {
      void copyText(text).then((ok) => notify(ok ? `${what} to the clipboard` : 'Copying was refused by the browser'));
    },
    notify,
    compose(action, content) {
      if (readOnly) return fail(READ_ONLY);
      const target = composerTarget(store);
      if (!target) return fail('No open connection: a frame can only go over an open socket.');
      const parsed = composedPayload(store, target, content);
      if ('error' in parsed) return fail(parsed.error);
      void run(target, action, parsed.payload);
    },
    frameAction(row, action) {
      if (readOnly) return notify(READ_ONLY);
      if (action === 'edit') return store.composer.edit(row);
      if (action === 'replay') return store.replay.show(true);
      const c = store.connections.value.get(row.key);
      if (!c || c.state !== 'open') return fail('That frame’s connection is not open any more.');
      const payload = payloadOf(row);
      if (!payload) return fail('Only part of that frame was kept, so it cannot be sent again whole.');
      void run(c, action === 'resend' ? 'send' : 'deliver', payload);
    },
    async command(c, command, done) {
      const error = await host.command(c, command);
      notify(error || done);
    },
    replay(c, frames, timing, intervalMs) {
      if (readOnly) return notify(READ_ONLY);
      const plan = replayPlan(frames, timing, intervalMs);
      void store.replay.start(plan, (row) => {
        const payload = payloadOf(row);
        if (!payload) return Promise.resolve('only part of it was kept, so it cannot be sent whole');
        return host.command(c, { action: row.dir === 'sent' ? 'send' : 'deliver', payload });
      });
    },
    limits: host.limits,
    saveLimits: host.saveLimits,
    openResource: host.openResource,
  };
}
