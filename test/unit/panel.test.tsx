// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import { createStore } from '../../src/panel/store';
import { messagesFor } from './fixtures';

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

function setup() {
  const store = createStore({ schedule: (f) => f() });
  const onClear = vi.fn(() => store.clear());
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
      m.closed(2, 4001, 'bye'),
    ]),
  );
  render(<App store={store} onClear={onClear} />);
  return { store, onClear, m };
}

const dataCells = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('.c-data')!.textContent);

describe('panel', () => {
  it('lists connections with state, document and traffic', () => {
    setup();
    const list = screen.getByRole('list', { name: 'Connections' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3); // All + 2
    expect(items[1].textContent).toContain('ws://127.0.0.1:8080/greet');
    expect(items[1].textContent).toContain('open');
    expect(items[1].textContent).toContain('top document');
    expect(items[1].textContent).toContain('↑ 1 (3 B)');
    expect(items[2].textContent).toContain('closed 4001');
    expect(items[2].textContent).toContain('“bye”');
    expect(items[1].querySelector('.insecure')).not.toBeNull();
    expect(items[2].querySelector('.insecure')).toBeNull();
  });

  it('shows all frames in a grid, with direction, size, type and preview', () => {
    setup();
    const grid = screen.getByRole('grid', { name: 'Frames' });
    const rows = within(grid).getAllByRole('row');
    expect(rows).toHaveLength(1 + 6);
    expect(rows[2].textContent).toMatch(/↑12:00:00\.00\d#13texthey/);
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
    expect(dataCells()).toHaveLength(6);
  });

  it('the Filter box filters live, including frames that arrive later', () => {
    const { store, m } = setup();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter' }), { target: { value: 'HO' } });
    expect(dataCells()).toEqual(['ho!', '00 68 6f  .ho']);
    act(() => store.enqueue(m.events([m.text(1, 'received', 'ho ho')])));
    expect(dataCells()).toEqual(['ho!', '00 68 6f  .ho', 'ho ho']);
    expect(screen.getByRole('status').textContent).toContain('3 of 7 rows shown');
  });

  it('shows an empty state that says what to do', () => {
    render(<App store={createStore({ schedule: (f) => f() })} onClear={() => {}} />);
    expect(screen.getByText(/No WebSockets yet/)).toBeTruthy();
    expect(screen.getByText(/No frames yet/)).toBeTruthy();
  });

  it('Clear empties the table and the status line', () => {
    const { onClear } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onClear).toHaveBeenCalled();
    expect(screen.getAllByRole('row')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toContain('0 of 0 rows shown');
  });

  it('shows dropped counts when a cap dropped frames', () => {
    const { store, m } = setup();
    act(() => store.enqueue(m.events([m.text(1, 'sent', 'late')], 42)));
    expect(screen.getByRole('status').textContent).toContain('42 frames dropped');
  });

  it('renders only the rows in view (virtualised)', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    store.enqueue(m.events([m.created(1), ...Array.from({ length: 5000 }, (_, i) => m.text(1, 'sent', `frame ${i}`))]));
    render(<App store={store} onClear={() => {}} />);
    const rows = screen.getAllByRole('row');
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('5001');
  });
});
