import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  isBackgroundToPanel,
  isBackgroundToRelay,
  isPageToRelay,
  isPageEvent,
  isPanelToBackground,
  isRelayQuery,
  isRelayToBackground,
  isWireEvent,
} from '../../src/shared/protocol';
import { packEvents, storedFromWire, unpackEvents, wireFromStored } from '../../src/shared/wire';

const base = { seq: 1, id: 1, t: 1 };

describe('page events (untrusted: the page can post anything)', () => {
  it.each([
    { ...base, kind: 'created', url: 'ws://x', protocols: ['a'], initiator: '' },
    { ...base, kind: 'open', protocol: '', extensions: '' },
    { ...base, kind: 'error' },
    { ...base, kind: 'closeCalled' },
    { ...base, kind: 'closeCalled', code: 1000, reason: 'done' },
    { ...base, kind: 'closed', code: 1006, reason: '', wasClean: false },
    { ...base, kind: 'frame', dir: 'sent', data: 'hey' },
    { ...base, kind: 'frame', dir: 'sent', data: 'hey', length: 5000 },
    { ...base, kind: 'frame', dir: 'received', data: new Uint8Array(2), length: 2 },
    { ...base, kind: 'frame', dir: 'received', data: new Blob(['x']), length: 1 },
    { ...base, kind: 'created', url: 'ws://x', protocols: [], initiator: '', doc: 2, docUrl: 'about:blank' },
    { ...base, kind: 'frame', dir: 'sent', data: 'hey', doc: 1 },
  ])('accepts %j', (e) => expect(isPageEvent(e)).toBe(true));

  it.each([
    null,
    'x',
    { ...base, kind: 'nope' },
    { ...base, seq: '1', kind: 'error' },
    { ...base, t: NaN, kind: 'error' },
    { ...base, kind: 'created', url: 1, protocols: [], initiator: '' },
    { ...base, kind: 'created', url: 'ws://x', protocols: [1], initiator: '' },
    { ...base, kind: 'closed', code: 1000, reason: '' },
    { ...base, kind: 'frame', dir: 'up', data: 'x' },
    { ...base, kind: 'frame', dir: 'sent', data: {} , length: 1 },
    { ...base, kind: 'frame', dir: 'sent', data: new Uint8Array(1) },
    { ...base, kind: 'frame', dir: 'sent', data: 'x', length: -1 },
    { ...base, kind: 'error', doc: 0 },
    { ...base, kind: 'error', doc: 1.5 },
    { ...base, kind: 'error', doc: '1' },
    { ...base, kind: 'created', url: 'ws://x', protocols: [], initiator: '', doc: 1, docUrl: 7 },
  ])('rejects %j', (e) => expect(isPageEvent(e)).toBe(false));

  it('accepts a Uint8Array from another realm (Firefox gives the content script the page’s objects wrapped)', () => {
    const foreign = runInNewContext('new Uint8Array(3)') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(isPageEvent({ ...base, kind: 'frame', dir: 'received', data: foreign, length: 3 })).toBe(true);
    for (const data of [runInNewContext('new ArrayBuffer(3)'), new Uint16Array(3), new DataView(new ArrayBuffer(3)), { byteLength: 3 }])
      expect(isPageEvent({ ...base, kind: 'frame', dir: 'received', data, length: 3 })).toBe(false);
  });

  it('checks the envelope and version of what the page sends', () => {
    const batch = { v: 1, type: 'events', epoch: 0, frames: { nums: new Float64Array(6), data: ['x'] }, lifecycle: [], lifecycleAt: [], clearedThrough: [] };
    expect(isPageToRelay(batch)).toBe(true);
    expect(isPageToRelay({ v: 1, type: 'sockets' })).toBe(true);
    expect(isPageToRelay({ ...batch, v: 2 })).toBe(false);
    expect(isPageToRelay({ ...batch, frames: { nums: new Float64Array(5), data: ['x'] } })).toBe(false);
    expect(isPageToRelay({ ...batch, frames: { nums: [0, 0, 0, 0, 0, 0], data: ['x'] } })).toBe(false);
    expect(isPageToRelay({ ...batch, lifecycleAt: [0] })).toBe(false);
    expect(isPageToRelay({ ...batch, clearedThrough: undefined })).toBe(false);
    expect(isPageToRelay({ ...batch, epoch: undefined })).toBe(false);
    expect(isPageToRelay({ v: 1, events: [] })).toBe(false);
  });
});

describe('wire events', () => {
  const frame = { ...base, kind: 'frame' as const, dir: 'received' as const, length: 3, truncated: false };
  it('round-trips binary frames through base64', () => {
    const stored = { ...frame, type: 'binary' as const, data: new Uint8Array([0, 255, 7]) };
    const wire = wireFromStored(stored);
    expect(typeof wire.kind === 'string' && isWireEvent(JSON.parse(JSON.stringify(wire)))).toBe(true);
    expect(storedFromWire(JSON.parse(JSON.stringify(wire)))).toEqual(stored);
  });
  it('passes text frames and lifecycle events unchanged', () => {
    const text = { ...frame, type: 'text' as const, data: 'hey' };
    expect(wireFromStored(text)).toEqual(text);
    const open = { ...base, kind: 'open' as const, protocol: 'p', extensions: '' };
    expect(storedFromWire(wireFromStored(open))).toEqual(open);
  });
  it('rejects frames without type or truncation mark', () => {
    expect(isWireEvent({ ...frame, data: 'x' })).toBe(false);
    expect(isWireEvent({ ...frame, type: 'text', data: 'x', truncated: 'no' })).toBe(false);
  });
  it('packs a batch into one string and unpacks only its well-formed events', () => {
    const text = { ...frame, type: 'text' as const, data: 'hey' };
    const bin = wireFromStored({ ...frame, type: 'binary' as const, data: new Uint8Array([1, 2]) });
    expect(unpackEvents(packEvents([text, bin]))).toEqual([text, bin]);
    expect(packEvents([text, bin]).payloads).toEqual(['hey', (bin as { data: string }).data]);
    const fields = (list: unknown[]) => JSON.stringify(list.map((e) => (typeof e === 'object' && e && 'data' in e ? { ...e, data: undefined } : e)));
    expect(unpackEvents({ fields: fields([text, { ...text, seq: 'x' }, null, 7]), payloads: ['hey', 'ho'] })).toEqual([text]);
    expect(unpackEvents({ fields: fields([text, text]), payloads: ['hey'] })).toEqual([text]); // a frame without its payload is dropped
    expect(unpackEvents({ fields: '{not json', payloads: [] })).toEqual([]);
    expect(unpackEvents({ fields: '{"a":1}', payloads: [] })).toEqual([]);
  });
});

describe('port messages', () => {
  const doc = { docId: 'd', url: 'http://x/', top: true, startedAt: 1 };
  it('relay → background', () => {
    expect(isRelayToBackground({ v: 1, type: 'document', doc })).toBe(true);
    expect(isRelayToBackground({ v: 1, type: 'events', docId: 'd', packed: { fields: '[]', payloads: [] }, clearedThrough: 0 })).toBe(true);
    expect(isRelayToBackground({ v: 1, type: 'events', docId: 'd', packed: '[]', clearedThrough: 0 })).toBe(false);
    expect(isRelayToBackground({ v: 1, type: 'events', docId: 'd', packed: { fields: '[]', payloads: [] } })).toBe(false);
    expect(isRelayToBackground({ v: 1, type: 'documentGone', docId: 'd' })).toBe(true);
    expect(isRelayToBackground({ v: 0, type: 'document', doc })).toBe(false);
    expect(isRelayQuery({ v: 1, type: 'relayReady', docId: 'd' })).toBe(true);
  });
  it('background → relay', () => {
    expect(isBackgroundToRelay({ v: 1, type: 'attach', since: { d: 3 } })).toBe(true);
    expect(isBackgroundToRelay({ v: 1, type: 'attach', since: { d: 'x' } })).toBe(false);
    expect(isBackgroundToRelay({ v: 1, type: 'clear' })).toBe(true);
  });
  it('panel ⇄ background', () => {
    expect(isPanelToBackground({ v: 1, type: 'subscribe', tabId: 3, since: {} })).toBe(true);
    expect(isPanelToBackground({ v: 1, type: 'subscribe', since: {} })).toBe(false);
    expect(isPanelToBackground({ v: 1, type: 'clear', tabId: 3 })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'document', frameId: 0, doc })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'events', frameId: 0, docId: 'd', packed: { fields: '[]', payloads: [] }, clearedThrough: 0 })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'events', frameId: 0, docId: 'd', events: [], clearedThrough: 0 })).toBe(false);
    expect(isBackgroundToPanel({ v: 1, type: 'documentGone', docId: 'd' })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'other' })).toBe(false);
  });
});
