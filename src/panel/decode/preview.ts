// Panel decoder (pure logic): one-line renderings for the Message column and the summaries — a bounded preview of a
// decoded value, and any text clipped to one line.

export const SUMMARY_MAX = 120;

/** A string as JSON.stringify writes it; most keys and values need no escaping, and quoting them is much cheaper. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
export const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/** A bounded one-line rendering of a JSON-like value: stops writing once `max` is reached, so huge payloads cost little. */
export function preview(value: unknown, max = 60): string {
  const out = new Preview(max);
  out.walk(value, 0);
  return out.text.length > max ? `${out.text.slice(0, max - 1)}…` : out.text;
}

/** preview's writer (a class rather than closures: it runs for every decoded frame). */
class Preview {
  text = '';
  constructor(private readonly max: number) {}
  /** Appends; false once the text is long enough (the walk stops). */
  write(s: string): boolean {
    this.text += s;
    return this.text.length < this.max;
  }
  walk(v: unknown, depth: number): boolean {
    if (typeof v === 'string') return this.write(quote(v.length > this.max ? v.slice(0, this.max) : v));
    if (typeof v !== 'object' || v === null) return this.write(v === undefined ? 'undefined' : String(v));
    if (v instanceof Uint8Array) return this.write(`‹${v.length} B›`);
    if (Array.isArray(v)) {
      if (depth > 3) return this.write(v.length ? '[…]' : '[]');
      if (!this.write('[')) return false;
      for (let i = 0; i < v.length; i++) if ((i && !this.write(',')) || !this.walk(v[i], depth + 1)) return false;
      return this.write(']');
    }
    const keys = Object.keys(v);
    if (depth > 3) return this.write(keys.length ? '{…}' : '{}');
    if (!this.write('{')) return false;
    for (let i = 0; i < keys.length; i++) {
      if ((i && !this.write(',')) || !this.write(`${quote(keys[i])}:`) || !this.walk((v as Record<string, unknown>)[keys[i]], depth + 1)) return false;
    }
    return this.write('}');
  }
}

/** One line of at most SUMMARY_MAX characters. */
export function clip(s: string, max = SUMMARY_MAX): string {
  const line = s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace(/\s*[\r\n]+\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
