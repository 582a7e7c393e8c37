import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isCount } from '../../src/shared/guards';
import {
  isBackgroundToPanel,
  isBackgroundToRelay,
  isDocumentStartAnswer,
  isDocumentStartReply,
  isPageToRelay,
  isPageEvent,
  isPanelAttachedQuery,
  isPanelAttachedReply,
  isPanelToBackground,
  isRelayToBackground,
  isWireEvent,
} from '../../src/shared/protocol';
import { packEvents, payloadParts, storedFromWire, unpackEvents, wireFromStored } from '../../src/shared/wire';
import { PAYLOAD_PART_CHARS } from '../../src/shared/protocol';

/** The same check the panel makes of an events message (isBackgroundToPanel), for a packed batch. */
const isPanelPacked = (packed: unknown) => isBackgroundToPanel({ v: 1, type: 'events', browserFrameId: 0, docId: 'd', packed, clearedThrough: 0 });

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
    const batch = { v: 1, type: 'events', epoch: 0, frames: { nums: new Float64Array(7), data: ['x'] }, lifecycle: [], lifecycleAt: [], clearedThrough: [] };
    expect(isPageToRelay(batch)).toBe(true);
    expect(isPageToRelay({ v: 1, type: 'sockets' })).toBe(true);
    expect(isPageToRelay({ ...batch, v: 2 })).toBe(false);
    expect(isPageToRelay({ ...batch, frames: { nums: new Float64Array(6), data: ['x'] } })).toBe(false);
    expect(isPageToRelay({ ...batch, frames: { nums: [0, 0, 0, 0, 0, 0, 0], data: ['x'] } })).toBe(false);
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
  it('packs a batch as numbers, payloads and lifecycle events in their places, and unpacks only its well-formed events', () => {
    const text = { ...frame, type: 'text' as const, data: 'hey', fromPanel: undefined };
    const bin = { ...wireFromStored({ ...frame, seq: 3, type: 'binary' as const, data: new Uint8Array([1, 2]) }), fromPanel: undefined };
    const sent = { ...frame, seq: 4, t: 1796331622152.123, dir: 'sent' as const, type: 'text' as const, data: 'ho', truncated: true, length: 70000, fromPanel: true as const };
    const open = { ...base, seq: 2, kind: 'open' as const, protocol: 'p', extensions: '' };
    const close = { ...base, seq: 5, kind: 'closed' as const, code: 1000, reason: '', wasClean: true };
    const batch = [open, text, bin, sent, close];
    const packed = packEvents(batch);
    expect(unpackEvents(JSON.parse(JSON.stringify(packed)))).toEqual(batch);
    expect(packed.payloads).toEqual(['hey', (bin as { data: string }).data, 'ho']);
    // No key names per frame: four integers each (seq, id, flags, length), the times apart.
    expect(JSON.parse(packed.frames)).toEqual([1, 1, 1, 3, 3, 1, 3, 3, 4, 1, 4 | 8, 70000]);
    expect(JSON.parse(packed.times)).toEqual([1, 1, 1796331622152.123]);
    expect(JSON.parse(packed.lifecycle)).toEqual([[0, open], [4, close]]);
    expect(unpackEvents(packEvents([text, text]))).toEqual([text, text]);

    const frames = (...rows: unknown[][]) => JSON.stringify(rows.flat());
    const times = (n: number) => JSON.stringify(Array(n).fill(1));
    // A frame with a field of the wrong type, without its time or without its payload, is dropped; the others stay, in order.
    expect(unpackEvents({ frames: frames([1, 1, 1, 3], ['x', 1, 1, 3], [2, 1, 'y', 3], [3, 1, 1, 3]), times: times(4), lifecycle: '[]', payloads: ['a', 'b', 'c'] })).toEqual([
      { ...text, data: 'a' },
    ]);
    expect(unpackEvents({ frames: frames([1, 1, 1, 3], [2, 1, 1, -1]), times: times(2), lifecycle: '[]', payloads: ['a', 'b'] })).toEqual([{ ...text, data: 'a' }]);
    expect(unpackEvents({ frames: frames([1, 1, 1, 3], [2, 1, 1, 3]), times: '[1, "x"]', lifecycle: '[]', payloads: ['a', 'b'] })).toEqual([{ ...text, data: 'a' }]);
    expect(unpackEvents({ frames: '{not json', times: '[]', lifecycle: JSON.stringify([[0, open], [1, { kind: 'open' }], 'x', [null, close]]), payloads: [] })).toEqual([open, close]);
    expect(unpackEvents({ frames: '{"a":1}', times: '', lifecycle: '7', payloads: [] })).toEqual([]);
    // A place past the frames there are: after them.
    expect(unpackEvents({ frames: frames([1, 1, 1, 3]), times: times(1), lifecycle: JSON.stringify([[9, open]]), payloads: ['a'] })).toEqual([{ ...text, data: 'a' }, open]);
  });
  it('sends big payloads ahead in parts that join into the whole: text never cut inside a surrogate pair, binary base64 in 3-byte groups', () => {
    const emoji = '😀'; // two UTF-16 units
    const text = 'a'.repeat(PAYLOAD_PART_CHARS - 1) + emoji + 'b'.repeat(PAYLOAD_PART_CHARS);
    const parts = payloadParts(text)!.map((make) => make());
    expect(parts.length).toBe(3);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(PAYLOAD_PART_CHARS);
    expect(parts[0].endsWith('a')).toBe(true); // the pair went whole into the next part
    const bytes = new Uint8Array(PAYLOAD_PART_CHARS * 2).map((_, i) => i * 7);
    const b64 = payloadParts(bytes)!.map((make) => make());
    const back = storedFromWire({ ...frame, type: 'binary', data: b64.join('') });
    expect(back.kind === 'frame' && Buffer.from(back.data as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
    expect(payloadParts('small')).toBeUndefined();
    expect(payloadParts(new Uint8Array(10))).toBeUndefined();
  });
  it('packs a frame whose payload went ahead without it, and unpacks it with the parts (dropped when they never came)', () => {
    const big = { ...frame, type: 'text' as const, data: 'x'.repeat(10) };
    const small = { ...frame, seq: 2, type: 'text' as const, data: 'hey' };
    const packed = packEvents([small, big], new Map([[big, 2]]));
    expect(packed.payloads).toEqual(['hey', '']);
    expect(packed.parts).toEqual([[1, 2]]);
    const pending = ['xxxxx', 'xxxxx'];
    expect(unpackEvents(packed, (n) => pending.splice(0, n).join(''))).toEqual([small, big]);
    expect(unpackEvents(packed, () => undefined)).toEqual([small]);
    expect(isPanelPacked(packed)).toBe(true);
  });
});

describe('port messages', () => {
  const doc = { docId: 'd', url: 'http://x/', top: true, startedAt: 1 };
  const packed = { frames: '[]', times: '[]', lifecycle: '[]', payloads: [] };
  it('relay → background', () => {
    expect(isRelayToBackground({ v: 1, type: 'document', doc })).toBe(true);
    expect(isRelayToBackground({ v: 1, type: 'events', docId: 'd', packed, clearedThrough: 0 })).toBe(true);
    expect(isRelayToBackground({ v: 1, type: 'events', docId: 'd', packed: '[]', clearedThrough: 0 })).toBe(false);
    expect(isRelayToBackground({ v: 1, type: 'events', docId: 'd', packed })).toBe(false);
    expect(isRelayToBackground({ v: 1, type: 'documentGone', docId: 'd' })).toBe(true);
    expect(isRelayToBackground({ v: 0, type: 'document', doc })).toBe(false);
    expect(isRelayToBackground({ v: 1, type: 'document', doc: { ...doc, top: 'yes' } })).toBe(false);
  });
  it('relay ⇄ background, one-shot: is a panel attached?', () => {
    expect(isPanelAttachedQuery({ v: 1, type: 'isPanelAttached', docId: 'd' })).toBe(true);
    expect(isPanelAttachedQuery({ v: 1, type: 'relayReady', docId: 'd' })).toBe(false); // the old name
    expect(isPanelAttachedQuery({ v: 1, type: 'isPanelAttached' })).toBe(false);
    expect(isPanelAttachedReply({ attached: true, receivedThrough: 3 })).toBe(true);
    expect(isPanelAttachedReply({ attached: false, receivedThrough: 0 })).toBe(true);
    expect(isPanelAttachedReply({ attached: 1, receivedThrough: 0 })).toBe(false);
    expect(isPanelAttachedReply({ attached: true, since: 0 })).toBe(false); // the old name
    expect(isPanelAttachedReply(undefined)).toBe(false);
  });
  it('background → relay, and the top relay’s document start', () => {
    expect(isBackgroundToRelay({ v: 1, type: 'attach', receivedThrough: { d: 3 } })).toBe(true);
    expect(isBackgroundToRelay({ v: 1, type: 'attach', receivedThrough: {} })).toBe(true);
    expect(isBackgroundToRelay({ v: 1, type: 'attach', receivedThrough: { d: 'x' } })).toBe(false);
    expect(isBackgroundToRelay({ v: 1, type: 'attach', receivedThrough: [3] })).toBe(false);
    expect(isBackgroundToRelay({ v: 1, type: 'attach', since: { d: 3 } })).toBe(false); // the old name
    expect(isBackgroundToRelay({ v: 1, type: 'clear' })).toBe(true);
    expect(isBackgroundToRelay({ v: 1, type: 'documentStart' })).toBe(true);
    expect(isBackgroundToRelay({ v: 1, type: 'other' })).toBe(false);
    expect(isDocumentStartReply({ url: 'http://x/', startedAt: 1700000000000.25 })).toBe(true);
    expect(isDocumentStartReply({ url: 1, startedAt: 1 })).toBe(false);
    expect(isDocumentStartReply(undefined)).toBe(false);
  });
  it('panel ⇄ background', () => {
    expect(isPanelToBackground({ v: 1, type: 'subscribe', tabId: 3, receivedThrough: {} })).toBe(true);
    expect(isPanelToBackground({ v: 1, type: 'subscribe', tabId: 3, receivedThrough: { a: 0, 'a.1': 9 } })).toBe(true);
    expect(isPanelToBackground({ v: 1, type: 'subscribe', receivedThrough: {} })).toBe(false);
    expect(isPanelToBackground({ v: 1, type: 'subscribe', tabId: 3, since: {} })).toBe(false); // the old name
    expect(isPanelToBackground({ v: 1, type: 'clear', tabId: 3 })).toBe(true);
    expect(isPanelToBackground({ v: 1, type: 'documentStart', tabId: 3, requestId: 1 })).toBe(true);
    expect(isPanelToBackground({ v: 1, type: 'documentStart', tabId: 3 })).toBe(false);
    expect(isPanelToBackground({ v: 1, type: 'other', tabId: 3 })).toBe(false);
    expect(isBackgroundToPanel({ v: 1, type: 'document', browserFrameId: 0, doc })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'document', frameId: 0, doc })).toBe(false); // the old name
    expect(isBackgroundToPanel({ v: 1, type: 'events', browserFrameId: 0, docId: 'd', packed, clearedThrough: 0 })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'events', browserFrameId: 0, docId: 'd', events: [], clearedThrough: 0 })).toBe(false);
    expect(isBackgroundToPanel({ v: 1, type: 'documentGone', docId: 'd' })).toBe(true);
    expect(isBackgroundToPanel({ v: 1, type: 'other' })).toBe(false);
    expect(isDocumentStartAnswer({ v: 1, type: 'documentStart', requestId: 1, start: { url: 'http://x/', startedAt: 5 } })).toBe(true);
    expect(isDocumentStartAnswer({ v: 1, type: 'documentStart', requestId: 1, start: null })).toBe(true);
    expect(isDocumentStartAnswer({ v: 1, type: 'documentStart', requestId: 1 })).toBe(false);
    expect(isDocumentStartAnswer({ v: 1, type: 'documentStart', requestId: 1, start: { url: 'http://x/' } })).toBe(false);
    expect(isDocumentStartAnswer({ v: 2, type: 'documentStart', requestId: 1, start: null })).toBe(false);
  });
});

/** What a page, a bug or a stale build could put where a count (seq, id, epoch, length, clearedThrough) is meant. */
const notCounts = [NaN, Infinity, -Infinity, -1, 1.5, 2 ** 53, '1', null];
/** Where a wall-clock time is meant: finite, nothing else. */
const notTimes = [NaN, Infinity, -Infinity, '1', null];

describe('numbers: a count is a non-negative safe integer, a time is finite', () => {
  it('isCount', () => {
    for (const n of [0, 1, 42, 2 ** 53 - 1]) expect(isCount(n)).toBe(true);
    for (const n of [...notCounts, undefined, {}]) expect(isCount(n)).toBe(false);
  });

  const doc = { docId: 'd', url: 'http://x/', top: true, startedAt: 1 };
  const packed = { frames: '[]', times: '[]', lifecycle: '[]', payloads: [] };
  const wireText = { seq: 1, id: 1, t: 1, kind: 'frame', dir: 'sent', type: 'text', data: 'x', length: 1, truncated: false };
  /** Each guard with a well-formed message, and a way to put a bad number into one field of it. */
  const counts: [string, (m: unknown) => boolean, (n: unknown) => unknown][] = [
    ['events.clearedThrough (relay → background)', isRelayToBackground, (n) => ({ v: 1, type: 'events', docId: 'd', packed, clearedThrough: n })],
    ['attach.receivedThrough (background → relay)', isBackgroundToRelay, (n) => ({ v: 1, type: 'attach', receivedThrough: { d: 1, e: n } })],
    ['subscribe.receivedThrough (panel → background)', isPanelToBackground, (n) => ({ v: 1, type: 'subscribe', tabId: 1, receivedThrough: { d: n } })],
    ['subscribe.tabId', isPanelToBackground, (n) => ({ v: 1, type: 'subscribe', tabId: n, receivedThrough: {} })],
    ['clear.tabId', isPanelToBackground, (n) => ({ v: 1, type: 'clear', tabId: n })],
    ['documentStart.tabId', isPanelToBackground, (n) => ({ v: 1, type: 'documentStart', tabId: n, requestId: 1 })],
    ['documentStart.requestId', isPanelToBackground, (n) => ({ v: 1, type: 'documentStart', tabId: 1, requestId: n })],
    ['document.browserFrameId (background → panel)', isBackgroundToPanel, (n) => ({ v: 1, type: 'document', browserFrameId: n, doc })],
    ['events.browserFrameId', isBackgroundToPanel, (n) => ({ v: 1, type: 'events', browserFrameId: n, docId: 'd', packed, clearedThrough: 0 })],
    ['events.clearedThrough (background → panel)', isBackgroundToPanel, (n) => ({ v: 1, type: 'events', browserFrameId: 0, docId: 'd', packed, clearedThrough: n })],
    ['documentStart answer requestId', isDocumentStartAnswer, (n) => ({ v: 1, type: 'documentStart', requestId: n, start: null })],
    ['isPanelAttached reply receivedThrough', isPanelAttachedReply, (n) => ({ attached: true, receivedThrough: n })],
    ['wire event seq', isWireEvent, (n) => ({ ...wireText, seq: n })],
    ['wire event socket id', isWireEvent, (n) => ({ ...wireText, id: n })],
    ['wire frame length', isWireEvent, (n) => ({ ...wireText, length: n })],
  ];
  it.each(counts)('%s: a count', (_, guard, make) => {
    expect(guard(make(0))).toBe(true);
    expect(guard(make(7))).toBe(true);
    for (const n of notCounts) expect(guard(make(n)), String(n)).toBe(false);
  });

  const times: [string, (m: unknown) => boolean, (t: unknown) => unknown][] = [
    ['document.startedAt (relay → background)', isRelayToBackground, (t) => ({ v: 1, type: 'document', doc: { ...doc, startedAt: t } })],
    ['document.startedAt (background → panel)', isBackgroundToPanel, (t) => ({ v: 1, type: 'document', browserFrameId: 0, doc: { ...doc, startedAt: t } })],
    ['the top relay’s startedAt', isDocumentStartReply, (t) => ({ url: 'http://x/', startedAt: t })],
    ['documentStart answer startedAt', isDocumentStartAnswer, (t) => ({ v: 1, type: 'documentStart', requestId: 1, start: { url: 'http://x/', startedAt: t } })],
    ['wire event t', isWireEvent, (t) => ({ ...wireText, t })],
    ['wire lifecycle event t', isWireEvent, (t) => ({ seq: 1, id: 1, t, kind: 'error' })],
  ];
  it.each(times)('%s: a finite time', (_, guard, make) => {
    expect(guard(make(1700000000000.125))).toBe(true);
    expect(guard(make(-5))).toBe(true); // a clock may be wrong; only finiteness is checked
    for (const t of notTimes) expect(guard(make(t)), String(t)).toBe(false);
  });
});
