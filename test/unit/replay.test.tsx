// @vitest-environment jsdom
// Replay (src/panel/replay.ts), multi-select, and the connection's own actions, against a real store with a fake host.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import type { PanelHost } from '../../src/panel/contracts';
import type { Row } from '../../src/panel/model';
import { MAX_ORIGINAL_GAP_MS, createReplay, replayPlan } from '../../src/panel/replay';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

const row = (t: number, dir: Row['dir'] = 'sent', data = `t${t}`): Row => ({ key: 'k', seq: t, t, dir, type: 'text', data, length: 1, truncated: false });

describe('replayPlan', () => {
  it('keeps frames in time order, leaves lifecycle rows out, and waits as asked', () => {
    const rows = [row(30), row(10), row(20, 'event'), row(15, 'received'), row(100_000)];
    expect(replayPlan(rows, 'original', 0)).toEqual({ frames: [rows[1], rows[3], rows[0], rows[4]], waits: [0, 5, 15, MAX_ORIGINAL_GAP_MS] });
    expect(replayPlan(rows, 'interval', 40).waits).toEqual([0, 40, 40, 40]);
    expect(replayPlan(rows, 'fast', 40).waits).toEqual([0, 0, 0, 0]);
  });
});

describe('createReplay', () => {
  it('sends one frame at a time, in order, each after the page answered for the one before', async () => {
    const replay = createReplay();
    const order: string[] = [];
    let pending = 0;
    const send = async (r: Row) => {
      expect(pending).toBe(0);
      pending++;
      await new Promise((res) => setTimeout(res, 1));
      pending--;
      order.push(r.data as string);
      return '';
    };
    const slept: number[] = [];
    await replay.start(replayPlan([row(1), row(3), row(2)], 'original', 0), send, async (ms) => void slept.push(ms));
    expect(order).toEqual(['t1', 't2', 't3']);
    expect(slept).toEqual([1, 1]);
    expect(replay.state.value).toEqual({ done: 3, total: 3, running: false, error: '' });
  });

  it('stops at the first refusal, saying which frame, and on demand', async () => {
    const replay = createReplay();
    await replay.start(replayPlan([row(1), row(2), row(3)], 'fast', 0), async (r) => (r.t === 2 ? 'The socket is closed.' : ''));
    expect(replay.state.value).toEqual({ done: 1, total: 3, running: false, error: 'Frame 2: The socket is closed.' });
    const send = vi.fn(async () => '');
    let wake = () => {};
    const run = replay.start(replayPlan([row(1), row(2)], 'interval', 1000), send, () => new Promise<void>((r) => (wake = r)));
    await Promise.resolve();
    replay.stop();
    wake();
    await run;
    expect(send).toHaveBeenCalledTimes(1);
    expect(replay.state.value).toMatchObject({ done: 1, running: false });
  });
});

describe('in the panel', () => {
  function setup() {
    const store = createStore({ schedule: (f) => f() });
    const command = vi.fn<PanelHost['command']>(() => Promise.resolve(''));
    const host: PanelHost = { clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command, setRules: vi.fn(), resume: vi.fn() };
    const m = messagesFor();
    store.enqueue(m.events([m.created(1, 'ws://h/feed'), m.open(1), ...['a', 'b', 'c', 'd'].map((x) => m.text(1, 'sent', x)), m.text(1, 'received', 'r')]));
    render(<App store={store} host={host} />);
    return { store, command };
  }
  const rowWith = (text: string) => screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === text)!;
  const marked = () => screen.getAllByRole('row').filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.querySelector('.c-data')!.textContent);

  it('selects several rows with Ctrl-click, Shift-click, Shift+↓ and Ctrl+A', () => {
    setup();
    const grid = screen.getByRole('grid', { name: 'Frames' });
    fireEvent.click(rowWith('a'));
    fireEvent.click(rowWith('c'), { ctrlKey: true });
    expect(marked()).toEqual(['a', 'c']);
    fireEvent.click(rowWith('d'), { shiftKey: true });
    expect(marked()).toEqual(['c', 'd']);
    fireEvent.click(rowWith('b'));
    fireEvent.keyDown(grid, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(grid, { key: 'ArrowDown', shiftKey: true });
    expect(marked()).toEqual(['b', 'c', 'd']);
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect(marked()).toEqual(['Connection open', 'a', 'b', 'c', 'd', 'r']);
  });

  it('replays the selected frames in order on the chosen connection: sent ones to the server, received ones to the page', async () => {
    const { command } = setup();
    fireEvent.click(rowWith('b'));
    fireEvent.click(rowWith('r'), { ctrlKey: true });
    fireEvent.click(rowWith('a'), { ctrlKey: true });
    fireEvent.keyDown(screen.getByRole('grid', { name: 'Frames' }), { key: 'p' });
    const bar = screen.getByRole('group', { name: 'Replay' });
    expect(bar.textContent).toContain('Replay 3 frames');
    fireEvent.change(within(bar).getByRole('combobox', { name: 'Replay timing' }), { target: { value: 'fast' } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Start replay' }));
    await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(command.mock.calls.map(([c, cmd]) => [c.id, cmd])).toEqual([
      [1, { action: 'send', payload: { type: 'text', text: 'a' } }],
      [1, { action: 'send', payload: { type: 'text', text: 'b' } }],
      [1, { action: 'deliver', payload: { type: 'text', text: 'r' } }],
    ]);
    expect(bar.textContent).toContain('Replayed 3 of 3');
  });

  it('closes the selected connection with a code and reason, and reconnects it', async () => {
    const { command } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Connection ws://h/feed' }));
    const bar = screen.getByRole('group', { name: 'Connection actions' });
    fireEvent.input(within(bar).getByRole('spinbutton', { name: 'Close code' }), { target: { value: '4000' } });
    fireEvent.input(within(bar).getByRole('textbox', { name: 'Close reason' }), { target: { value: 'done' } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Close connection' }));
    fireEvent.click(within(bar).getByRole('button', { name: 'Reconnect' }));
    await act(() => Promise.resolve());
    expect(command.mock.calls.map(([, cmd]) => cmd)).toEqual([
      { action: 'close', code: 4000, reason: 'done' },
      { action: 'open', url: 'ws://h/feed', protocols: [] },
    ]);
  });
});
