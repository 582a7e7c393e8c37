// Panel (pure logic): a JavaScript stack as V8 (`    at fn (url:line:col)`) or SpiderMonkey (`fn@url:line:col`) writes
// it, as frames with their source locations; the extension's own frames (the hook's traps) are left out.
export interface StackFrame {
  fn: string;
  /** The location as written (`url:line:col`, or `<anonymous>`). */
  where: string;
  url?: string;
  line?: number;
}

const V8 = /^\s*at (?:(.*?) \()?(.*?)\)?\s*$/;
const SPIDERMONKEY = /^(.*?)@(.*)$/;
const LOCATION = /^(.*):(\d+):(\d+)$/;
const OURS = /^(?:chrome|moz)-extension:\/\//;

export function parseStack(stack: string): StackFrame[] {
  const out: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    const m = V8.exec(line) ?? SPIDERMONKEY.exec(line);
    if (!m) continue;
    const [fn, where] = [m[1] ?? '', m[2] ?? ''];
    if (!where || OURS.test(where)) continue;
    const loc = LOCATION.exec(where);
    out.push(loc && /^(?:https?|file):/.test(loc[1]) ? { fn, where, url: loc[1], line: Number(loc[2]) } : { fn, where });
  }
  return out;
}
