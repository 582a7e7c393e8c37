// MAIN world (bundled into the page hook): puts the hook's parts together in a window. Nothing it does may reach the
// page: every path is guarded, and where it gives up the page simply runs uncaptured.
import { PROTOCOL_VERSION } from '../shared/protocol';
import { openChannel } from './channel';
import { createCapture } from './capture';
import { createIntercept } from './intercept';
import type { Win } from './intrinsics';
import { isHooked } from './mask';
import { createRealmHooker } from './realm';
import { createRecorder } from './recorder';
import { createSockets } from './sockets';

export function installHook(w: Win): void {
  try {
    // Before anything that can give up: the relay accepts one port only, so it must be ours, never a page's.
    const channel = openChannel(w);
    // A parent's hook reached this window first and records it: hooking twice would record every frame twice.
    if (isHooked(w)) return channel.close();
    try {
      const recorder = createRecorder(w, channel);
      const intercept = createIntercept(w, channel.post);
      const sockets = createSockets(recorder, createCapture(recorder), intercept);
      const realms = createRealmHooker(sockets);
      channel.listen((m) => {
        if (m.type === 'command')
          channel.post({ v: PROTOCOL_VERSION, type: 'commandDone', requestId: m.requestId, error: m.action === 'open' ? realms.open(m.doc, m) : sockets.command(m) });
        else if (m.type === 'rules') intercept.setRules(m.rules);
        else if (m.type === 'resume') intercept.resume(m);
        else recorder.command(m);
      });
      realms.hookRealm(w, 0);
    } catch {
      channel.close();
    }
  } catch {
    // Never reach the page: without the hook the page simply runs uncaptured.
  }
}
