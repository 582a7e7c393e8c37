// @vitest-environment jsdom
// The panel as a daily tool, against a real store: layout, names, keys, filters that do not trap, selection under load,
// markers, menus, copy feedback, the JSON tree's bulk actions.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import type { LayoutPrefs } from '../../src/panel/layout';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

const host = () => ({ clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command: vi.fn(() => Promise.resolve('')), setRules: vi.fn(), resume: vi.fn() });

function setup(saved?: Partial<LayoutPrefs>) {
  let layout: unknown = saved;
  const layoutStorage = { load: () => layout, save: (p: LayoutPrefs) => (layout = p) };
  const store = createStore({ schedule: (f) => f(), layoutStorage });
  const m = messagesFor();
  store.enqueue(m.document());
  store.enqueue(
    m.events([
      m.created(1, 'ws://127.0.0.1:8080/feed'),
      m.open(1),
      m.text(1, 'sent', 'hello'),
      m.text(1, 'received', '{"id":"1","type":"next","payload":{"data":{"a":{"b":[1,2]}}}}'),
    ]),
  );
  render(<App store={store} host={host()} />);
  return { store, m, saved: () => layout as LayoutPrefs };
}

const grid = () => screen.getByRole('grid', { name: 'Frames' });
const rowWith = (text: string) => screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === text)!;
const details = () => screen.queryByRole('region', { name: 'Frame details' });
const selectedText = () => screen.getAllByRole('row').find((r) => r.getAttribute('aria-selected') === 'true')?.querySelector('.c-data')?.textContent;

describe('layout', () => {
  it('resizes the connection list from the keyboard, remembers it, and a double-click resets it', () => {
    const { saved } = setup();
    const splitter = screen.getByRole('separator', { name: 'Resize connection list' });
    const before = Number(splitter.getAttribute('aria-valuenow'));
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(before + 32);
    expect(saved().listWidth).toBe(before + 32);
    fireEvent.dblClick(splitter);
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(before);
  });

  it('starts from the remembered layout, and collapses the connection list', () => {
    setup({ listWidth: 300 });
    expect(screen.getByRole('separator', { name: 'Resize connection list' }).getAttribute('aria-valuenow')).toBe('300');
    fireEvent.click(screen.getByRole('button', { name: 'Connection list' }));
    expect(screen.queryByRole('navigation', { name: 'Connections' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Connection list' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps the chosen columns when the detail pane opens, and puts the pane where the user says', () => {
    setup();
    const headers = () => within(grid()).getAllByRole('columnheader').map((h) => h.textContent);
    const before = headers();
    fireEvent.click(rowWith('hello'));
    expect(details()).not.toBeNull();
    expect(headers()).toEqual(before);
    expect(details()!.className).toContain('detail-beside'); // jsdom's width falls back to 1280
    fireEvent.change(screen.getByRole('combobox', { name: 'Detail position' }), { target: { value: 'below' } });
    expect(details()!.className).toContain('detail-below');
    expect(screen.getByRole('separator', { name: 'Resize details' }).getAttribute('aria-orientation')).toBe('horizontal');
  });

  it('resizes a column from its header, and the width holds', () => {
    const { saved } = setup();
    const splitter = screen.getByRole('separator', { name: 'Resize Time column' });
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    expect(saved().columnWidths.time).toBe(92 + 16);
    expect(grid().style.getPropertyValue('--w-time')).toBe('108px');
  });
});

describe('sockets with names', () => {
  it('numbers sockets across documents and names them by path, in the list and the Socket column', () => {
    const store = createStore({ schedule: (f) => f() });
    const top = messagesFor('top');
    const child = messagesFor('child', 3);
    store.enqueue(top.events([top.created(1, 'ws://h:1/feed'), top.text(1, 'sent', 'a')]));
    store.enqueue(child.events([child.created(1, 'ws://h:1/chat'), child.text(1, 'sent', 'b')]));
    render(<App store={store} host={host()} />);
    const items = within(screen.getByRole('list', { name: 'Connections' })).getAllByRole('listitem').slice(1);
    expect(items.map((i) => i.querySelector('.name')!.textContent)).toEqual(['#1 /feed', '#2 /chat']);
    expect(rowWith('b').querySelector('.c-conn')!.textContent).toBe('#2 /chat');
    expect(rowWith('b').querySelector('.c-conn')!.getAttribute('title')).toBe('ws://h:1/chat');
  });
});

describe('keys', () => {
  /** A listener on document, where Chrome's DevTools forwards an extension panel's keys from. */
  function devtoolsForwarder() {
    const heard: string[] = [];
    const listener = (e: KeyboardEvent) => heard.push(e.key);
    document.addEventListener('keydown', listener);
    return { heard, stop: () => document.removeEventListener('keydown', listener) };
  }

  it('keeps the keys it handles from DevTools, and lets the others through', () => {
    setup();
    const devtools = devtoolsForwarder();
    fireEvent.click(rowWith('hello'));
    fireEvent.keyDown(grid(), { key: 'Escape' }); // closes the detail pane
    expect(details()).toBeNull();
    fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    expect(devtools.heard).toEqual([]);
    fireEvent.keyDown(grid(), { key: 'Escape' }); // nothing to close: DevTools' own Esc (its drawer)
    fireEvent.keyDown(document.body, { key: 'p', ctrlKey: true });
    expect(devtools.heard).toEqual(['Escape', 'p']);
    devtools.stop();
  });

  it('Home, End, PgUp and PgDn move the selection; a single click selects and shows a frame', () => {
    setup();
    fireEvent.keyDown(grid(), { key: 'End' });
    expect(selectedText()).toContain('"type":"next"');
    fireEvent.keyDown(grid(), { key: 'Home' });
    expect(selectedText()).toBe('Connection open');
    fireEvent.keyDown(grid(), { key: 'PageDown' });
    expect(selectedText()).toContain('"type":"next"');
    fireEvent.keyDown(grid(), { key: 'PageUp' });
    expect(selectedText()).toBe('Connection open');
    fireEvent.click(rowWith('hello'));
    expect(details()!.textContent).toContain('hello');
  });
});

describe('filters that do not trap', () => {
  it('names the active filters in the empty table and resets them in one click', () => {
    const { store } = setup();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter' }), { target: { value: 'zzz' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Direction' }), { target: { value: 'sent' } });
    const hint = screen.getByText(/No frames match the filters/);
    expect(hint.textContent).toContain('matching “zzz”, sent only');
    expect(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Reset filters' }).textContent).toBe('2 filters ✕');
    fireEvent.click(within(hint).getByRole('button', { name: 'Reset filters' }));
    expect(store.filter.value).toMatchObject({ query: '', direction: 'all' });
    expect(screen.queryByRole('button', { name: 'Reset filters' })).toBeNull();
  });

  it('shows every frame with Invert and no query', () => {
    setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Invert' }));
    expect(rowWith('hello')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reset filters' })).toBeNull();
  });

  it('keeps the last valid regex result while a regex is typed, with the error under the box', () => {
    setup();
    const box = screen.getByRole('searchbox', { name: 'Filter' });
    for (const q of ['/', '/hel', '/hel(', '/hel(/']) {
      fireEvent.input(box, { target: { value: q } });
      expect(rowWith('hello')).toBeTruthy();
    }
    expect(screen.getByRole('alert').textContent).toMatch(/^Invalid regex: .*Showing the last valid result\.$/);
    expect(screen.getByRole('alert').closest('.filter')).not.toBeNull();
  });
});

describe('selection and follow', () => {
  it('stops following when a row is picked; rows arriving keep it selected; Newest follows again', () => {
    const { store, m } = setup();
    expect(store.following.value).toBe(true);
    fireEvent.click(rowWith('hello'));
    expect(store.following.value).toBe(false);
    act(() => store.enqueue(m.events(Array.from({ length: 50 }, (_, i) => m.text(1, 'received', `more ${i}`)))));
    expect(store.selectedRow.value?.data).toBe('hello');
    fireEvent.click(screen.getByRole('button', { name: 'Jump to newest' }));
    expect(store.following.value).toBe(true);
  });

  it('marks frames not recorded while paused, and frames evicted by the panel’s caps', () => {
    const store = createStore({ schedule: (f) => f(), maxRows: 10 });
    const m = messagesFor();
    store.enqueue(m.events([m.created(1), m.text(1, 'sent', 'before')]));
    store.setPaused(true);
    store.enqueue(m.events([m.text(1, 'sent', 'x'), m.text(1, 'sent', 'y')]));
    store.setPaused(false);
    render(<App store={store} host={host()} />);
    expect(rowWith('2 frames not recorded while paused')).toBeTruthy();
    act(() => store.enqueue(m.events(Array.from({ length: 20 }, (_, i) => m.text(1, 'sent', `n${i}`)))));
    const first = screen.getAllByRole('row')[1];
    expect(first.querySelector('.c-data')!.textContent).toMatch(/^\d+ older frames evicted by this panel's caps/);
    expect(first.className).toContain('type-evicted');
  });
});

describe('small things', () => {
  it('closes menus on Esc and on a click elsewhere', () => {
    setup();
    const menu = screen.getByLabelText('Columns').closest('details')!;
    menu.open = true;
    fireEvent.keyDown(within(menu).getByRole('checkbox', { name: 'Time' }), { key: 'Escape' });
    expect(menu.open).toBe(false);
    menu.open = true;
    fireEvent.pointerDown(grid());
    expect(menu.open).toBe(false);
  });

  it('says what was copied', async () => {
    setup();
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(() => Promise.resolve()) }, configurable: true });
    fireEvent.click(rowWith('hello'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy message' }));
    expect(await screen.findByText('Copied message to the clipboard')).toBeTruthy();
  });

  it('expands and collapses the whole JSON tree, and copies a node’s path', async () => {
    setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(rowWith('{"id":"1","type":"next","payload":{"data":{"a":{"b":[1,2]}}}}'));
    const tree = () => screen.getByRole('tree', { name: 'JSON' });
    const expanded = () => within(tree()).getAllByRole('treeitem').filter((i) => i.getAttribute('aria-expanded') === 'true').length;
    expect(expanded()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(expanded()).toBe(5); // root, payload, data, a, b
    fireEvent.click(screen.getByRole('button', { name: 'Copy path $.payload.data.a.b[1]' }));
    expect(writeText).toHaveBeenCalledWith('$.payload.data.a.b[1]');
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(expanded()).toBe(0);
  });

  it('leads a JSON row’s preview with its telling field when that is not its first key, and tints rows by direction', () => {
    setup();
    const row = rowWith('{"id":"1","type":"next","payload":{"data":{"a":{"b":[1,2]}}}}');
    expect(row.querySelector('.c-data')!.getAttribute('data-lead')).toBe('type: next');
    expect(row.className).toContain('dir-received');
    expect(rowWith('hello').className).toContain('dir-sent');
    expect(within(rowWith('hello')).getByRole('gridcell', { name: 'sent' })).toBeTruthy(); // not colour alone
  });
});
