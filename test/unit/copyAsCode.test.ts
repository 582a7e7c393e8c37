// Copy as code: the JavaScript runs (against a stand-in WebSocket) and sends the connection's sent frames, in order, at
// their recorded pace; the websocat line quotes for a POSIX shell and marks text and binary apart when both occur.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { javascriptSnippet, MAX_CODE_FRAMES, sentFrames, shellQuote, websocatCommand } from '../../src/panel/copyAsCode';
import type { Connection, Row } from '../../src/panel/model';

const c = { key: 'd:1', n: 3, url: "ws://127.0.0.1:9/feed?q=it's", protocols: ['graphql-ws', 'v2'] } as Connection;
let t = 1000;
const frame = (dir: 'sent' | 'received', data: string | Uint8Array, extra: Partial<Row> = {}): Row => ({
  key: 'd:1', seq: t, t: (t += 100), dir, type: typeof data === 'string' ? 'text' : 'binary', data, length: data.length, truncated: false, ...extra,
});
const rows = [
  frame('sent', 'hello "you"\n\u2028line'),
  frame('received', 'ignored'),
  frame('sent', Uint8Array.of(0, 1, 255)),
  frame('sent', 'cut', { truncated: true, length: 10 }),
  { ...frame('sent', 'other socket'), key: 'd:2' },
  frame('sent', 'last'),
];

afterEach(() => vi.useRealTimers());

describe('sentFrames', () => {
  it('takes the connection’s sent frames that were kept whole, and counts those left out', () => {
    const sent = sentFrames(rows, 'd:1');
    expect(sent.frames.map((r) => r.data)).toEqual([rows[0].data, rows[2].data, 'last']);
    expect(sent.leftOut).toBe(1);
    const many = Array.from({ length: MAX_CODE_FRAMES + 2 }, () => frame('sent', 'x'));
    expect(sentFrames(many, 'd:1')).toMatchObject({ leftOut: 2 });
  });
});

describe('javascriptSnippet', () => {
  it('opens the same URL with the same protocols and sends the same frames at their pace', () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    const opened: unknown[] = [];
    class FakeSocket {
      binaryType = 'blob';
      private open?: () => void;
      constructor(...args: unknown[]) {
        opened.push(args);
      }
      addEventListener(type: string, f: () => void) {
        if (type === 'open') this.open = f;
      }
      send(data: unknown) {
        sent.push(data instanceof Uint8Array ? Array.from(data) : data);
      }
      fire() {
        this.open!();
      }
    }
    const code = javascriptSnippet(c, sentFrames(rows, 'd:1'));
    expect(code.split('\n')[0]).toBe("// WS Inspector: socket #3 ws://127.0.0.1:9/feed?q=it's, 3 sent frames; 1 sent frame left out (only part kept, or over 1000 frames / 1 MiB)");
    const ws = new Function('WebSocket', `${code}\nreturn ws;`)(FakeSocket) as FakeSocket;
    expect(opened).toEqual([[c.url, c.protocols]]);
    ws.fire();
    vi.advanceTimersByTime(199);
    expect(sent).toEqual(['hello "you"\n\u2028line']);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['hello "you"\n\u2028line', [0, 1, 255], 'last']);
  });

  it('leaves the protocols out when there were none', () => {
    expect(javascriptSnippet({ ...c, protocols: [] }, { frames: [], leftOut: 0 })).toContain(`new WebSocket(${JSON.stringify(c.url)});`);
  });
});

describe('websocatCommand', () => {
  it('quotes for a POSIX shell (checked by sh itself)', () => {
    for (const s of ["it's", 'a "b" $HOME `x` \\ \n', '']) expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(s)}`]).toString()).toBe(s);
  });

  it('sends NUL-terminated records, prefixed T:/B: (binary as base64) when text and binary mix', () => {
    expect(websocatCommand(c, sentFrames(rows, 'd:1'))).toBe(
      "# WS Inspector: socket #3 ws://127.0.0.1:9/feed?q=it's, 3 sent frames; 1 sent frame left out (only part kept, or over 1000 frames / 1 MiB)\n" +
        `printf '%s\\0' 'T:hello "you"\n\u2028line' 'B:AAH/' 'T:last' | websocat -n -0 --protocol 'graphql-ws, v2' --text-prefix T: --binary-prefix B: --base64 'ws://127.0.0.1:9/feed?q=it'\\''s'\n`,
    );
    // The records as the shell hands them to websocat.
    const input = websocatCommand(c, sentFrames(rows, 'd:1')).split('\n').slice(1).join('\n').replace(/ \| websocat .*$/s, '');
    expect(execFileSync('sh', ['-c', input]).toString().split('\0')).toEqual(['T:hello "you"\n\u2028line', 'B:AAH/', 'T:last', '']);
  });

  it('needs no prefixes for text alone, no input without frames, and leaves out text holding a NUL', () => {
    const text = [frame('sent', 'a'), frame('sent', 'b\0c')];
    expect(websocatCommand({ ...c, protocols: [] }, sentFrames(text, 'd:1'))).toBe(
      `# WS Inspector: socket #3 ws://127.0.0.1:9/feed?q=it's, 1 sent frame; 1 sent frame left out (only part kept, or over 1000 frames / 1 MiB, or text holding a NUL)\nprintf '%s\\0' 'a' | websocat -n -0 'ws://127.0.0.1:9/feed?q=it'\\''s'\n`,
    );
    expect(websocatCommand({ ...c, protocols: [] }, { frames: [], leftOut: 0 })).toBe(`# WS Inspector: socket #3 ws://127.0.0.1:9/feed?q=it's, 0 sent frames\nwebsocat 'ws://127.0.0.1:9/feed?q=it'\\''s'\n`);
  });
});
