// Panel (DevTools panel): the rule editor's form — a rule as the Rules view's fields, and back. Pure; what the
// fields make is checked by checkRule (shared/rules.ts), not here.
import { DEFAULT_BREAKPOINT_TIMEOUT_MS, type Rule } from '../shared/rules';

/** A new rule's starting point in the editor. */
export function blankRule(): Omit<Rule, 'id'> {
  return { name: '', enabled: true, match: { url: '', direction: 'both', payload: { kind: 'any' } }, action: { type: 'block' } };
}

/** The rule editor's fields, all kept while the user switches kinds and actions (numbers as typed). */
export interface RuleForm {
  name: string;
  enabled: boolean;
  url: string;
  direction: Rule['match']['direction'];
  payloadKind: Rule['match']['payload']['kind'];
  payloadValue: string;
  action: Rule['action']['type'];
  find: string;
  replace: string;
  path: string;
  value: string;
  ms: string;
  template: string;
  sendOriginal: boolean;
  timeoutMs: string;
}

export function formFromRule(r: Omit<Rule, 'id'>): RuleForm {
  const a = r.action;
  const p = r.match.payload;
  return {
    name: r.name,
    enabled: r.enabled,
    url: r.match.url,
    direction: r.match.direction,
    payloadKind: p.kind,
    payloadValue: p.kind === 'any' ? '' : p.value,
    action: a.type,
    find: a.type === 'rewrite' ? a.find : '',
    replace: a.type === 'rewrite' ? a.replace : '',
    path: a.type === 'jsonSet' || a.type === 'jsonRemove' ? a.path : '$.',
    value: a.type === 'jsonSet' ? a.value : '',
    ms: a.type === 'delay' || a.type === 'mock' ? String(a.ms) : a.type === 'breakpoint' ? '0' : '500',
    template: a.type === 'mock' ? a.template : '',
    sendOriginal: a.type === 'mock' ? a.sendOriginal : false,
    timeoutMs: String(a.type === 'breakpoint' ? a.timeoutMs : DEFAULT_BREAKPOINT_TIMEOUT_MS),
  };
}

/** A number as typed; what is not one becomes -1, which checkRule reports (and which JSON can store, unlike NaN). */
const typedNumber = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : -1);

export function ruleFromForm(f: RuleForm): Omit<Rule, 'id'> {
  let action: Rule['action'];
  switch (f.action) {
    case 'block':
      action = { type: 'block' };
      break;
    case 'rewrite':
      action = { type: 'rewrite', find: f.find, replace: f.replace };
      break;
    case 'jsonSet':
      action = { type: 'jsonSet', path: f.path, value: f.value };
      break;
    case 'jsonRemove':
      action = { type: 'jsonRemove', path: f.path };
      break;
    case 'delay':
      action = { type: 'delay', ms: typedNumber(f.ms) };
      break;
    case 'mock':
      action = { type: 'mock', ms: typedNumber(f.ms), template: f.template, sendOriginal: f.sendOriginal };
      break;
    case 'breakpoint':
      action = { type: 'breakpoint', timeoutMs: typedNumber(f.timeoutMs) };
      break;
  }
  return {
    name: f.name.trim(),
    enabled: f.enabled,
    match: { url: f.url.trim(), direction: f.direction, payload: f.payloadKind === 'any' ? { kind: 'any' } : { kind: f.payloadKind, value: f.payloadValue } },
    action,
  };
}
