// Interception rules: reading and checking them (src/shared/rules.ts) and the panel's rules store (src/panel/rules.ts):
// per-origin storage, what the hooks get, hit counts, one-shot breakpoints, held frames and their answers.
import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import { BREAK_NEXT_ID } from '../../src/panel/breakpoints';
import { formFromRule, ruleFromForm } from '../../src/panel/ruleForm';
import type { RuleStorage } from '../../src/panel/ruleList';
import { createRules } from '../../src/panel/rules';
import { describeIntercept } from '../../src/panel/ruleWords';
import { createStore } from '../../src/panel/store';
import type { BackgroundToPanel } from '../../src/shared/protocol';
import { checkRule, exportRules, globSource, parseRules, readJsonCondition, readJsonPath, readRegex, readTemplate, type Rule } from '../../src/shared/rules';
import { messagesFor } from './fixtures';

const rule = (patch: Partial<Rule> = {}): Rule => ({
  id: 'r1',
  name: 'Block pings',
  enabled: true,
  match: { url: '', direction: 'both', payload: { kind: 'any' } },
  action: { type: 'block' },
  ...patch,
});

describe('reading patterns', () => {
  it('reads /regex/flags and bare patterns, and says why a regex is bad', () => {
    expect(readRegex('/a(b)/gi')).toEqual({ source: 'a(b)', flags: 'gi' });
    expect(readRegex('a(b)')).toEqual({ source: 'a(b)', flags: '' });
    expect(readRegex('/a(/')).toHaveProperty('error');
    expect(readRegex('/a/zz')).toHaveProperty('error');
    expect(readRegex('')).toEqual({ error: 'the pattern is empty' });
  });

  it('turns a URL glob into an anchored regex with everything but * literal', () => {
    const re = new RegExp(globSource('wss://*.example.com/feed?x=1'));
    expect(re.test('wss://api.example.com/feed?x=1')).toBe(true);
    expect(re.test('wss://api.exampleXcom/feed?x=1')).toBe(false);
  });

  it('reads JSON paths and conditions', () => {
    expect(readJsonPath('$.a.b[0]["c d"]')).toEqual({ path: ['a', 'b', 0, 'c d'] });
    expect(readJsonPath('$')).toEqual({ path: [] });
    expect(readJsonPath('a.b')).toHaveProperty('error');
    expect(readJsonPath('$.a.')).toHaveProperty('error');
    expect(readJsonPath('$.a[x]')).toHaveProperty('error');
    expect(readJsonCondition('$.type == "subscribe"')).toEqual({ path: ['type'], op: '==', value: 'subscribe' });
    expect(readJsonCondition('$.n != 3')).toEqual({ path: ['n'], op: '!=', value: 3 });
    expect(readJsonCondition('$.id')).toEqual({ path: ['id'] });
    expect(readJsonCondition('$.op =~ /^sub/i')).toEqual({ path: ['op'], op: '=~', value: '/^sub/i' });
    expect(readJsonCondition('$.op =~ sub')).toEqual({ error: '=~ write the regex as /…/ after =~, not "sub"' });
    expect(readJsonCondition('$.op =~ /(/')).toMatchObject({ error: expect.stringMatching(/^=~ .*(unterminated|Unterminated)/) });
    const bare = readJsonCondition('$.type == subscribe');
    expect('error' in bare && bare.error).toContain('"subscribe"');
  });

  it('reads a mock template’s fields, and refuses a bad or unclosed one', () => {
    expect(readTemplate('{"id": {{$.id}}, "x": "$1"}')).toEqual({ fields: ['$.id'] });
    expect(readTemplate('{{id}}')).toHaveProperty('error');
    expect(readTemplate('{"id": {{$.id}')).toEqual({ error: 'a {{ has no closing }}' });
  });
});

describe('checkRule', () => {
  it('accepts well-made rules of every kind', () => {
    const actions: Rule['action'][] = [
      { type: 'block' },
      { type: 'rewrite', find: '/"n":(\\d+)/', replace: '"n":$1$1' },
      { type: 'jsonSet', path: '$.a.b', value: '{"x":1}' },
      { type: 'jsonRemove', path: '$.token' },
      { type: 'delay', ms: 500 },
      { type: 'mock', ms: 0, template: '{"id":{{$.id}},"result":true}', sendOriginal: false },
      { type: 'breakpoint', timeoutMs: 30_000 },
    ];
    for (const action of actions) expect(checkRule(rule({ action, match: { url: 'wss://*/rpc', direction: 'sent', payload: { kind: 'json', value: '$.method == "ping"' } } }))).toBeUndefined();
  });

  it('says what is wrong, in words', () => {
    expect(checkRule(rule({ name: ' ' }))).toBe('The rule has no name.');
    expect(checkRule(rule({ match: { url: '/wss:(/', direction: 'both', payload: { kind: 'any' } } }))).toMatch(/^URL regex: /);
    expect(checkRule(rule({ match: { url: '', direction: 'both', payload: { kind: 'regex', value: '(' } } }))).toMatch(/^Payload regex: /);
    expect(checkRule(rule({ match: { url: '', direction: 'both', payload: { kind: 'decoded', value: 'event:chat' } } }))).toBeUndefined();
    expect(checkRule(rule({ match: { url: '', direction: 'both', payload: { kind: 'decoded', value: 'colour:red' } } }))).toBe(
      'Decoded field: write a field and a value like event:chat (fields: event, type, topic, destination, method, op).',
    );
    expect(checkRule(rule({ match: { url: '', direction: 'both', payload: { kind: 'text', value: '' } } }))).toMatch(/empty/);
    expect(checkRule(rule({ match: { url: '', direction: 'both', payload: { kind: 'json', value: 'type == 1' } } }))).toMatch(/^Payload JSON condition: a JSON path starts with \$/);
    expect(checkRule(rule({ action: { type: 'rewrite', find: '[', replace: '' } }))).toMatch(/^Rewrite: find: /);
    expect(checkRule(rule({ action: { type: 'jsonSet', path: '$.a', value: 'hello' } }))).toMatch(/hello is not a JSON value/);
    expect(checkRule(rule({ action: { type: 'jsonSet', path: '$', value: '1' } }))).toMatch(/names a field/);
    expect(checkRule(rule({ action: { type: 'jsonRemove', path: 'token' } }))).toMatch(/^Remove JSON field: /);
    expect(checkRule(rule({ action: { type: 'delay', ms: -1 } }))).toMatch(/whole number/);
    expect(checkRule(rule({ action: { type: 'mock', ms: 0, template: '', sendOriginal: true } }))).toBe('The mock reply template is empty.');
    expect(checkRule(rule({ action: { type: 'mock', ms: 0, template: '{{$.}}', sendOriginal: true } }))).toMatch(/^Mock reply template: /);
    expect(checkRule(rule({ match: { url: '', direction: 'received', payload: { kind: 'any' } }, action: { type: 'mock', ms: 0, template: 'x', sendOriginal: true } }))).toMatch(/Sent or Both/);
    expect(checkRule(rule({ action: { type: 'breakpoint', timeoutMs: 10 } }))).toMatch(/timeout/);
  });
});

describe('parseRules', () => {
  it('reads back what exportRules wrote', () => {
    const rules = [rule(), rule({ id: 'r2', name: 'Slow', enabled: false, action: { type: 'delay', ms: 100 } })];
    expect(parseRules(exportRules(rules))).toEqual({ rules });
  });

  it('fills what a hand-written file leaves out', () => {
    expect(parseRules('[{"name": "x", "action": {"type": "breakpoint"}}]')).toEqual({
      rules: [{ id: '', name: 'x', enabled: true, match: { url: '', direction: 'both', payload: { kind: 'any' } }, action: { type: 'breakpoint', timeoutMs: 30_000 } }],
    });
  });

  it('refuses what is not a rules file, with a clear message, and never throws', () => {
    expect(parseRules('{')).toEqual({ error: expect.stringMatching(/^Not JSON: /) });
    expect(parseRules('{"type": "wsinspector-snippets", "snippets": []}')).toEqual({ error: 'Not a rules file: its type is "wsinspector-snippets", not "wsinspector-rules".' });
    expect(parseRules('{"type": "wsinspector-rules", "version": 2, "rules": []}')).toEqual({ error: expect.stringMatching(/version 2/) });
    expect(parseRules('42')).toEqual({ error: expect.stringMatching(/^Not a rules file/) });
    expect(parseRules('[{"name": "a", "action": {"type": "explode"}}]')).toEqual({ error: expect.stringMatching(/^Rule “a”: action.type must be one of/) });
    expect(parseRules('[{"name": "a", "match": {"direction": "up"}, "action": {"type": "block"}}]')).toEqual({ error: expect.stringMatching(/match.direction "up"/) });
    expect(parseRules('[{"name": "a", "action": {"type": "delay", "ms": "5"}}]')).toEqual({ error: 'Rule “a”: action.ms is not a number.' });
    expect(parseRules('[7]')).toEqual({ error: 'Rule 1 is not an object.' });
    for (const text of ['null', '[null]', '{"rules": {}}', '[{"name": 1}]', '"x"']) expect(() => parseRules(text)).not.toThrow();
  });
});

describe('the rule editor’s form', () => {
  it('turns a rule into fields and back, and a number that is not one into -1 (which checkRule reports)', () => {
    const r = rule({ action: { type: 'mock', ms: 20, template: 'ok', sendOriginal: false }, match: { url: 'wss://x/*', direction: 'sent', payload: { kind: 'regex', value: '/a/' } } });
    const { id: _id, ...rest } = r;
    expect(ruleFromForm(formFromRule(rest))).toEqual(rest);
    const bad = ruleFromForm({ ...formFromRule(rest), action: 'delay', ms: 'soon' });
    expect(bad.action).toEqual({ type: 'delay', ms: -1 });
  });
});

function memoryStorage(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  const storage: RuleStorage = { load: (o) => data[o], save: vi.fn((o, rules) => void (data[o] = JSON.parse(JSON.stringify(rules)))) };
  return { data, storage };
}

function setup(initial?: Record<string, unknown>) {
  const origin = signal('');
  const { data, storage } = memoryStorage(initial);
  let t = 1_000;
  const rules = createRules({ origin, storage, now: () => t });
  const host = { setRules: vi.fn(), resume: vi.fn() };
  return { origin, data, storage, rules, host, advance: (ms: number) => (t += ms) };
}

const paused = (hold: number, rule = 'r1', timeoutMs = 5000): Extract<BackgroundToPanel, { type: 'paused' }> => ({
  v: 1, type: 'paused', browserFrameId: 0, docId: 'doc1', hold, socket: 1, dir: 'sent', payload: { type: 'text', text: `frame ${hold}` }, rule, timeoutMs,
});

describe('the rules store', () => {
  it('keeps rules per origin', () => {
    const { origin, data, rules } = setup({ 'https://b.test': [rule({ id: 'b1', name: 'B rule' })] });
    origin.value = 'https://a.test';
    const a = rules.add({ ...rule(), name: 'A rule' });
    expect(data['https://a.test']).toEqual([{ ...rule(), name: 'A rule', id: a.id }]);
    origin.value = 'https://b.test';
    expect(rules.list.value.map((r) => r.name)).toEqual(['B rule']);
    origin.value = 'https://a.test';
    expect(rules.list.value.map((r) => r.name)).toEqual(['A rule']);
  });

  it('keeps a rule added before the origin was known, after the stored ones', () => {
    const { origin, data, rules } = setup({ 'https://a.test': [rule({ id: 'old', name: 'Stored' })] });
    rules.add({ ...rule(), name: 'Early' });
    origin.value = 'https://a.test';
    expect(rules.list.value.map((r) => r.name)).toEqual(['Stored', 'Early']);
    expect((data['https://a.test'] as Rule[]).length).toBe(2);
  });

  it('leaves out a stored rule that is not well formed, keeping the others', () => {
    const { origin, rules } = setup({ 'https://a.test': [rule({ id: 'ok' }), { name: 'broken', action: { type: 'nope' } }] });
    origin.value = 'https://a.test';
    expect(rules.list.value.map((r) => r.id)).toEqual(['ok']);
  });

  it('sends the rules that are on and valid, in order, and again whenever they change', () => {
    const { origin, rules, host } = setup();
    origin.value = 'https://a.test';
    const disconnect = rules.connect(host);
    expect(host.setRules).toHaveBeenLastCalledWith([]);
    const a = rules.add({ ...rule(), name: 'A' });
    const b = rules.add({ ...rule(), name: 'B', action: { type: 'delay', ms: 10 } });
    const bad = rules.add({ ...rule(), name: 'Bad', action: { type: 'rewrite', find: '(', replace: '' } });
    expect(host.setRules).toHaveBeenLastCalledWith([a, b]);
    expect(rules.problems.value.get(bad.id)).toMatch(/^Rewrite: find: /);
    rules.move(b.id, -1);
    expect(host.setRules.mock.lastCall![0].map((r: Rule) => r.name)).toEqual(['B', 'A']);
    rules.setEnabled(a.id, false);
    expect(host.setRules.mock.lastCall![0].map((r: Rule) => r.name)).toEqual(['B']);
    expect(rules.active.value).toBe(1);
    const calls = host.setRules.mock.calls.length;
    rules.setEnabled(bad.id, false); // an invalid rule changes nothing the hooks run
    expect(host.setRules.mock.calls.length).toBe(calls);
    rules.update({ ...rules.list.value.find((r) => r.id === bad.id)!, enabled: true, action: { type: 'rewrite', find: 'x', replace: 'y' } });
    expect(host.setRules.mock.lastCall![0].map((r: Rule) => r.name)).toEqual(['B', 'Bad']);
    rules.remove(b.id);
    expect(host.setRules.mock.lastCall![0].map((r: Rule) => r.name)).toEqual(['Bad']);
    disconnect();
    rules.remove(bad.id);
    expect(host.setRules.mock.lastCall![0].map((r: Rule) => r.name)).toEqual(['Bad']);
  });

  it('exports and imports, with fresh ids, and refuses a bad file without changing anything', () => {
    const { origin, rules } = setup();
    origin.value = 'https://a.test';
    const a = rules.add({ ...rule(), name: 'A' });
    const text = rules.exportText();
    expect(rules.importText(text)).toBe('');
    expect(rules.list.value.map((r) => r.name)).toEqual(['A', 'A']);
    expect(rules.list.value[1].id).not.toBe(a.id);
    expect(rules.importText('nope')).toMatch(/^Not JSON/);
    expect(rules.list.value.length).toBe(2);
  });

  it('counts hits per rule and outcome, once per outcome, and keeps the hook’s last error', () => {
    const { origin, rules } = setup();
    origin.value = 'https://a.test';
    const a = rules.add(rule());
    const hit = { rule: a.id, outcome: 'rewritten' as const };
    rules.count(hit);
    rules.count(hit); // the same outcome reported twice (ingest and the rows)
    rules.count({ rule: a.id, outcome: 'error', error: 'template: no field $.id' });
    expect(rules.hits.value.get(a.id)).toEqual({ total: 2, byOutcome: { rewritten: 1, error: 1 }, error: 'template: no field $.id' });
    rules.resetCounts();
    expect(rules.hits.value.size).toBe(0);
  });

  it('names rules by id, also once they are gone, and falls back to the id', () => {
    const { origin, rules } = setup();
    origin.value = 'https://a.test';
    const a = rules.add({ ...rule(), name: 'Named' });
    expect(rules.nameOf(a.id)).toBe('Named');
    rules.remove(a.id);
    expect(rules.nameOf(a.id)).toBe('Named');
    expect(rules.nameOf('zzz')).toBe('zzz');
    expect(rules.nameOf(BREAK_NEXT_ID.sent)).toBe('Break on next sent frame');
  });

  it('breaks on the next frame once: a one-shot rule first in line, gone after its first hit', () => {
    const { origin, rules, host } = setup();
    origin.value = 'https://a.test';
    rules.connect(host);
    const a = rules.add(rule());
    rules.setBreakNext('received', true);
    const sent = host.setRules.mock.lastCall![0] as Rule[];
    expect(sent.map((r) => r.id)).toEqual([BREAK_NEXT_ID.received, a.id]);
    expect(sent[0]).toMatchObject({ match: { direction: 'received', payload: { kind: 'any' }, url: '' }, action: { type: 'breakpoint' } });
    expect(rules.active.value).toBe(1);
    rules.paused({ ...paused(1, BREAK_NEXT_ID.received), dir: 'received' });
    expect(rules.breakNext.value.received).toBe(false);
    expect((host.setRules.mock.lastCall![0] as Rule[]).map((r) => r.id)).toEqual([a.id]);
  });

  it('holds paused frames in order, answers them through the host, and forgets timed-out ones', () => {
    const { rules, host, advance } = setup();
    rules.connect(host);
    rules.paused(paused(1));
    rules.paused(paused(1)); // resent: the same hold
    rules.paused(paused(2, 'r1', 60_000));
    expect(rules.held.value.map((h) => h.hold)).toEqual([1, 2]);
    const first = rules.held.value[0];
    expect(first).toMatchObject({ browserFrameId: 0, docId: 'doc1', arrivedAt: 1000 });
    rules.resolve(first, 'edited', { type: 'text', text: 'changed' });
    expect(host.resume).toHaveBeenCalledWith(
      { browserFrameId: 0, docId: 'doc1', hold: 1, socket: 1, dir: 'sent', payload: { type: 'text', text: 'frame 1' }, rule: 'r1', timeoutMs: 5000 },
      'edited',
      { type: 'text', text: 'changed' },
    );
    rules.resolve(first, 'drop'); // answered already
    expect(host.resume).toHaveBeenCalledTimes(1);
    rules.paused(paused(3));
    advance(5001);
    rules.expire();
    expect(rules.held.value.map((h) => h.hold)).toEqual([2]);
    rules.resolve(rules.held.value[0], 'forward', { type: 'text', text: 'ignored' });
    expect(host.resume).toHaveBeenLastCalledWith(expect.objectContaining({ hold: 2 }), 'forward', undefined);
    expect(rules.held.value).toEqual([]);
  });
});

describe('the panel store counts rules’ outcomes as rows arrive', () => {
  it('counts a frame a rule annotated and a frame it blocked', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    store.enqueue(m.document());
    const created = m.created(1);
    const frame = m.text(1, 'sent', 'hello');
    m.skip(2);
    const at = frame.t + 1;
    store.enqueue(
      m.events([
        created,
        frame,
        { kind: 'intercepted', id: 1, seq: frame.seq + 1, t: at, dir: 'sent', rule: 'r9', outcome: 'rewritten', frameSeq: frame.seq, original: 'hi' },
        { kind: 'intercepted', id: 1, seq: frame.seq + 2, t: at, dir: 'sent', rule: 'r9', outcome: 'blocked', original: 'secret' },
      ]),
    );
    expect(store.rules.hits.value.get('r9')).toEqual({ total: 2, byOutcome: { rewritten: 1, blocked: 1 } });
    expect(describeIntercept({ rule: 'r9', outcome: 'rewritten' }, 'Fix').word).toBe('rewritten by Fix');
  });
});
