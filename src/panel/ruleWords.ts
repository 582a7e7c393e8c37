// Panel (DevTools panel): rules in words — what a rule did to a frame (the row's badge and its accessible name) and
// what a rule matches and does (the Rules list). Pure; the components call it.
import type { InterceptOutcome, Rule } from '../shared/rules';
import type { Intercept } from './model';

const OUTCOME_WORD: Record<InterceptOutcome, string> = {
  blocked: 'blocked',
  rewritten: 'rewritten',
  delayed: 'delayed',
  mocked: 'mocked',
  forwarded: 'forwarded',
  edited: 'edited',
  dropped: 'dropped',
  timedOut: 'timed out',
  error: 'rule error',
};

/** What a rule did to a frame: a short badge (`word`) and a sentence for its accessible name. */
export function describeIntercept(i: Intercept, ruleName: string): { word: string; sentence: string } {
  const by = `“${ruleName}”`;
  const sentence: Record<InterceptOutcome, string> = {
    blocked: `Blocked by rule ${by}: it never went on`,
    rewritten: `Rewritten by rule ${by}`,
    delayed: `Delayed by rule ${by}`,
    mocked: `Mock reply from rule ${by}`,
    forwarded: `Held at breakpoint ${by}, forwarded unchanged`,
    edited: `Edited at breakpoint ${by}`,
    dropped: `Dropped at breakpoint ${by}: it never went on`,
    timedOut: `Held at breakpoint ${by}, timed out and forwarded unchanged`,
    error: `Rule ${by} failed${i.error ? `: ${i.error}` : ''}; the frame went on unchanged`,
  };
  return { word: i.outcome === 'rewritten' ? `rewritten by ${ruleName}` : OUTCOME_WORD[i.outcome], sentence: sentence[i.outcome] };
}

/** One line on what a rule matches and does (the Rules list). */
export function summarizeRule(r: Rule): string {
  const dir = r.match.direction === 'both' ? 'sent and received' : r.match.direction;
  const url = r.match.url ? ` on ${r.match.url}` : '';
  const p = r.match.payload;
  const payload = p.kind === 'any' ? '' : p.kind === 'text' ? ` containing ${JSON.stringify(p.value)}` : p.kind === 'regex' ? ` matching ${p.value}` : p.kind === 'decoded' ? ` decoded as ${p.value}` : ` where ${p.value}`;
  const a = r.action;
  const does: Record<Rule['action']['type'], string> = {
    block: 'block',
    rewrite: a.type === 'rewrite' ? `replace ${a.find} with ${JSON.stringify(a.replace)}` : '',
    jsonSet: a.type === 'jsonSet' ? `set ${a.path} to ${a.value}` : '',
    jsonRemove: a.type === 'jsonRemove' ? `remove ${a.path}` : '',
    delay: a.type === 'delay' ? `delay ${a.ms} ms` : '',
    mock: a.type === 'mock' ? `mock a reply after ${a.ms} ms${a.sendOriginal ? '' : ' (the server never sees the request)'}` : '',
    breakpoint: a.type === 'breakpoint' ? `break (forward after ${Math.round(a.timeoutMs / 1000)} s)` : '',
  };
  return `${dir} frames${url}${payload}: ${does[a.type]}`;
}
