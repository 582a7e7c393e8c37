// @vitest-environment jsdom
// An imported session beside the live one: Import and drop open a file (read here by the parser the worker runs), the
// tabs switch between the sessions, the imported one is read-only, obeys the caps, and closes; bad files say why.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../src/panel/components/Sessions';
import type { PanelHost } from '../../src/panel/contracts';
import { buildHar } from '../../src/panel/exporters';
import type { Importer } from '../../src/panel/importFile';
import { ImportError } from '../../src/panel/importBuilder';
import { importMessages, readImport } from '../../src/panel/importSlices';
import { reduceConnection, rowFromEvent, type Row } from '../../src/panel/model';
import { createSessions } from '../../src/panel/sessions';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

/** The worker's work, done in this thread: the same parser and the same messages, delivered asynchronously. */
const inlineImporter: Importer = (file, on) => {
  let cancelled = false;
  void (async () => {
    try {
      const parsed = await readImport(file);
      for (const { message } of importMessages(parsed)) if (!cancelled) on(message);
    } catch (e) {
      if (!cancelled) on({ type: 'error', message: e instanceof ImportError ? e.message : String(e) });
    }
  })();
  return () => void (cancelled = true);
};

function harFile(name = 'bug-report.har') {
  const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
  let c = reduceConnection(undefined, { kind: 'created', seq: 1, id: 1, t: t0, url: 'wss://recorded.test/feed', protocols: [], initiator: '' }, 'd', 0);
  c = reduceConnection(c, { kind: 'open', seq: 2, id: 1, t: t0 + 1, protocol: '', extensions: '' }, 'd', 0);
  const rows: Row[] = ['recorded one', 'recorded two', 'recorded three'].map(
    (data, i) => rowFromEvent({ kind: 'frame', seq: 3 + i, id: 1, t: t0 + 10 + i, dir: i % 2 ? 'received' : 'sent', type: 'text', data, length: data.length, truncated: false }, c.key)!,
  );
  return new File([JSON.stringify(buildHar([c], rows, '0.1.0'))], name, { type: 'application/json' });
}

function setup({ maxRows }: { maxRows?: number } = {}) {
  const live = createStore({ schedule: (f) => f(), maxRows });
  const m = messagesFor();
  live.enqueue(m.document());
  live.enqueue(m.events([m.created(1, 'ws://127.0.0.1:8080/live'), m.open(1), m.text(1, 'sent', 'live frame')]));
  const host: PanelHost = { clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0.0.0-test', command: vi.fn(() => Promise.resolve('')), setRules: vi.fn(), resume: vi.fn() };
  const sessions = createSessions(live, (caps) => createStore({ ...caps, schedule: (f) => f() }), inlineImporter);
  render(<Panel sessions={sessions} host={host} />);
  return { sessions, host, live };
}

const dataCells = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('.c-data')!.textContent);
const settle = () => act(() => new Promise((r) => setTimeout(r, 20)));
const chooseFile = async (file: File) => {
  const input = screen.getByLabelText('Open HAR or NDJSON') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await settle();
};

describe('an imported session', () => {
  it('opens from Import beside the live tab, read-only, and closes back to the live session', async () => {
    const { host } = setup();
    expect(screen.queryByRole('tablist', { name: 'Sessions' })).toBeNull();
    expect(dataCells()).toContain('live frame');
    await chooseFile(harFile());
    const tabs = within(screen.getByRole('tablist', { name: 'Sessions' })).getAllByRole('tab');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Live', 'false'],
      ['bug-report.har', 'true'],
    ]);
    expect(dataCells()).toEqual(['Connection open', 'recorded one', 'recorded two', 'recorded three']);
    expect(screen.getByText(/^Opened bug-report\.har: 1 connection, 3 frames\./)).toBeTruthy();
    // Read-only: nothing that acts on a page.
    for (const name of ['Clear', 'Composer', 'Rules', 'Pause recording']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.getByRole('button', { name: 'Import' })).toBeTruthy();
    // Every panel feature still works on it: the filter, the connection list.
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter' }), { target: { value: 'two' } });
    expect(dataCells()).toEqual(['recorded two']);
    expect(screen.getByRole('list', { name: 'Connections' }).textContent).toContain('wss://recorded.test/feed');
    // Back to the live tab and to the import again: each keeps its own state.
    fireEvent.click(tabs[0]);
    expect(dataCells()).toEqual(['Connection open', 'live frame']);
    expect(screen.getByRole('button', { name: 'Clear' })).toBeTruthy();
    fireEvent.click(within(screen.getByRole('tablist', { name: 'Sessions' })).getAllByRole('tab')[1]);
    expect(dataCells()).toEqual(['recorded two']);
    fireEvent.click(screen.getByRole('button', { name: 'Close imported session' }));
    expect(screen.queryByRole('tablist', { name: 'Sessions' })).toBeNull();
    expect(dataCells()).toEqual(['Connection open', 'live frame']);
    expect(host.command).not.toHaveBeenCalled();
    expect(host.setRules).toHaveBeenCalled(); // the live App's rules, as before
  });

  it('opens a file dropped on the panel', async () => {
    setup();
    const file = harFile('dropped.har');
    fireEvent.drop(screen.getByRole('grid', { name: 'Frames' }), { dataTransfer: { files: [file], types: ['Files'] } });
    await settle();
    expect(screen.getByRole('tab', { name: 'dropped.har' }).getAttribute('aria-selected')).toBe('true');
    expect(dataCells()).toContain('recorded two');
  });

  it('obeys the live session’s caps and says what they left out', async () => {
    setup({ maxRows: 3 });
    await chooseFile(harFile());
    expect(screen.getByText(/left out by the panel's caps/)).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Status' }).textContent).toMatch(/evicted by this panel's caps/);
  });

  it('says in words why a file cannot be opened, and stays on the live session', async () => {
    setup();
    await chooseFile(new File(['{"log": {'], 'broken.har'));
    expect(screen.getByRole('alert').textContent).toMatch(/^Could not open broken\.har: Not a HAR or NDJSON file: it is not valid JSON/);
    expect(screen.queryByRole('tablist', { name: 'Sessions' })).toBeNull();
    expect(dataCells()).toEqual(['Connection open', 'live frame']);
  });
});
