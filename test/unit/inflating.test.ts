// Compressed frames: detected by their headers (raw deflate only when chosen), inflated asynchronously with
// DecompressionStream under a size cap, cached per row in a bounded LRU, then decoded like any payload.
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cbor-x';
import { describe, expect, it, vi } from 'vitest';
import { decompress, DECOMPRESS_LIMIT } from '../../src/panel/decode/compressed';
import { decodeFrame, detectProtocol } from '../../src/panel/decode/registry';
import type { ConnectionHints, FrameInput } from '../../src/panel/decode/types';
import { createInflating, type Inflating } from '../../src/panel/inflating';

const hints: ConnectionHints = { url: 'ws://127.0.0.1/feed', protocol: '', protocols: [] };
const bin = (b: Uint8Array, truncated = false): FrameInput & { data: Uint8Array } => ({ dir: 'received', data: new Uint8Array(b), truncated });
const snapshot = { type: 'snapshot', rows: [1, 2, 3] };

/** The frame's decode as the panel shows it: asked once (starting the inflation), then again once it settled. */
async function settled(inflating: Inflating, decoderId: string, frame: FrameInput & { data: Uint8Array }) {
  const first = decodeFrame(decoderId, frame);
  const before = inflating.version.value;
  const pending = inflating.decodedOf(decoderId, frame, first);
  await vi.waitFor(() => expect(inflating.version.value).toBeGreaterThan(before));
  return { pending, done: inflating.decodedOf(decoderId, frame, first) };
}

describe('compressed frames', () => {
  it('gzip JSON: the connection is detected by the header, says it is inflating, then shows the JSON', async () => {
    const frame = bin(gzipSync(JSON.stringify(snapshot)));
    expect(detectProtocol(hints, [frame])).toMatchObject({ reason: 'content: gzip header', decoder: { id: 'compressed' } });
    expect(decodeFrame('compressed', frame)).toMatchObject({ compressed: 'gzip', summary: `gzip-compressed (${frame.data.length} B)` });
    const { pending, done } = await settled(createInflating(), 'compressed', frame);
    expect(pending).toMatchObject({ inflating: true, summary: `gzip-compressed (${frame.data.length} B) · inflating…` });
    expect(done.error).toBeUndefined();
    expect(done.summary).toBe('gzip · {"type":"snapshot","rows":[1,2,3]}');
    expect(done.payload).toEqual(snapshot);
    expect(done.terms).toEqual({ type: ['snapshot'] });
    expect(done.fields).toEqual([['compression', 'gzip'], ['size', `${frame.data.length} B → ${JSON.stringify(snapshot).length} B`], ['format', 'JSON']]);
  });

  it('zlib in a MessagePack connection: inflated, then read by the connection’s decoder', async () => {
    const frame = bin(deflateSync(msgpackEncode({ type: 'tick', price: 1.25 })));
    const { done } = await settled(createInflating(), 'msgpack', frame);
    expect(done.summary).toBe('zlib · {"type":"tick","price":1.25}');
    expect(done.fields).toContainEqual(['format', 'MessagePack']);
  });

  it('guesses CBOR, protobuf and text inside gzip', async () => {
    const inflating = createInflating();
    const cbor = (await settled(inflating, 'compressed', bin(gzipSync(cborEncode({ event: 'reading', v: 2 }))))).done;
    expect(cbor).toMatchObject({ summary: 'gzip · {"event":"reading","v":2}', terms: { event: ['reading'] } });
    const pb = new BinaryWriter().tag(1, WireType.Varint).int32(42).tag(2, WireType.LengthDelimited).string('hello').finish();
    expect((await settled(inflating, 'compressed', bin(gzipSync(pb)))).done.summary).toBe('gzip · {"1":42,"2":"hello"}');
    expect((await settled(inflating, 'compressed', bin(gzipSync('plain words')))).done.summary).toBe('gzip · "plain words"');
  });

  it('a corrupt stream says so and falls back to Raw; a truncated frame says it was cut', async () => {
    const good = gzipSync(JSON.stringify(snapshot));
    const corrupt = bin(new Uint8Array([...good.subarray(0, 10), ...new Uint8Array(20).fill(0xff)]));
    const { done } = await settled(createInflating(), 'compressed', corrupt);
    expect(done.error).toMatch(/^the gzip data did not inflate: /);
    expect(done.summary).toMatch(/· not inflated$/);
    const cut = (await settled(createInflating(), 'json', bin(good.subarray(0, good.length - 8), true))).done;
    expect(cut.error).toMatch(/did not inflate: .*\(the frame was truncated: only part of it was kept\)$/);
  });

  it('stops inflating a bomb at the cap, and says it was cut', async () => {
    const bomb = gzipSync(Buffer.alloc(DECOMPRESS_LIMIT * 4));
    expect(bomb.length).toBeLessThan(100_000);
    const out = await decompress(new Uint8Array(bomb));
    expect(out).toMatchObject({ cut: true });
    expect(out.bytes.length).toBe(DECOMPRESS_LIMIT);
    const exact = await decompress(new Uint8Array(gzipSync(Buffer.alloc(1000))), 'gzip', 1000);
    expect([exact.cut, exact.bytes.length]).toEqual([false, 1000]);
    const { done } = await settled(createInflating(), 'compressed', bin(bomb));
    expect(done.fields[1]).toEqual(['size', `${bomb.length} B → ${DECOMPRESS_LIMIT} B (cut: inflating stopped at 4 MiB)`]);
  });

  it('raw deflate is never detected, only inflated when chosen', async () => {
    const frame = bin(deflateRawSync(JSON.stringify(snapshot)));
    expect(detectProtocol(hints, [frame])?.decoder.id).not.toBe('deflate-raw');
    expect(decodeFrame('deflate-raw', frame)).toMatchObject({ compressed: 'deflate-raw' });
    expect((await settled(createInflating(), 'deflate-raw', frame)).done.summary).toBe('raw deflate · {"type":"snapshot","rows":[1,2,3]}');
  });

  it('inflates each row once, keeps a bounded number of rows, and drops results of rows it no longer keeps', async () => {
    const inflate = vi.fn(decompress);
    const inflating = createInflating({ keepRows: 2, inflate });
    const frames = [1, 2, 3].map((n) => bin(gzipSync(JSON.stringify({ n }))));
    for (const f of frames.slice(0, 2)) await settled(inflating, 'compressed', f);
    expect(inflating.decodedOf('compressed', frames[0], decodeFrame('compressed', frames[0])).summary).toBe('gzip · {"n":1}');
    expect(inflate).toHaveBeenCalledTimes(2);
    // The third evicts the least recently asked: the second.
    await settled(inflating, 'compressed', frames[2]);
    expect(inflating.decodedOf('compressed', frames[0], decodeFrame('compressed', frames[0])).inflating).toBeUndefined();
    expect(inflating.decodedOf('compressed', frames[1], decodeFrame('compressed', frames[1])).inflating).toBe(true);
    expect(inflate).toHaveBeenCalledTimes(4);
  });

  it('keeps inflated bytes under its byte budget', async () => {
    const inflating = createInflating({ keepBytes: 1500 });
    const frames = [1, 2].map(() => bin(gzipSync(Buffer.alloc(1000, 0x61))));
    for (const f of frames) await settled(inflating, 'compressed', f);
    expect(inflating.decodedOf('compressed', frames[0], decodeFrame('compressed', frames[0])).inflating).toBe(true);
  });

  it('runs a few inflations at once; the others wait, and those no longer kept never run', async () => {
    const calls: ((v: { bytes: Uint8Array; cut: boolean }) => void)[] = [];
    const inflate = vi.fn(() => new Promise<{ bytes: Uint8Array; cut: boolean }>((resolve) => calls.push(resolve)));
    const inflating = createInflating({ atOnce: 1, keepRows: 2, inflate });
    const frames = [1, 2, 3].map((n) => bin(gzipSync(JSON.stringify({ n }))));
    const ask = (f: (typeof frames)[number]) => inflating.decodedOf('compressed', f, decodeFrame('compressed', f));
    ask(frames[0]);
    ask(frames[1]);
    ask(frames[0]);
    ask(frames[2]);
    // The first runs; the second, least recently asked, was dropped (keepRows 2) before its turn; the third waits.
    expect(inflate).toHaveBeenCalledTimes(1);
    calls[0]({ bytes: new TextEncoder().encode('{"n":1}'), cut: false });
    await vi.waitFor(() => expect(inflate).toHaveBeenCalledTimes(2));
    expect(inflate.mock.calls[1]).toEqual([frames[2].data, 'gzip']);
    calls[1]({ bytes: new TextEncoder().encode('{"n":3}'), cut: false });
    await vi.waitFor(() => expect(inflating.decodedOf('compressed', frames[2], decodeFrame('compressed', frames[2])).summary).toBe('gzip · {"n":3}'));
    expect(inflate).toHaveBeenCalledTimes(2);
  });
});
