// Panel store (DevTools panel): the composer — what the user is writing, in which format, for which connection — and the
// pure checks that turn it into a command for the page's socket (send to the server, deliver to the page).
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { base64ToBytes, bytesToBase64 } from '../shared/codec';
import { hexString } from '../shared/format';
import type { CommandPayload } from '../shared/protocol';
import { RAW_MODE, templateById, type ComposerContent, type ComposerFormat, type FormValues } from './compose';
import type { Connection, Row } from './model';
import { createSnippets, type SnippetStorage, type Snippets } from './snippets';

export type { ComposerContent, ComposerFormat } from './compose';
export const COMPOSER_FORMATS: [ComposerFormat, string][] = [
  ['text', 'Text'],
  ['json', 'JSON'],
  ['hex', 'Binary (hex)'],
  ['base64', 'Binary (Base64)'],
];

/** The payload a text in a format stands for, or why it stands for none. */
export function parsePayload(format: ComposerFormat, text: string): { payload: CommandPayload } | { error: string } {
  if (format === 'text') return { payload: { type: 'text', text } };
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (e) {
      return { error: `Not valid JSON: ${(e as Error).message}` };
    }
    return { payload: { type: 'text', text } };
  }
  if (format === 'hex') {
    const hex = text.replace(/\s+/g, '');
    if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) return { error: 'Not hex: use pairs of 0-9 and a-f, spaces allowed (68 69 or 6869).' };
    return { payload: { type: 'binary', base64: bytesToBase64(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))) } };
  }
  const b64 = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) return { error: 'Not Base64.' };
  try {
    return { payload: { type: 'binary', base64: bytesToBase64(base64ToBytes(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='))) } };
  } catch {
    return { error: 'Not Base64.' };
  }
}

/** JSON pretty-printed or compact; the text as is when it is not JSON. */
export function reformatJson(text: string, pretty: boolean): string {
  try {
    return JSON.stringify(JSON.parse(text), null, pretty ? 2 : undefined);
  } catch {
    return text;
  }
}

/** The composer's content for a frame: text (as JSON when it is JSON) or its bytes in hex. */
export function draftOf(row: Row): { format: ComposerFormat; text: string } {
  if (typeof row.data !== 'string') return { format: 'hex', text: hexString(row.data) };
  try {
    JSON.parse(row.data);
    return { format: 'json', text: row.data };
  } catch {
    return { format: 'text', text: row.data };
  }
}

/** Connections the composer can act on: open ones (a frame can only go over an open socket). */
/** Open sockets the hook holds (a worker's, read from DevTools' log, cannot be sent on). */
export const composable = (connections: Iterable<Connection>) => [...connections].filter((c) => c.state === 'open' && !c.source);

export interface Composer {
  readonly open: ReadonlySignal<boolean>;
  readonly format: ReadonlySignal<ComposerFormat>;
  readonly text: ReadonlySignal<string>;
  /** The chosen connection's key ('' for "the selected one, else the first open one"). */
  readonly target: ReadonlySignal<string>;
  /** What the last action did, or why not. */
  readonly status: ReadonlySignal<{ ok: boolean; text: string } | undefined>;
  readonly height: ReadonlySignal<number>;
  /** RAW_MODE (the editor above) or a protocol form's id ("Compose as"); a form shows only where the target offers it. */
  readonly mode: ReadonlySignal<string>;
  /** Each form's values, by form id (what the user typed; defaults fill the rest). */
  readonly forms: ReadonlySignal<Readonly<Record<string, FormValues>>>;
  /** The saved snippets of the inspected origin. */
  readonly snippets: Snippets;
  toggle(open?: boolean): void;
  setMode(mode: string): void;
  setField(form: string, key: string, value: string | boolean): void;
  /** What the composer holds now, in `mode` (a snippet's content). */
  content(mode?: string): ComposerContent;
  /** Opens the composer with saved content (a snippet), aimed at `target` when given. */
  load(content: ComposerContent, target?: string): void;
  setFormat(f: ComposerFormat): void;
  setText(t: string): void;
  setTarget(key: string): void;
  setStatus(s: { ok: boolean; text: string } | undefined): void;
  setHeight(px: number): void;
  /** Opens the composer with a frame's content, aimed at its connection. */
  edit(row: Row): void;
}

export const DEFAULT_COMPOSER_HEIGHT = 150;

export interface ComposerOptions {
  /** The inspected origin, which snippets are kept per. */
  origin?: ReadonlySignal<string>;
  snippetStorage?: SnippetStorage;
}

export function createComposer({ origin = signal(''), snippetStorage }: ComposerOptions = {}): Composer {
  const open = signal(false);
  const format = signal<ComposerFormat>('text');
  const text = signal('');
  const target = signal('');
  const status = signal<{ ok: boolean; text: string } | undefined>(undefined);
  const height = signal(DEFAULT_COMPOSER_HEIGHT);
  const mode = signal<string>(RAW_MODE);
  const forms = signal<Readonly<Record<string, FormValues>>>({});
  return {
    open,
    format,
    text,
    target,
    status,
    height,
    mode,
    forms,
    snippets: createSnippets(origin, snippetStorage),
    toggle: (on = !open.value) => void (open.value = on),
    setMode(m) {
      batch(() => {
        mode.value = templateById(m) ? m : RAW_MODE;
        status.value = undefined;
      });
    },
    setField(form, key, value) {
      forms.value = { ...forms.value, [form]: { ...forms.value[form], [key]: value } };
    },
    content(m = mode.value) {
      const template = templateById(m);
      if (!template) return { format: format.value, text: text.value, mode: RAW_MODE };
      return { format: format.value, text: text.value, mode: m, form: { ...template.defaults, ...forms.value[m] } };
    },
    load(content, to) {
      batch(() => {
        open.value = true;
        format.value = content.format;
        text.value = content.text;
        const template = templateById(content.mode);
        mode.value = template ? content.mode : RAW_MODE;
        if (template) forms.value = { ...forms.value, [content.mode]: { ...template.defaults, ...content.form } };
        if (to !== undefined) target.value = to;
        status.value = undefined;
      });
    },
    setFormat(f) {
      batch(() => {
        // Switching between hex and Base64 converts the bytes; other switches keep the text as typed.
        const parsed = parsePayload(format.value, text.value);
        if ('payload' in parsed && parsed.payload.type === 'binary' && (f === 'hex' || f === 'base64'))
          text.value = f === 'hex' ? hexString(base64ToBytes(parsed.payload.base64)) : parsed.payload.base64;
        format.value = f;
        status.value = undefined;
      });
    },
    setText(t) {
      text.value = t;
    },
    setTarget: (key) => void (target.value = key),
    setStatus: (s) => void (status.value = s),
    setHeight: (px) => void (height.value = Math.max(80, Math.round(px))),
    edit(row) {
      const draft = draftOf(row);
      batch(() => {
        open.value = true;
        format.value = draft.format;
        text.value = draft.text;
        mode.value = RAW_MODE;
        target.value = row.key;
        status.value = undefined;
      });
    },
  };
}
