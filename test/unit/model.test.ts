import { describe, expect, it } from 'vitest';
import { navigationRow } from '../../src/panel/markerRows';
import { connectionDuration, reduceConnection, rowFromEvent, rowPreview, stateLabel, type Connection, type Row } from '../../src/panel/model';
import type { StoredEvent } from '../../src/shared/protocol';

const b = { seq: 1, t: 5, id: 7 };

describe('reduceConnection', () => {
  it('follows a socket from created to closed', () => {
    let c = reduceConnection(undefined, { ...b, kind: 'created', url: 'ws://a/', protocols: ['chat'], initiator: 'at x' }, 'd', 2);
    expect(c).toMatchObject({ key: 'd:7', browserFrameId: 2, url: 'ws://a/', state: 'connecting', protocols: ['chat'] });
    c = reduceConnection(c, { ...b, kind: 'open', protocol: 'chat', extensions: 'permessage-deflate' }, 'd', 2);
    expect(c).toMatchObject({ state: 'open', protocol: 'chat', extensions: 'permessage-deflate' });
    c = reduceConnection(c, { ...b, kind: 'frame', dir: 'sent', type: 'text', data: 'hey', length: 3, truncated: false }, 'd', 2);
    c = reduceConnection(c, { ...b, kind: 'frame', dir: 'received', type: 'text', data: 'ho!', length: 3, truncated: false }, 'd', 2);
    c = reduceConnection(c, { ...b, kind: 'frame', dir: 'received', type: 'binary', data: new Uint8Array(10), length: 10, truncated: false }, 'd', 2);
    expect(c.sent).toEqual({ count: 1, bytes: 3 });
    expect(c.received).toEqual({ count: 2, bytes: 13 });
    c = reduceConnection(c, { ...b, kind: 'closeCalled', code: 4000, reason: 'x' }, 'd', 2);
    expect(c).toMatchObject({ state: 'closing', closedBy: 'page' });
    c = reduceConnection(c, { ...b, kind: 'closed', code: 4000, reason: 'x', wasClean: true }, 'd', 2);
    expect(c).toMatchObject({ state: 'closed', closeCode: 4000, closeReason: 'x', wasClean: true });
    expect(stateLabel(c)).toBe('closed 4000');
  });

  it('does not mutate its input', () => {
    const c = reduceConnection(undefined, { ...b, kind: 'created', url: 'ws://a/', protocols: [], initiator: '' }, 'd', 0);
    const copy = structuredClone(c);
    reduceConnection(c, { ...b, kind: 'frame', dir: 'sent', type: 'text', data: 'x', length: 1, truncated: false }, 'd', 0);
    expect(c).toEqual(copy);
  });

  it('makes a placeholder for a socket whose creation fell out of the history', () => {
    const c = reduceConnection(undefined, { ...b, kind: 'frame', dir: 'sent', type: 'text', data: 'x', length: 1, truncated: false }, 'd', 0);
    expect(c.url).toMatch(/before the kept history/);
    expect(c.sent.count).toBe(1);
  });
});

describe('rows', () => {
  const text = (data: string): Row => ({ key: 'k', seq: 1, t: 1, dir: 'sent', type: 'text', data, length: data.length, truncated: false });
  const bin = (bytes: number[]): Row => ({ ...text(''), type: 'binary', data: new Uint8Array(bytes), length: bytes.length });

  it('makes no row for created and a lifecycle row for the rest', () => {
    expect(rowFromEvent({ ...b, kind: 'created', url: '', protocols: [], initiator: '' }, 'k')).toBeUndefined();
    const closed = rowFromEvent({ ...b, kind: 'closed', code: 4001, reason: 'bye', wasClean: true }, 'k')!;
    expect(closed).toMatchObject({ dir: 'event', type: 'close' });
    expect(closed.data).toBe('Closed: code 4001 reason "bye"');
    expect(rowFromEvent({ ...b, kind: 'closeCalled', code: 1000 } as StoredEvent, 'k')!.data).toBe('Page called close(1000)');
    expect(rowFromEvent({ ...b, kind: 'open', protocol: 'chat', extensions: '' }, 'k')!.data).toBe('Connection open · protocol chat');
  });

  it('previews text on one line and binary as hex with printable characters', () => {
    expect(rowPreview(text('a\nb'))).toBe('a b');
    expect(rowPreview(bin([0x68, 0x6f, 0x21]))).toBe('68 6f 21  ho!');
  });

  it('makes navigation marker rows', () => {
    expect(navigationRow('http://a/', 5)).toMatchObject({ dir: 'event', type: 'navigation', data: 'Navigated to http://a/', t: 5 });
  });
});

describe('connectionDuration', () => {
  it('runs until now while open and stops at close', () => {
    const c = { createdAt: 1000 } as Connection;
    expect(connectionDuration(c, 3500)).toBe('2.5 s');
    expect(connectionDuration({ ...c, closedAt: 1200 }, 99_999)).toBe('200 ms');
  });
});
