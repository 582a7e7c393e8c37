// Panel store (DevTools panel): snippets — the composer's content (format, text, and a protocol form's values) saved
// under a name, per inspected origin, remembered through an injected storage; exported and imported as a JSON file,
// which is checked whole before anything in it is kept.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { RAW_MODE, templateById, type ComposerContent, type ComposerFormat, type FormValues } from './compose';

export type { ComposerContent } from './compose';

export interface Snippet extends ComposerContent {
  name: string;
}

/** Where snippets are kept, per inspected origin (the panel: localStorage under `wsinspector:snippets:<origin>`). */
export interface SnippetStorage {
  load(origin: string): unknown;
  save(origin: string, snippets: Snippet[]): void;
}

export const SNIPPET_FILE_TYPE = 'wsinspector-snippets';
export const MAX_SNIPPETS = 1000;
export const MAX_NAME = 100;
/** An import larger than this is refused before it is parsed. */
export const MAX_FILE_CHARS = 16 * 1024 * 1024;
const FORMATS: readonly string[] = ['text', 'json', 'hex', 'base64'] satisfies ComposerFormat[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One snippet checked, or why it is not one (`where` names it in the message). */
function checkSnippet(v: unknown, where: string): Snippet | string {
  if (!isObject(v)) return `${where} is not an object.`;
  const name = typeof v.name === 'string' ? v.name.trim() : '';
  if (!name) return `${where} has no name.`;
  const called = `Snippet “${name.length > 40 ? `${name.slice(0, 40)}…` : name}”`;
  if (name.length > MAX_NAME) return `${called}: its name is longer than ${MAX_NAME} characters.`;
  if (typeof v.format !== 'string' || !FORMATS.includes(v.format)) return `${called}: format ${JSON.stringify(v.format)} is not one of ${FORMATS.join(', ')}.`;
  if (typeof v.text !== 'string') return `${called}: its text is not a string.`;
  const mode = v.mode === undefined ? RAW_MODE : v.mode;
  const template = typeof mode === 'string' ? templateById(mode) : undefined;
  if (mode !== RAW_MODE && !template) return `${called}: ${JSON.stringify(mode)} is not a form the composer has.`;
  const out: Snippet = { name, format: v.format as ComposerFormat, text: v.text, mode: mode as string };
  if (template && v.form !== undefined) {
    if (!isObject(v.form)) return `${called}: its form values are not an object.`;
    const form: FormValues = {};
    for (const field of template.fields) {
      const value = v.form[field.key];
      if (value === undefined) continue;
      if (field.kind === 'check' ? typeof value !== 'boolean' : typeof value !== 'string') return `${called}: ${field.label} is not a ${field.kind === 'check' ? 'true/false' : 'string'}.`;
      form[field.key] = value as string | boolean;
    }
    out.form = form;
  }
  return out;
}

/** A snippets file (or what storage held) checked whole: every snippet valid and named once, or the first problem. */
export function parseSnippets(value: unknown): { snippets: Snippet[] } | { error: string } {
  const list = Array.isArray(value) ? value : isObject(value) ? value.snippets : undefined;
  if (isObject(value) && value.type !== undefined && value.type !== SNIPPET_FILE_TYPE) return { error: `Not a snippets file: its type is ${JSON.stringify(value.type)}, not "${SNIPPET_FILE_TYPE}".` };
  if (isObject(value) && value.version !== undefined && value.version !== 1) return { error: `This snippets file is version ${JSON.stringify(value.version)}; this WS Inspector reads version 1.` };
  if (!Array.isArray(list)) return { error: `Not a snippets file: expected {"type": "${SNIPPET_FILE_TYPE}", "snippets": […]}.` };
  if (list.length > MAX_SNIPPETS) return { error: `Too many snippets (${list.length}; at most ${MAX_SNIPPETS}).` };
  const snippets: Snippet[] = [];
  const names = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const s = checkSnippet(list[i], `Snippet ${i + 1}`);
    if (typeof s === 'string') return { error: s };
    if (names.has(s.name)) return { error: `Two snippets are named “${s.name}”.` };
    names.add(s.name);
    snippets.push(s);
  }
  return { snippets };
}

/** The file Export writes: the type, a version, the origin, and the snippets. */
export function snippetsFile(origin: string, snippets: readonly Snippet[]): string {
  return JSON.stringify({ type: SNIPPET_FILE_TYPE, version: 1, origin, snippets }, null, 2);
}

export interface Snippets {
  /** The inspected origin's snippets, in the order saved. */
  readonly list: ReadonlySignal<readonly Snippet[]>;
  /** Whether snippets can be saved: the inspected origin is known. */
  readonly ready: ReadonlySignal<boolean>;
  /** Saves under `name`, replacing a snippet of that name. */
  save(name: string, content: ComposerContent): { error: string } | { replaced: boolean };
  get(name: string): Snippet | undefined;
  remove(name: string): void;
  /** The export file's text. */
  exportJson(): string;
  /** Adds a file's snippets (replacing those of the same names), or says why the file is refused (and keeps nothing). */
  importJson(text: string): { error: string } | { added: number; replaced: number };
}

export function createSnippets(origin: ReadonlySignal<string>, storage?: SnippetStorage): Snippets {
  /** Each origin's snippets as loaded or last saved (without storage, the only copy). */
  const byOrigin = new Map<string, Snippet[]>();
  const version = signal(0);

  function load(o: string): Snippet[] {
    let kept = byOrigin.get(o);
    if (!kept) {
      let stored: unknown;
      try {
        stored = storage?.load(o);
      } catch {
        stored = undefined;
      }
      const parsed = stored === undefined || stored === null ? { snippets: [] } : parseSnippets(stored);
      kept = 'snippets' in parsed ? parsed.snippets : [];
      byOrigin.set(o, kept);
    }
    return kept;
  }

  const list = computed<readonly Snippet[]>(() => {
    version.value;
    return origin.value ? load(origin.value) : [];
  });

  function put(next: Snippet[]) {
    const o = origin.peek();
    byOrigin.set(o, next);
    try {
      storage?.save(o, next);
    } catch {
      // Storage full or disabled: the snippets hold until the panel closes.
    }
    version.value++;
  }

  return {
    list,
    ready: computed(() => origin.value !== ''),
    save(name, content) {
      if (!origin.peek()) return { error: 'The inspected page’s origin is not known yet.' };
      const checked = checkSnippet({ ...content, name }, 'The snippet');
      if (typeof checked === 'string') return { error: checked };
      const current = load(origin.peek());
      const at = current.findIndex((s) => s.name === checked.name);
      if (at < 0 && current.length >= MAX_SNIPPETS) return { error: `At most ${MAX_SNIPPETS} snippets per site.` };
      put(at < 0 ? [...current, checked] : current.map((s, i) => (i === at ? checked : s)));
      return { replaced: at >= 0 };
    },
    get: (name) => list.peek().find((s) => s.name === name),
    remove(name) {
      if (!origin.peek()) return;
      put(load(origin.peek()).filter((s) => s.name !== name));
    },
    exportJson: () => snippetsFile(origin.peek(), list.peek()),
    importJson(text) {
      if (!origin.peek()) return { error: 'The inspected page’s origin is not known yet.' };
      if (text.length > MAX_FILE_CHARS) return { error: `Not a snippets file: larger than ${MAX_FILE_CHARS / 1024 / 1024} MB.` };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        return { error: `Not a snippets file: not JSON (${(e as Error).message}).` };
      }
      const parsed = parseSnippets(value);
      if ('error' in parsed) return parsed;
      const current = load(origin.peek());
      const incoming = new Map(parsed.snippets.map((s) => [s.name, s]));
      const replaced = current.filter((s) => incoming.has(s.name)).length;
      const next = [...current.map((s) => incoming.get(s.name) ?? s), ...parsed.snippets.filter((s) => !current.some((c) => c.name === s.name))];
      if (next.length > MAX_SNIPPETS) return { error: `Too many snippets: this site would have ${next.length} (at most ${MAX_SNIPPETS}).` };
      put(next);
      return { added: parsed.snippets.length - replaced, replaced };
    },
  };
}
