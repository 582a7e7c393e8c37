// Decoded-field rule conditions: the regex each decoder gives the page hook matches a raw frame exactly when the
// frame's decoded terms match the same condition in the filter — checked on frames made by the protocols' own
// encoders — and the panel turns decoded rules into per-protocol regex rules limited to the connections it knows.
import { FrameImpl } from '@stomp/stompjs';
import { JsonHubProtocol, MessageType } from '@microsoft/signalr';
import { encodePacket, type Packet } from 'engine.io-parser';
import { MessageType as GqlType, stringifyMessage } from 'graphql-ws';
import { JSONRPCClient, type JSONRPCRequest } from 'json-rpc-2.0';
import { Serializer } from 'phoenix';
import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { connectionContext, decodeFrame, decoderById } from '../../src/panel/decode/registry';
import { matchTerm, parseTerm } from '../../src/panel/decode/terms';
import type { FrameInput } from '../../src/panel/decode/types';
import { hookRules } from '../../src/panel/decodedRules';
import { readJsonPath, type Rule } from '../../src/shared/rules';

const eio = (data: string) => {
  let out = '';
  encodePacket({ type: 'message', data } as Packet, false, (s) => (out = s as string));
  return out;
};
const sio = (packet: Parameters<Encoder['encode']>[0]) => new Encoder().encode(packet).map((p) => (typeof p === 'string' ? eio(p) : '')).filter(Boolean);
const phoenix = (msg: { join_ref: string | null; ref: string | null; topic: string; event: string; payload: unknown }) => {
  let out = '';
  Serializer.encode(msg, (s: string | ArrayBuffer) => (out = s as string));
  return out;
};
const stomp = (command: string, headers: Record<string, string>, body = '') => FrameImpl.marshall({ command, headers, body, escapeHeaderValues: true, skipContentLengthHeader: false }) as string;
const signalr = new JsonHubProtocol();
const rpcSent: string[] = [];
const rpc = new JSONRPCClient((req: JSONRPCRequest) => void rpcSent.push(JSON.stringify(req)));
void Promise.resolve(rpc.request('add', [1, 2])).catch(() => {});
rpc.notify('log.write', { line: 'x' });
void Promise.resolve(rpc.request('Add.Many', [3])).catch(() => {});

/** Per decoder: frames its library made, and conditions to try on each (some match, some do not). */
const CASES: { decoder: string; frames: string[]; conditions: string[] }[] = [
  {
    decoder: 'socket.io',
    frames: [
      ...sio({ type: PacketType.EVENT, nsp: '/', data: ['chat', 'hi'] }),
      ...sio({ type: PacketType.EVENT, nsp: '/', data: ['chat', { a: 1 }], id: 7 }),
      ...sio({ type: PacketType.EVENT, nsp: '/admin', data: ['chat:private', 1] }),
      ...sio({ type: PacketType.EVENT, nsp: '/', data: ['news', 'chat'] }),
      ...sio({ type: PacketType.ACK, nsp: '/', data: ['chat'], id: 7 }),
      ...sio({ type: PacketType.EVENT, nsp: '/', data: ['say "hi"', 1] }),
      '2',
      '3',
    ],
    conditions: ['event:chat', 'event:chat*', 'event:news', 'event:CHAT', 'event:*', 'event:say "hi"', 'event:nothing'],
  },
  {
    decoder: 'graphql-ws',
    frames: [
      stringifyMessage({ type: GqlType.ConnectionInit }),
      stringifyMessage({ type: GqlType.Subscribe, id: '1', payload: { query: 'subscription { greetings }' } }),
      stringifyMessage({ type: GqlType.Next, id: '1', payload: { data: { type: 'subscribe' } } }),
      stringifyMessage({ type: GqlType.Complete, id: '1' }),
    ],
    conditions: ['type:subscribe', 'type:connection_*', 'type:next', 'type:error'],
  },
  { decoder: 'jsonrpc', frames: rpcSent, conditions: ['method:add', 'method:add*', 'method:log.*', 'method:sub'] },
  {
    decoder: 'phoenix',
    frames: [
      phoenix({ join_ref: '1', ref: '1', topic: 'room:lobby', event: 'phx_join', payload: {} }),
      phoenix({ join_ref: null, ref: null, topic: 'room:lobby', event: 'new_msg', payload: { event: 'phx_join' } }),
      phoenix({ join_ref: null, ref: '2', topic: 'phoenix', event: 'heartbeat', payload: {} }),
      JSON.stringify({ topic: 'rooms:1', event: 'phx_join', payload: {}, ref: '5' }),
    ],
    conditions: ['event:phx_join', 'event:new_msg', 'topic:room:*', 'topic:rooms:1', 'topic:phoenix', 'event:heartbeat', 'event:none'],
  },
  {
    decoder: 'stomp',
    frames: [
      stomp('CONNECT', { 'accept-version': '1.2', host: '/' }),
      stomp('SEND', { destination: '/app/chat', 'content-type': 'text/plain' }, 'destination:/app/other'),
      stomp('SUBSCRIBE', { id: 'sub-0', destination: '/topic/news' }),
      stomp('MESSAGE', { subscription: 'sub-0', 'message-id': '1', destination: '/topic/news' }, 'hi'),
    ],
    conditions: ['type:SEND', 'type:send', 'type:MESSAGE', 'destination:/app/chat', 'destination:/topic/*', 'destination:/app/other', 'type:CONN*'],
  },
  {
    decoder: 'signalr',
    frames: [
      signalr.writeMessage({ type: MessageType.Invocation, target: 'SendMessage', arguments: ['ann', 'hi'], invocationId: '0', headers: {} }) as string,
      signalr.writeMessage({ type: MessageType.Invocation, target: 'Receive', arguments: [{ target: 'SendMessage' }], headers: {} }) as string,
      signalr.writeMessage({ type: MessageType.Ping }) as string,
    ],
    conditions: ['method:SendMessage', 'method:Receive', 'method:Send*', 'method:none'],
  },
  {
    decoder: 'json',
    frames: [JSON.stringify({ type: 'tick', price: 1 }), JSON.stringify({ op: 'sub', args: ['a'] }), JSON.stringify({ method: 'ping' }), '[1,2]'],
    conditions: ['type:tick', 'op:sub', 'method:ping', 'type:t*', 'event:tick'],
  },
];

/** A payload condition on a text frame, as the page hook tests it (src/page/intercept.ts; the hook's own test covers it there). */
function holds(p: Rule['match']['payload'], text: string): boolean {
  const regex = (literal: string) => new RegExp(literal.slice(1, literal.lastIndexOf('/')), literal.slice(literal.lastIndexOf('/') + 1));
  if (p.kind === 'regex') return regex(p.value).test(text);
  if (p.kind !== 'json') throw new Error(`unexpected condition ${p.kind}`);
  const [, path, re] = /^(.*?) =~ (.*)$/.exec(p.value)!;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return false;
  }
  for (const step of (readJsonPath(path) as { path: (string | number)[] }).path) v = v !== null && typeof v === 'object' && Object.hasOwn(v, step) ? (v as Record<string, unknown>)[step] : undefined;
  return typeof v === 'string' && regex(re).test(v);
}

describe('decoded-field conditions as the page hook runs them', () => {
  for (const c of CASES)
    it(`${c.decoder}: the regex matches a frame exactly when its decoded terms do`, () => {
      const decoder = decoderById(c.decoder)!;
      const ctx = connectionContext({ url: 'ws://h/', protocol: '', protocols: [] }, []);
      expect(c.frames.length).toBeGreaterThan(2);
      let hits = 0;
      for (const condition of c.conditions) {
        const term = parseTerm(condition)!;
        const conditions = decoder.ruleConditions?.(term.key, term.pattern);
        expect(conditions, condition).toBeDefined();
        for (const text of c.frames) {
          const frame: FrameInput = { dir: 'sent', data: text };
          const decoded = matchTerm(decodeFrame(c.decoder, frame, ctx).terms, condition);
          expect(conditions!.some((p) => holds(p, text)), `${condition} on ${JSON.stringify(text)}`).toBe(decoded);
          if (decoded) hits++;
        }
      }
      expect(hits).toBeGreaterThan(1); // the conditions do match something (the equality is not all "no")
    });

  it('says where a protocol cannot tell a field from the raw text', () => {
    expect(decoderById('mqtt')?.ruleConditions?.('topic', 'a/#')).toBeUndefined();
    expect(decoderById('socket.io')?.ruleConditions?.('topic', 'x')).toBeUndefined();
  });
});

const rule = (id: string, payload: Rule['match']['payload'], url = ''): Rule => ({ id, name: id, enabled: true, match: { url, direction: 'both', payload }, action: { type: 'block' } });

describe('decoded rules made into the hook’s rules', () => {
  const targets = [
    { url: 'ws://a.test/socket.io/?EIO=4&transport=websocket', decoderId: 'socket.io' },
    { url: 'ws://b.test/socket.io/?EIO=4&transport=websocket', decoderId: 'socket.io' },
    { url: 'ws://a.test/mqtt', decoderId: 'mqtt' },
    { url: 'ws://a.test/raw' },
  ];

  it('passes other rules through as they are, and makes one regex rule per protocol, on its connections only', () => {
    const plain = rule('plain', { kind: 'text', value: 'x' });
    const { rules, reach } = hookRules([plain, rule('chat', { kind: 'decoded', value: 'event:chat' })], targets);
    expect(rules[0]).toBe(plain);
    expect(rules).toHaveLength(2);
    expect(rules[1]).toMatchObject({ id: 'chat', match: { payload: { kind: 'regex' } } });
    expect(reach.get('chat')).toBe('Applies to Socket.IO (Engine.IO v4) on 2 connections. MQTT cannot be matched by event in the page (use a regex).');
    const url = rules[1].match.url;
    const re = new RegExp(url.slice(1, url.lastIndexOf('/')));
    expect(targets.map((t) => re.test(t.url))).toEqual([true, true, false, false]);
  });

  it('keeps to the rule’s own URL condition, and says what cannot be matched and what waits', () => {
    const only = hookRules([rule('a', { kind: 'decoded', value: 'event:chat' }, 'ws://b.test/*')], targets);
    expect(only.reach.get('a')).toBe('Applies to Socket.IO (Engine.IO v4) on its connection.');
    const topic = hookRules([rule('t', { kind: 'decoded', value: 'topic:sensors/#' })], targets);
    expect(topic.rules).toEqual([]);
    expect(topic.reach.get('t')).toBe('Waits for a connection whose protocol has topic. Socket.IO (Engine.IO v4), MQTT cannot be matched by topic in the page (use a regex).');
    expect(hookRules([rule('w', { kind: 'decoded', value: 'event:chat' })], []).reach.get('w')).toBe('Waits for a connection whose protocol has event.');
  });
});
