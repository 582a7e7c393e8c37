// Decoding in the panel store: each connection's protocol from its URL and first frames, "Decode as" (remembered per
// URL pattern), hiding heartbeats, and filter words on decoded fields.
import { describe, expect, it } from 'vitest';
import { createStore, type DecodeAsStorage } from '../../src/panel/store';
import { compileQuery } from '../../src/panel/filter';
import { urlPattern } from '../../src/panel/decodeAs';
import { DETECT_MAX_LENGTH } from '../../src/panel/decoding';
import { forTree } from '../../src/panel/json';
import { PAIR_SEARCH } from '../../src/panel/pairing';
import { messagesFor } from './fixtures';

const SIO = 'ws://h/socket.io/?EIO=4&transport=websocket';
const OPEN = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';

function memoryStorage(initial: Record<string, string> = {}) {
  let saved: Record<string, string> = { ...initial };
  const storage: DecodeAsStorage = { load: () => saved, save: (c) => void (saved = { ...c }) };
  return { storage, saved: () => saved };
}

function setup(decodeAsStorage?: DecodeAsStorage) {
  const store = createStore({ schedule: (f) => f(), decodeAsStorage });
  const m = messagesFor();
  store.enqueue(m.document());
  store.enqueue(
    m.events([
      m.created(1, SIO),
      m.open(1),
      m.text(1, 'received', OPEN),
      m.text(1, 'sent', '40'),
      m.text(1, 'received', '40{"sid":"x"}'),
      m.text(1, 'sent', '42["chat","hi"]'),
      m.text(1, 'received', '2'),
      m.text(1, 'sent', '3'),
      m.text(1, 'sent', '421["join","room"]'),
      m.text(1, 'received', '431["ok"]'),
      m.created(2, 'ws://h/plain'),
      m.text(2, 'sent', 'hello'),
      m.text(2, 'received', 'world'),
    ]),
  );
  const shown = () => store.visible.value.indices.map((i) => store.visible.value.rows[i]);
  const frames = () => shown().filter((r) => r.dir !== 'event').map((r) => r.data);
  const row = (data: string) => store.getRows().find((r) => r.data === data)!;
  return { store, m, shown, frames, row };
}

describe('decoding in the store', () => {
  it('detects from small frames only: a big frame first decides nothing, and costs no sniffing', () => {
    const { store, m } = setup();
    const big = JSON.stringify({ type: 'snapshot', data: 'x'.repeat(DETECT_MAX_LENGTH) });
    store.enqueue(m.events([m.created(3, 'ws://h/feed'), m.text(3, 'received', big)]));
    expect(store.decoding.protocols.value.get('doc1:3')?.decoderId).toBeUndefined();
    store.enqueue(m.events([m.text(3, 'received', '{"type":"tick"}')]));
    expect(store.decoding.protocols.value.get('doc1:3')?.decoderId).toBe('json');
  });

  it('detects each connection’s protocol, with the reason', () => {
    const { store } = setup();
    const sio = store.decoding.protocols.value.get('doc1:1')!;
    expect(sio.decoderId).toBe('socket.io');
    expect(sio.reason).toMatch(/^detected by URL/);
    const plain = store.decoding.protocols.value.get('doc1:2')!;
    expect(plain.decoderId).toBeUndefined();
    expect(plain.label).toBe('Raw');
    expect(store.decoding.anyDecoded.value).toBe(true);
  });

  it('detects from the first frames when the URL says nothing', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    store.enqueue(m.events([m.created(1, 'ws://h/rpc')]));
    expect(store.decoding.protocols.value.get('doc1:1')?.decoderId).toBeUndefined();
    store.enqueue(m.events([m.text(1, 'sent', '{"jsonrpc":"2.0","id":1,"method":"sum","params":[1,2]}')]));
    const p = store.decoding.protocols.value.get('doc1:1')!;
    expect(p.decoderId).toBe('jsonrpc');
    expect(p.reason).toMatch(/^detected by content/);
  });

  it('decodes rows lazily into summaries, and none for raw connections or lifecycle rows', () => {
    const { store, row } = setup();
    expect(store.decoding.decodedOf(row('42["chat","hi"]'))?.summary).toBe('EVENT chat ["hi"]');
    expect(store.decoding.decodedOf(row('2'))?.heartbeat).toBe(true);
    expect(store.decoding.decodedOf(row('hello'))).toBeUndefined();
    const open = store.getRows().find((r) => r.type === 'open')!;
    expect(store.decoding.decodedOf(open)).toBeUndefined();
  });

  it('pairs a request with its reply, both ways, with the latency', () => {
    const { store, row } = setup();
    const ask = row('421["join","room"]');
    const answer = row('431["ok"]');
    const reply = store.decoding.partnerOf(ask)!;
    expect(reply.row).toBe(answer);
    expect(reply.isReply).toBe(true);
    expect(reply.latency).toBe(answer.t - ask.t);
    expect(store.decoding.partnerOf(answer)?.row).toBe(ask);
    expect(store.decoding.partnerOf(row('42["chat","hi"]'))).toBeUndefined();
  });

  it('finds a reply behind more than PAIR_SEARCH frames of another connection', () => {
    const { store, m, row } = setup();
    store.enqueue(m.events([m.text(1, 'sent', '427["join","late"]')]));
    // As the port delivers them: batches of 1,000.
    for (let sent = 0; sent < PAIR_SEARCH + 500; sent += 1000) store.enqueue(m.events(Array.from({ length: 1000 }, (_, i) => m.text(2, 'received', `tick ${sent + i}`))));
    store.enqueue(m.events([m.text(1, 'received', '437["late ok"]')]));
    expect(store.getRows().length).toBeGreaterThan(PAIR_SEARCH + 500);
    expect(store.decoding.partnerOf(row('427["join","late"]'))?.row).toBe(row('437["late ok"]'));
  });

  it('decodes as the user chooses, remembered per URL pattern', () => {
    const mem = memoryStorage();
    const { store, row } = setup(mem.storage);
    store.decoding.setDecodeAs('doc1:1', 'raw');
    expect(store.decoding.protocols.value.get('doc1:1')?.decoderId).toBeUndefined();
    expect(store.decoding.protocols.value.get('doc1:1')?.choice).toBe('raw');
    expect(store.decoding.decodedOf(row('42["chat","hi"]'))).toBeUndefined();
    expect(mem.saved()).toEqual({ 'ws://h/socket.io/': 'raw' });
    // Another store (a reopened panel) starts with the remembered choice.
    const again = setup(mem.storage);
    expect(again.store.decoding.protocols.value.get('doc1:1')?.choice).toBe('raw');
    store.decoding.setDecodeAs('doc1:2', 'json');
    expect(store.decoding.protocols.value.get('doc1:2')?.decoderId).toBe('json');
    expect(store.decoding.protocols.value.get('doc1:2')?.reason).toBe('chosen with Decode as');
    store.decoding.setDecodeAs('doc1:1', 'auto');
    expect(store.decoding.protocols.value.get('doc1:1')?.decoderId).toBe('socket.io');
    expect(mem.saved()).toEqual({ 'ws://h/plain': 'json' });
  });

  it('names URL patterns by origin and path', () => {
    expect(urlPattern('wss://a.test:8443/socket.io/?EIO=4&sid=x#y')).toBe('wss://a.test:8443/socket.io/');
    expect(urlPattern('not a url?x')).toBe('not a url');
  });

  it('hides heartbeats when asked, and counts them', () => {
    const { store, frames } = setup();
    expect(frames()).toContain('2');
    store.setFilter({ hideHeartbeats: true });
    expect(frames()).not.toContain('2');
    expect(frames()).not.toContain('3');
    expect(frames()).toContain('42["chat","hi"]');
    expect(frames()).toContain('hello');
    expect(store.counts.value.heartbeats).toBe(2);
    expect(store.filtersActive.value).toContain('heartbeats hidden');
    store.setFilter({ hideHeartbeats: false });
    expect(store.counts.value.heartbeats).toBe(0);
  });

  it('gives filters small facts, shared between frames alike', () => {
    const { store, row } = setup();
    const a = store.decoding.factsOf(row('42["chat","hi"]'))!;
    expect(a.heartbeat).toBe(false);
    expect(a.terms?.event).toEqual(['chat']);
    expect(store.decoding.factsOf(row('2'))).toEqual({ decoder: 'socket.io', heartbeat: true, terms: { type: ['ping'] } });
    expect(store.decoding.factsOf(row('hello'))).toBeUndefined();
    // Facts kept on a row are the decoder's: decoded as JSON, the same row gives the JSON decoder's facts.
    store.decoding.setDecodeAs('doc1:1', 'json');
    expect(store.decoding.factsOf(row('2'))).toMatchObject({ decoder: 'json', heartbeat: false });
    const more = setup();
    more.store.enqueue(more.m.events([more.m.text(1, 'sent', '42["chat","other"]')]));
    expect(more.store.decoding.factsOf(more.row('42["chat","other"]'))).toBe(more.store.decoding.factsOf(more.row('42["chat","hi"]')));
  });

  it('keeps hiding heartbeats as frames arrive', () => {
    const { store, m, frames } = setup();
    store.setFilter({ hideHeartbeats: true });
    store.enqueue(m.events([m.text(1, 'received', '2'), m.text(1, 'sent', '42["chat","again"]')]));
    expect(frames().filter((d) => d === '2')).toEqual([]);
    expect(frames()).toContain('42["chat","again"]');
    expect(store.counts.value.heartbeats).toBe(3);
  });

  it('filters by decoded fields, combined with text', () => {
    const { store, frames } = setup();
    store.setFilter({ query: 'event:chat' });
    expect(frames()).toEqual(['42["chat","hi"]']);
    store.setFilter({ query: 'event:j*' });
    expect(frames()).toEqual(['421["join","room"]']);
    store.setFilter({ query: 'type:event room' });
    expect(frames()).toEqual(['421["join","room"]']);
    store.setFilter({ query: 'type:event nothing-here' });
    expect(frames()).toEqual([]);
    store.setFilter({ query: 'event:chat', invert: true });
    expect(frames()).not.toContain('42["chat","hi"]');
    expect(frames()).toContain('hello');
  });

  it('reads filter words apart from the text', () => {
    expect(compileQuery('event:chat hi').terms).toEqual(['event:chat']);
    expect(compileQuery('event:chat hi').re?.source).toBe('hi');
    expect(compileQuery('topic:a/# type:publish').re).toBeUndefined();
    expect(compileQuery('foo:bar').terms).toBeUndefined();
    expect(compileQuery('/event:chat/').terms).toBeUndefined();
  });

  it('searches binary frames in their decoded text', () => {
    const store = createStore({ schedule: (f) => f() });
    const m = messagesFor();
    // MessagePack {"msg":"héllo wörld"}: the UTF-8 string is not printable ASCII as it stands.
    const packed = [0x81, 0xa3, 0x6d, 0x73, 0x67, 0xad, ...new TextEncoder().encode('héllo wörld')];
    store.enqueue(m.events([m.created(1, 'ws://h/bin'), m.binary(1, 'received', packed), m.binary(1, 'received', packed)]));
    expect(store.decoding.protocols.value.get('doc1:1')?.decoderId).toBe('msgpack');
    store.setFilter({ query: 'wörld' });
    expect(store.visible.value.count).toBe(2);
  });

  it('shows bytes inside a decoded payload as hex in the tree', () => {
    expect(forTree({ a: new Uint8Array([1, 255]), b: [new Uint8Array([16])] })).toEqual({ a: '01 ff', b: ['10'] });
  });
});
