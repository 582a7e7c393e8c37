// @vitest-environment jsdom
// (The relay reads Blobs with a FileReader, as a content script has one; Node has none.)
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { initiatorFromStack, storedFromPage } from '../../src/content/events';
import { DEFAULT_LIMITS, normalizeLimits, type PageFrame } from '../../src/shared/protocol';

const base = { kind: 'frame' as const, seq: 1, id: 1, t: 1, dir: 'received' as const };

describe('storedFromPage', () => {
  it('copies a view from another realm into bytes of its own, cut at the cap', async () => {
    const foreign = runInNewContext('new Uint8Array([1, 2, 3, 4, 5])') as Uint8Array;
    const e = (await storedFromPage({ ...base, data: foreign, length: 5 }, 3)) as { data: Uint8Array; truncated: boolean };
    expect(e.data).toBeInstanceOf(Uint8Array);
    expect(e.data).not.toBe(foreign);
    expect([...e.data]).toEqual([1, 2, 3]);
    expect(e.truncated).toBe(true);
  });

  it('measures text in UTF-8 bytes', async () => {
    expect(await storedFromPage({ ...base, data: 'h€y' }, 100)).toEqual({ ...base, type: 'text', data: 'h€y', length: 5, truncated: false });
  });

  it('cuts text at the payload cap and keeps the true length', async () => {
    const e = await storedFromPage({ ...base, data: 'x'.repeat(50) }, 10);
    expect(e).toMatchObject({ type: 'text', data: 'x'.repeat(10), length: 50, truncated: true });
  });

  it('keeps text the hook already cut as truncated, with the length the hook measured', async () => {
    const e = await storedFromPage({ ...base, data: 'x'.repeat(10), length: 5000 }, 10);
    expect(e).toMatchObject({ type: 'text', data: 'x'.repeat(10), length: 5000, truncated: true });
  });

  it('keeps binary data as bytes with its true length', async () => {
    const data = new Uint8Array([1, 2, 3]);
    const e = await storedFromPage({ ...base, data, length: 3 }, 100);
    expect(e).toMatchObject({ type: 'binary', data: new Uint8Array([1, 2, 3]), length: 3, truncated: false });
  });

  it('keeps only its own bytes of a view into a buffer shared with other frames', async () => {
    const shared = new Uint8Array([9, 9, 1, 2, 3, 9]);
    const e = (await storedFromPage({ ...base, data: shared.subarray(2, 5), length: 3 }, 100)) as { data: Uint8Array };
    expect([...e.data]).toEqual([1, 2, 3]);
  });

  it('marks binary data the hook already cut as truncated', async () => {
    const e = await storedFromPage({ ...base, data: new Uint8Array(4), length: 1000 }, 4);
    expect(e).toMatchObject({ length: 1000, truncated: true });
  });

  it('reads Blobs', async () => {
    const e = (await storedFromPage({ ...base, data: new Blob(['ho!']), length: 3 } as PageFrame, 100)) as { data: Uint8Array };
    expect(new TextDecoder().decode(e.data)).toBe('ho!');
  });
});

describe('initiatorFromStack', () => {
  it('drops the Error header and extension frames', () => {
    const stack = [
      'Error',
      '    at Object.construct (chrome-extension://abc/src/page/hook.js:1:2000)',
      '    at connect (http://127.0.0.1:8080/app.js:10:5)',
      '    at http://127.0.0.1:8080/:3:1',
    ].join('\n');
    expect(initiatorFromStack(stack)).toBe('at connect (http://127.0.0.1:8080/app.js:10:5)\nat http://127.0.0.1:8080/:3:1');
  });
  it('handles Firefox stacks', () => {
    expect(initiatorFromStack('construct@moz-extension://x/hook.js:1:1\nconnect@http://a/app.js:1:1\n')).toBe('connect@http://a/app.js:1:1\n');
  });
  it('is empty when there is no stack', () => expect(initiatorFromStack('')).toBe(''));
});

describe('normalizeLimits', () => {
  it('falls back to defaults for missing or bad values', () => {
    expect(normalizeLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(normalizeLimits({ maxFrames: -1, maxBytes: 'x', maxPayloadBytes: 1.5 })).toEqual(DEFAULT_LIMITS);
  });
  it('takes valid values', () => {
    expect(normalizeLimits({ maxFrames: 5, maxBytes: 6, maxPayloadBytes: 7 })).toEqual({ maxFrames: 5, maxBytes: 6, maxPayloadBytes: 7, sendStacks: false });
    expect(normalizeLimits({ sendStacks: true }).sendStacks).toBe(true);
    expect(normalizeLimits({ sendStacks: 'yes' }).sendStacks).toBe(false);
  });
});

