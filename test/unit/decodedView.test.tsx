// @vitest-environment jsdom
// Decoding in the panel UI: the connection's protocol, the Message column, the Decoded tab with pairs, Decode as,
// Hide heartbeats and filter words on decoded fields.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import type { PanelHost } from '../../src/panel/contracts';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS, type Limits } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

/** As in panel.test.tsx; cast, so that a host method added later does not break these tests (none is called here). */
function fakeHost(): PanelHost {
  return {
    clearPages: vi.fn<() => void>(),
    limits: signal(DEFAULT_LIMITS),
    saveLimits: vi.fn<(l: Limits) => void>(),
    version: '0.0.0-test',
    command: vi.fn(() => Promise.resolve('')),
    setRules: vi.fn(),
    resume: vi.fn(),
  } as Partial<PanelHost> as PanelHost;
}

const SIO = 'ws://h/socket.io/?EIO=4&transport=websocket';

function setup({ plainOnly = false } = {}) {
  const store = createStore({ schedule: (f) => f() });
  const m = messagesFor();
  store.enqueue(m.document());
  store.enqueue(
    m.events(
      plainOnly
        ? [m.created(2, 'ws://h/plain'), m.text(2, 'sent', 'hello')]
        : [
            m.created(1, SIO),
            m.open(1),
            m.text(1, 'received', '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'),
            m.text(1, 'sent', '40'),
            m.text(1, 'received', '40{"sid":"x"}'),
            m.text(1, 'sent', '42["chat","hi"]'),
            m.text(1, 'received', '2'),
            m.text(1, 'sent', '3'),
            m.text(1, 'sent', '421["join","room"]'),
            m.text(1, 'received', '431["ok"]'),
            m.created(2, 'ws://h/plain'),
            m.text(2, 'sent', 'hello'),
          ],
    ),
  );
  render(<App store={store} host={fakeHost()} />);
  return { store };
}

const grid = () => screen.getByRole('grid', { name: 'Frames' });
const bodyRows = () => screen.getAllByRole('row').slice(1);
const dataCells = () => bodyRows().map((r) => r.querySelector('.c-data')!.textContent);
const messageOf = (data: string) => bodyRows().find((r) => r.querySelector('.c-data')?.textContent === data)?.querySelector('.c-message')?.textContent;
const rowWith = (data: string) => bodyRows().find((r) => r.querySelector('.c-data')?.textContent === data)!;
const details = () => screen.getByRole('region', { name: 'Frame details' });

describe('decoded frames in the panel', () => {
  it('shows each connection’s protocol and why', () => {
    setup();
    const list = screen.getByRole('navigation', { name: 'Connections' });
    const sio = within(list).getByRole('button', { name: `Connection ${SIO}` });
    expect(sio.textContent).toContain('Socket.IO (Engine.IO v4)');
    expect(sio.textContent).toContain('detected by URL');
    expect(within(list).getByRole('button', { name: 'Connection ws://h/plain' }).textContent).not.toContain('detected');
  });

  it('adds a Message column with the decoded summary, and keeps Data as it was', () => {
    setup();
    const headers = within(grid()).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(-3)).toEqual(['Type', 'Message', 'Data']);
    expect(messageOf('42["chat","hi"]')).toBe('EVENT chat ["hi"]');
    expect(messageOf('hello')).toBe('');
    expect(dataCells()).toContain('42["chat","hi"]');
    expect(screen.getByRole('separator', { name: 'Resize Message column' })).toBeTruthy();
  });

  it('has no Message column while nothing decodes', () => {
    setup({ plainOnly: true });
    expect(within(grid()).getAllByRole('columnheader').map((h) => h.textContent)).not.toContain('Message');
  });

  it('opens a decoded frame on its Decoded tab, with fields and payload, and jumps to its reply', () => {
    setup();
    fireEvent.click(rowWith('421["join","room"]'));
    const pane = details();
    expect(within(pane).getByRole('tab', { name: 'Decoded' }).getAttribute('aria-selected')).toBe('true');
    const fields = within(pane).getByLabelText('Decoded fields');
    expect(fields.textContent).toContain('EVENT');
    expect(fields.textContent).toContain('join');
    expect(within(pane).getByRole('tree', { name: 'JSON' }).textContent).toContain('room');
    expect(pane.textContent).toMatch(/Reply after \d+ ms/);
    fireEvent.click(within(pane).getByRole('button', { name: 'Go to reply' }));
    expect(within(details()).getByLabelText('Decoded fields').textContent).toContain('ACK');
    expect(within(details()).getByRole('button', { name: 'Go to request' })).toBeTruthy();
    fireEvent.click(within(details()).getByRole('tab', { name: 'Raw frame' }));
    expect(within(details()).getByLabelText('Message').textContent).toBe('431["ok"]');
  });

  it('decodes as Raw when asked, and back', () => {
    const { store } = setup();
    fireEvent.click(rowWith('42["chat","hi"]'));
    const select = within(details()).getByRole('combobox', { name: 'Decode as' }) as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect([...select.options].map((o) => o.value)).toEqual(expect.arrayContaining(['auto', 'raw', 'socket.io', 'msgpack', 'mqtt']));
    fireEvent.change(select, { target: { value: 'raw' } });
    expect(within(details()).queryByRole('tab', { name: 'Decoded' })).toBeNull();
    expect(store.decoding.protocols.value.get('doc1:1')?.decoderId).toBeUndefined();
    fireEvent.change(within(details()).getByRole('combobox', { name: 'Decode as' }), { target: { value: 'auto' } });
    expect(within(details()).getByRole('tab', { name: 'Decoded' })).toBeTruthy();
  });

  it('says why a frame did not decode, and shows it raw', () => {
    setup();
    fireEvent.click(rowWith('hello'));
    fireEvent.change(within(details()).getByRole('combobox', { name: 'Decode as' }), { target: { value: 'json' } });
    expect(details().textContent).toMatch(/Not decoded: .*, showing Raw/);
    expect(within(details()).getByRole('tab', { name: 'Raw frame' }).getAttribute('aria-selected')).toBe('true');
    expect(within(details()).getByLabelText('Message').textContent).toBe('hello');
  });

  it('hides heartbeats, and says how many', () => {
    setup();
    expect(dataCells()).toContain('2');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Hide heartbeats' }));
    expect(dataCells()).not.toContain('2');
    expect(dataCells()).not.toContain('3');
    expect(screen.getByRole('status', { name: 'Status' }).textContent).toContain('2 heartbeats hidden');
  });

  it('filters by decoded fields from the filter box', () => {
    setup();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter' }), { target: { value: 'event:chat' } });
    expect(dataCells()).toEqual(['42["chat","hi"]']);
  });

  it('inflates gzip frames: the Message column and the Decoded tab follow once inflated; a corrupt one shows Raw', async () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    const gz = [...gzipSync('{"type":"snapshot","rows":[1,2,3]}')];
    store.enqueue(m.document());
    store.enqueue(m.events([m.created(3, 'ws://h/feed'), m.open(3), m.binary(3, 'received', gz), m.binary(3, 'received', [...gz.slice(0, 10), ...Array(20).fill(0xff)])]));
    render(<App store={store} host={fakeHost()} />);
    const messages = () => bodyRows().map((r) => r.querySelector('.c-message')?.textContent ?? '').filter(Boolean);
    expect(within(screen.getByRole('navigation', { name: 'Connections' })).getByRole('button', { name: 'Connection ws://h/feed' }).textContent).toContain('detected by content: gzip header');
    expect(messages()).toEqual([`gzip-compressed (${gz.length} B) · inflating…`, 'gzip-compressed (30 B) · inflating…']);
    await waitFor(() => expect(messages()).toEqual(['gzip · {"type":"snapshot","rows":[1,2,3]}', 'gzip-compressed (30 B) · not inflated']));
    fireEvent.click(bodyRows().find((r) => r.textContent?.includes('gzip · '))!);
    expect(within(details()).getByRole('tab', { name: 'Decoded' }).getAttribute('aria-selected')).toBe('true');
    expect(within(details()).getByLabelText('Decoded fields').textContent).toContain('compressiongzip');
    expect(within(details()).getByRole('tree', { name: 'JSON' }).textContent).toContain('snapshot');
    fireEvent.click(bodyRows().find((r) => r.textContent?.includes('not inflated'))!);
    expect(details().textContent).toMatch(/Not decoded: the gzip data did not inflate: .*, showing Raw/);
    expect(within(details()).getByRole('tab', { name: 'Raw frame' }).getAttribute('aria-selected')).toBe('true');
  });

  it('inflates raw deflate only when chosen with Decode as', async () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    store.enqueue(m.document());
    store.enqueue(m.events([m.created(4, 'ws://h/raw'), m.open(4), m.binary(4, 'received', [...deflateRawSync('{"op":"hello"}')])]));
    render(<App store={store} host={fakeHost()} />);
    expect(store.decoding.protocols.value.get('doc1:4')?.decoderId).toBeUndefined();
    fireEvent.click(bodyRows().find((r) => r.querySelector('.c-type')?.textContent === 'binary')!);
    fireEvent.change(within(details()).getByRole('combobox', { name: 'Decode as' }), { target: { value: 'deflate-raw' } });
    await waitFor(() => expect(bodyRows().map((r) => r.querySelector('.c-message')?.textContent)).toContain('raw deflate · {"op":"hello"}'));
    expect(within(details()).getByRole('tree', { name: 'JSON' }).textContent).toContain('hello');
  });
});
