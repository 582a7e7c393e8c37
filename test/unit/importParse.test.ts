// Reading HAR and NDJSON files into an imported session: our own exports come back as the same frames, Chrome DevTools'
// and Firefox's HARs are read, and malformed files say why in words.
import { describe, expect, it } from 'vitest';
import { buildHar, buildNdjson } from '../../src/panel/exporters';
import { ImportError, MAX_IMPORT_BYTES } from '../../src/panel/importBuilder';
import { parseImport } from '../../src/panel/importParse';
import { importMessages, readImport, type ImportMessage } from '../../src/panel/importSlices';
import { reduceConnection, rowFromEvent, type Connection, type Row } from '../../src/panel/model';

const t0 = Date.UTC(2026, 10, 25, 12, 0, 0) + 0.25;

/** A live-looking session: two sockets (one with protocols and extensions), text and binary frames both ways. */
function liveSession() {
  let a = reduceConnection(undefined, { kind: 'created', seq: 1, id: 1, t: t0, url: 'wss://example.test/feed?x=1', protocols: ['v1', 'v2'], initiator: '' }, 'd', 0);
  a = reduceConnection(a, { kind: 'open', seq: 2, id: 1, t: t0 + 5, protocol: 'v2', extensions: 'permessage-deflate' }, 'd', 0);
  let b = reduceConnection(undefined, { kind: 'created', seq: 3, id: 2, t: t0 + 1, url: 'ws://127.0.0.1:8080/chat', protocols: [], initiator: '' }, 'd', 0);
  b = reduceConnection(b, { kind: 'open', seq: 4, id: 2, t: t0 + 6, protocol: '', extensions: '' }, 'd', 0);
  const rows: Row[] = [
    rowFromEvent({ kind: 'open', seq: 2, id: 1, t: t0 + 5, protocol: 'v2', extensions: 'permessage-deflate' }, a.key)!,
    rowFromEvent({ kind: 'open', seq: 4, id: 2, t: t0 + 6, protocol: '', extensions: '' }, b.key)!,
  ];
  const frames: [Connection, 'sent' | 'received', string | Uint8Array, number][] = [
    [a, 'sent', '{"type":"subscribe","topic":"prices"}', 10.123],
    [b, 'sent', 'héllo <img src=x onerror=alert(1)>', 11.5],
    [a, 'received', new Uint8Array([0, 1, 2, 255, 254]), 20.001],
    [b, 'received', 'ho!', 21],
    [a, 'received', '{"type":"tick","n":1}', 1000.7],
    [b, 'sent', new Uint8Array([]), 1500],
  ];
  let seq = 10;
  for (const [c, dir, data, dt] of frames) {
    const length = typeof data === 'string' ? new TextEncoder().encode(data).length : data.byteLength;
    const e = { kind: 'frame' as const, seq: ++seq, id: c.id, t: t0 + dt, dir, type: typeof data === 'string' ? ('text' as const) : ('binary' as const), data, length, truncated: false };
    rows.push(rowFromEvent(e, c.key)!);
    if (c.id === 1) a = reduceConnection(a, e, 'd', 0);
    else b = reduceConnection(b, e, 'd', 0);
  }
  return { connections: [a, b], rows };
}

/** What a frame is, whatever session it is in. */
const frameFacts = (rows: readonly Row[], conns: readonly Connection[]) =>
  rows
    .filter((r) => r.dir !== 'event')
    .map((r) => ({ url: conns.find((c) => c.key === r.key)?.url, dir: r.dir, type: r.type, data: r.data, length: r.length, t: r.t }));

describe('our HAR export imports back', () => {
  const { connections, rows } = liveSession();
  const parsed = parseImport(JSON.stringify(buildHar(connections, rows, '0.1.0'), null, 2), 'websockets.har');

  it('to the same frames: direction, type, payload (text and binary), length and time, in time order', () => {
    expect(parsed.format).toBe('HAR');
    const got = frameFacts(parsed.rows, parsed.connections);
    const want = frameFacts(rows, connections);
    expect(got.map(({ t: _t, ...f }) => f)).toEqual(want.map(({ t: _t, ...f }) => f));
    // Seconds in the HAR, milliseconds here: equal to well under a microsecond.
    got.forEach((f, i) => expect(f.t).toBeCloseTo(want[i].t, 3));
    expect(parsed.notes).toEqual([]);
  });

  it('to the same connections: ws(s) URL, offered and chosen protocol, extensions, start, traffic, and an open row', () => {
    expect(parsed.connections.map((c) => ({ url: c.url, protocols: c.protocols, protocol: c.protocol, extensions: c.extensions, createdAt: c.createdAt, sent: c.sent, received: c.received }))).toEqual(
      connections.map((c) => ({ url: c.url, protocols: c.protocols, protocol: c.protocol, extensions: c.extensions, createdAt: Math.floor(c.createdAt), sent: c.sent, received: c.received })),
    );
    expect(parsed.connections.every((c) => c.state === 'closed' && c.docId === 'imported')).toBe(true);
    const opens = parsed.rows.filter((r) => r.type === 'open');
    expect(opens.map((r) => r.data)).toEqual(['Connection open · protocol v2 · extensions permessage-deflate', 'Connection open']);
  });
});

describe('our NDJSON export imports back', () => {
  it('to the same rows, lifecycle rows included, with connections told apart by URL and socket', () => {
    const { connections, rows } = liveSession();
    const text = buildNdjson(rows, new Map(connections.map((c) => [c.key, c])));
    const parsed = parseImport(text, 'websocket-frames.ndjson');
    expect(parsed.format).toBe('NDJSON');
    expect(parsed.rows.map((r) => ({ dir: r.dir, type: r.type, data: r.data, length: r.length, t: r.t }))).toEqual(
      rows.map((r) => ({ dir: r.dir, type: r.type, data: r.data, length: r.length, t: r.t })),
    );
    expect(parsed.connections.map((c) => [c.url, c.sent.count, c.received.count])).toEqual([
      ['wss://example.test/feed?x=1', 1, 2],
      ['ws://127.0.0.1:8080/chat', 2, 1],
    ]);
    // Found without the file name too: the first line says what it is.
    expect(parseImport(text).format).toBe('NDJSON');
  });

  it('keeps a truncated frame’s true length and mark', () => {
    const line = JSON.stringify({ t: t0, url: 'ws://a/', socket: 1, direction: 'received', type: 'text', length: 5_000_000, truncated: true, text: 'abc' });
    const [row] = parseImport(line + '\n', 'x.ndjson').rows;
    expect(row).toMatchObject({ length: 5_000_000, truncated: true, data: 'abc' });
  });
});

describe('pins in our exports import back', () => {
  const { connections, rows } = liveSession();
  const frames = rows.filter((r) => r.dir !== 'event');
  // A text frame with a note, a binary frame without one.
  const pins = new Map([
    [frames[0], { note: 'the subscribe <b>that</b> failed', connection: connections[0] }],
    [frames[2], { note: '', connection: connections[0] }],
  ]);
  const pinned = (parsed: ReturnType<typeof parseImport>) => [...parsed.pins].map(([r, note]) => ({ data: r.data, dir: r.dir, note, inRows: parsed.rows.includes(r) }));
  const want = [
    { data: '{"type":"subscribe","topic":"prices"}', dir: 'sent', note: 'the subscribe <b>that</b> failed', inRows: true },
    { data: new Uint8Array([0, 1, 2, 255, 254]), dir: 'received', note: '', inRows: true },
  ];

  it('from HAR (_pinned, _note), and only those frames', () => {
    const parsed = parseImport(JSON.stringify(buildHar(connections, rows, '0.1.0', pins)), 'pins.har');
    expect(pinned(parsed)).toEqual(want);
  });

  it('from NDJSON (pinned, note), and only those frames', () => {
    const parsed = parseImport(buildNdjson(rows, new Map(connections.map((c) => [c.key, c])), pins), 'pins.ndjson');
    expect(pinned(parsed)).toEqual(want);
  });

  it('only when marked pinned with true; a note that is not text is no note', () => {
    const line = (extra: object) => JSON.stringify({ t: t0, url: 'ws://a/', socket: 1, direction: 'received', type: 'text', text: 'x', ...extra });
    const parsed = parseImport([line({ pinned: 'yes', note: 'n' }), line({ pinned: true, note: { html: '<b>' } }), line({ note: 'stray' })].join('\n'), 'x.ndjson');
    expect([...parsed.pins.values()]).toEqual(['']);
    expect(parsed.pins.has(parsed.rows[1])).toBe(true);
    const har = { log: { entries: [{ request: { url: 'wss://a/' }, _webSocketMessages: [{ type: 'send', time: 1, opcode: 1, data: 'a', _pinned: 1, _note: 'n' }, { type: 'send', time: 2, opcode: 1, data: 'b', _pinned: true, _note: 7 }] }] } };
    const fromHar = parseImport(JSON.stringify(har), 'x.har');
    expect([...fromHar.pins].map(([r, note]) => [r.data, note])).toEqual([['b', '']]);
  });
});

describe('HARs from the browsers', () => {
  it("reads Chrome DevTools' HAR: websocket entries with _webSocketMessages, other requests left out", () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ startedDateTime: '2026-11-25T12:00:00.000Z', id: 'page_1', title: 'http://127.0.0.1/', pageTimings: {} }],
        entries: [
          { startedDateTime: '2026-11-25T12:00:00.000Z', time: 12, request: { method: 'GET', url: 'http://127.0.0.1/app.js', headers: [] }, response: { status: 200, headers: [] }, _resourceType: 'script' },
          {
            _initiator: { type: 'script' },
            _priority: 'VeryHigh',
            _resourceType: 'websocket',
            cache: {},
            connection: '4711',
            pageref: 'page_1',
            request: {
              method: 'GET',
              url: 'wss://echo.example.test/socket',
              httpVersion: 'HTTP/1.1',
              headers: [
                { name: 'Upgrade', value: 'websocket' },
                { name: 'Sec-WebSocket-Protocol', value: 'chat, superchat' },
              ],
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: 101,
              statusText: 'Switching Protocols',
              httpVersion: 'HTTP/1.1',
              headers: [{ name: 'sec-websocket-protocol', value: 'chat' }],
              cookies: [],
              content: { size: 0, mimeType: 'x-unknown' },
              redirectURL: '',
              headersSize: -1,
              bodySize: 0,
              _transferSize: 0,
              _error: null,
            },
            serverIPAddress: '127.0.0.1',
            startedDateTime: '2026-11-25T12:00:01.000Z',
            time: 2500.5,
            timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
            _webSocketMessages: [
              { type: 'send', time: 1795694401.5, opcode: 1, data: 'hello' },
              { type: 'receive', time: 1795694401.625, opcode: 1, data: 'hi' },
              { type: 'receive', time: 1795694402, opcode: 2, data: 'AAEC/w==' },
            ],
          },
        ],
      },
    };
    const parsed = parseImport(JSON.stringify(har));
    expect(parsed.connections).toHaveLength(1);
    const [c] = parsed.connections;
    expect(c).toMatchObject({ url: 'wss://echo.example.test/socket', protocols: ['chat', 'superchat'], protocol: 'chat', createdAt: Date.UTC(2026, 10, 25, 12, 0, 1), closedAt: Date.UTC(2026, 10, 25, 12, 0, 1) + 2500.5 });
    expect(frameFacts(parsed.rows, parsed.connections)).toEqual([
      { url: c.url, dir: 'sent', type: 'text', data: 'hello', length: 5, t: 1795694401500 },
      { url: c.url, dir: 'received', type: 'text', data: 'hi', length: 2, t: 1795694401625 },
      { url: c.url, dir: 'received', type: 'binary', data: new Uint8Array([0, 1, 2, 255]), length: 4, t: 1795694402000 },
    ]);
  });

  it("reads Firefox's HAR, which has the handshakes only: connections without frames", () => {
    const entry = (url: string, status: number) => ({
      pageref: 'page_1',
      startedDateTime: '2026-11-25T12:00:00.000+01:00',
      request: { bodySize: 0, method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Upgrade', value: 'websocket' }, { name: 'Sec-WebSocket-Version', value: '13' }], cookies: [], queryString: [], headersSize: 400 },
      response: { status, statusText: status === 101 ? 'Switching Protocols' : 'Forbidden', httpVersion: 'HTTP/1.1', headers: [{ name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate' }], cookies: [], content: { mimeType: '', size: 0 }, redirectURL: '', headersSize: 200, bodySize: -1 },
      cache: {},
      timings: { blocked: 0, dns: 0, connect: 0, ssl: 0, send: 0, wait: 3, receive: 0 },
      time: 3,
    });
    const har = { log: { version: '1.2', creator: { name: 'Firefox', version: '140.0' }, browser: { name: 'Firefox', version: '140.0' }, pages: [], entries: [entry('https://example.test/live', 101), entry('wss://example.test/denied', 403)] } };
    const parsed = parseImport(JSON.stringify(har), 'Archive 26-11-25 12-00-00.har');
    expect(parsed.connections.map((c) => [c.url, c.extensions, c.error])).toEqual([
      ['wss://example.test/live', 'permessage-deflate', false],
      ['wss://example.test/denied', 'permessage-deflate', true],
    ]);
    expect(parsed.rows.map((r) => [r.type, r.data])).toEqual([
      ['open', 'Connection open · extensions permessage-deflate'],
      ['error', 'Handshake answered HTTP 403 Forbidden'],
    ]);
    expect(parsed.rows.every((r) => r.dir === 'event')).toBe(true);
  });
});

describe('malformed files', () => {
  const fails = (text: string, name?: string) => {
    try {
      parseImport(text, name);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return (e as Error).message;
    }
    throw new Error('it was read');
  };

  it('say why in words', () => {
    expect(fails('{"log": {"entries": [')).toMatch(/^Not a HAR or NDJSON file: it is not valid JSON \(/);
    expect(fails('<html>not json</html>')).toMatch(/not valid JSON/);
    expect(fails('{"hello": 1}')).toBe('Not a HAR file: it has no log.entries list.');
    expect(fails('{"log": {"entries": [{"request": {"url": "https://a.test/"}, "response": {"status": 200}}]}}')).toBe(
      'This HAR file has no WebSocket connections (only 1 other request).',
    );
    expect(fails('', 'frames.ndjson')).toBe('The file is empty.');
    expect(fails('garbage\n{"also": "not a frame"}\n', 'frames.ndjson')).toBe("No frames found: none of its 2 lines is a frame of WS Inspector's NDJSON export.");
  });

  it('skip what cannot be read, count it, and keep the rest; untrusted fields never become more than text', () => {
    const har = {
      log: {
        entries: [
          'not an entry',
          {
            _resourceType: 'websocket',
            startedDateTime: 'yesterday',
            request: { url: 'ws://a.test/', headers: 'nope' },
            response: { status: '101', headers: [{ name: 1 }] },
            _webSocketMessages: [
              { type: 'send', time: 1, opcode: 1, data: '<b>ok</b>' },
              { type: 'send', time: 'later', opcode: 1, data: 'x' },
              { type: 'ping', time: 2, opcode: 1, data: 'x' },
              { type: 'receive', time: 3, opcode: 2, data: '***' },
              { type: 'receive', time: 4, opcode: 9, data: '' },
              { type: 'receive', time: 5, opcode: 1, data: { toString: 'x' } },
              { type: 'receive', time: 6, opcode: 1, data: '__proto__' },
            ],
          },
        ],
      },
    };
    const parsed = parseImport(JSON.stringify(har));
    expect(parsed.rows.map((r) => r.data)).toEqual(['<b>ok</b>', '__proto__']);
    expect(parsed.connections[0]).toMatchObject({ url: 'ws://a.test/', createdAt: 1000, protocols: [] });
    expect(parsed.notes).toEqual([
      '1 HAR entries without a request URL were skipped',
      '3 WebSocket messages without a type, time or data were skipped',
      '1 binary messages whose data is not base64 were skipped',
      '1 control or unknown-opcode messages were skipped',
    ]);
  });

  it('refuse a file above the size limit before reading it, and say the limit', async () => {
    const huge = { size: MAX_IMPORT_BYTES + 1, name: 'huge.har', text: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
    await expect(readImport(huge)).rejects.toThrow(/^The file is 500 MB: files up to 500 MB can be opened\.$/);
  });
});

describe('handing the result to the panel', () => {
  it('sends connections first, rows in slices in time order (binary buffers moved, not copied), then done', () => {
    const rows: Row[] = Array.from({ length: 25_000 }, (_, i) => ({
      key: 'imported:1', seq: i + 1, t: i, dir: 'received', type: i % 2 ? 'binary' : 'text', data: i % 2 ? new Uint8Array([i & 255]) : `f${i}`, length: 1, truncated: false,
    }));
    const out = [...importMessages({ format: 'HAR', connections: [], rows, notes: ['n'], pins: new Map([[rows[3], 'a'], [rows[10_001], '']]) })];
    const messages: ImportMessage[] = out.map((o) => o.message);
    expect(messages.map((m) => m.type)).toEqual(['connections', 'rows', 'rows', 'rows', 'done']);
    const slices = messages.flatMap((m) => (m.type === 'rows' ? [m.rows] : []));
    expect(slices.map((s) => s.length)).toEqual([10_000, 10_000, 5_000]);
    expect(slices.flat()).toEqual(rows);
    // Pins go with their slice, by index in it.
    expect(messages.map((m) => (m.type === 'rows' ? m.pins : undefined))).toEqual([undefined, [[3, 'a']], [[1, '']], undefined, undefined]);
    expect(out[1].transfer).toHaveLength(5_000);
    expect(messages.at(-1)).toEqual({ type: 'done', notes: ['n'] });
  });
});
