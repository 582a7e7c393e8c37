// @vitest-environment jsdom
// An imported session beside the live one: Import and drop open a file (read here by the parser the worker runs), the
// tabs switch between the sessions, the imported one is read-only, obeys the caps, shows the file's pins, decodes and
// exports its frames, and closes; bad files say why.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../../src/panel/components/Sessions';
import type { PanelHost } from '../../src/panel/contracts';
import { buildHar, buildNdjson } from '../../src/panel/exporters';
import type { Importer } from '../../src/panel/importFile';
import { ImportError } from '../../src/panel/importBuilder';
import { importMessages, readImport } from '../../src/panel/importSlices';
import { reduceConnection, rowFromEvent, type Row } from '../../src/panel/model';
import { MAX_PINS } from '../../src/panel/pins';
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

const SIO = 'wss://recorded.test/socket.io/?EIO=4&transport=websocket';
const CHAT = '42["chat",{"text":"hi"}]';

/** A Socket.IO session as our export writes it, two of its frames pinned (one with a note). */
function socketIoFile(format: 'har' | 'ndjson') {
  const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
  let c = reduceConnection(undefined, { kind: 'created', seq: 1, id: 1, t: t0, url: SIO, protocols: [], initiator: '' }, 'd', 0);
  c = reduceConnection(c, { kind: 'open', seq: 2, id: 1, t: t0 + 1, protocol: '', extensions: '' }, 'd', 0);
  const frames: ['sent' | 'received', string][] = [['received', '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'], ['sent', '40'], ['received', '40{"sid":"def"}'], ['sent', CHAT], ['received', '2']];
  const rows: Row[] = frames.map(([dir, data], i) => rowFromEvent({ kind: 'frame', seq: 3 + i, id: 1, t: t0 + 10 + i, dir, type: 'text', data, length: data.length, truncated: false }, c.key)!);
  const pins = new Map([
    [rows[3], { note: 'the message that vanished', connection: c }],
    [rows[4], { note: '', connection: c }],
  ]);
  const text = format === 'har' ? JSON.stringify(buildHar([c], rows, '0.1.0', pins)) : buildNdjson(rows, new Map([[c.key, c]]), pins);
  return new File([text], `socket-io.${format}`, { type: 'application/json' });
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

  for (const format of ['har', 'ndjson'] as const)
    it(`shows the frames a ${format.toUpperCase()} file marks pinned as pinned, with their notes, and its Pinned view works`, async () => {
      const { sessions } = setup();
      await chooseFile(socketIoFile(format));
      const pinned = screen.getByRole('button', { name: 'Pinned' });
      expect(pinned.textContent).toBe('⚑ Pinned (2)');
      expect(sessions.imported.value!.store.pins.pins.value.size).toBe(2);
      expect(sessions.live.pins.pins.value.size).toBe(0);
      fireEvent.click(pinned);
      expect(dataCells()).toEqual([CHAT, '2']);
      fireEvent.click(screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === CHAT)!);
      const pane = screen.getByRole('region', { name: 'Frame details' });
      expect((within(pane).getByRole('textbox', { name: 'Note' }) as HTMLInputElement).value).toBe('the message that vanished');
      expect(within(pane).getByRole('button', { name: 'Pin frame' }).getAttribute('aria-pressed')).toBe('true');
      fireEvent.click(pinned);
      expect(dataCells().filter((d) => d !== 'Connection open')).toHaveLength(5);
    });

  it('decodes its frames in the detail pane, and exports them again', async () => {
    setup();
    await chooseFile(socketIoFile('har'));
    fireEvent.click(screen.getAllByRole('row').find((r) => r.querySelector('.c-data')?.textContent === CHAT)!);
    const pane = screen.getByRole('region', { name: 'Frame details' });
    expect(within(pane).getByRole('tab', { name: 'Decoded' }).getAttribute('aria-selected')).toBe('true');
    const fields = within(pane).getByLabelText('Decoded fields').textContent;
    expect(fields).toContain('EVENT');
    expect(fields).toContain('chat');
    fireEvent.click(within(pane).getByRole('button', { name: 'Expand all' }));
    expect(within(pane).getByRole('tree', { name: 'JSON' }).textContent).toMatch(/text: "hi"/);
    expect(within(screen.getByRole('navigation', { name: 'Connections' })).getByRole('button', { name: `Connection ${SIO}` }).textContent).toContain('Socket.IO');

    const files: string[] = [];
    Object.assign(URL, { createObjectURL: vi.fn((b: Blob) => (void b.text().then((t) => files.push(t)), 'blob:x')), revokeObjectURL: vi.fn() });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await act(async () => {
      fireEvent.click(screen.getByText('Export HAR'));
      await new Promise((r) => setTimeout(r, 10));
      fireEvent.click(screen.getByText('Export NDJSON'));
      await new Promise((r) => setTimeout(r, 10));
    });
    vi.restoreAllMocks();
    const har = JSON.parse(files[0]);
    expect(har.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual([SIO.replace(/^wss:/, 'https:')]);
    const messages = har.log.entries[0]._webSocketMessages;
    expect(messages.map((m: { type: string; data: string }) => `${m.type} ${m.data}`)).toEqual([
      'receive 0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000}',
      'send 40',
      'receive 40{"sid":"def"}',
      `send ${CHAT}`,
      'receive 2',
    ]);
    expect(messages[3]).toMatchObject({ _pinned: true, _note: 'the message that vanished' });
    const lines = files[1].trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.direction !== 'event').map((l) => l.text)).toEqual(messages.map((m: { data: string }) => m.data));
    expect(lines.every((l) => l.direction === 'event' || l.url === SIO)).toBe(true);
  });

  it('pins at most as many frames as the panel keeps, and says how many it left unpinned', async () => {
    const { sessions } = setup();
    const line = (i: number) => JSON.stringify({ t: 1_000 + i, url: 'ws://a/', socket: 1, direction: 'received', type: 'text', text: `f${i}`, pinned: true, note: `n${i}` });
    await chooseFile(new File([Array.from({ length: MAX_PINS + 2 }, (_, i) => line(i)).join('\n')], 'many-pins.ndjson'));
    const pins = sessions.imported.value!.store.pins.pins.value;
    expect(pins.size).toBe(MAX_PINS);
    expect([...pins.values()][0]).toMatchObject({ note: 'n0' });
    expect(screen.getByText(/2 pins beyond the 1,000 the panel keeps left unpinned\.$/)).toBeTruthy();
  });
});
