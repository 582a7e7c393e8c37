// Panel store (DevTools panel): interception rules whose payload condition is a decoded field (`event:chat`), made
// into rules the page hook can run. The hook reads raw frames only, so each such rule becomes, for each protocol the
// panel has detected on the tab's connections, the protocol's own conditions on the raw frame (a regex, a JSON field),
// limited to those connections' URLs: a decoded condition applies where the protocol is known, from the first frames
// that told it.
import { globSource, isRegexLiteral, readDecodedField, readRegex, type Rule } from '../shared/rules';
import { decoderById } from './decode/registry';

/** A connection as the expansion needs it: its URL and the decoder its frames go through (none: shown raw). */
export interface DecodedTarget {
  url: string;
  decoderId?: string;
}

export interface HookRules {
  /** What the hooks get: the rules as they are, decoded ones replaced by their regex rules (none where none applies). */
  rules: Rule[];
  /** For each decoded rule: where it applies now, in words (`Socket.IO (Engine.IO v4) on 2 connections`). */
  reach: ReadonlyMap<string, string>;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The same test the hook makes of a rule's URL condition: a `*` glob (anchored) or a `/regex/flags`. */
function urlMatches(condition: string, url: string): boolean {
  if (!condition) return true;
  if (isRegexLiteral(condition)) {
    const r = readRegex(condition);
    return 'source' in r && new RegExp(r.source, r.flags.replace('g', '')).test(url);
  }
  return new RegExp(globSource(condition)).test(url);
}

export function hookRules(enabled: readonly Rule[], targets: readonly DecodedTarget[]): HookRules {
  const reach = new Map<string, string>();
  if (!enabled.some((r) => r.match.payload.kind === 'decoded')) return { rules: [...enabled], reach };
  const rules: Rule[] = [];
  for (const rule of enabled) {
    const p = rule.match.payload;
    if (p.kind !== 'decoded') {
      rules.push(rule);
      continue;
    }
    const field = readDecodedField(p.value);
    if (!field) continue;
    // The rule's connections, by decoder, in the order they were listed.
    const byDecoder = new Map<string, Set<string>>();
    for (const t of targets) if (t.decoderId && urlMatches(rule.match.url, t.url)) byDecoder.set(t.decoderId, (byDecoder.get(t.decoderId) ?? new Set()).add(t.url));
    const applies: string[] = [];
    const cannot: string[] = [];
    for (const [decoderId, urls] of byDecoder) {
      const decoder = decoderById(decoderId);
      const conditions = decoder?.ruleConditions?.(field.key, field.pattern);
      if (!decoder || !conditions) {
        cannot.push(decoder?.label ?? decoderId);
        continue;
      }
      // Any of the conditions: one rule each, with the rule's id (the first that matches acts, and is counted).
      const url = `/^(?:${[...urls].map(escapeRegex).join('|')})$/`;
      for (const payload of conditions) rules.push({ ...rule, match: { ...rule.match, url, payload } });
      applies.push(`${decoder.label} on ${urls.size === 1 ? 'its connection' : `${urls.size} connections`}`);
    }
    const parts = [applies.length ? `Applies to ${applies.join('; ')}` : `Waits for a connection whose protocol has ${field.key}`];
    if (cannot.length) parts.push(`${cannot.join(', ')} cannot be matched by ${field.key} in the page (use a regex)`);
    reach.set(rule.id, `${parts.join('. ')}.`);
  }
  return { rules, reach };
}
