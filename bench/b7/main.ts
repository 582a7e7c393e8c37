// Bench B7 (runs in Node, bundled by bench/vite.b7.config.mjs with the same library builds the panel uses): the real
// decoders and the real panel store. Frames are made by the real libraries' encoders (socket.io-parser's Encoder,
// @msgpack/msgpack's encode), each a fresh object, so nothing is served from the per-frame cache. Prints one JSON line.
//   node .tmp/bench-b7/main.mjs [--quick]
import { encode } from '@msgpack/msgpack';
import { Encoder, PacketType } from 'socket.io-parser';
import { connectionContext, decodeFrame } from '../../src/panel/decode/registry';
import type { FrameInput } from '../../src/panel/decode/types';
import type { BackgroundToPanel, WireEvent } from '../../src/shared/protocol';
import { packEvents } from '../../src/shared/wire';
import { createStore } from '../../src/panel/store';

const quick = process.argv.includes('--quick');
/** `--part=decode` or `--part=filter` runs one half (for profiling). */
const part = process.argv.find((a) => a.startsWith('--part='))?.slice(7);
const DECODE_FRAMES = quick ? 20_000 : 100_000;
const FILTER_FRAMES = quick ? 100_000 : 1_000_000;
const REPS = quick ? 1 : 3;

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const USERS = ['ann', 'bob', 'chen', 'dana', 'eve', 'farid', 'gus', 'hana'];
const sio = new Encoder();
const sioText = (p: { type: PacketType; nsp?: string; data?: unknown; id?: number }): string => {
  const [text] = sio.encode({ nsp: '/', ...p });
  return `4${text as string}`;
};

/**
 * The i-th frame of a Socket.IO chat (Engine.IO v4), a cycle of 8: a chat sent with an ack id and its ack, a chat and
 * a typing event received, a namespaced stats event, a news event, ping and pong. A quarter are `chat` events.
 */
export function socketIoFrame(i: number): FrameInput {
  const user = USERS[i % USERS.length];
  switch (i % 8) {
    case 0:
      return { dir: 'sent', data: sioText({ type: PacketType.EVENT, data: ['chat', { user, text: `message number ${i}` }], id: i >> 3 }) };
    case 1:
      return { dir: 'received', data: sioText({ type: PacketType.ACK, data: [{ ok: true, id: i }], id: i >> 3 }) };
    case 2:
      return { dir: 'received', data: sioText({ type: PacketType.EVENT, data: ['chat', { user, text: `hello from ${user}`, at: 1_764_000_000_000 + i }] }) };
    case 3:
      return { dir: 'received', data: sioText({ type: PacketType.EVENT, data: ['typing', { user }] }) };
    case 4:
      return { dir: 'received', data: sioText({ type: PacketType.EVENT, nsp: '/admin', data: ['stats', { online: i % 97, rooms: ['lobby', 'dev'] }] }) };
    case 5:
      return { dir: 'received', data: sioText({ type: PacketType.EVENT, data: ['news', { headline: `headline ${i}`, id: i }] }) };
    case 6:
      return { dir: 'received', data: '2' };
    default:
      return { dir: 'sent', data: '3' };
  }
}

const SYMBOLS = ['ACME', 'GLOBX', 'INIT', 'WSX', 'ZED'];
/** A market tick as a MessagePack stream sends it. */
export const msgpackTick = (i: number): Uint8Array =>
  encode({ type: 'tick', seq: i, symbol: SYMBOLS[i % SYMBOLS.length], price: 100 + ((i * 37) % 1000) / 100, size: (i * 13) % 500, t: 1_764_000_000_000 + i, bid: [99.5, 12], ask: [100.5, 7] });

/** CPU ms of this process (all its threads, so the collector's too) since `since`. */
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/**
 * ms to decode and summarise n fresh frames with decodeFrame (each summary clipped to one line), median of REPS, each
 * repetition on fresh objects. `keep`: results kept in the per-frame cache, as for the rows the table shows; without it,
 * as a filter scans rows (nothing kept, so nothing for the collector to carry).
 */
function decodeTime(decoderId: string, url: string, make: (i: number) => FrameInput, keep: boolean): { ms: number; cpu: number; runs: number[]; sample: string } {
  const runs: number[] = [];
  const cpus: number[] = [];
  let sample = '';
  for (let rep = 0; rep < REPS; rep++) {
    const frames = Array.from({ length: DECODE_FRAMES }, (_, i) => make(i));
    const ctx = connectionContext({ url, protocol: '', protocols: [] }, frames.slice(0, 8));
    gc();
    const cpu = process.cpuUsage();
    const start = now();
    let errors = 0;
    for (const f of frames) if (decodeFrame(decoderId, f, ctx, { keep }).error) errors++;
    runs.push(now() - start);
    cpus.push(cpuMs(cpu));
    if (errors) throw new Error(`${decoderId}: ${errors} frames did not decode`);
    sample = decodeFrame(decoderId, frames[0], ctx).summary;
  }
  return { ms: median(runs), cpu: median(cpus), runs, sample };
}

const SIO_URL = 'ws://127.0.0.1:8080/socket.io/?EIO=4&transport=websocket';
const MSGPACK_URL = 'ws://127.0.0.1:8080/ticks';
const msgpackFrame = (i: number): FrameInput => ({ dir: 'received', data: msgpackTick(i) });
const decodeResults = () => ({
  socketIo: decodeTime('socket.io', SIO_URL, socketIoFrame, true),
  msgpack: decodeTime('msgpack', MSGPACK_URL, msgpackFrame, true),
  socketIoUncached: decodeTime('socket.io', SIO_URL, socketIoFrame, false),
  msgpackUncached: decodeTime('msgpack', MSGPACK_URL, msgpackFrame, false),
});

// ── Filter a million frames by a decoded field, through the panel's store ────
function filterResults() {
  const DOC = 'b7-doc';
  const CONNECTIONS = [1, 2, 3, 4];
  const URLS = [SIO_URL, SIO_URL.replace('8080', '8081'), SIO_URL.replace('8080', '8082'), 'ws://127.0.0.1:8083/ticks'];
  const t0 = 1_764_000_000_000;
  let pending: (() => void) | undefined;
  const store = createStore({ schedule: (apply) => (pending = apply) });
  const flush = () => {
    pending?.();
    pending = undefined;
  };
  store.enqueue({ v: 1, type: 'document', browserFrameId: 0, doc: { docId: DOC, url: 'http://127.0.0.1:8080/', top: true, startedAt: t0 } } as BackgroundToPanel);
  const lifecycle = CONNECTIONS.flatMap((id) => [
    { kind: 'created', seq: id * 2 - 1, id, t: t0, url: URLS[id - 1], protocols: [], initiator: '' },
    { kind: 'open', seq: id * 2, id, t: t0, protocol: '', extensions: '' },
  ]);
  store.enqueue({ v: 1, type: 'events', browserFrameId: 0, docId: DOC, packed: packEvents(lifecycle as WireEvent[]), clearedThrough: 0 });
  flush();

  /** Frames 3 of 4 on the Socket.IO connections (1–3), 1 of 4 MessagePack ticks on connection 4, as the port delivers them. */
  function batch(first: number, count: number): BackgroundToPanel {
    const events = [];
    for (let i = first; i < first + count; i++) {
      const id = CONNECTIONS[i % 4];
      const seq = i + 100;
      const t = t0 + 1 + i * 0.01;
      if (id === 4) {
        const bytes = msgpackTick(i);
        events.push({ kind: 'frame', seq, id, t, dir: 'received', type: 'binary', data: Buffer.from(bytes).toString('base64'), length: bytes.length, truncated: false });
      } else {
        const f = socketIoFrame(i >> 2);
        const data = f.data as string;
        events.push({ kind: 'frame', seq, id, t, dir: f.dir, type: 'text', data, length: data.length, truncated: false });
      }
    }
    return { v: 1, type: 'events', browserFrameId: 0, docId: DOC, packed: packEvents(events as WireEvent[]), clearedThrough: 0 };
  }
  let applyMs = 0;
  for (let first = 0; first < FILTER_FRAMES; first += 10_000) {
    const messages = Array.from({ length: 10 }, (_, k) => batch(first + k * 1000, Math.min(1000, FILTER_FRAMES - first - k * 1000)));
    const start = now();
    for (const m of messages) store.enqueue(m);
    flush();
    void store.visible.value.count;
    applyMs += now() - start;
  }
  const protocols = [...store.decoding.protocols.value.values()].map((p) => p.decoderId ?? 'raw');

  function filterTime(query: string): { ms: number; cpu: number; shown: number } {
    store.setFilter({ query: '' });
    void store.visible.value.count;
    gc();
    const cpu = process.cpuUsage();
    const start = now();
    store.setFilter({ query });
    const shown = store.visible.value.count;
    void store.counts.value.frames;
    return { ms: now() - start, cpu: cpuMs(cpu), shown };
  }
  const cold = filterTime('event:chat');
  const warm = filterTime('event:news');
  const again = filterTime('event:chat');
  const heartbeatsStart = now();
  store.setFilter({ query: '', hideHeartbeats: true });
  const hb = store.visible.value;
  const heartbeatsMs = now() - heartbeatsStart;
  return { applyMs, protocols, filter: { cold, warm, again }, hideHeartbeats: { ms: heartbeatsMs, hidden: hb.heartbeats, shown: hb.count } };
}

console.log(
  JSON.stringify({
    decodeFrames: DECODE_FRAMES,
    filterFrames: FILTER_FRAMES,
    reps: REPS,
    ...(part !== 'filter' ? decodeResults() : {}),
    ...(part !== 'decode' ? filterResults() : {}),
  }),
);
