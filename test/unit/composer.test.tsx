// @vitest-environment jsdom
// The composer: parsing what the user wrote (src/panel/composer.ts), and the UI against a real store with a fake host.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import { draftOf, parsePayload, reformatJson } from '../../src/panel/composer';
import type { PanelHost } from '../../src/panel/contracts';
import type { Row } from '../../src/panel/model';
import { createStore } from '../../src/panel/store';
import { base64ToBytes } from '../../src/shared/codec';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

describe('parsePayload', () => {
  it('takes text as is, and JSON only when it parses', () => {
    expect(parsePayload('text', 'hi {')).toEqual({ payload: { type: 'text', text: 'hi {' } });
    expect(parsePayload('json', '{"a":1}')).toEqual({ payload: { type: 'text', text: '{"a":1}' } });
    expect(parsePayload('json', '{"a":')).toMatchObject({ error: expect.stringMatching(/^Not valid JSON/) });
  });

  it('reads hex with or without spaces, and Base64 with or without padding', () => {
    const bytes = (r: ReturnType<typeof parsePayload>) => ('payload' in r && r.payload.type === 'binary' ? [...base64ToBytes(r.payload.base64)] : r);
    expect(bytes(parsePayload('hex', '68 69 ff'))).toEqual([0x68, 0x69, 0xff]);
    expect(bytes(parsePayload('hex', '6869FF'))).toEqual([0x68, 0x69, 0xff]);
    expect(bytes(parsePayload('base64', 'aGk'))).toEqual([0x68, 0x69]);
    expect(parsePayload('hex', '6 8 0')).toMatchObject({ error: expect.stringMatching(/^Not hex/) });
    expect(parsePayload('hex', 'zz')).toMatchObject({ error: expect.stringMatching(/^Not hex/) });
    expect(parsePayload('base64', 'a$b')).toEqual({ error: 'Not Base64.' });
  });

  it('pretty-prints and compacts JSON, and leaves anything else alone', () => {
    expect(reformatJson('{"a":[1,2]}', true)).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(reformatJson('{\n "a": 1 }', false)).toBe('{"a":1}');
    expect(reformatJson('not json', true)).toBe('not json');
  });

  it('drafts a frame as JSON, text or hex', () => {
    const row = (data: string | Uint8Array): Row => ({ key: 'k', seq: 1, t: 1, dir: 'sent', type: 'text', data, length: 1, truncated: false });
    expect(draftOf(row('{"x":1}'))).toEqual({ format: 'json', text: '{"x":1}' });
    expect(draftOf(row('plain'))).toEqual({ format: 'text', text: 'plain' });
    expect(draftOf(row(new Uint8Array([1, 255])))).toEqual({ format: 'hex', text: '01 ff' });
  });
});

describe('the composer in the panel', () => {
  function setup(answer = '') {
    const store = createStore({ schedule: (f) => f() });
    const command = vi.fn<PanelHost['command']>(() => Promise.resolve(answer));
    const host: PanelHost = { clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command, setRules: vi.fn(), resume: vi.fn() };
    const m = messagesFor('doc1', 4);
    store.enqueue(m.events([m.created(1, 'ws://h/feed'), m.open(1), m.text(1, 'sent', 'hello'), m.text(1, 'received', '{"a":1}'), m.created(2, 'ws://h/gone'), m.open(2), m.closed(2)]));
    render(<App store={store} host={host} />);
    fireEvent.click(screen.getByRole('button', { name: 'Composer' }));
    return { store, command };
  }
  const message = () => screen.getByRole('textbox', { name: 'Message' });
  const rowWith = (text: string) => screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === text)!;

  it('offers open connections only, and sends the message on the chosen one with Ctrl+Enter', async () => {
    const { command } = setup();
    const picker = screen.getByRole('combobox', { name: 'Connection' });
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['#1 /feed']);
    fireEvent.input(message(), { target: { value: 'ping' } });
    fireEvent.keyDown(message(), { key: 'Enter', ctrlKey: true });
    await act(() => Promise.resolve());
    expect(command).toHaveBeenCalledWith(expect.objectContaining({ docId: 'doc1', id: 1, browserFrameId: 4 }), { action: 'send', payload: { type: 'text', text: 'ping' } });
    expect(screen.getByRole('region', { name: 'Composer' }).textContent).toContain('Sent to the server on #1');
  });

  it('delivers binary to the page, and refuses invalid input with a message, sending nothing', async () => {
    const { command } = setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'hex' } });
    fireEvent.input(message(), { target: { value: '01 0' } });
    expect(screen.getByText(/^Not hex/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Deliver to page' }));
    expect(command).not.toHaveBeenCalled();
    fireEvent.input(message(), { target: { value: '01 02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Deliver to page' }));
    await act(() => Promise.resolve());
    expect(command).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }), { action: 'deliver', payload: { type: 'binary', base64: 'AQI=' } });
  });

  it('says why the page did not act', async () => {
    setup('The socket is closed.');
    fireEvent.input(message(), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send to server' }));
    await act(() => Promise.resolve());
    expect(screen.getByRole('region', { name: 'Composer' }).textContent).toContain('The socket is closed.');
  });

  it('resends a sent frame (R), delivers a received one again, and edits a frame in the composer (E)', async () => {
    const { command, store } = setup();
    const grid = screen.getByRole('grid', { name: 'Frames' });
    fireEvent.click(rowWith('hello'));
    fireEvent.keyDown(grid, { key: 'r' });
    fireEvent.contextMenu(rowWith('{"a":1}'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Deliver to page again' }));
    await act(() => Promise.resolve());
    expect(command.mock.calls.map((c) => c[1])).toEqual([
      { action: 'send', payload: { type: 'text', text: 'hello' } },
      { action: 'deliver', payload: { type: 'text', text: '{"a":1}' } },
    ]);
    fireEvent.keyDown(grid, { key: 'e' });
    expect(message()).toHaveProperty('value', '{"a":1}');
    expect(store.composer.format.value).toBe('json');
  });

  it('marks frames the panel sent or delivered, in words and with a mark', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    const created = m.created(1);
    store.enqueue(m.events([created, { ...m.text(1, 'sent', 'from panel'), fromPanel: true }]));
    render(<App store={store} host={{ clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command: vi.fn(), setRules: vi.fn(), resume: vi.fn() }} />);
    expect(within(rowWith('from panel')).getByRole('gridcell', { name: 'sent from the panel' }).textContent).toBe('↑✎');
  });
});
