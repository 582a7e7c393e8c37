import { describe, expect, it } from 'vitest';
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
    expect(s.since).toEqual({ doc1: 4 });
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

  it('drops events it already has (a resubscribe after a reconnect resends from `since`)', () => {
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
    s.selected.value = 'doc1:2';
    expect(s.visible.value.count).toBe(1);
    s.selected.value = ALL_CONNECTIONS;
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
    expect(s.connections.value.get('B:1')!.frameId).toBe(3);
    expect(s.since).toEqual({ A: 2, B: 2 });
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

  it('counts events that never arrived (gaps in seq) and rows dropped by its own cap', () => {
    const s = createStore({ schedule: immediate, maxRows: 10 });
    const m = messagesFor();
    const created = m.created(1);
    m.skip(7); // the relay's history cap dropped 7 frames before the panel attached
    s.enqueue(m.events([created, ...Array.from({ length: 15 }, (_, i) => m.text(1, 'sent', String(i)))]));
    expect(s.getRows().length).toBeLessThanOrEqual(10);
    expect(s.counts.value.dropped).toBe(7 + (15 - s.getRows().length));
    expect(s.visible.value.rows[s.visible.value.indices.at(-1)!].data).toBe('14');
  });

  it('clear forgets frames and closed connections, keeps open ones', () => {
    const s = createStore({ schedule: immediate });
    const m = messagesFor();
    s.enqueue(m.events([m.created(1), m.open(1), m.created(2), m.text(1, 'sent', 'x'), m.closed(2)]));
    s.selected.value = 'doc1:2';
    s.clear();
    expect([...s.connections.value.keys()]).toEqual(['doc1:1']);
    expect(s.connections.value.get('doc1:1')!.sent.count).toBe(0);
    expect(s.visible.value.count).toBe(0);
    expect(s.selected.value).toBe(ALL_CONNECTIONS);
  });
});

describe('navigation without Preserve log', () => {
  const doc = (docId: string, startedAt: number, top = true) =>
    ({ v: 1, type: 'document', frameId: 0, doc: { docId, url: `http://a/${docId}`, top, startedAt } }) as const;

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
