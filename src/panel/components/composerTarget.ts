// Panel UI: which connection the composer acts on, which protocol form it offers, and the payload its content stands
// for there — shared by the composer's parts and the panel's compose action (panelActions.ts).
import { RAW_MODE, templateById, templateFor, type ConnectionFrames, type Template } from '../compose';
import { composable, parsePayload, type ComposerContent } from '../composer';
import { FIRST_FRAMES } from '../decode/registry';
import type { FrameInput } from '../decode/types';
import type { Connection, Row } from '../model';
import type { CommandPayload } from '../../shared/protocol';
import { ALL_CONNECTIONS, type Store } from '../store';

/** The connection the composer acts on: the chosen one while it is open, else the selected one, else the first open one. */
export function composerTarget(store: Store) {
  const open = composable(store.connections.value.values());
  const chosen = store.composer.target.value;
  const selected = store.selected.value;
  return open.find((c) => c.key === chosen) ?? open.find((c) => selected !== ALL_CONNECTIONS && c.key === selected) ?? open[0];
}

/** The protocol form a connection offers: its decoder's (detected, or chosen with Decode as), if that has one. */
export function offeredTemplate(store: Store, c: Connection): Template<any> | undefined {
  return templateFor(store.decoding.protocols.value.get(c.key)?.decoderId);
}

/** How many of a connection's latest frames a form reads for its next free ids (with its first frames, the handshake). */
const RECENT_FRAMES = 2000;

/** A connection's first frames and its latest, in time order, as a template reads them (not what the panel delivered). */
export function connectionFrames(store: Store, c: Connection): ConnectionFrames {
  const all = store.getRows();
  const ours = (r: Row) => r.key === c.key && r.dir !== 'event' && !(r.fromPanel && r.dir === 'received');
  const first: Row[] = [];
  for (let i = 0; i < all.length && first.length < FIRST_FRAMES; i++) if (ours(all[i])) first.push(all[i]);
  const recent: Row[] = [];
  for (let i = all.length - 1; i >= 0 && recent.length < RECENT_FRAMES; i--) if (ours(all[i])) recent.push(all[i]);
  recent.reverse();
  const frames = [...first.filter((r) => !recent.includes(r)), ...recent] as FrameInput[];
  return { hints: { url: c.url, protocol: c.protocol, protocols: c.protocols }, frames };
}

/**
 * The payload the composer's content stands for on `target`, or why none: the raw editor's text in its format, or the
 * form's frame. Without `content`, what the composer holds (a form only where the target offers it); a snippet's form
 * must fit the target's protocol.
 */
export function composedPayload(store: Store, target: Connection, content?: ComposerContent): { payload: CommandPayload } | { error: string } {
  const offered = offeredTemplate(store, target);
  const mode = content?.mode ?? (offered && store.composer.mode.value === offered.id ? offered.id : RAW_MODE);
  const held = content ?? store.composer.content(mode);
  if (mode === RAW_MODE) return parsePayload(held.format, held.text);
  const template = templateById(mode);
  if (!template) return { error: `The composer has no form “${mode}”.` };
  if (template !== offered) {
    const protocol = store.decoding.protocols.value.get(target.key)?.label ?? 'Raw';
    return { error: `That is a ${template.label}, and #${target.n} is not a ${template.protocol} connection (decoded as ${protocol}).` };
  }
  const built = template.build({ ...template.defaults, ...held.form }, template.context(connectionFrames(store, target)));
  return 'error' in built ? built : { payload: built.payload };
}
