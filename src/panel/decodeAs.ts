// Panel store (DevTools panel): "Decode as" — the protocol the user chose for a URL pattern, remembered for every
// inspected page through an injected storage. decoding.ts applies the choice over what detection found.
import { signal, type ReadonlySignal } from '@preact/signals';
import { DECODERS } from './decode/registry';

/** 'auto' (detection), 'raw' (no decoding) or a decoder's id. */
export type DecodeChoice = string;
export const DECODE_AUTO = 'auto';
export const DECODE_RAW = 'raw';

/** The Decode-as choices for the UI, in order: Auto, Raw, then every decoder. */
export const DECODE_CHOICES: { id: DecodeChoice; label: string }[] = [
  { id: DECODE_AUTO, label: 'Auto' },
  { id: DECODE_RAW, label: 'Raw' },
  ...DECODERS.map((d) => ({ id: d.id, label: d.label })),
];

/** The user's Decode-as choices by URL pattern (origin + path), remembered for every inspected page. */
export interface DecodeAsStorage {
  load(): Record<string, DecodeChoice>;
  save(choices: Record<string, DecodeChoice>): void;
}

/** The URL pattern a Decode-as choice is remembered for: origin and path, without the query (session ids). */
export function urlPattern(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin === 'null' ? `${u.protocol}//${u.host}` : u.origin}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

export function createDecodeAs(storage?: DecodeAsStorage): {
  /** The choices by URL pattern (none: auto). */
  readonly choices: ReadonlySignal<Record<string, DecodeChoice>>;
  choose(pattern: string, choice: DecodeChoice): void;
} {
  const choices = signal<Record<string, DecodeChoice>>(load());

  function load(): Record<string, DecodeChoice> {
    try {
      const saved = storage?.load();
      return saved && typeof saved === 'object' ? { ...saved } : {};
    } catch {
      return {};
    }
  }

  return {
    choices,
    choose(pattern, choice) {
      const next = { ...choices.value };
      if (choice === DECODE_AUTO) delete next[pattern];
      else next[pattern] = choice;
      choices.value = next;
      try {
        storage?.save(next);
      } catch {
        // Storage full or disabled: the choice holds until the panel closes.
      }
    },
  };
}
