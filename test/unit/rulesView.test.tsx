// @vitest-environment jsdom
// Interception in the panel, against a real store and a fake host: the Rules view and its editor, the banner, the
// breakpoint editor's buttons, and what rows and the detail pane say a rule did.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/panel/components/App';
import type { PanelHost } from '../../src/panel/contracts';
import { BREAK_NEXT_ID } from '../../src/panel/breakpoints';
import { createStore, type RuleStorage } from '../../src/panel/store';
import { DEFAULT_LIMITS, type BackgroundToPanel, type WireEvent } from '../../src/shared/protocol';
import type { Rule } from '../../src/shared/rules';
import { messagesFor } from './fixtures';

afterEach(cleanup);

function fakeHost() {
  return {
    clearPages: vi.fn(),
    limits: signal(DEFAULT_LIMITS),
    saveLimits: vi.fn(),
    version: '0',
    command: vi.fn(() => Promise.resolve('')),
    setRules: vi.fn<PanelHost['setRules']>(),
    resume: vi.fn<PanelHost['resume']>(),
  } satisfies PanelHost;
}

const stored = (patch: Partial<Rule> = {}): Rule => ({
  id: 'r1',
  name: 'Hide token',
  enabled: true,
  match: { url: '', direction: 'sent', payload: { kind: 'any' } },
  action: { type: 'jsonRemove', path: '$.token' },
  ...patch,
});

function setup({ rules = [] as Rule[], events = true } = {}) {
  const data: Record<string, unknown> = { 'http://127.0.0.1': rules };
  const ruleStorage: RuleStorage = { load: (o) => data[o], save: (o, r) => void (data[o] = r) };
  const store = createStore({ schedule: (f) => f(), ruleStorage });
  store.setOrigin('http://127.0.0.1/');
  const host = fakeHost();
  const m = messagesFor();
  store.enqueue(m.document());
  if (events) store.enqueue(m.events([m.created(1, 'ws://127.0.0.1:8080/feed'), m.open(1), m.text(1, 'sent', 'hello')]));
  render(<App store={store} host={host} />);
  return { store, host, m, data };
}

const rulesView = () => screen.queryByRole('region', { name: 'Rules' });
const breakpoint = () => screen.queryByRole('region', { name: 'Breakpoint' });

describe('the Rules view', () => {
  it('opens from the toolbar, lists the origin’s rules with their switch, hits and problems', () => {
    const { store, host } = setup({ rules: [stored(), stored({ id: 'r2', name: 'Broken', action: { type: 'rewrite', find: '(', replace: '' } })] });
    const toggle = screen.getByRole('button', { name: 'Rules' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(rulesView()).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const items = within(rulesView()!).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.rule-name')!.textContent)).toEqual(['Hide token', 'Broken']);
    expect(items[1].textContent).toMatch(/Not active: Rewrite: find: /);
    expect(items[0].textContent).toContain('0 hits');
    // Only the valid rule reaches the hooks.
    expect(host.setRules).toHaveBeenLastCalledWith([stored()]);
    act(() => store.rules.count({ rule: 'r1', outcome: 'rewritten' }));
    act(() => store.rules.count({ rule: 'r1', outcome: 'error', error: 'not JSON' }));
    expect(within(rulesView()!).getAllByRole('listitem')[0].textContent).toContain('2 hits');
    expect(within(rulesView()!).getAllByRole('listitem')[0].textContent).toContain('Error in the page: not JSON');
    fireEvent.click(screen.getByRole('switch', { name: 'Hide token on' }));
    expect(host.setRules).toHaveBeenLastCalledWith([]);
  });

  it('adds a rule through the editor, and Cancel leaves everything as it was', () => {
    const { data, host } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Rules' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    let editor = screen.getByRole('form', { name: 'New rule' });
    fireEvent.click(within(editor).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'New rule' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    editor = screen.getByRole('form', { name: 'New rule' });
    const field = (name: string) => within(editor).getByRole('textbox', { name }) as HTMLInputElement;
    fireEvent.input(field('Name'), { target: { value: 'Price to zero' } });
    fireEvent.input(field('URL'), { target: { value: 'ws://127.0.0.1:8080/*' } });
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Rule direction' }), { target: { value: 'received' } });
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Payload' }), { target: { value: 'json' } });
    fireEvent.input(field('Payload value'), { target: { value: '$.type == "quote"' } });
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Action' }), { target: { value: 'jsonSet' } });
    fireEvent.input(field('JSON path'), { target: { value: '$.price' } });
    fireEvent.input(field('JSON value'), { target: { value: 'zero' } });
    expect(within(editor).getByRole('status').textContent).toMatch(/zero is not a JSON value/);
    fireEvent.input(field('JSON value'), { target: { value: '0' } });
    expect(within(editor).queryByRole('status')).toBeNull();
    fireEvent.click(within(editor).getByRole('button', { name: 'Save rule' }));

    expect(screen.queryByRole('form', { name: 'New rule' })).toBeNull();
    const saved = (data['http://127.0.0.1'] as Rule[])[0];
    expect(saved).toMatchObject({
      name: 'Price to zero',
      enabled: true,
      match: { url: 'ws://127.0.0.1:8080/*', direction: 'received', payload: { kind: 'json', value: '$.type == "quote"' } },
      action: { type: 'jsonSet', path: '$.price', value: '0' },
    });
    expect(host.setRules).toHaveBeenLastCalledWith([saved]);
    expect(within(rulesView()!).getByRole('listitem').textContent).toContain('set $.price to 0');
  });

  it('edits, reorders and deletes rules', () => {
    const { store } = setup({ rules: [stored(), stored({ id: 'r2', name: 'Second', action: { type: 'block' } })] });
    fireEvent.click(screen.getByRole('button', { name: 'Rules' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit Second' }));
    const editor = screen.getByRole('form', { name: 'Edit rule Second' });
    expect((within(editor).getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Second');
    fireEvent.input(within(editor).getByRole('textbox', { name: 'Name' }), { target: { value: 'Blocker' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save rule' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Blocker up' }));
    expect(store.rules.list.value.map((r) => r.name)).toEqual(['Blocker', 'Hide token']);
    expect(store.rules.list.value[0].id).toBe('r2');
    fireEvent.click(screen.getByRole('button', { name: 'Delete Hide token' }));
    expect(store.rules.list.value.map((r) => r.name)).toEqual(['Blocker']);
  });

  it('imports a rules file, and says why a bad one is refused', async () => {
    const { store } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Rules' }));
    const input = screen.getByLabelText('Import rules') as HTMLInputElement;
    const pick = async (text: string) => {
      Object.defineProperty(input, 'files', { configurable: true, value: [new File([text], 'rules.json', { type: 'application/json' })] });
      await act(async () => {
        fireEvent.change(input);
        await new Promise((r) => setTimeout(r, 0));
      });
    };
    await pick('{"type": "wsinspector-rules", "version": 1, "rules": [{"name": "Imported", "action": {"type": "block"}}]}');
    expect(store.rules.list.value.map((r) => r.name)).toEqual(['Imported']);
    expect(screen.getByRole('button', { name: 'Export rules' })).not.toHaveProperty('disabled', true);
    await pick('{"rules": [{"name": 3}]}');
    expect(screen.getByRole('alert').textContent).toBe('Not imported: Rule 1 has no name.');
    expect(store.rules.list.value.length).toBe(1);
  });

  it('arms break on next frame per direction', () => {
    const { host } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Rules' }));
    const sent = screen.getByRole('button', { name: 'Break on next sent frame' });
    fireEvent.click(sent);
    expect(sent.getAttribute('aria-pressed')).toBe('true');
    expect(host.setRules.mock.lastCall![0].map((r) => r.id)).toEqual([BREAK_NEXT_ID.sent]);
    expect(screen.getByRole('note', { name: 'Interception' }).textContent).toContain('Breaking on the next sent frame');
  });
});

describe('the banner', () => {
  it('says how many rules are active and opens the view', () => {
    setup({ rules: [stored(), stored({ id: 'r2', name: 'B', action: { type: 'block' } }), stored({ id: 'r3', name: 'Off', enabled: false })] });
    const banner = screen.getByText('2 rules active').parentElement!;
    fireEvent.click(within(banner).getByRole('button', { name: 'Show rules' }));
    expect(rulesView()).not.toBeNull();
    expect(within(banner).queryByRole('button', { name: 'Show rules' })).toBeNull();
  });

  it('is not there without active rules', () => {
    setup({ rules: [stored({ enabled: false })] });
    expect(screen.queryByText(/rules? active/)).toBeNull();
  });
});

const pausedMessage = (hold: number, patch: Partial<Extract<BackgroundToPanel, { type: 'paused' }>> = {}): Extract<BackgroundToPanel, { type: 'paused' }> => ({
  v: 1, type: 'paused', browserFrameId: 0, docId: 'doc1', hold, socket: 1, dir: 'sent', payload: { type: 'text', text: `{"n":${hold}}` }, rule: 'r1', timeoutMs: 30_000,
  ...patch,
});

describe('the breakpoint editor', () => {
  it('shows the oldest held frame, and Forward, Forward edited and Drop answer it through the host', () => {
    const { store, host } = setup({ rules: [stored({ name: 'Hold sends', action: { type: 'breakpoint', timeoutMs: 30_000 } })] });
    expect(breakpoint()).toBeNull();
    act(() => {
      store.rules.paused(pausedMessage(1));
      store.rules.paused(pausedMessage(2));
      store.rules.paused(pausedMessage(3, { payload: { type: 'binary', base64: btoa('\x01\xff') }, dir: 'received' }));
    });
    const region = breakpoint()!;
    expect(region.textContent).toContain('#1 /feed');
    expect(region.textContent).toContain('Hold sends');
    expect(region.textContent).toContain('2 more frames waiting');
    expect(region.textContent).toMatch(/(29|30) s left/);
    const text = () => within(breakpoint()!).getByRole('textbox', { name: 'Paused frame' }) as HTMLTextAreaElement;
    expect(text().value).toBe('{"n":1}');

    fireEvent.click(within(region).getByRole('button', { name: 'Forward' }));
    expect(host.resume).toHaveBeenLastCalledWith(expect.objectContaining({ hold: 1, docId: 'doc1', browserFrameId: 0 }), 'forward', undefined);
    expect(text().value).toBe('{"n":2}');

    fireEvent.input(text(), { target: { value: '{"n":20}' } });
    fireEvent.click(within(breakpoint()!).getByRole('button', { name: 'Forward edited' }));
    expect(host.resume).toHaveBeenLastCalledWith(expect.objectContaining({ hold: 2 }), 'edited', { type: 'text', text: '{"n":20}' });

    expect(text().value).toBe('01 ff'); // binary as hex
    fireEvent.input(text(), { target: { value: '01 fz' } });
    fireEvent.click(within(breakpoint()!).getByRole('button', { name: 'Forward edited' }));
    expect(screen.getByRole('alert').textContent).toMatch(/hex/);
    expect(host.resume).toHaveBeenCalledTimes(2);
    fireEvent.input(text(), { target: { value: '01 fe 00' } });
    fireEvent.click(within(breakpoint()!).getByRole('button', { name: 'Forward edited' }));
    expect(host.resume).toHaveBeenLastCalledWith(expect.objectContaining({ hold: 3 }), 'edited', { type: 'binary', base64: btoa('\x01\xfe\x00') });
    expect(breakpoint()).toBeNull();

    act(() => store.rules.paused(pausedMessage(4)));
    fireEvent.click(within(breakpoint()!).getByRole('button', { name: 'Drop' }));
    expect(host.resume).toHaveBeenLastCalledWith(expect.objectContaining({ hold: 4 }), 'drop', undefined);
    expect(breakpoint()).toBeNull();
  });
});

describe('rows a rule acted on', () => {
  function withIntercepts() {
    const r = setup({ rules: [stored({ id: 'fix', name: 'Fix price' })], events: false });
    const { m, store } = r;
    const created = m.created(1, 'ws://127.0.0.1:8080/feed');
    const changed = m.text(1, 'received', '{"price":0}');
    const kept = m.text(1, 'sent', 'ping');
    m.skip(3);
    type Fields = Pick<Extract<WireEvent, { kind: 'intercepted' }>, 'dir' | 'rule' | 'outcome' | 'frameSeq' | 'original' | 'error'>;
    const ev = (n: number, e: Fields): WireEvent => ({ kind: 'intercepted', id: 1, seq: kept.seq + n, t: kept.t + n, ...e });
    act(() =>
      store.enqueue(
        m.events([
          created,
          changed,
          kept,
          ev(1, { dir: 'received', rule: 'fix', outcome: 'rewritten', frameSeq: changed.seq, original: '{"price":100}' }),
          ev(2, { dir: 'sent', rule: 'gone-rule', outcome: 'blocked', original: 'secret' }),
          ev(3, { dir: 'sent', rule: 'fix', outcome: 'error', frameSeq: kept.seq, error: 'not JSON' }),
        ]),
      ),
    );
    return r;
  }

  it('carry a badge that says what happened, named by the rule', () => {
    withIntercepts();
    expect(screen.getByRole('img', { name: 'Rewritten by rule “Fix price”' }).textContent).toBe('rewritten by Fix price');
    expect(screen.getByRole('img', { name: 'Blocked by rule “gone-rule”: it never went on' }).textContent).toBe('blocked');
    expect(screen.getByRole('img', { name: 'Rule “Fix price” failed: not JSON; the frame went on unchanged' })).toBeTruthy();
  });

  it('show before and after for a rewritten frame, and the frame kept back for a blocked one', () => {
    withIntercepts();
    const rowOf = (badge: string) => screen.getByRole('img', { name: badge }).closest('[role="row"]')!;
    fireEvent.click(rowOf('Rewritten by rule “Fix price”'));
    const section = screen.getByRole('region', { name: 'Frame details' });
    expect(within(section).getByLabelText('Before').textContent).toBe('{"price":100}');
    expect(within(section).getByLabelText('After').textContent).toBe('{"price":0}');
    fireEvent.click(rowOf('Blocked by rule “gone-rule”: it never went on'));
    expect(within(screen.getByRole('region', { name: 'Frame details' })).getByLabelText('Kept from going on').textContent).toBe('secret');
  });
});
