// The relay's side of interception: the panel's rules read into the form the page hook runs (src/content/compileRules.ts).
// The hook's side, with these compiled rules acting on real sockets, is test/unit/intercept.test.ts.
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/content/compileRules';
import type { Rule, RuleAction, RuleMatch } from '../../src/shared/rules';

const rule = (match: Partial<RuleMatch>, action: RuleAction = { type: 'block' }): Rule => ({
  id: 'r', name: 'r', enabled: true, match: { url: '', direction: 'both', payload: { kind: 'any' }, ...match }, action,
});
const one = (match: Partial<RuleMatch>, action?: RuleAction) => compileRules([rule(match, action)])[0];

describe('compileRules', () => {
  it('turns URL globs into anchored, escaped regex sources, and keeps /regex/flags as written', () => {
    expect(one({ url: 'wss://*.example.com/a?b' }).url).toEqual({ source: '^wss:\\/\\/.*\\.example\\.com\\/a\\?b$', flags: '' });
    expect(one({ url: '/chat\\d+/i' }).url).toEqual({ source: 'chat\\d+', flags: 'i' });
    expect(one({ url: '' }).url).toBeNull();
    expect(one({ direction: 'sent' }).dir).toBe(0);
    expect(one({ direction: 'received' }).dir).toBe(1);
    expect(one({}).dir).toBe(2);
  });

  it('takes JSON conditions apart: path steps, operator, the value parsed (text when it is not JSON), or the regex', () => {
    expect(one({ payload: { kind: 'json', value: '$.a.b[0] == {"x":1}' } }).json).toEqual({ path: ['a', 'b', '0'], op: '==', value: { x: 1 }, re: null });
    expect(one({ payload: { kind: 'json', value: '$["k"] != nope' } }).json).toEqual({ path: ['k'], op: '!=', value: ' nope', re: null });
    expect(one({ payload: { kind: 'json', value: '$.type =~ /^t/i' } }).json).toEqual({ path: ['type'], op: '=~', value: null, re: { source: '^t', flags: 'i' } });
    expect(one({ payload: { kind: 'json', value: ' $.id ' } }).json).toEqual({ path: ['id'], op: '', value: '', re: null });
  });

  it('takes templates apart into text, groups and request fields; an unclosed {{ ends them with its error', () => {
    const mock = one({ direction: 'sent' }, { type: 'mock', ms: 5, template: 'a$1{{ $.id }}b', sendOriginal: false }).action;
    expect(mock).toEqual({ type: 'mock', ms: 5, template: ['a', 1, { field: ['id'], name: ' $.id ' }, 'b'], sendOriginal: false });
    const rewrite = one({}, { type: 'rewrite', find: 'x(y)', replace: '$1 {{x' }).action;
    expect(rewrite).toEqual({ type: 'rewrite', find: { source: 'x(y)', flags: 'g' }, replace: [1, ' ', { field: null, error: 'unclosed {{' }] });
    expect(one({}, { type: 'rewrite', find: '/x/gi', replace: '' }).action).toMatchObject({ find: { source: 'x', flags: 'gi' }, replace: [] });
  });

  it('leaves out decoded conditions (the panel expands them) and keeps the order of the rest', () => {
    const rules = [rule({ payload: { kind: 'decoded', value: 'event:chat' } }), { ...rule({ payload: { kind: 'text', value: 'hi' } }), id: 'b' }];
    expect(compileRules(rules).map((r) => [r.id, r.text])).toEqual([['b', 'hi']]);
  });
});
