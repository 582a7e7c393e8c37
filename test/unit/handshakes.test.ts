// Handshakes from the network layer matched to the page hook's sockets, masked in the HAR export.
import { describe, expect, it } from 'vitest';
import { buildHar } from '../../src/panel/exporters';
import { createHandshakes, matchHandshake, MAX_HANDSHAKES } from '../../src/panel/handshakes';
import type { Connection } from '../../src/panel/model';
import type { Handshake } from '../../src/shared/protocol';

const conn = (key: string, url: string, createdAt: number, browserFrameId = 0): Connection => ({
  key, n: 1, docId: 'd', browserFrameId, id: 1, url, protocols: [], initiator: '', createdAt, state: 'open', protocol: '', extensions: '',
  error: false, sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 },
});
const hs = (requestId: string, url: string, sentAt: number, browserFrameId = 0, extra: Partial<Handshake> = {}): Handshake => ({
  requestId, browserFrameId, url, sentAt, requestHeaders: [], status: 101, statusLine: 'HTTP/1.1 101 Switching Protocols', responseHeaders: [], ...extra,
});

describe('matching handshakes to sockets', () => {
  it('pairs sockets to one URL with handshakes in time order, nearest first, each handshake once', () => {
    const a = conn('a', 'ws://h/', 1000);
    const b = conn('b', 'ws://h/', 1500);
    const other = conn('o', 'ws://other/', 1000);
    const list = [hs('2', 'ws://h/', 1510), hs('1', 'ws://h/', 1003), hs('x', 'ws://other/', 1001)];
    expect(matchHandshake(a, [a, b, other], list)?.requestId).toBe('1');
    expect(matchHandshake(b, [a, b, other], list)?.requestId).toBe('2');
    expect(matchHandshake(other, [a, b, other], list)?.requestId).toBe('x');
  });

  it('prefers the socket’s own frame, accepts another (a script-made iframe reports through its parent), and no far-off one', () => {
    const s = conn('s', 'ws://h/', 1000, 3);
    expect(matchHandshake(s, [s], [hs('near-other-frame', 'ws://h/', 1001, 0), hs('own-frame', 'ws://h/', 1200, 3)])?.requestId).toBe('own-frame');
    expect(matchHandshake(s, [s], [hs('parent', 'ws://h/', 1002, 0)])?.requestId).toBe('parent');
    expect(matchHandshake(s, [s], [hs('late', 'ws://h/', 60_000)])).toBeUndefined();
    expect(matchHandshake(s, [s], [])).toBeUndefined();
  });

  it('replaces an updated handshake by request id and keeps at most the newest MAX_HANDSHAKES', () => {
    const store = createHandshakes();
    store.add(hs('1', 'ws://h/', 1, 0, { status: 0, statusLine: '' }));
    store.add(hs('1', 'ws://h/', 1));
    expect(store.list.value).toHaveLength(1);
    expect(store.list.value[0].status).toBe(101);
    for (let i = 0; i < MAX_HANDSHAKES + 5; i++) store.add(hs(`n${i}`, 'ws://h/', i));
    expect(store.list.value).toHaveLength(MAX_HANDSHAKES);
    expect(store.list.value.at(-1)?.requestId).toBe(`n${MAX_HANDSHAKES + 4}`);
  });
});

describe('HAR export with handshakes', () => {
  it('writes the request and response headers, cookie and authorization values masked', () => {
    const c = conn('a', 'wss://h/ws', 1000);
    const h = hs('1', 'wss://h/ws', 1001, 0, {
      requestHeaders: [{ name: 'Cookie', value: 'sid=secret' }, { name: 'Sec-WebSocket-Version', value: '13' }],
      responseHeaders: [{ name: 'X-Custom', value: 'yes' }, { name: 'Set-Cookie', value: 'a=b' }],
      answeredAt: 1041,
    });
    const entry = buildHar([c], [], 'test', undefined, () => h).log.entries[0];
    expect(entry.request.url).toBe('https://h/ws');
    expect(entry.request.headers).toEqual([{ name: 'Cookie', value: '(masked by WS Inspector)' }, { name: 'Sec-WebSocket-Version', value: '13' }]);
    expect(entry.response).toMatchObject({ status: 101, statusText: 'Switching Protocols', headers: [{ name: 'X-Custom', value: 'yes' }, { name: 'Set-Cookie', value: '(masked by WS Inspector)' }] });
    expect(entry.timings.wait).toBe(40);
    expect(JSON.stringify(entry)).not.toContain('secret');
  });
});
