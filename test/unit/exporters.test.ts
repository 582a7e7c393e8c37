import { describe, expect, it } from 'vitest';
import { buildHar, buildNdjson } from '../../src/panel/exporters';
import { reduceConnection, rowFromEvent, type Row } from '../../src/panel/model';

const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
let c = reduceConnection(undefined, { kind: 'created', seq: 1, id: 1, t: t0, url: 'wss://example.test/feed', protocols: ['v1', 'v2'], initiator: '' }, 'd', 0);
c = reduceConnection(c, { kind: 'open', seq: 2, id: 1, t: t0 + 5, protocol: 'v2', extensions: 'permessage-deflate' }, 'd', 0);
const rows: Row[] = [
  rowFromEvent({ kind: 'open', seq: 2, id: 1, t: t0 + 5, protocol: 'v2', extensions: '' }, c.key)!,
  rowFromEvent({ kind: 'frame', seq: 3, id: 1, t: t0 + 10.5, dir: 'sent', type: 'text', data: 'hey', length: 3, truncated: false }, c.key)!,
  rowFromEvent({ kind: 'frame', seq: 4, id: 1, t: t0 + 20, dir: 'received', type: 'binary', data: new Uint8Array([0, 255]), length: 2, truncated: false }, c.key)!,
];

describe('HAR export', () => {
  const har = buildHar([c], rows, '0.1.0');

  it('has the HAR 1.2 shape', () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'WS Inspector', version: '0.1.0' });
    const [entry] = har.log.entries;
    for (const k of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']) expect(entry).toHaveProperty(k);
    expect(entry.startedDateTime).toBe('2026-11-25T12:00:00.000Z');
    for (const k of ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize']) expect(entry.request).toHaveProperty(k);
    for (const k of ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'])
      expect(entry.response).toHaveProperty(k);
    expect(entry.request.url).toBe('https://example.test/feed');
    expect(entry.response.status).toBe(101);
    expect(entry.request.headers).toEqual([{ name: 'Sec-WebSocket-Protocol', value: 'v1, v2' }]);
    expect(JSON.parse(JSON.stringify(har))).toEqual(har);
  });

  it("uses Chrome's _webSocketMessages entries: type, time in seconds, opcode, data (binary as base64)", () => {
    const [entry] = har.log.entries;
    expect(entry._resourceType).toBe('websocket');
    expect(entry._webSocketMessages).toEqual([
      { type: 'send', time: (t0 + 10.5) / 1000, opcode: 1, data: 'hey' },
      { type: 'receive', time: (t0 + 20) / 1000, opcode: 2, data: 'AP8=' },
    ]);
  });
});

describe('NDJSON export', () => {
  it('writes one JSON object per frame', () => {
    const lines = buildNdjson(rows.slice(1), new Map([[c.key, c]])).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ url: 'wss://example.test/feed', direction: 'sent', type: 'text', text: 'hey', length: 3 }),
      expect.objectContaining({ direction: 'received', type: 'binary', base64: 'AP8=', length: 2 }),
    ]);
  });
});
