// Panel decoder (pure logic): matching decoded fields from the filter (`topic:sensors/#`, `event:chat*`) and the
// decoded text the plain text filter also searches.
import { TERM_KEYS, type Decoded, type TermKey, type Terms } from './types';
import { preview } from './preview';

export const isTermKey = (k: string): k is TermKey => (TERM_KEYS as readonly string[]).includes(k);

/** `key:pattern` from a filter word, or undefined when the word is not one. */
export function parseTerm(word: string): { key: TermKey; pattern: string } | undefined {
  const colon = word.indexOf(':');
  const key = word.slice(0, colon).toLowerCase();
  return colon > 0 && isTermKey(key) ? { key, pattern: word.slice(colon + 1) } : undefined;
}

/** MQTT topic filter: `+` one level, `#` (last) this level and all below, `$…` topics not matched by a leading wildcard. */
export function matchTopic(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return i === f.length - 1;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

const globs = new Map<string, RegExp>();
/** `*` any run of characters; case-insensitive, whole value. */
export function matchGlob(pattern: string, value: string): boolean {
  let re = globs.get(pattern);
  if (!re) {
    if (globs.size > 256) globs.clear();
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    globs.set(pattern, re);
  }
  return re.test(value);
}

type TermMatcher = (terms: Terms | undefined) => boolean;
const matchers = new Map<string, TermMatcher>();

/** Whether a frame's terms answer a filter word like `topic:sensors/#`; a value of any of its messages may. */
export function matchTerm(terms: Terms | undefined, word: string): boolean {
  // A filter asks the same word of every row: parsed once, not per row.
  let match = matchers.get(word);
  if (!match) {
    if (matchers.size > 256) matchers.clear();
    matchers.set(word, (match = termMatcher(word)));
  }
  return match(terms);
}

function termMatcher(word: string): TermMatcher {
  const term = parseTerm(word);
  if (!term) return () => false;
  const { key, pattern } = term;
  // Topics with slashes are MQTT-style; other topics (Phoenix `room:lobby`, WAMP `com.app.x`) match as globs.
  const topicLike = key === 'topic' && /[+#]/.test(pattern);
  return (terms) => {
    const values = terms?.[key];
    if (!values) return false;
    for (const v of values) if (topicLike ? matchTopic(pattern, v) : matchGlob(pattern, v)) return true;
    return false;
  };
}

/** Decoded text for the text filter: the summary, the fields and the payload, bounded so a huge frame costs little. */
export function searchText(d: Decoded, max = 64 * 1024): string {
  const fields = d.fields.map(([k, v]) => `${k}: ${v}`).join('\n');
  const payload = d.payload === undefined ? '' : typeof d.payload === 'string' ? d.payload.slice(0, max) : preview(d.payload, max);
  const parts = d.parts ? d.parts.map((p) => searchText(p, max)).join('\n') : '';
  return [d.summary, fields, payload, parts].filter(Boolean).join('\n');
}
