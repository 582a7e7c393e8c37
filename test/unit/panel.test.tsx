// @vitest-environment jsdom
// The panel UI against a real store: components, filters, detail views, keyboard paths.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import type { PanelHost } from '../../src/panel/contracts';
import { createStore, type Persistence } from '../../src/panel/store';
import { DEFAULT_LIMITS, type Limits } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

function fakeHost() {
  return {
    clearPages: vi.fn<() => void>(),
    limits: signal(DEFAULT_LIMITS),
    saveLimits: vi.fn<(l: Limits) => void>(),
    version: '0.0.0-test',
    command: vi.fn(() => Promise.resolve('')),
    setRules: vi.fn(),
    resume: vi.fn(),
  } satisfies PanelHost;
}

function setup({ persistence }: { persistence?: Persistence } = {}) {
  const store = createStore({ schedule: (f) => f(), persistence });
  const host = fakeHost();
  const m = messagesFor();
  store.enqueue(m.document());
  store.enqueue(
    m.events([
      m.created(1, 'ws://127.0.0.1:8080/greet'),
      m.open(1),
      m.text(1, 'sent', 'hey'),
      m.text(1, 'received', 'ho!'),
      m.created(2, 'wss://example.test/binary'),
      m.binary(2, 'received', [0x00, 0x68, 0x6f]),
      m.text(2, 'received', '<img src=x onerror=alert(1)>'),
      m.text(2, 'received', '{"type":"tick","price":1.5,"nested":{"deep":[1,2,3]}}'),
      m.closed(2, 4001, 'bye'),
    ]),
  );
  render(<App store={store} host={host} />);
  return { store, host, m };
}

const dataCells = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('.c-data')!.textContent);
const grid = () => screen.getByRole('grid', { name: 'Frames' });
const filterBox = () => screen.getByRole('searchbox', { name: 'Filter' });
const typeFilter = (value: string) => fireEvent.input(filterBox(), { target: { value } });
const rowWith = (text: string) => screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === text)!;
const details = () => screen.queryByRole('region', { name: 'Frame details' });

describe('connections and frames', () => {
  it('lists connections with scheme, state, document, traffic and duration', () => {
    setup();
    const items = within(screen.getByRole('list', { name: 'Connections' })).getAllByRole('listitem');
    expect(items).toHaveLength(3); // All + 2
    expect(items[1].textContent).toContain('ws://127.0.0.1:8080/greet');
    expect(items[1].textContent).toContain('open');
    expect(items[1].textContent).toContain('top document');
    expect(items[1].textContent).toContain('↑ 1 (3 B)');
    expect(items[1].querySelector('.insecure')).not.toBeNull();
    expect(items[2].querySelector('.secure')).not.toBeNull();
    expect(items[2].textContent).toContain('closed 4001');
    expect(items[2].textContent).toContain('“bye”');
    expect(items[2].querySelector('.duration')!.textContent).toMatch(/ms$/);
  });

  it('shows frames with direction, time, Δ, socket, size, type and preview', () => {
    setup();
    const rows = within(grid()).getAllByRole('row');
    expect(rows).toHaveLength(1 + 7);
    expect(rows[2].textContent).toMatch(/^↑12:00:00\.00\d\+1\.0 ms#1 127\.0\.0\.1:8080\/greet3texthey$/);
    expect(dataCells()).toContain('00 68 6f  .ho');
  });

  it('renders page data as text, never as HTML', () => {
    setup();
    expect(dataCells()).toContain('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });

  it('selecting a connection shows only its frames', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Connection ws://127.0.0.1:8080/greet' }));
    expect(dataCells()).toEqual(['Connection open', 'hey', 'ho!']);
    fireEvent.click(screen.getByRole('button', { name: /All connections/ }));
    expect(dataCells()).toHaveLength(7);
  });

  it('shows empty states that say what to do', () => {
    render(<App store={createStore({ schedule: (f) => f() })} host={fakeHost()} />);
    expect(screen.getByText(/No WebSockets yet/)).toBeTruthy();
    expect(screen.getByText(/No frames yet/)).toBeTruthy();
  });

  it('renders only the rows in view (virtualised)', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    store.enqueue(m.events([m.created(1), ...Array.from({ length: 5000 }, (_, i) => m.text(1, 'sent', `frame ${i}`))]));
    render(<App store={store} host={fakeHost()} />);
    expect(screen.getAllByRole('row').length).toBeLessThan(100);
    expect(grid().getAttribute('aria-rowcount')).toBe('5001');
  });

  it('hides and shows columns', () => {
    setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Δ' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Size' }));
    const headers = within(grid()).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['⇅', 'Time ▲', 'Socket', 'Type', 'Data']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Size' }));
    expect(within(grid()).getAllByRole('columnheader')).toHaveLength(6);
  });

  it('sorts by time, newest first', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: /Time\b/ }));
    expect(within(grid()).getByRole('columnheader', { name: /Time/ }).getAttribute('aria-sort')).toBe('descending');
    expect(dataCells()[0]).toBe('Closed: code 4001 reason "bye"');
    expect(dataCells().at(-1)).toBe('Connection open');
  });
});

describe('filters', () => {
  it('filters by text, live, including frames that arrive later', () => {
    const { store, m } = setup();
    typeFilter('HO');
    expect(dataCells()).toEqual(['ho!', '00 68 6f  .ho']);
    act(() => store.enqueue(m.events([m.text(1, 'received', 'ho ho')])));
    expect(dataCells()).toEqual(['ho!', '00 68 6f  .ho', 'ho ho']);
    expect(screen.getByRole('status').textContent).toContain('3 of 6 frames');
  });

  it('filters by /regex/flags', () => {
    setup();
    typeFilter('/^h(ey|o!)$/');
    expect(dataCells()).toEqual(['hey', 'ho!']);
  });

  it('shows an inline error for an invalid regex and keeps the last valid result', () => {
    setup();
    typeFilter('/^h/');
    const valid = ['hey', 'ho!', '00 68 6f  .ho']; // binary frames match by their printable run "ho"
    expect(dataCells()).toEqual(valid);
    typeFilter('/^h(/');
    expect(screen.getByRole('alert').textContent).toMatch(/Invalid regex/);
    expect(filterBox().getAttribute('aria-invalid')).toBe('true');
    expect(dataCells()).toEqual(valid);
    typeFilter('/^h(e)/');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(dataCells()).toEqual(['hey']);
  });

  it('finds binary frames by hex bytes', () => {
    setup();
    typeFilter('68 6f');
    expect(dataCells()).toEqual(['00 68 6f  .ho']);
  });

  it('inverts', () => {
    setup();
    typeFilter('o');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    expect(dataCells()).toEqual(['hey', '{"type":"tick","price":1.5,"nested":{"deep":[1,2,3]}}']);
  });

  it('filters by direction and by type, combined with text and connection', () => {
    setup();
    const direction = screen.getByRole('combobox', { name: 'Direction' });
    const type = screen.getByRole('combobox', { name: 'Type' });
    fireEvent.change(direction, { target: { value: 'sent' } });
    expect(dataCells()).toEqual(['hey']);
    fireEvent.change(direction, { target: { value: 'received' } });
    fireEvent.change(type, { target: { value: 'binary' } });
    expect(dataCells()).toEqual(['00 68 6f  .ho']);
    fireEvent.change(type, { target: { value: 'lifecycle' } });
    fireEvent.change(direction, { target: { value: 'all' } });
    expect(dataCells()).toEqual(['Connection open', 'Closed: code 4001 reason "bye"']);
    fireEvent.change(type, { target: { value: 'text' } });
    typeFilter('o');
    fireEvent.click(screen.getByRole('button', { name: 'Connection wss://example.test/binary' }));
    expect(dataCells()).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('remembers filters per origin across a panel reload', () => {
    const saved = new Map<string, unknown>();
    const persistence: Persistence = {
      load: (o) => (saved.get(o) as object) ?? {},
      save: (o, v) => saved.set(o, structuredClone(v)),
    };
    const first = setup({ persistence });
    act(() => first.store.setOrigin('http://127.0.0.1:8080/page'));
    typeFilter('ho');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    cleanup();
    const second = setup({ persistence });
    expect(filterBox()).toHaveProperty('value', '');
    act(() => second.store.setOrigin('http://127.0.0.1:8080/other'));
    expect(filterBox()).toHaveProperty('value', 'ho');
    expect(screen.getByRole('checkbox', { name: 'Invert' })).toHaveProperty('checked', true);
    act(() => second.store.setOrigin('http://elsewhere.test/'));
    expect(filterBox()).toHaveProperty('value', '');
  });
});

describe('detail pane', () => {
  it('shows a JSON frame as a collapsible tree with a raw view', () => {
    setup();
    fireEvent.click(rowWith('{"type":"tick","price":1.5,"nested":{"deep":[1,2,3]}}'));
    const pane = details()!;
    const tree = within(pane).getByRole('tree', { name: 'JSON' });
    expect(tree.textContent).toContain('type: "tick"');
    expect(tree.textContent).toContain('price: 1.5');
    const nested = within(tree).getByRole('button', { name: /^▸ nested:/ });
    expect(nested.closest('[role=treeitem]')!.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(nested);
    expect(tree.textContent).toContain('deep: Array(3)');
    fireEvent.click(within(pane).getByRole('tab', { name: 'Raw' }));
    expect(within(pane).getByLabelText('Message').textContent).toBe('{"type":"tick","price":1.5,"nested":{"deep":[1,2,3]}}');
    expect(pane.textContent).toContain('URL');
    expect(pane.textContent).toContain('wss://example.test/binary');
  });

  it('shows binary frames as a hex dump, Base64 and UTF-8 (or says it is not UTF-8)', () => {
    const { store, m } = setup();
    act(() => store.enqueue(m.events([m.binary(2, 'received', [0xff, 0xfe, 0x41])])));
    fireEvent.click(rowWith('00 68 6f  .ho'));
    const pane = details()!;
    expect(within(pane).getByLabelText('Hex dump').textContent).toMatch(/^00000000  00 68 6f\s+\.ho\n$/);
    fireEvent.click(within(pane).getByRole('tab', { name: 'Base64' }));
    expect(within(pane).getByLabelText('Base64').textContent).toBe('AGhv');
    fireEvent.click(within(pane).getByRole('tab', { name: 'UTF-8' }));
    expect(within(pane).getByLabelText('UTF-8').textContent).toBe('\u0000ho');
    fireEvent.click(rowWith('ff fe 41  ..A'));
    fireEvent.click(within(details()!).getByRole('tab', { name: 'UTF-8' }));
    expect(details()!.textContent).toContain('Not valid UTF-8');
  });

  it('shows the close code, reason, cleanliness and who closed', () => {
    setup();
    fireEvent.click(rowWith('Closed: code 4001 reason "bye"'));
    const text = details()!.textContent!;
    expect(text).toContain('Close code4001');
    expect(text).toContain('Close reasonbye');
    expect(text).toContain('Clean closetrue');
    expect(text).toContain('Closed bythe server');
  });

  it('says when invalid JSON looks like JSON, and shows it as text', () => {
    const { store, m } = setup();
    act(() => store.enqueue(m.events([m.text(1, 'received', '{"broken":')])));
    fireEvent.click(rowWith('{"broken":'));
    expect(details()!.textContent).toContain('Looks like JSON but is not valid');
    expect(within(details()!).getByLabelText('Message').textContent).toBe('{"broken":');
  });

  it('pages a huge text frame instead of rendering it all', () => {
    const { store, m } = setup();
    const big = 'x'.repeat(1024 * 1024);
    act(() => store.enqueue(m.events([m.text(1, 'received', big)])));
    fireEvent.click(screen.getAllByRole('row').at(-1)!);
    expect(within(details()!).getByLabelText('Message').textContent!.length).toBe(256 * 1024);
    fireEvent.click(within(details()!).getByRole('button', { name: /Show more/ }));
    expect(within(details()!).getByLabelText('Message').textContent!.length).toBe(1024 * 1024);
  });

  it('opens a lazy tree for a 10,000-deep JSON document', () => {
    const { store, m } = setup();
    act(() => store.enqueue(m.events([m.text(1, 'received', '['.repeat(10_000) + ']'.repeat(10_000))])));
    fireEvent.click(screen.getAllByRole('row').at(-1)!);
    expect(within(details()!).getAllByRole('treeitem')).toHaveLength(2); // the root and its one collapsed child
  });

  it('copies the message in every format', () => {
    setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(rowWith('hey'));
    for (const name of ['Copy message', 'Copy as Base64', 'Copy as hex']) fireEvent.click(within(details()!).getByRole('button', { name }));
    expect(writeText.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['hey', 'aGV5', '68 65 79']);
    expect(within(details()!).queryByRole('button', { name: 'Copy as JSON' })).toBeNull();
  });

  it('offers the same copy actions in a context menu on rows', () => {
    setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.contextMenu(rowWith('{"type":"tick","price":1.5,"nested":{"deep":[1,2,3]}}'));
    const menu = screen.getByRole('menu', { name: 'Frame actions' });
    expect(within(menu).getAllByRole('menuitem').map((i) => i.getAttribute('aria-label') ?? i.textContent)).toEqual([
      'Deliver to page again',
      'Edit and resend',
      'Replay selected…',
      'Pin frame',
      'Copy message',
      'Copy as Base64',
      'Copy as hex',
      'Copy as JSON',
    ]);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Copy as JSON' }));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify({ type: 'tick', price: 1.5, nested: { deep: [1, 2, 3] } }, null, 2));
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('keyboard', () => {
  it('↑/↓ move through frames, Enter opens the detail pane, Esc closes it', () => {
    setup();
    grid().focus();
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(screen.getAllByRole('row').find((r) => r.getAttribute('aria-selected') === 'true')!.textContent).toContain('hey');
    fireEvent.keyDown(grid(), { key: 'ArrowUp' });
    fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(details()!.textContent).toContain('Connection open');
    fireEvent.keyDown(grid(), { key: 'Escape' });
    expect(details()).toBeNull();
  });

  it('Ctrl+F focuses the filter and Ctrl+K clears', () => {
    const { host } = setup();
    fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(filterBox());
    fireEvent.keyDown(document.body, { key: 'k', metaKey: true });
    expect(screen.getAllByRole('row')).toHaveLength(1);
    expect(host.clearPages).toHaveBeenCalled();
  });

  it('every control has an accessible name', () => {
    setup();
    for (const el of document.querySelectorAll('button, input, select, summary')) {
      const name = el.getAttribute('aria-label') || el.textContent?.trim() || (el.closest('label')?.textContent ?? '').trim();
      expect(name, el.outerHTML).toBeTruthy();
    }
  });
});

describe('toolbar', () => {
  it('Clear empties the table and the status line and tells the pages', () => {
    const { host } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(host.clearPages).toHaveBeenCalled();
    expect(screen.getAllByRole('row')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('0 of 0 frames');
  });

  it('pause counts frames instead of showing them; record shows new ones again', () => {
    const { store, m } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Pause recording' }));
    act(() => store.enqueue(m.events([m.text(1, 'sent', 'while paused'), m.text(1, 'sent', 'also paused')])));
    expect(dataCells()).not.toContain('while paused');
    expect(screen.getByRole('status').textContent).toContain('2 frames not recorded while paused');
    fireEvent.click(screen.getByRole('button', { name: 'Resume recording' }));
    act(() => store.enqueue(m.events([m.text(1, 'sent', 'after')])));
    expect(dataCells()).toContain('after');
  });

  it('without Preserve log a navigation starts afresh; with it, a marker row is added', () => {
    const { store, m } = setup();
    act(() => store.navigated('http://127.0.0.1:8080/next'));
    expect(screen.getAllByRole('row')).toHaveLength(1);
    expect(within(screen.getByRole('list', { name: 'Connections' })).getAllByRole('listitem')).toHaveLength(1);
    // Late messages from the old document are ignored.
    act(() => store.enqueue(m.events([m.text(1, 'sent', 'late')])));
    expect(screen.getAllByRole('row')).toHaveLength(1);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Preserve log' }));
    const next = messagesFor('doc2');
    act(() => store.enqueue(next.events([next.created(1), next.text(1, 'sent', 'on the new page')])));
    act(() => store.navigated('http://127.0.0.1:8080/third'));
    expect(dataCells()).toEqual(['on the new page', 'Navigated to http://127.0.0.1:8080/third']);
  });

  it('shows dropped counts when a cap dropped frames', () => {
    const { store, m } = setup();
    m.skip(42);
    act(() => store.enqueue(m.events([m.text(1, 'sent', 'late')])));
    expect(screen.getByRole('status').textContent).toContain('42 frames dropped');
  });

  it('says apart what never reached the panel and what the panel\'s own caps evicted', () => {
    const store = createStore({ schedule: (f) => f(), maxBytes: 1000 });
    const m = messagesFor();
    const created = m.created(1);
    m.skip(3);
    store.enqueue(m.events([created, ...Array.from({ length: 10 }, (_, i) => m.text(1, 'sent', String(i).padStart(100, '0')))]));
    render(<App store={store} host={fakeHost()} />);
    const status = screen.getByRole('status').textContent;
    expect(status).toContain('3 frames dropped before reaching the panel');
    expect(status).toContain("6 frames evicted by this panel's caps (⚙ Settings)");
  });

  it('saves the caps from the settings form', () => {
    const { host, store } = setup();
    const form = screen.getByRole('form', { name: 'Settings' });
    expect(within(form).getByLabelText<HTMLInputElement>('Payload kept in this panel (MiB)').value).toBe('512');
    fireEvent.input(within(form).getByLabelText(/Frames kept per document/), { target: { value: '500' } });
    fireEvent.input(within(form).getByLabelText(/Payload kept per frame/), { target: { value: '64' } });
    fireEvent.input(within(form).getByLabelText(/Rows kept in this panel/), { target: { value: '5000' } });
    fireEvent.input(within(form).getByLabelText(/Payload kept in this panel/), { target: { value: '64' } });
    fireEvent.submit(form);
    expect(host.saveLimits).toHaveBeenCalledWith({ maxFrames: 500, maxBytes: DEFAULT_LIMITS.maxBytes, maxPayloadBytes: 64 * 1024, sendStacks: false });
    expect(store.maxRows.value).toBe(5000);
    expect(store.maxBytes.value).toBe(64 * 1024 * 1024);
  });

  it('exports the visible frames as HAR and NDJSON files', async () => {
    setup();
    const saved: { name: string; blob: Blob }[] = [];
    URL.createObjectURL = (b: Blob) => `blob:${saved.push({ name: '', blob: b })}`;
    URL.revokeObjectURL = () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved[Number(this.href.split(':').at(-1)) - 1].name = this.download;
    });
    typeFilter('h');
    fireEvent.click(screen.getByRole('button', { name: 'Export HAR' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export NDJSON' }));
    click.mockRestore();
    expect(saved.map((s) => s.name)).toEqual([expect.stringMatching(/\.har$/), expect.stringMatching(/\.ndjson$/)]);
    const har = JSON.parse(await saved[0].blob.text());
    expect(har.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual(['http://127.0.0.1:8080/greet', 'https://example.test/binary']);
    expect(har.log.entries[0]._webSocketMessages.map((x: { data: string }) => x.data)).toEqual(['hey', 'ho!']);
    const ndjson = (await saved[1].blob.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(ndjson.map((l) => l.text ?? l.base64)).toEqual(['hey', 'ho!', 'AGhv']);
  });
});
