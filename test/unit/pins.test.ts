// Pins and notes against a real store: pinned frames outlive Clear, the panel's caps and navigation; the Pinned view
// shows them under the filters; at most MAX_PINS; exported with HAR (`_pinned`, `_note`) and NDJSON.
import { describe, expect, it } from 'vitest';
import { buildHar, buildNdjson } from '../../src/panel/exporters';
import type { Row } from '../../src/panel/model';
import { createPins, MAX_NOTE, MAX_PINS } from '../../src/panel/pins';
import { createStore } from '../../src/panel/store';
import { messagesFor } from './fixtures';

function setup(maxRows?: number) {
  const store = createStore({ schedule: (f) => f(), maxRows });
  const m = messagesFor();
  store.enqueue(m.document());
  store.enqueue(m.events([m.created(1, 'ws://127.0.0.1:1/feed'), m.open(1), m.text(1, 'sent', 'keep me'), m.text(1, 'received', 'other'), m.closed(1)]));
  const row = (data: string) => store.getRows().find((r) => r.data === data)!;
  const shown = () => {
    const { rows, indices } = store.visible.value;
    return indices.map((i) => rows[i].data);
  };
  return { store, m, row, shown };
}

describe('pins', () => {
  it('survive Clear (even once their closed connection is forgotten), and the Pinned view shows them', () => {
    const { store, row, shown } = setup();
    const kept = row('keep me');
    expect(store.pins.toggle(kept, store.connections.value.get(kept.key))).toEqual({ pinned: true });
    store.pins.setNote(kept, 'the login');
    store.clear();
    expect(store.connections.value.size).toBe(0);
    expect(shown()).toEqual([]);
    store.pins.setOnly(true);
    expect(shown()).toEqual(['keep me']);
    expect(store.counts.value.shownFrames).toBe(1);
    expect(store.filtersActive.value).toEqual(['pinned frames only']);
    expect(store.pins.pins.value.get(kept)).toMatchObject({ note: 'the login', connection: { url: 'ws://127.0.0.1:1/feed' } });
    // The filters apply in the Pinned view too; Reset filters shows every frame again.
    store.setFilter({ query: 'nothing like it' });
    expect(shown()).toEqual([]);
    store.resetFilters();
    expect(store.pins.only.value).toBe(false);
  });

  it('survive the panel’s caps and a navigation', () => {
    const { store, m, row, shown } = setup(10);
    const kept = row('keep me');
    store.pins.toggle(kept);
    store.enqueue(m.events(Array.from({ length: 30 }, (_, i) => m.text(1, 'received', `flood ${i}`))));
    expect(store.getRows()).not.toContain(kept);
    store.navigated('http://127.0.0.1/next', Date.now() + 1e9);
    store.pins.setOnly(true);
    expect(shown()).toEqual(['keep me']);
  });

  it('toggle off, unpinning the last leaves the Pinned view, lifecycle rows cannot be pinned, notes are bounded', () => {
    const { store, row } = setup();
    const kept = row('keep me');
    store.pins.toggle(kept);
    store.pins.setOnly(true);
    store.pins.setNote(kept, 'x'.repeat(MAX_NOTE + 10));
    expect(store.pins.pins.value.get(kept)!.note).toHaveLength(MAX_NOTE);
    expect(store.pins.toggle(kept)).toEqual({ pinned: false });
    expect(store.pins.only.value).toBe(false);
    const open = store.getRows().find((r) => r.type === 'open')!;
    expect(store.pins.toggle(open)).toEqual({ error: 'Only frames can be pinned.' });
  });

  it('hold at most MAX_PINS and say so when full', () => {
    const pins = createPins();
    const frame = (t: number): Row => ({ key: 'd:1', seq: t, t, dir: 'sent', type: 'text', data: `f${t}`, length: 2, truncated: false });
    for (let i = 0; i < MAX_PINS; i++) pins.toggle(frame(i));
    expect(pins.full.value).toBe(true);
    expect(pins.toggle(frame(-1))).toEqual({ error: 'At most 1,000 frames can be pinned: unpin some first.' });
    expect(pins.pins.value.size).toBe(MAX_PINS);
    // In time order, whatever the order pinned.
    const late = createPins();
    late.toggle(frame(5));
    late.toggle(frame(2));
    expect(late.list(() => true).rows.map((r) => r.t)).toEqual([2, 5]);
  });

  it('go out with HAR (custom fields on the message, the HAR otherwise unchanged) and NDJSON', () => {
    const { store, row } = setup();
    const kept = row('keep me');
    store.pins.toggle(kept, store.connections.value.get(kept.key));
    store.pins.setNote(kept, 'why');
    const c = store.connections.value.get(kept.key)!;
    const frames = [kept, row('other')];
    const har = buildHar([c], frames, '0', store.pins.pins.value);
    expect(har.log.entries[0]._webSocketMessages).toEqual([
      { type: 'send', time: kept.t / 1000, opcode: 1, data: 'keep me', _pinned: true, _note: 'why' },
      { type: 'receive', time: row('other').t / 1000, opcode: 1, data: 'other' },
    ]);
    store.clear();
    const lines = buildNdjson([kept], store.connections.value, store.pins.pins.value).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ url: 'ws://127.0.0.1:1/feed', text: 'keep me', pinned: true, note: 'why' })]);
  });
});
