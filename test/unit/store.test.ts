import { describe, expect, it } from 'vitest';
import { keptBytes } from '../../src/panel/rows';
import { ALL_CONNECTIONS, createStore } from '../../src/panel/store';
import { messagesFor } from './fixtures';

const immediate = (apply: () => void) => apply();

describe('store', () => {
  it('builds connections and rows from messages', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.document());
    s.enqueue(m.events([m.created(1), m.open(1), m.text(1, 'sent', 'hey'), m.text(1, 'received', 'ho!')]));
    const c = s.connections.value.get('doc1:1')!;
    expect(c).toMatchObject({ state: 'open', sent: { count: 1, bytes: 3 }, received: { count: 1, bytes: 3 } });
    expect(s.visible.value.count).toBe(3); // open + 2 frames
    expect(s.counts.value).toMatchObject({ frames: 2, bytes: 6, shown: 3, rows: 3, dropped: 0 });
    expect(s.receivedThrough).toEqual({ doc1: 4 });
  });

  it('batches: nothing changes until the scheduled apply runs', () => {
    const pending: (() => void)[] = [];
    const s = createStore({ schedule: (f) => pending.push(f) });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1)]));
    s.enqueue(m.events([m.text(1, 'sent', 'a')]));
    expect(pending).toHaveLength(1);
    expect(s.connections.value.size).toBe(0);
    pending[0]();
    expect(s.connections.value.size).toBe(1);
    expect(s.visible.value.count).toBe(1);
  });

  it('drops events it already has (a resubscribe after a reconnect resends after `receivedThrough`)', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    const first = [m.created(1), m.text(1, 'sent', 'a')];
    const second = [m.text(1, 'sent', 'b')];
    s.enqueue(m.events(first));
    s.enqueue(m.events([...first, ...second]));
    expect(s.visible.value.count).toBe(2);
    expect(s.connections.value.get('doc1:1')!.sent.count).toBe(2);
  });

  it('filters by selected connection and by text, including rows that arrive later', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), m.created(2), m.text(1, 'sent', 'alpha'), m.text(2, 'sent', 'beta')]));
    s.selectConnection('doc1:2');
    expect(s.visible.value.count).toBe(1);
    s.selectConnection(ALL_CONNECTIONS);
    s.setFilter({ query: 'ALP' });
    expect(s.visible.value.count).toBe(1);
    s.enqueue(m.events([m.text(2, 'received', 'Alpine')]));
    expect(s.visible.value.count).toBe(2);
    s.setFilter({ query: '' });
    expect(s.visible.value.count).toBe(3);
  });

  it('does not count what the user cleared as dropped', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    const created = m.created(1);
    m.skip(5);
    s.enqueue(m.events([created, m.text(1, 'sent', 'after the clear')], 6));
    expect(s.counts.value.dropped).toBe(0);
    m.skip(2);
    s.enqueue(m.events([m.text(1, 'sent', 'two lost before this')], 6));
    expect(s.counts.value.dropped).toBe(2);
  });

  it('keeps per-document sequences apart', () => {
    const s = createStore({ schedule: immediate });
    const a = messagesFor('A', 0);
    const b = messagesFor('B', 3);
    s.enqueue(a.events([a.created(1), a.text(1, 'sent', 'x')]));
    s.enqueue(b.events([b.created(1), b.text(1, 'sent', 'y')]));
    expect(s.connections.value.size).toBe(2);
    expect(s.connections.value.get('B:1')!.browserFrameId).toBe(3);
    expect(s.receivedThrough).toEqual({ A: 2, B: 2 });
  });

  it('marks sockets of a document that went away as closed', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.document());
    s.enqueue(m.events([m.created(1), m.open(1)]));
    s.enqueue({ v: 1, type: 'documentGone', docId: 'doc1' });
    expect(s.connections.value.get('doc1:1')!.state).toBe('closed');
    expect(s.documents.value.get('doc1')!.gone).toBe(true);
  });

  it('counts events that never arrived (gaps in seq) apart from rows evicted by its own cap', () => {
    const s = createStore({ schedule: immediate, maxRows: 10 });
    const m = messagesFor();
    const created = m.created(1);
    m.skip(7); // the relay's history cap dropped 7 frames before the panel attached
    s.enqueue(m.events([created, ...Array.from({ length: 15 }, (_, i) => m.text(1, 'sent', String(i)))]));
    expect(s.getRows().length).toBeLessThanOrEqual(10);
    expect(s.counts.value.dropped).toBe(7);
    const frames = s.getRows().filter((r) => r.dir !== 'event');
    expect(s.counts.value.evicted).toBe(15 - frames.length);
    // The table marks where rows went: the evicted ones (which took the marker of the dropped ones with them) first.
    expect(s.getRows()[0]).toMatchObject({ type: 'evicted', data: `${15 - frames.length} older frames evicted by this panel's caps (⚙ Settings)` });
    expect(s.visible.value.rows[s.visible.value.indices.at(-1)!].data).toBe('14');
  });

  it('clear forgets frames and closed connections, keeps open ones', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), m.open(1), m.created(2), m.text(1, 'sent', 'x'), m.closed(2)]));
    s.selectConnection('doc1:2');
    s.clear();
    expect([...s.connections.value.keys()]).toEqual(['doc1:1']);
    expect(s.connections.value.get('doc1:1')!.sent.count).toBe(0);
    expect(s.visible.value.count).toBe(0);
    expect(s.selected.value).toBe(ALL_CONNECTIONS);
  });
});

describe('the panel\'s byte cap', () => {
  const text100 = (m: ReturnType<typeof messagesFor>, i: number) => m.text(1, 'sent', String(i).padStart(100, '0')); // 200 bytes as UTF-16

  it('evicts the oldest rows beyond the payload kept, down to 90% of it, and counts them apart from losses', () => {
    const s = createStore({ schedule: immediate, maxBytes: 1000 });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), ...Array.from({ length: 10 }, (_, i) => text100(m, i))]));
    const [marker, ...kept] = s.getRows();
    expect(kept.map((r) => Number(r.data))).toEqual([6, 7, 8, 9]);
    expect(marker).toMatchObject({ type: 'evicted', data: "6 older frames evicted by this panel's caps (⚙ Settings)", t: kept[0].t });
    expect(s.counts.value).toMatchObject({ evicted: 6, dropped: 0, keptBytes: 800 + keptBytes(marker), rows: 5, frames: 10 });
  });

  it('keeps its running total equal to the payload of the rows kept (text as UTF-16, binary by byteLength)', () => {
    const s = createStore({ schedule: immediate, maxBytes: 5000 });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), m.open(1)]));
    for (let batch = 0; batch < 20; batch++)
      s.enqueue(m.events([text100(m, batch), m.binary(1, 'received', Array.from({ length: 50 + batch }, (_, i) => i))]));
    const recount = s.getRows().reduce((sum, r) => sum + keptBytes(r), 0);
    expect(s.counts.value.keptBytes).toBe(recount);
    expect(recount).toBeLessThanOrEqual(5000);
    expect(s.counts.value.evicted).toBeGreaterThan(0);
    expect(keptBytes(s.getRows().at(-1)!)).toBe(69); // the newest binary frame: 69 bytes
  });

  it('applies new caps at once, and a clear restarts the count', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), ...Array.from({ length: 10 }, (_, i) => text100(m, i))]));
    expect(s.counts.value.evicted).toBe(0);
    s.setCaps({ maxRows: s.maxRows.value, maxBytes: 1000 });
    expect(s.maxBytes.value).toBe(1000);
    expect(s.counts.value).toMatchObject({ evicted: 6, rows: 5 });
    s.clear();
    expect(s.counts.value).toMatchObject({ evicted: 0, rows: 0, keptBytes: 0 });
  });
});

describe('actions', () => {
  it('moves the selection in display order, either way the table is sorted', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), m.text(1, 'sent', 'a'), m.text(1, 'sent', 'b'), m.text(1, 'sent', 'c')]));
    s.moveSelection(1);
    expect(s.selectedRow.value!.data).toBe('a');
    s.moveSelection(1);
    expect(s.selectedRow.value!.data).toBe('b');
    s.toggleSort();
    s.moveSelection(1);
    expect(s.selectedRow.value!.data).toBe('a');
    s.moveSelection(-5);
    expect(s.selectedRow.value!.data).toBe('c');
    s.openDetail();
    expect(s.detailOpen.value).toBe(true);
    s.closeDetail();
    expect(s.detailOpen.value).toBe(false);
  });

  it('gives components signals they cannot write (checked by tsc)', () => {
    const s = createStore({ schedule: immediate });
    const writes = () => {
      // @ts-expect-error state changes only through actions
      s.paused.value = true;
      // @ts-expect-error state changes only through actions
      s.selectedRow.value = undefined;
      // @ts-expect-error state changes only through actions
      s.filter.value = { ...s.filter.value, query: 'x' };
    };
    expect(writes).toBeTypeOf('function');
    s.setPaused(true);
    expect(s.paused.value).toBe(true);
  });
});

describe('navigation without Preserve log', () => {
  const doc = (docId: string, startedAt: number, top = true) =>
    ({ v: 1, type: 'document', browserFrameId: 0, doc: { docId, url: `http://a/${docId}`, top, startedAt } }) as const;

  it('keeps the new page’s documents even when they reported before the navigation event', () => {
    const s = createStore({ schedule: immediate });
    const old = messagesFor('old');
    const next = messagesFor('new');
    s.enqueue(doc('old', 1000));
    s.enqueue(old.events([old.created(1), old.text(1, 'sent', 'before')]));
    s.enqueue(doc('new', 2000));
    s.enqueue(next.events([next.created(1), next.text(1, 'sent', 'after')]));
    s.navigated('http://a/new', 2000);
    expect([...s.connections.value.keys()]).toEqual(['new:1']);
    expect(s.visible.value.count).toBe(1);
  });

  it('without the new page’s start, uses the newest top document that started since the last navigation', () => {
    const s = createStore({ schedule: immediate });
    const old = messagesFor('old');
    const next = messagesFor('new');
    s.enqueue(doc('old', 1000));
    s.enqueue(old.events([old.created(1)]));
    s.enqueue(doc('new', 2000));
    s.enqueue(next.events([next.created(1)]));
    s.navigated('http://a/new');
    expect([...s.connections.value.keys()]).toEqual(['new:1']);
  });

  it('without the new page’s start and before it reported, forgets everything known', () => {
    const s = createStore({ schedule: immediate });
    const old = messagesFor('old');
    s.enqueue(doc('old', 1000));
    s.enqueue(old.events([old.created(1)]));
    s.navigated('http://a/new');
    expect(s.connections.value.size).toBe(0);
    s.enqueue(old.events([old.text(1, 'sent', 'late')]));
    expect(s.visible.value.count).toBe(0);
  });

  it('remembers when the last navigation or Clear was, from which the network layer’s handshakes are compared with the sockets shown', () => {
    const s = createStore({ schedule: immediate });
    expect(s.resetAt()).toBe(-Infinity);
    s.navigated('http://a/new', 2000);
    expect(s.resetAt()).toBe(2000);
    const before = Date.now();
    s.clear();
    expect(s.resetAt()).toBeGreaterThanOrEqual(before);
  });
});

describe('remembered settings', () => {
  it('keeps what the user typed before the inspected origin was known, and remembers it for that origin', () => {
    const saved = new Map<string, unknown>([['http://a', { filter: { query: 'old', invert: false, direction: 'all', type: 'all' } }]]);
    const persistence = { load: (o: string) => (saved.get(o) as object) ?? {}, save: (o: string, v: unknown) => saved.set(o, v) };
    const s = createStore({ schedule: immediate, persistence });
    s.setFilter({ query: 'typed early' });
    s.setOrigin('http://a/page');
    expect(s.filter.value.query).toBe('typed early');
    expect((saved.get('http://a') as { filter: { query: string } }).filter.query).toBe('typed early');
    s.setOrigin('http://b/');
    expect(s.filter.value.query).toBe('');
    s.setOrigin('http://a/again');
    expect(s.filter.value.query).toBe('typed early');
  });
});
