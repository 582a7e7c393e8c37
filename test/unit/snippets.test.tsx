// @vitest-environment jsdom
// Protocol forms in the composer (Compose as), and snippets: the store (src/panel/snippets.ts) with its storage and file
// checks, and the UI against a real store with a fake host.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import type { PanelHost } from '../../src/panel/contracts';
import { createSnippets, parseSnippets, SNIPPET_FILE_TYPE, type Snippet, type SnippetStorage } from '../../src/panel/snippets';
import { createStore } from '../../src/panel/store';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { messagesFor } from './fixtures';

afterEach(cleanup);

/** A storage like the panel's localStorage: JSON strings by origin. */
function memoryStorage() {
  const kept = new Map<string, string>();
  const storage: SnippetStorage = {
    load: (origin) => (kept.has(origin) ? JSON.parse(kept.get(origin)!) : null),
    save: (origin, snippets) => void kept.set(origin, JSON.stringify(snippets)),
  };
  return { kept, storage };
}

const raw = (name: string, text: string): Snippet => ({ name, format: 'text', text, mode: 'raw' });

describe('the snippets store', () => {
  it('keeps snippets per origin, in storage, and replaces one saved under the same name', () => {
    const { kept, storage } = memoryStorage();
    const origin = signal('');
    const s = createSnippets(origin, storage);
    expect(s.ready.value).toBe(false);
    expect(s.save('a', raw('', 'x'))).toEqual({ error: expect.stringMatching(/origin is not known/) });
    origin.value = 'http://one.test';
    expect(s.save('  greet  ', raw('', 'hello'))).toEqual({ replaced: false });
    expect(s.save('json', { format: 'json', text: '{"a":1}', mode: 'raw' })).toEqual({ replaced: false });
    expect(s.save('greet', raw('', 'hello again'))).toEqual({ replaced: true });
    expect(s.list.value.map((x) => [x.name, x.text])).toEqual([['greet', 'hello again'], ['json', '{"a":1}']]);
    origin.value = 'http://two.test';
    expect(s.list.value).toEqual([]);
    s.save('other', raw('', 'o'));
    // A new panel (a new store) reads them back.
    const again = createSnippets(signal('http://one.test'), storage);
    expect(again.list.value.map((x) => x.name)).toEqual(['greet', 'json']);
    again.remove('greet');
    expect(JSON.parse(kept.get('http://one.test')!)).toEqual([{ name: 'json', format: 'json', text: '{"a":1}', mode: 'raw' }]);
    expect(JSON.parse(kept.get('http://two.test')!)).toHaveLength(1);
  });

  it('keeps a form’s values (only its own fields), and ignores storage that holds nonsense', () => {
    const { kept, storage } = memoryStorage();
    const s = createSnippets(signal('http://h'), storage);
    s.save('emit', { format: 'text', text: '', mode: 'socketio', form: { event: 'chat', args: '"hi"', namespace: '', ack: true } });
    expect(s.get('emit')).toEqual({ name: 'emit', format: 'text', text: '', mode: 'socketio', form: { event: 'chat', args: '"hi"', namespace: '', ack: true } });
    kept.set('http://bad', '{"snippets": 5}');
    expect(createSnippets(signal('http://bad'), storage).list.value).toEqual([]);
    expect(createSnippets(signal('http://h'), { load: () => { throw new Error('disabled'); }, save: () => { throw new Error('full'); } }).save('x', raw('', 'y'))).toEqual({ replaced: false });
  });

  it('exports a file that imports back, merging by name', () => {
    const a = createSnippets(signal('http://h'));
    a.save('one', raw('', '1'));
    a.save('two', { format: 'hex', text: '01 02', mode: 'raw' });
    const file = a.exportJson();
    expect(JSON.parse(file)).toMatchObject({ type: SNIPPET_FILE_TYPE, version: 1, origin: 'http://h', snippets: [{ name: 'one' }, { name: 'two' }] });
    const b = createSnippets(signal('http://elsewhere'));
    b.save('two', raw('', 'old'));
    b.save('mine', raw('', 'm'));
    expect(b.importJson(file)).toEqual({ added: 1, replaced: 1 });
    expect(b.list.value.map((x) => `${x.name}=${x.text}`)).toEqual(['two=01 02', 'mine=m', 'one=1']);
  });

  it('refuses bad files whole, saying why', () => {
    const s = createSnippets(signal('http://h'));
    s.save('kept', raw('', 'k'));
    const bad: [string, RegExp][] = [
      ['not json', /^Not a snippets file: not JSON/],
      ['{"type":"har","snippets":[]}', /its type is "har"/],
      ['{"version":2,"snippets":[]}', /version 2/],
      ['{"hello":1}', /^Not a snippets file: expected/],
      ['[{"name":"","format":"text","text":""}]', /^Snippet 1 has no name/],
      ['[{"name":"a","format":"text","text":"x"},{"name":"b","format":"yaml","text":""}]', /^Snippet “b”: format "yaml"/],
      ['[{"name":"a","format":"text","text":1}]', /its text is not a string/],
      ['[{"name":"a","format":"text","text":"","mode":"xmpp"}]', /"xmpp" is not a form/],
      ['[{"name":"a","format":"text","text":"","mode":"socketio","form":{"ack":"yes"}}]', /With ack is not a true\/false/],
      ['[{"name":"a","format":"text","text":""},{"name":"a","format":"text","text":""}]', /Two snippets are named “a”/],
    ];
    for (const [text, why] of bad) expect(s.importJson(text)).toEqual({ error: expect.stringMatching(why) });
    expect(s.list.value.map((x) => x.name)).toEqual(['kept']);
    expect(parseSnippets([{ name: 'x', format: 'json', text: '{}' }])).toEqual({ snippets: [{ name: 'x', format: 'json', text: '{}', mode: 'raw' }] });
  });
});

describe('protocol forms and snippets in the panel', () => {
  function setup(storage?: SnippetStorage) {
    const store = createStore({ schedule: (f) => f(), snippetStorage: storage });
    const command = vi.fn<PanelHost['command']>(() => Promise.resolve(''));
    const host: PanelHost = { clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command, setRules: vi.fn(), resume: vi.fn() };
    const m = messagesFor('doc1', 0);
    store.enqueue(
      m.events([
        m.created(1, 'ws://h/socket.io/?EIO=4&transport=websocket'),
        m.open(1),
        m.text(1, 'received', '0{"sid":"s","pingInterval":25000}'),
        m.text(1, 'sent', '40/chat,'),
        m.text(1, 'sent', '42/chat,6["typing"]'),
        m.created(2, 'ws://h/plain'),
        m.open(2),
        m.text(2, 'sent', 'hello'),
      ]),
    );
    store.setOrigin('http://h/app');
    render(<App store={store} host={host} />);
    fireEvent.click(screen.getByRole('button', { name: 'Composer' }));
    return { store, command };
  }
  const composeAs = () => screen.getByRole('combobox', { name: 'Compose as' }) as HTMLSelectElement;
  const preview = () => screen.getByRole('textbox', { name: 'Frame preview' }).textContent;
  const sentPayloads = (command: ReturnType<typeof setup>['command']) => command.mock.calls.map((c) => [c[0].id, c[1]]);

  it('offers the Socket.IO form on a Socket.IO connection, shows the frame, and sends exactly that', async () => {
    const { command } = setup();
    expect(within(composeAs()).getAllByRole('option').map((o) => o.textContent)).toEqual(['Raw', 'Socket.IO emit']);
    fireEvent.change(composeAs(), { target: { value: 'socketio' } });
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Namespace' }).getAttribute('placeholder')).toBe('/chat');
    fireEvent.input(screen.getByRole('textbox', { name: 'Event' }), { target: { value: 'shout' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Arguments' }), { target: { value: '"hi", {"n": 1' } });
    expect(screen.getByText(/^Arguments are not valid JSON/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send to server' }));
    expect(command).not.toHaveBeenCalled();
    fireEvent.input(screen.getByRole('textbox', { name: 'Arguments' }), { target: { value: '"hi", {"n": 1}' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'With ack' }));
    expect(preview()).toBe('42/chat,7["shout","hi",{"n":1}]');
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Event' }), { key: 'Enter', ctrlKey: true });
    await act(() => Promise.resolve());
    expect(sentPayloads(command)).toEqual([[1, { action: 'send', payload: { type: 'text', text: '42/chat,7["shout","hi",{"n":1}]' } }]]);
    // Another connection without a form: Raw only, and the raw editor is back.
    fireEvent.change(screen.getByRole('combobox', { name: 'Connection' }), { target: { value: 'doc1:2' } });
    expect(composeAs().disabled).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('saves snippets (raw and form), sends one in one click on the composer’s connection, loads one, deletes one', async () => {
    const { kept, storage } = memoryStorage();
    const { store, command } = setup(storage);
    fireEvent.click(screen.getByRole('button', { name: 'Snippets' }));
    const pane = () => screen.getByRole('region', { name: 'Snippets' });
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'plain text' } });
    fireEvent.input(within(pane()).getByRole('textbox', { name: 'Snippet name' }), { target: { value: 'note' } });
    fireEvent.click(within(pane()).getByRole('button', { name: 'Save snippet' }));
    fireEvent.change(composeAs(), { target: { value: 'socketio' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Event' }), { target: { value: 'ping' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'With ack' }));
    fireEvent.input(within(pane()).getByRole('textbox', { name: 'Snippet name' }), { target: { value: 'ping' } });
    fireEvent.click(within(pane()).getByRole('button', { name: 'Save snippet' }));
    expect(screen.getByRole('region', { name: 'Composer' }).textContent).toContain('Saved snippet “ping”');
    expect(JSON.parse(kept.get('http://h')!).map((s: Snippet) => s.name)).toEqual(['note', 'ping']);

    // One click: the snippet's frame, with the ack id free now, on the composer's connection.
    fireEvent.click(within(pane()).getByRole('button', { name: 'Send ping' }));
    fireEvent.click(within(pane()).getByRole('button', { name: 'Send note' }));
    await act(() => Promise.resolve());
    expect(sentPayloads(command)).toEqual([
      [1, { action: 'send', payload: { type: 'text', text: '42/chat,7["ping"]' } }],
      [1, { action: 'send', payload: { type: 'text', text: 'plain text' } }],
    ]);
    // A Socket.IO snippet on a connection that is not Socket.IO is refused, saying why.
    fireEvent.change(screen.getByRole('combobox', { name: 'Connection' }), { target: { value: 'doc1:2' } });
    fireEvent.click(within(pane()).getByRole('button', { name: 'Send ping' }));
    expect(command).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('region', { name: 'Composer' }).textContent).toMatch(/That is a Socket.IO emit, and #2 is not a Socket.IO connection \(decoded as Raw\)/);

    // Edit: the raw one into the editor; the form one into its form, on a connection that offers it.
    fireEvent.click(within(pane()).getByRole('button', { name: 'Edit note' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveProperty('value', 'plain text');
    fireEvent.click(within(pane()).getByRole('button', { name: 'Edit ping' }));
    expect(store.composer.target.value).toBe('doc1:1');
    expect(screen.getByRole('textbox', { name: 'Event' })).toHaveProperty('value', 'ping');
    expect(preview()).toBe('42/chat,7["ping"]');

    fireEvent.click(within(pane()).getByRole('button', { name: 'Delete note' }));
    expect(within(pane()).queryByRole('button', { name: 'Send note' })).toBeNull();
    expect(JSON.parse(kept.get('http://h')!).map((s: Snippet) => s.name)).toEqual(['ping']);
  });

  it('imports a file, and says why a bad one is refused', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Snippets' }));
    const pane = screen.getByRole('region', { name: 'Snippets' });
    expect((within(pane).getByRole('button', { name: 'Export snippets' }) as HTMLButtonElement).disabled).toBe(true);
    const input = pane.querySelector('input[type=file]') as HTMLInputElement;
    const pick = async (text: string) => {
      Object.defineProperty(input, 'files', { value: [new File([text], 'snippets.json', { type: 'application/json' })], configurable: true });
      fireEvent.change(input);
      await act(async () => {
        await new Promise((r) => setTimeout(r, 0));
      });
    };
    await pick('{"type":"wsinspector-snippets","version":1,"snippets":[{"name":"hi","format":"text","text":"hi"}]}');
    expect(screen.getByRole('region', { name: 'Composer' }).textContent).toContain('Imported 1 snippet');
    expect(within(pane).getByRole('button', { name: 'Send hi' })).toBeTruthy();
    await pick('[{"name":"x"}]');
    expect(screen.getByRole('region', { name: 'Composer' }).textContent).toContain('Snippet “x”: format undefined is not one of text, json, hex, base64.');
  });

  it('offers each protocol’s form where its decoder reads the connection', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor('d', 0);
    store.enqueue(m.events([m.created(1, 'ws://h/rpc'), m.open(1), m.text(1, 'sent', '{"jsonrpc":"2.0","method":"a","id":41}')]));
    render(<App store={store} host={{ clearPages: vi.fn(), limits: signal(DEFAULT_LIMITS), saveLimits: vi.fn(), version: '0', command: vi.fn(), setRules: vi.fn(), resume: vi.fn() }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Composer' }));
    fireEvent.change(composeAs(), { target: { value: 'jsonrpc' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Method' }), { target: { value: 'sum' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Params' }), { target: { value: '[1,2]' } });
    expect(preview()).toBe('{"jsonrpc":"2.0","method":"sum","params":[1,2],"id":42}');
  });
});
