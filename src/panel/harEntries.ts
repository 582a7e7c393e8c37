// Panel (pure logic): checks a getHAR result from Chromium's DevTools network log — untrusted, field by field — and
// keeps its WebSocket entries in the shape devtoolsLog.ts diffs. No browser APIs.

/** One WebSocket entry of the log, checked. */
export interface LogSocket {
  /** Stable across polls: start, URL, and which of the entries with both it is. */
  id: string;
  url: string;
  /** Wall-clock ms (`startedDateTime`). */
  start: number;
  /** Wall-clock ms of its last activity so far (`startedDateTime` + `time`). */
  end: number;
  /**
   * Over: Chromium's log sets `timings.receive` (open until close) only once the socket closed, and a socket that
   * never opened ends with an error message. Lets a socket that closed before the panel listened show closed.
   */
  closed: boolean;
  status: number;
  protocols: string[];
  protocol: string;
  extensions: string;
  /** The initiator's call frames' script URLs, innermost first. */
  scripts: string[];
  /** The initiator stack in words, as the hook records its own. */
  initiator: string;
  messages: readonly unknown[];
}

const MAX_URL = 8192;
const MAX_STACK_LINES = 30;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown, max = MAX_URL) => (typeof v === 'string' ? v.slice(0, max) : '');

function header(headers: unknown, name: string): string {
  if (!Array.isArray(headers)) return '';
  for (const h of headers) if (isObj(h) && typeof h.name === 'string' && h.name.toLowerCase() === name) return str(h.value, 1024);
  return '';
}

/**
 * A CDP `Network.Initiator` (the log's `_initiator`, deep capture's `webSocketCreated`): its call frames' script URLs,
 * innermost first, and the stack in words, as the hook records its own.
 */
export function initiatorOf(initiator: unknown): { scripts: string[]; initiator: string } {
  const frames = isObj(initiator) && isObj(initiator.stack) && Array.isArray(initiator.stack.callFrames) ? initiator.stack.callFrames : [];
  const scripts: string[] = [];
  const lines: string[] = [];
  for (const f of frames.slice(0, MAX_STACK_LINES)) {
    if (!isObj(f)) continue;
    const script = str(f.url);
    const line = typeof f.lineNumber === 'number' ? f.lineNumber + 1 : 0;
    const col = typeof f.columnNumber === 'number' ? f.columnNumber + 1 : 0;
    if (script) scripts.push(script);
    lines.push(`    at ${str(f.functionName, 256) || '(anonymous)'} (${script}:${line}:${col})`);
  }
  return { scripts, initiator: lines.join('\n') };
}

/** The WebSocket entries of a getHAR result, checked field by field; anything malformed is left out. */
export function logSockets(har: unknown): LogSocket[] {
  const entries = isObj(har) && Array.isArray(har.entries) ? har.entries : [];
  const seen = new Map<string, number>();
  const out: LogSocket[] = [];
  for (const e of entries) {
    if (!isObj(e) || e._resourceType !== 'websocket' || !Array.isArray(e._webSocketMessages) || !isObj(e.request)) continue;
    const url = str(e.request.url);
    const start = Date.parse(str(e.startedDateTime, 64));
    if (!/^wss?:\/\//i.test(url) || !Number.isFinite(start)) continue;
    const base = `${start} ${url}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const { scripts, initiator } = initiatorOf(e._initiator);
    const response = isObj(e.response) ? e.response : {};
    const status = typeof response.status === 'number' ? response.status : 0;
    const receive = isObj(e.timings) ? e.timings.receive : undefined;
    const failed = status !== 101 && e._webSocketMessages.some((m) => isObj(m) && m.type === 'error');
    const requested = header(e.request.headers, 'sec-websocket-protocol');
    out.push({
      id: `${base} ${n}`,
      url,
      start,
      end: typeof e.time === 'number' && Number.isFinite(e.time) && e.time >= 0 && e.time < 1e10 ? start + e.time : start,
      status,
      closed: (typeof receive === 'number' && receive > 0) || failed,
      protocols: requested ? requested.split(',').map((p) => p.trim()).filter(Boolean) : [],
      protocol: header(response.headers, 'sec-websocket-protocol'),
      extensions: header(response.headers, 'sec-websocket-extensions'),
      scripts,
      initiator,
      messages: e._webSocketMessages,
    });
  }
  return out;
}

