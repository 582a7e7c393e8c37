// Panel decoder (pure logic): the conditions on raw frames that decoded-field rules become (decodedRules.ts asks each
// decoder for them): a glob as regex source, a regex on the text, a glob on a JSON field.
import { globSource, type RuleMatch } from '../../shared/rules';

/** A glob (`*`: any run of characters but `stop`) as regex source, its literal parts escaped as they appear in JSON strings. */
export function fieldGlob(pattern: string, stop = '"', json = true): string {
  return pattern
    .split('*')
    .map((part) => (json ? JSON.stringify(part).slice(1, -1) : part).replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join(`[^${stop === '\n' ? '\\n' : stop}]*`);
}

/** A rule condition on the raw text: the regex source, case-insensitive. */
export const textCondition = (source: string): RuleMatch['payload'] => ({ kind: 'regex', value: `/${source}/i` });

/** A rule condition on a JSON field (`$.type`, `$[3]`) whose text value matches the glob, case-insensitive. */
export const fieldCondition = (path: string, pattern: string): RuleMatch['payload'] => ({ kind: 'json', value: `${path} =~ /${globSource(pattern)}/i` });
