// @vitest-environment jsdom
// The session tools in the panel, against a real store: saved filters (save, apply in one click, import a file), pins
// and notes through Clear and the Pinned view, Group by and a group's click, Diff of two selected frames, Copy as code.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

const host = () => ({ clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command: vi.fn(() => Promise.resolve('')), setRules: vi.fn(), resume: vi.fn() });

function setup() {
  const store = createStore({ schedule: (f) => f() });
  store.setOrigin('http://127.0.0.1/');
  const m = messagesFor();
  store.enqueue(m.document());
  store.enqueue(
    m.events([
      m.created(1, 'ws://127.0.0.1:8080/feed'),
      m.open(1),
      m.text(1, 'sent', '{"type":"subscribe","topic":"prices"}'),
      m.text(1, 'received', '{"type":"tick","price":1,"at":"a"}'),
      m.text(1, 'received', '{"type":"tick","price":2,"at":"a"}'),
      m.text(1, 'received', '{"type":"quote","bid":3}'),
      m.closed(1),
    ]),
  );
  render(<App store={store} host={host()} />);
  return { store, m };
}

const shown = () => screen.queryAllByRole('row').map((r) => r.querySelector('.c-data')?.textContent).filter((t): t is string => !!t && t !== 'Data');
const rowWith = (text: string) => screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === text)!;
const details = () => screen.getByRole('region', { name: 'Frame details' });
const filterBox = () => screen.getByRole('searchbox', { name: 'Filter' }) as HTMLInputElement;

describe('saved filters', () => {
  it('saves the filter set under a name, applies it in one click, and imports a file', async () => {
    const { store } = setup();
    fireEvent.input(filterBox(), { target: { value: 'type:tick' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Direction' }), { target: { value: 'received' } });
    const menu = screen.getByRole('group', { name: 'Saved filters' });
    fireEvent.input(within(menu).getByRole('textbox', { name: 'Filter name' }), { target: { value: 'ticks' } });
    fireEvent.change(within(menu).getByRole('combobox', { name: 'Save for' }), { target: { value: 'all' } });
    fireEvent.click(within(menu).getByRole('button', { name: 'Save filter' }));
    expect(screen.getByText('Saved filter “ticks”')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset filters' }));
    expect(shown()).toHaveLength(6);
    fireEvent.click(within(menu).getByRole('button', { name: 'Apply ticks' }));
    expect(filterBox().value).toBe('type:tick');
    expect(store.filter.value.direction).toBe('received');
    expect(shown()).toEqual(['{"type":"tick","price":1,"at":"a"}', '{"type":"tick","price":2,"at":"a"}']);
    expect(within(menu).getByRole('list', { name: 'Saved filter list' }).textContent).toContain('all sites');

    const file = new File([JSON.stringify({ type: 'wsinspector-filters', version: 1, filters: [{ name: 'quotes', scope: 'site', filter: { query: 'type:quote', invert: false, direction: 'all', type: 'all', hideHeartbeats: false } }] })], 'f.json');
    await act(async () => {
      fireEvent.change(within(menu).getByLabelText('Filters file'), { target: { files: [file] } });
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(screen.getByText('Imported 1 filter')).toBeTruthy();
    fireEvent.click(within(menu).getByRole('button', { name: 'Apply quotes' }));
    expect(shown()).toEqual(['{"type":"quote","bid":3}']);
    fireEvent.click(within(menu).getByRole('button', { name: 'Delete quotes' }));
    expect(within(menu).queryByRole('button', { name: 'Apply quotes' })).toBeNull();
  });
});

describe('pins and notes', () => {
  it('pins a frame with a note in the detail pane; after Clear the Pinned view still shows it, note and all', () => {
    setup();
    fireEvent.click(rowWith('{"type":"quote","bid":3}'));
    const pin = within(details()).getByRole('button', { name: 'Pin frame' });
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(pin);
    expect(pin.getAttribute('aria-pressed')).toBe('true');
    fireEvent.input(within(details()).getByRole('textbox', { name: 'Note' }), { target: { value: 'the odd one' } });
    expect(within(rowWith('{"type":"quote","bid":3}')).getByRole('img', { name: 'Pinned: the odd one' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pinned' }).textContent).toContain('(1)');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(shown()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Pinned' }));
    expect(shown()).toEqual(['{"type":"quote","bid":3}']);
    // Its connection, closed and forgotten by Clear, is still named from the pin.
    expect(rowWith('{"type":"quote","bid":3}').querySelector('.c-conn')!.textContent).toBe('#1 ws://127.0.0.1:8080/feed');
    fireEvent.click(rowWith('{"type":"quote","bid":3}'));
    expect((within(details()).getByRole('textbox', { name: 'Note' }) as HTMLInputElement).value).toBe('the odd one');
    expect(within(details()).getByRole('region', { name: 'Connection' }).textContent).toContain('ws://127.0.0.1:8080/feed');
  });

  it('pins and unpins from the row’s context menu', () => {
    const { store } = setup();
    fireEvent.contextMenu(rowWith('{"type":"tick","price":1,"at":"a"}'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Pin frame' }));
    expect(store.pins.pins.value.size).toBe(1);
    fireEvent.contextMenu(rowWith('{"type":"tick","price":1,"at":"a"}'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Unpin frame' }));
    expect(store.pins.pins.value.size).toBe(0);
  });

  it('exports pinned frames with their notes, also from the Pinned view after Clear forgot their connection', async () => {
    setup();
    const files: string[] = [];
    const createObjectURL = vi.fn((b: Blob) => (void b.text().then((t) => files.push(t)), 'blob:x'));
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    fireEvent.contextMenu(rowWith('{"type":"quote","bid":3}'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Pin frame' }));
    fireEvent.click(rowWith('{"type":"quote","bid":3}'));
    fireEvent.input(within(details()).getByRole('textbox', { name: 'Note' }), { target: { value: 'odd' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pinned' }));
    await act(async () => {
      fireEvent.click(screen.getByText('Export HAR'));
      fireEvent.click(screen.getByText('Export NDJSON'));
      await new Promise((r) => setTimeout(r, 10));
    });
    const har = JSON.parse(files[0]);
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0].request.url).toBe('http://127.0.0.1:8080/feed');
    expect(har.log.entries[0]._webSocketMessages).toEqual([{ type: 'receive', time: expect.any(Number), opcode: 1, data: '{"type":"quote","bid":3}', _pinned: true, _note: 'odd' }]);
    expect(JSON.parse(files[1])).toMatchObject({ url: 'ws://127.0.0.1:8080/feed', text: '{"type":"quote","bid":3}', pinned: true, note: 'odd' });
    vi.restoreAllMocks();
  });
});

describe('group by', () => {
  it('lists each value with frames, bytes and rate, and a click filters by it', () => {
    setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Group by' }), { target: { value: 'type' } });
    const groups = screen.getByRole('region', { name: 'Groups' });
    const lines = within(groups).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(lines).toEqual([
      ['tick', '2', '68 B', '2.0/s'],
      ['quote', '1', '24 B', '1.0/s'],
      ['subscribe', '1', '37 B', '1.0/s'],
    ]);
    fireEvent.click(within(groups).getByRole('button', { name: 'Filter by type:tick' }));
    expect(filterBox().value).toBe('type:tick');
    expect(shown()).toEqual(['{"type":"tick","price":1,"at":"a"}', '{"type":"tick","price":2,"at":"a"}']);
    fireEvent.click(within(groups).getByRole('button', { name: 'Close groups' }));
    expect(screen.queryByRole('region', { name: 'Groups' })).toBeNull();
  });

  it('groups by a JSON field path the user types, and a click filters by exactly that value', () => {
    const { store } = setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Group by' }), { target: { value: '$' } });
    const form = screen.getByRole('form', { name: 'Group by a JSON field' });
    const input = within(form).getByRole('textbox', { name: 'JSON field to group by' });
    fireEvent.input(input, { target: { value: 'price.' } });
    fireEvent.submit(form);
    expect(within(form).getByRole('alert').textContent).toMatch(/field name is missing/);
    expect(screen.queryByRole('region', { name: 'Groups' })).toBeNull();
    fireEvent.input(input, { target: { value: 'price' } });
    fireEvent.submit(form);
    expect(store.grouping.field.value).toBe('$.price');
    expect((input as HTMLInputElement).value).toBe('$.price');
    const groups = screen.getByRole('region', { name: 'Groups' });
    expect(groups.querySelector('header strong')?.textContent).toBe('Grouped by $.price');
    const lines = within(groups).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(lines).toEqual([
      ['1', '1', '34 B', '1.0/s'],
      ['2', '1', '34 B', '1.0/s'],
      ['(no $.price)', '2', '61 B', '2.0/s'],
    ]);
    fireEvent.click(within(groups).getByRole('button', { name: 'Filter by $.price:2' }));
    expect(filterBox().value).toBe('$.price:"2"');
    expect(shown()).toEqual(['{"type":"tick","price":2,"at":"a"}']);
    // Back to a decoded field: the path's box goes.
    fireEvent.change(screen.getByRole('combobox', { name: 'Group by' }), { target: { value: 'type' } });
    expect(screen.queryByRole('form', { name: 'Group by a JSON field' })).toBeNull();
    expect(store.grouping.field.value).toBe('type');
  });
});

describe('diff', () => {
  it('compares two frames selected together, by JSON path', () => {
    setup();
    fireEvent.click(rowWith('{"type":"tick","price":1,"at":"a"}'));
    fireEvent.keyDown(screen.getByRole('grid', { name: 'Frames' }), { key: 'ArrowDown', shiftKey: true });
    fireEvent.click(within(details()).getByRole('button', { name: 'Diff' }));
    const diff = within(details()).getByRole('region', { name: 'Diff' });
    expect(within(diff).getByText('JSON: 0 added, 0 removed, 1 changed')).toBeTruthy();
    expect(within(diff).getByRole('list', { name: 'Changes' }).textContent).toBe('~ $.price 1 → 2');
    fireEvent.click(within(diff).getByRole('button', { name: 'Close diff' }));
    expect(within(details()).queryByRole('region', { name: 'Diff' })).toBeNull();
    // Picking another frame shows that frame instead of the diff.
    fireEvent.click(within(details()).getByRole('button', { name: 'Diff' }));
    fireEvent.click(rowWith('{"type":"quote","bid":3}'));
    expect(within(details()).queryByRole('region', { name: 'Diff' })).toBeNull();
    expect(within(details()).queryByRole('button', { name: 'Diff' })).toBeNull();
  });

  it('offers Diff in the context menu of one of two selected frames, and diffs text by character', () => {
    const { store, m } = setup();
    act(() => store.enqueue(m.events([m.created(2, 'ws://127.0.0.1:8080/chat'), m.open(2), m.text(2, 'sent', 'hello world'), m.text(2, 'sent', 'hello there')])));
    fireEvent.click(rowWith('hello world'));
    fireEvent.click(rowWith('hello there'), { ctrlKey: true });
    fireEvent.contextMenu(rowWith('hello there'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Diff selected' }));
    const text = within(details()).getByLabelText('Text diff');
    expect([...text.querySelectorAll('del')].map((d) => d.textContent).join('')).toBe('wold');
    expect([...text.querySelectorAll('ins')].map((d) => d.textContent).join('')).toBe('thee');
    const without = (tag: string) => [...text.childNodes].filter((n) => n.nodeName.toLowerCase() !== tag).map((n) => n.textContent).join('');
    expect(without('ins')).toBe('hello world');
    expect(without('del')).toBe('hello there');
  });
});

describe('copy as code', () => {
  it('shows the selected connection as JavaScript and websocat, and copies them', async () => {
    setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Connection ws://127.0.0.1:8080/feed' }));
    const bar = screen.getByRole('group', { name: 'Connection actions' });
    const menu = bar.querySelector('details.copy-as-code') as HTMLDetailsElement;
    menu.open = true;
    fireEvent(menu, new Event('toggle'));
    const js = within(bar).getByLabelText('JavaScript').textContent!;
    expect(js).toContain('const ws = new WebSocket("ws://127.0.0.1:8080/feed");');
    expect(js).toContain('[0, "{\\"type\\":\\"subscribe\\",\\"topic\\":\\"prices\\"}"],');
    expect(within(bar).getByLabelText('websocat').textContent).toContain(`printf '%s\\0' '{"type":"subscribe","topic":"prices"}' | websocat -n -0 'ws://127.0.0.1:8080/feed'`);
    await act(async () => {
      fireEvent.click(within(bar).getByRole('button', { name: 'Copy JavaScript' }));
    });
    expect(writeText).toHaveBeenCalledWith(js);
  });

  it('copies a connection as code from its context menu in the connection list', async () => {
    setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.contextMenu(screen.getByRole('button', { name: 'Connection ws://127.0.0.1:8080/feed' }));
    const menu = screen.getByRole('menu', { name: 'Connection #1 actions' });
    expect(within(menu).getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Copy as JavaScript', 'Copy as websocat command']);
    await act(async () => {
      fireEvent.click(within(menu).getByRole('menuitem', { name: 'Copy as websocat command' }));
    });
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining(`| websocat -n -0 'ws://127.0.0.1:8080/feed'`));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(await screen.findByText('Copied websocat command to the clipboard')).toBeTruthy();
  });
});
