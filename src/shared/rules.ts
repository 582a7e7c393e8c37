// Shared by the panel (which edits, stores and checks rules), the relay and the page hook (which runs them):
// interception rules as the user writes them, and as the hook receives them (HookRule, compiled by the relay in
// src/content/compileRules.ts) — plain data, every pattern a source string the hook makes with its own captured RegExp.
// Matching and actions run in src/page/intercept.ts.

export type RuleDirection = 'sent' | 'received' | 'both';

/** What a rule looks for in a frame; every part given must hold. Payload conditions read text frames only. */
export interface RuleMatch {
  /** Glob on the socket's URL (`*` any run of characters), or `/regex/flags`; empty: every socket. */
  url: string;
  direction: RuleDirection;
  /**
   * Empty: any payload. `text`: a substring; `regex`: `/…/flags` or a bare pattern (its groups feed `$1` in templates);
   * `json`: `$.a.b == "x"` (or `!=`, or a path alone: the field exists); `decoded`: a decoded field as the filter writes
   * it (`event:chat`), which the panel turns into a regex for each connection whose protocol it knows
   * (panel/decodedRules.ts): the hook never gets this kind.
   */
  payload: { kind: 'any' } | { kind: 'text'; value: string } | { kind: 'regex'; value: string } | { kind: 'json'; value: string } | { kind: 'decoded'; value: string };
}

export type RuleAction =
  | { type: 'block' }
  /** Regex replace over the text; `$1`… are the pattern's groups. */
  | { type: 'rewrite'; find: string; replace: string }
  /** Set (value as JSON) or remove the field at a `$.a.b` path of a JSON text frame. */
  | { type: 'jsonSet'; path: string; value: string }
  | { type: 'jsonRemove'; path: string }
  /** Holds the frame (and those behind it on the connection and direction) this long. */
  | { type: 'delay'; ms: number }
  /**
   * On a matching sent frame, delivers `template` to the page after `ms`: `$1`… are the payload regex's groups,
   * `{{$.id}}` a field of the request's JSON. `sendOriginal: false` answers without the server ever seeing the request.
   */
  | { type: 'mock'; ms: number; template: string; sendOriginal: boolean }
  /** Holds the frame for the panel's breakpoint editor; after `timeoutMs` it goes on unchanged. */
  | { type: 'breakpoint'; timeoutMs: number };

export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  match: RuleMatch;
  action: RuleAction;
}

/** What happened to a frame because of a rule, as the hook records it beside the frame. */
export type InterceptOutcome = 'blocked' | 'rewritten' | 'delayed' | 'mocked' | 'forwarded' | 'edited' | 'dropped' | 'timedOut' | 'error';

// ─── Pure helpers: reading patterns, checking rules, the rules file ──────────────────────────────────────────────────
// The panel checks every rule with these before it sends it; the hook may use the same readers (they never throw).

export const RULES_FILE_TYPE = 'wsinspector-rules';
export const MAX_RULES = 500;
export const MAX_RULE_NAME = 100;
/** Delays and mock replies wait at most this long; a breakpoint holds a frame at most this long. */
export const MAX_WAIT_MS = 10 * 60 * 1000;
export const DEFAULT_BREAKPOINT_TIMEOUT_MS = 30_000;
/** An import larger than this is refused before it is parsed. */
export const MAX_RULES_FILE_CHARS = 4 * 1024 * 1024;

export const OUTCOMES: readonly InterceptOutcome[] = ['blocked', 'rewritten', 'delayed', 'mocked', 'forwarded', 'edited', 'dropped', 'timedOut', 'error'];
const DIRECTIONS: readonly string[] = ['sent', 'received', 'both'] satisfies RuleDirection[];
const PAYLOAD_KINDS: readonly string[] = ['any', 'text', 'regex', 'json', 'decoded'] satisfies RuleMatch['payload']['kind'][];
/** The decoded fields filters and rules can name (`event:chat`); the decoders give frames these (panel/decode). */
export const DECODED_FIELDS = ['event', 'type', 'topic', 'destination', 'method', 'op'] as const;
export type DecodedField = (typeof DECODED_FIELDS)[number];
const ACTION_TYPES: readonly string[] = ['block', 'rewrite', 'jsonSet', 'jsonRemove', 'delay', 'mock', 'breakpoint'] satisfies RuleAction['type'][];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** `/source/flags`, or a bare pattern (flags ''): the parts to give `new RegExp`, or why it is not a valid regex. */
export function readRegex(src: string): { source: string; flags: string } | { error: string } {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(src);
  const source = m ? m[1] : src;
  const flags = m ? m[2] : '';
  if (!source) return { error: 'the pattern is empty' };
  try {
    new RegExp(source, flags);
  } catch (e) {
    return { error: errorText(e) };
  }
  return { source, flags };
}

/** A URL condition is a regex when written `/…/flags`, else a glob where `*` is any run of characters. */
export const isRegexLiteral = (src: string) => /^\/.*\/[a-z]*$/s.test(src) && src.length > 1;

/** A glob (`*` any run of characters, everything else literal) as an anchored regex source. */
export function globSource(glob: string): string {
  return `^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`;
}

export type JsonPath = (string | number)[];

/** `$`, `$.a.b`, `$.list[0]`, `$["odd key"]`: the path's steps (numbers index arrays), or why it is not one. */
export function readJsonPath(src: string): { path: JsonPath } | { error: string } {
  const s = src.trim();
  if (!s.startsWith('$')) return { error: `a JSON path starts with $ (like $.type), not ${JSON.stringify(s.slice(0, 20))}` };
  const path: JsonPath = [];
  let i = 1;
  while (i < s.length) {
    if (s[i] === '.') {
      const m = /^[^.[\]\s]+/.exec(s.slice(i + 1));
      if (!m) return { error: `a field name is missing after the dot at character ${i + 1} of ${s}` };
      path.push(m[0]);
      i += 1 + m[0].length;
    } else if (s[i] === '[') {
      const rest = s.slice(i);
      const n = /^\[(\d+)\]/.exec(rest);
      const q = /^\[("(?:[^"\\]|\\.)*"|'[^']*')\]/.exec(rest);
      if (n) {
        path.push(Number(n[1]));
        i += n[0].length;
      } else if (q) {
        let key: string;
        try {
          key = q[1][0] === '"' ? (JSON.parse(q[1]) as string) : q[1].slice(1, -1);
        } catch {
          return { error: `${q[1]} is not a valid quoted name` };
        }
        path.push(key);
        i += q[0].length;
      } else return { error: `[…] takes an index ([0]) or a quoted name (["a b"]), at character ${i + 1} of ${s}` };
    } else return { error: `unexpected ${JSON.stringify(s[i])} at character ${i + 1} of ${s}: write $.a.b or $.a[0]` };
  }
  return { path };
}

/** `event:chat` as its field and glob, or undefined when it is not one. */
export function readDecodedField(src: string): { key: DecodedField; pattern: string } | undefined {
  const m = /^\s*([a-z]+):(.+?)\s*$/s.exec(src);
  const key = m?.[1] as DecodedField | undefined;
  return m && key && DECODED_FIELDS.includes(key) ? { key, pattern: m[2] } : undefined;
}

/**
 * A JSON payload condition: `$.a.b` (the field exists), `$.a.b == <JSON value>`, `$.a.b != <JSON value>`, or
 * `$.a.b =~ /regex/flags` (the field is text the regex matches).
 */
export type JsonCondition = { path: JsonPath; op?: '==' | '!=' | '=~'; value?: unknown };

export function readJsonCondition(src: string): JsonCondition | { error: string } {
  const m = /^(.*?)\s*(==|!=|=~)\s*(.*)$/s.exec(src.trim());
  const p = readJsonPath(m ? m[1] : src);
  if ('error' in p) return p;
  if (!m) return { path: p.path };
  const text = m[3].trim();
  if (m[2] === '=~') {
    const r = isRegexLiteral(text) ? readRegex(text) : { error: `write the regex as /…/ after =~, not ${JSON.stringify(text.slice(0, 20))}` };
    return 'error' in r ? { error: `=~ ${r.error}` } : { path: p.path, op: '=~', value: text };
  }
  if (!text) return { error: `a value is missing after ${m[2]} (a JSON value: "text", 42, true, null)` };
  try {
    return { path: p.path, op: m[2] as '==' | '!=', value: JSON.parse(text) };
  } catch {
    return { error: `${text} is not a JSON value: put text in double quotes, like "${text.replace(/"/g, '')}"` };
  }
}

/** The `{{$.path}}` fields a mock template reads from the request, or why one is not a path. */
export function readTemplate(template: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  const re = /\{\{(.*?)\}\}/gs;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const p = readJsonPath(m[1]);
    if ('error' in p) return { error: `{{${m[1]}}}: ${p.error}` };
    fields.push(m[1].trim());
    last = re.lastIndex;
  }
  if (template.indexOf('{{', last) !== -1) return { error: 'a {{ has no closing }}' };
  return { fields };
}

const waitError = (what: string, ms: unknown, min = 0) =>
  typeof ms !== 'number' || !Number.isInteger(ms) || ms < min || ms > MAX_WAIT_MS ? `${what} must be a whole number of ms from ${min} to ${MAX_WAIT_MS}.` : undefined;

/** Why the hook could not run this rule as written (shown on the rule; such a rule is not sent), or undefined. */
export function checkRule(rule: Rule): string | undefined {
  if (!rule.name.trim()) return 'The rule has no name.';
  if (rule.name.length > MAX_RULE_NAME) return `The name is longer than ${MAX_RULE_NAME} characters.`;
  const { url, payload, direction } = rule.match;
  if (isRegexLiteral(url)) {
    const r = readRegex(url);
    if ('error' in r) return `URL regex: ${r.error}.`;
  }
  if (payload.kind === 'text' && !payload.value) return 'Payload text is empty: choose "any payload" to match every frame.';
  if (payload.kind === 'regex') {
    const r = readRegex(payload.value);
    if ('error' in r) return `Payload regex: ${r.error}.`;
  }
  if (payload.kind === 'json') {
    const c = readJsonCondition(payload.value);
    if ('error' in c) return `Payload JSON condition: ${c.error}.`;
  }
  if (payload.kind === 'decoded' && !readDecodedField(payload.value))
    return `Decoded field: write a field and a value like event:chat (fields: ${DECODED_FIELDS.join(', ')}).`;
  const a = rule.action;
  switch (a.type) {
    case 'block':
      return undefined;
    case 'rewrite': {
      const r = readRegex(a.find);
      return 'error' in r ? `Rewrite: find: ${r.error}.` : undefined;
    }
    case 'jsonSet': {
      const p = readJsonPath(a.path);
      if ('error' in p) return `Set JSON field: ${p.error}.`;
      if (!p.path.length) return 'Set JSON field: the path names a field, not the whole message ($).';
      try {
        JSON.parse(a.value);
      } catch {
        return `Set JSON field: ${a.value ? `${a.value} is not a JSON value: put text in double quotes` : 'the value is empty (a JSON value: "text", 42, true, null)'}.`;
      }
      return undefined;
    }
    case 'jsonRemove': {
      const p = readJsonPath(a.path);
      if ('error' in p) return `Remove JSON field: ${p.error}.`;
      return p.path.length ? undefined : 'Remove JSON field: the path names a field, not the whole message ($).';
    }
    case 'delay':
      return waitError('The delay', a.ms);
    case 'mock': {
      if (direction === 'received') return 'A mock reply answers frames the page sends: set the direction to Sent or Both.';
      const w = waitError('The reply delay', a.ms);
      if (w) return w;
      if (!a.template) return 'The mock reply template is empty.';
      const t = readTemplate(a.template);
      return 'error' in t ? `Mock reply template: ${t.error}.` : undefined;
    }
    case 'breakpoint':
      return waitError('The breakpoint timeout', a.timeoutMs, 1000);
  }
}

/** One rule from a file or storage, checked for shape (not for sense: checkRule), or why it is not one. */
function ruleFrom(v: unknown, where: string): Rule | string {
  if (!isObject(v)) return `${where} is not an object.`;
  if (typeof v.name !== 'string') return `${where} has no name.`;
  const called = `Rule “${v.name.length > 40 ? `${v.name.slice(0, 40)}…` : v.name}”`;
  if (v.enabled !== undefined && typeof v.enabled !== 'boolean') return `${called}: "enabled" is not true or false.`;
  const m = v.match === undefined ? {} : v.match;
  if (!isObject(m)) return `${called}: "match" is not an object.`;
  if (m.url !== undefined && typeof m.url !== 'string') return `${called}: match.url is not a string.`;
  if (m.direction !== undefined && (typeof m.direction !== 'string' || !DIRECTIONS.includes(m.direction)))
    return `${called}: match.direction ${JSON.stringify(m.direction)} is not one of ${DIRECTIONS.join(', ')}.`;
  const p = m.payload === undefined ? { kind: 'any' } : m.payload;
  if (!isObject(p) || typeof p.kind !== 'string' || !PAYLOAD_KINDS.includes(p.kind))
    return `${called}: match.payload.kind must be one of ${PAYLOAD_KINDS.join(', ')}.`;
  if (p.kind !== 'any' && typeof p.value !== 'string') return `${called}: match.payload.value is not a string.`;
  const a = v.action;
  if (!isObject(a) || typeof a.type !== 'string' || !ACTION_TYPES.includes(a.type)) return `${called}: action.type must be one of ${ACTION_TYPES.join(', ')}.`;
  const str = (k: string) => (typeof a[k] === 'string' ? undefined : `${called}: action.${k} is not a string.`);
  const num = (k: string) => (typeof a[k] === 'number' && Number.isFinite(a[k]) ? undefined : `${called}: action.${k} is not a number.`);
  let action: RuleAction;
  let bad: string | undefined;
  switch (a.type) {
    case 'rewrite':
      bad = str('find') ?? str('replace');
      action = { type: 'rewrite', find: a.find as string, replace: a.replace as string };
      break;
    case 'jsonSet':
      bad = str('path') ?? str('value');
      action = { type: 'jsonSet', path: a.path as string, value: a.value as string };
      break;
    case 'jsonRemove':
      bad = str('path');
      action = { type: 'jsonRemove', path: a.path as string };
      break;
    case 'delay':
      bad = num('ms');
      action = { type: 'delay', ms: a.ms as number };
      break;
    case 'mock':
      bad = num('ms') ?? str('template') ?? (a.sendOriginal === undefined || typeof a.sendOriginal === 'boolean' ? undefined : `${called}: action.sendOriginal is not true or false.`);
      action = { type: 'mock', ms: a.ms as number, template: a.template as string, sendOriginal: a.sendOriginal !== false };
      break;
    case 'breakpoint':
      bad = a.timeoutMs === undefined ? undefined : num('timeoutMs');
      action = { type: 'breakpoint', timeoutMs: (a.timeoutMs as number | undefined) ?? DEFAULT_BREAKPOINT_TIMEOUT_MS };
      break;
    default:
      action = { type: 'block' };
  }
  if (bad) return bad;
  return {
    id: typeof v.id === 'string' ? v.id : '',
    name: v.name,
    enabled: v.enabled !== false,
    match: {
      url: (m.url as string | undefined) ?? '',
      direction: (m.direction as RuleDirection | undefined) ?? 'both',
      payload: p.kind === 'any' ? { kind: 'any' } : ({ kind: p.kind, value: p.value } as RuleMatch['payload']),
    },
    action,
  };
}

/**
 * A rules file (`{"type": "wsinspector-rules", "version": 1, "rules": […]}`, or a bare array), or what storage held,
 * checked whole: every rule well formed, or the first problem in words. Never throws. Rules keep their ids when they
 * have them ('' otherwise: the store gives fresh ones). `lenient` (what storage held): a rule that is not well formed is
 * left out instead of refusing them all.
 */
export function rulesFrom(value: unknown, { lenient = false }: { lenient?: boolean } = {}): { rules: Rule[] } | { error: string } {
  if (isObject(value) && value.type !== undefined && value.type !== RULES_FILE_TYPE) return { error: `Not a rules file: its type is ${JSON.stringify(value.type)}, not "${RULES_FILE_TYPE}".` };
  if (isObject(value) && value.version !== undefined && value.version !== 1) return { error: `This rules file is version ${JSON.stringify(value.version)}; this WS Inspector reads version 1.` };
  const list = Array.isArray(value) ? value : isObject(value) ? value.rules : undefined;
  if (!Array.isArray(list)) return { error: `Not a rules file: expected {"type": "${RULES_FILE_TYPE}", "rules": […]}.` };
  if (list.length > MAX_RULES) return { error: `Too many rules (${list.length}; at most ${MAX_RULES}).` };
  const rules: Rule[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = ruleFrom(list[i], `Rule ${i + 1}`);
    if (typeof r === 'string') {
      if (lenient) continue;
      return { error: r };
    }
    rules.push(r);
  }
  return { rules };
}

/** `rulesFrom` on JSON text (an imported file). */
export function parseRules(text: string): { rules: Rule[] } | { error: string } {
  if (text.length > MAX_RULES_FILE_CHARS) return { error: `The file is too large (${text.length} characters; at most ${MAX_RULES_FILE_CHARS}).` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `Not JSON: ${errorText(e)}` };
  }
  return rulesFrom(value);
}

/** The rules as a file `parseRules` reads back. */
export function exportRules(rules: readonly Rule[]): string {
  return JSON.stringify({ type: RULES_FILE_TYPE, version: 1, rules }, null, 2);
}

// ─── Rules as the page hook receives them ─────────────────────────────────────────────────────────────────────────────
// The relay (src/content/compileRules.ts) reads the panel's rules into these, so that the hook, which runs in every
// document, only checks them and evaluates them. Every field is always present (null when unused): the hook never reads
// a field a message lacks, which would reach the page's Object.prototype.

/** A regex the hook makes with its captured RegExp constructor: `new RegExp(source, flags)`. */
export interface RegexSpec {
  source: string;
  flags: string;
}

/**
 * A template in parts: text as is, a number for a regex group (`$1`), a field of the JSON request (`{{$.id}}`, `name` as
 * written), or, where the template cannot go on (an unclosed `{{`), the error it stops with.
 */
export type TemplatePart = string | number | { field: string[]; name: string } | { field: null; error: string };

export type HookAction =
  | { type: 'block' }
  | { type: 'rewrite'; find: RegexSpec; replace: TemplatePart[] }
  /** `value`: JSON text, parsed by the hook as it sets the field. */
  | { type: 'jsonSet'; path: string[]; value: string }
  | { type: 'jsonRemove'; path: string[] }
  | { type: 'delay'; ms: number }
  | { type: 'mock'; ms: number; template: TemplatePart[]; sendOriginal: boolean }
  | { type: 'breakpoint'; timeoutMs: number };

export interface HookRule {
  id: string;
  /** 0 sent, 1 received, 2 both. */
  dir: number;
  url: RegexSpec | null;
  /** A payload condition: a substring, a regex, or a JSON field (`op` '' when it only has to exist). */
  text: string | null;
  re: RegexSpec | null;
  json: { path: string[]; op: '' | '==' | '!=' | '=~'; value: unknown; re: RegexSpec | null } | null;
  action: HookAction;
}
