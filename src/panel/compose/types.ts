// Panel composer (pure logic): the shapes every protocol template shares — a form's fields, its values, what it knows
// about its connection (the next free ids), and the raw frame it builds.
import type { CommandPayload } from '../../shared/protocol';
import type { ConnectionHints, FrameInput } from '../decode/types';

/** The raw editor's formats (composer.ts). */
export type ComposerFormat = 'text' | 'json' | 'hex' | 'base64';

/** What the composer holds: the raw editor's format and text, and the chosen form with its values (a snippet's content). */
export interface ComposerContent {
  format: ComposerFormat;
  text: string;
  /** 'raw' (RAW_MODE) or a template's id (compose/index.ts). */
  mode: string;
  /** The form's values, when `mode` is a form. */
  form?: FormValues;
}

/** A form's values by field key: text fields hold strings, checkboxes booleans. */
export type FormValues = Record<string, string | boolean>;

/** The raw frame a form stands for, and how the preview shows it; or why it stands for none. */
export type Built = { payload: CommandPayload; preview: string } | { error: string };

export interface Field {
  key: string;
  /** The accessible name (and the visible label). */
  label: string;
  /** `line` an input, `area` a textarea, `check` a checkbox, `select` a drop-down of `options`. */
  kind: 'line' | 'area' | 'check' | 'select';
  options?: [value: string, label: string][];
  placeholder?: string;
  title?: string;
}

/** What a template reads of its connection: the hints, and its frames in time order (its first ones and its latest). */
export interface ConnectionFrames {
  hints: ConnectionHints;
  frames: readonly FrameInput[];
}

export interface Template<C = unknown> {
  /** The form's id, kept in snippets: 'socketio', 'stomp', 'jsonrpc', 'graphql', 'mqtt'. */
  id: string;
  /** "Compose as" choice: `Socket.IO emit`. */
  label: string;
  /** The protocol's name: `Socket.IO`. */
  protocol: string;
  /** The decoders (decode/registry.ts ids) whose connections this form is for. */
  decoders: readonly string[];
  fields: readonly Field[];
  defaults: FormValues;
  /** What the connection's frames say: next free ids, the namespace or version in use. */
  context(c: ConnectionFrames): C;
  build(values: FormValues, ctx: C): Built;
  /** Placeholders that depend on the connection (the namespace in use), by field key. */
  hints?(ctx: C): Record<string, string>;
}

export const str = (v: string | boolean | undefined): string => (typeof v === 'string' ? v : '');
export const bool = (v: string | boolean | undefined): boolean => v === true;

/** JSON text, or why not, naming the field. */
export function parseJsonField(text: string, what: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `${what} ${text.trim() ? `are not valid JSON: ${(e as Error).message}` : 'are empty'}` };
  }
}

/** Text frames as their text (binary frames that are UTF-8 too), for templates that scan JSON or text protocols. */
export const textFrames = (frames: readonly FrameInput[]) =>
  frames.flatMap((f) => (typeof f.data === 'string' ? [{ dir: f.dir, text: f.data }] : []));

/** A text payload and its preview (control characters a textarea would hide shown as symbols). */
export function textBuilt(text: string): Built {
  return { payload: { type: 'text', text }, preview: text.replace(/\0/g, '␀') };
}
