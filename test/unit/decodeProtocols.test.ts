// Protocol decoders on frames produced by the protocols' own client libraries (their serialisers and encoders).
import { FrameImpl } from '@stomp/stompjs';
import { JsonHubProtocol, MessageType } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { INTERNAL } from '@rails/actioncable';
import { MessageType as GqlType, stringifyMessage } from 'graphql-ws';
import { JSONRPCClient, JSONRPCServer, type JSONRPCRequest } from 'json-rpc-2.0';
import mqtt from 'mqtt-packet';
import { Serializer } from 'phoenix';
import legacyTypes from 'subscriptions-transport-ws/dist/message-types.js';
import { CborSerializer } from 'wampy/CborSerializer.js';
import { JsonSerializer } from 'wampy/JsonSerializer.js';
import { MsgpackSerializer } from 'wampy/MsgpackSerializer.js';
import { describe, expect, it } from 'vitest';
import { connectionContext, decodeFrame, detectProtocol } from '../../src/panel/decode/registry';
import type { ConnectionHints, FrameInput } from '../../src/panel/decode/types';

const hints = (over: Partial<ConnectionHints> = {}): ConnectionHints => ({ url: 'ws://127.0.0.1/ws', protocol: '', protocols: [], ...over });
const sent = (data: string | Uint8Array | ArrayBuffer): FrameInput => ({ dir: 'sent', data: data instanceof ArrayBuffer ? new Uint8Array(data) : data });
const received = (data: string | Uint8Array | ArrayBuffer): FrameInput => ({ dir: 'received', data: data instanceof ArrayBuffer ? new Uint8Array(data) : data });
const dec = (id: string, f: FrameInput, h = hints(), first: FrameInput[] = []) => decodeFrame(id, f, connectionContext(h, first));
const stomp = (command: string, headers: Record<string, string>, body = '') => FrameImpl.marshall({ command, headers, body, escapeHeaderValues: true, skipContentLengthHeader: false }) as string;

describe('STOMP decoder (@stomp/stompjs frames)', () => {
  const connect = stomp('CONNECT', { 'accept-version': '1.2,1.1,1.0', 'heart-beat': '10000,10000' });
  it('detects by subprotocol and by the CONNECT frame', () => {
    expect(detectProtocol(hints({ protocol: 'v12.stomp' }), [])).toMatchObject({ reason: 'subprotocol v12.stomp' });
    expect(detectProtocol(hints(), [sent(connect)])).toMatchObject({ reason: 'handshake: STOMP CONNECT frame' });
  });
  it('summarises commands with destinations, fields and JSON bodies', () => {
    const send = dec('stomp', sent(stomp('SEND', { destination: '/app/chat', 'content-type': 'application/json' }, '{"text":"hi"}')));
    expect(send.summary).toBe('SEND /app/chat · {"text":"hi"}');
    expect(send.fields).toContainEqual(['destination', '/app/chat']);
    expect(send.payload).toEqual({ text: 'hi' });
    expect(send.terms).toEqual({ type: ['SEND'], destination: ['/app/chat'] });
    expect(dec('stomp', sent(connect)).summary).toBe('CONNECT · accept-version 1.2,1.1,1.0 · heart-beat 10000,10000');
    const msg = dec('stomp', received(stomp('MESSAGE', { destination: '/topic/a:b', subscription: 'sub-0', 'message-id': '1' }, 'plain')));
    expect(msg.summary).toBe('MESSAGE /topic/a:b · sub sub-0 · "plain"');
  });
  it('pairs receipts and subscriptions, and marks heart-beat EOLs', () => {
    expect(dec('stomp', sent(stomp('SUBSCRIBE', { destination: '/topic/x', id: 'sub-0', receipt: 'r1' }))).pairs).toEqual([{ key: 'stomp:receipt:r1', role: 'request' }, { key: 'stomp:sub:sub-0', role: 'request' }]);
    expect(dec('stomp', received(stomp('RECEIPT', { 'receipt-id': 'r1' }))).pairs).toEqual([{ key: 'stomp:receipt:r1', role: 'end' }]);
    expect(dec('stomp', received('\n'))).toMatchObject({ summary: 'heart-beat', heartbeat: true });
  });
  it('reads binary frames with content-length, and reports garbage', () => {
    const bin = FrameImpl.marshall({ command: 'SEND', headers: { destination: '/q' }, binaryBody: new Uint8Array([0, 1, 2]), escapeHeaderValues: true, skipContentLengthHeader: false });
    const d = dec('stomp', sent(new Uint8Array(bin as ArrayBuffer)));
    expect(d.summary).toMatch(/^SEND \/q/);
    expect(d.fields).toContainEqual(['body', '3 B']);
    expect(dec('stomp', sent('HELLO\n\n\0')).error).toMatch(/unknown command/);
    expect(dec('stomp', sent('SEND\ndestination:/x\n\nno terminator')).error).toMatch(/NUL/);
  });
});

describe('SockJS decoder (STOMP inside)', () => {
  // SockJS servers wrap messages as `a` + a JSON array of strings; clients send the bare array.
  const msg = stomp('MESSAGE', { destination: '/topic/t', subscription: '0' }, '{"n":1}');
  it('detects by the session URL and the open frame', () => {
    expect(detectProtocol(hints({ url: 'ws://h/stomp/123/abcdefgh/websocket' }), [])).toMatchObject({ reason: 'URL …/{server}/{session}/websocket' });
    expect(detectProtocol(hints(), [received('o')])).toMatchObject({ reason: 'handshake: SockJS open frame "o"' });
  });
  it('decodes o, h, a[…] with STOMP inside, c[…] and sent arrays', () => {
    expect(dec('sockjs', received('o')).summary).toBe('open');
    expect(dec('sockjs', received('h'))).toMatchObject({ summary: 'heartbeat', heartbeat: true });
    const a = dec('sockjs', received('a' + JSON.stringify([msg])));
    expect(a.summary).toBe('MESSAGE /topic/t · sub 0 · {"n":1}');
    expect(a.terms).toEqual({ type: ['MESSAGE'], destination: ['/topic/t'] });
    const two = dec('sockjs', received('a' + JSON.stringify([msg, '\n'])));
    expect(two.summary).toMatch(/^2 messages: MESSAGE \/topic\/t .*; heart-beat$/);
    expect(dec('sockjs', sent(JSON.stringify([stomp('SEND', { destination: '/app/x' }, 'hi')]))).summary).toBe('SEND /app/x · "hi"');
    expect(dec('sockjs', received('c[3000,"Go away!"]')).summary).toBe('close 3000 Go away!');
    expect(dec('sockjs', received('zzz')).error).toMatch(/not a SockJS frame/);
  });
});

describe('SignalR decoder (@microsoft/signalr protocols)', () => {
  const json = new JsonHubProtocol();
  const mp = new MessagePackHubProtocol();
  const handshake = JSON.stringify({ protocol: 'json', version: 1 }) + '\u001e';
  it('detects by ?id= with a handshake, and by the handshake alone', () => {
    expect(detectProtocol(hints({ url: 'ws://h/chat?id=abc' }), [sent(handshake)])).toMatchObject({ reason: 'URL ?id= (SignalR connection token)' });
    expect(detectProtocol(hints({ url: 'ws://h/chat?id=abc' }), [sent('{"jsonrpc":"2.0","method":"x"}')])?.decoder.id).toBe('jsonrpc');
    expect(detectProtocol(hints(), [sent(handshake)])).toMatchObject({ reason: 'handshake: SignalR json protocol' });
  });
  it('decodes JSON hub messages, pairs invocations and completions, marks pings', () => {
    expect(dec('signalr', sent(handshake)).summary).toBe('handshake json v1');
    expect(dec('signalr', received('{}\u001e')).summary).toBe('handshake ok');
    const inv = dec('signalr', sent(json.writeMessage({ type: MessageType.Invocation, target: 'SendMessage', arguments: ['ann', 'hi'], invocationId: '0', headers: {} }) as string));
    expect(inv.summary).toBe('invoke SendMessage("ann", "hi") · id 0');
    expect(inv.terms).toEqual({ type: ['invocation'], method: ['SendMessage'] });
    expect(inv.pairs).toEqual([{ key: 'signalr:sent:0', role: 'request' }]);
    const done = dec('signalr', received(json.writeMessage({ type: MessageType.Completion, invocationId: '0', result: 42, headers: {} }) as string));
    expect(done).toMatchObject({ summary: 'completion · id 0 · result 42', pairs: [{ key: 'signalr:sent:0', role: 'end' }] });
    expect(dec('signalr', received(json.writeMessage({ type: MessageType.Ping }) as string))).toMatchObject({ summary: 'ping', heartbeat: true });
    const both = dec('signalr', received((json.writeMessage({ type: MessageType.Ping }) as string) + (json.writeMessage({ type: MessageType.Invocation, target: 'Receive', arguments: [1] }) as string)));
    expect(both.summary).toBe('2 messages: ping; invoke Receive(1)');
  });
  it('decodes MessagePack hub messages (varint-framed)', () => {
    const inv = dec('signalr', sent(mp.writeMessage({ type: MessageType.StreamInvocation, target: 'Counter', arguments: [10, 500], invocationId: '1', headers: {} })));
    expect(inv.summary).toBe('stream Counter(10, 500) · id 1');
    const item = dec('signalr', received(mp.writeMessage({ type: MessageType.StreamItem, invocationId: '1', item: 3, headers: {} })));
    expect(item).toMatchObject({ summary: 'stream item · id 1 · 3', pairs: [{ key: 'signalr:sent:1', role: 'reply' }] });
    const err = dec('signalr', received(mp.writeMessage({ type: MessageType.Completion, invocationId: '1', error: 'boom', headers: {} })));
    expect(err.summary).toBe('completion · id 1 · error "boom"');
    expect(dec('signalr', received(mp.writeMessage({ type: MessageType.Ping })))).toMatchObject({ heartbeat: true });
    expect(dec('signalr', received(new Uint8Array([0x7f, 1]))).error).toMatch(/runs past/);
    expect(dec('signalr', received('{"type":1')).error).toMatch(/record separator/);
  });
});

describe('Phoenix decoder (phoenix Serializer)', () => {
  const encode = (msg: { join_ref: string | null; ref: string | null; topic: string; event: string; payload: unknown }): string | Uint8Array => {
    let out: string | ArrayBuffer = '';
    Serializer.encode(msg, (s: string | ArrayBuffer) => (out = s));
    return typeof out === 'string' ? out : new Uint8Array(out);
  };
  it('detects by vsn= and by phx_join', () => {
    expect(detectProtocol(hints({ url: 'ws://h/socket/websocket?token=x&vsn=2.0.0' }), [])).toMatchObject({ reason: 'URL vsn=2.0.0' });
    expect(detectProtocol(hints(), [sent(encode({ join_ref: '1', ref: '1', topic: 'room:lobby', event: 'phx_join', payload: {} }))])).toMatchObject({ reason: 'handshake: phx_join' });
  });
  it('decodes v2 arrays, v1 objects and binary pushes; pairs refs; marks heartbeats', () => {
    const join = dec('phoenix', sent(encode({ join_ref: '1', ref: '1', topic: 'room:lobby', event: 'phx_join', payload: {} })));
    expect(join).toMatchObject({ summary: 'phx_join room:lobby · ref 1', pairs: [{ key: 'phoenix:1', role: 'request' }], terms: { topic: ['room:lobby'], event: ['phx_join'] } });
    const reply = dec('phoenix', received(encode({ join_ref: '1', ref: '1', topic: 'room:lobby', event: 'phx_reply', payload: { status: 'ok', response: {} } })));
    expect(reply).toMatchObject({ summary: 'phx_reply ok room:lobby · ref 1', pairs: [{ key: 'phoenix:1', role: 'end' }] });
    expect(dec('phoenix', received(encode({ join_ref: null, ref: null, topic: 'room:lobby', event: 'new_msg', payload: { body: 'hi' } }))).summary).toBe('new_msg room:lobby · {"body":"hi"}');
    expect(dec('phoenix', sent(encode({ join_ref: null, ref: '2', topic: 'phoenix', event: 'heartbeat', payload: {} })))).toMatchObject({ summary: 'heartbeat · ref 2', heartbeat: true });
    expect(dec('phoenix', sent(JSON.stringify({ topic: 'rooms:1', event: 'phx_join', payload: {}, ref: '5' }))).fields).toContainEqual(['Phoenix', 'v1 (object)']);
    const bin = dec('phoenix', sent(encode({ join_ref: '1', ref: '3', topic: 'room:lobby', event: 'upload', payload: new Uint8Array([1, 2, 3]).buffer })));
    expect(bin.summary).toMatch(/^upload room:lobby · ref 3/);
    expect(bin.fields).toContainEqual(['Phoenix', 'v2 (binary push)']);
    expect(dec('phoenix', sent('[1,2]')).error).toMatch(/not a Phoenix message/);
  });
});

describe('ActionCable decoder (@rails/actioncable message types)', () => {
  const types = INTERNAL.message_types;
  const identifier = JSON.stringify({ channel: 'ChatChannel', room: 'lobby' });
  it('detects by subprotocol and welcome', () => {
    expect(detectProtocol(hints({ protocol: INTERNAL.protocols[0] }), [])).toMatchObject({ reason: 'subprotocol actioncable-v1-json' });
    expect(detectProtocol(hints(), [received(JSON.stringify({ type: types.welcome }))])).toMatchObject({ reason: 'handshake: ActionCable welcome' });
  });
  it('decodes subscriptions, messages, pings; pairs subscribe and confirm', () => {
    expect(dec('actioncable', received(JSON.stringify({ type: types.ping, message: 1700000000 })))).toMatchObject({ summary: 'ping', heartbeat: true });
    const sub = dec('actioncable', sent(JSON.stringify({ command: 'subscribe', identifier })));
    expect(sub).toMatchObject({ summary: 'subscribe ChatChannel · {"room":"lobby"}', pairs: [{ key: `cable:${identifier}`, role: 'request' }] });
    expect(dec('actioncable', received(JSON.stringify({ identifier, type: types.confirmation }))).pairs).toEqual([{ key: `cable:${identifier}`, role: 'end' }]);
    const speak = dec('actioncable', sent(JSON.stringify({ command: 'message', identifier, data: JSON.stringify({ action: 'speak', message: 'hi' }) })));
    expect(speak).toMatchObject({ summary: 'ChatChannel → speak · {"action":"speak","message":"hi"}', terms: { type: ['message'], topic: ['ChatChannel'], event: ['speak'] } });
    expect(dec('actioncable', received(JSON.stringify({ identifier, message: { body: 'hi' } }))).summary).toBe('ChatChannel ← message · {"body":"hi"}');
    expect(dec('actioncable', received('[]')).error).toMatch(/not an ActionCable message/);
  });
});

describe('GraphQL over WebSocket decoder (graphql-ws, subscriptions-transport-ws)', () => {
  const subscribe = stringifyMessage({ type: GqlType.Subscribe, id: '1', payload: { query: 'subscription OnMessage { message }' } });
  it('detects by subprotocol', () => {
    expect(detectProtocol(hints({ protocol: 'graphql-transport-ws' }), [])).toMatchObject({ reason: 'subprotocol graphql-transport-ws' });
    expect(detectProtocol(hints({ protocol: 'graphql-ws' }), [])).toMatchObject({ reason: 'subprotocol graphql-ws (subscriptions-transport-ws)' });
    expect(detectProtocol(hints(), [sent(stringifyMessage({ type: GqlType.ConnectionInit }))])).toMatchObject({ reason: 'handshake: connection_init' });
  });
  it('decodes graphql-transport-ws and pairs by id', () => {
    expect(dec('graphql-ws', sent(subscribe))).toMatchObject({ summary: 'subscribe · id 1 · subscription OnMessage', pairs: [{ key: 'gql:1', role: 'request' }], terms: { type: ['subscribe'], op: ['OnMessage'] } });
    const next = dec('graphql-ws', received(stringifyMessage({ type: GqlType.Next, id: '1', payload: { data: { message: 'hi' } } })));
    expect(next).toMatchObject({ summary: 'next · id 1 · {"data":{"message":"hi"}}', pairs: [{ key: 'gql:1', role: 'reply' }] });
    expect(dec('graphql-ws', received(stringifyMessage({ type: GqlType.Complete, id: '1' }))).pairs).toEqual([{ key: 'gql:1', role: 'end' }]);
    expect(dec('graphql-ws', received(stringifyMessage({ type: GqlType.Error, id: '1', payload: [{ message: 'nope' }] }))).summary).toBe('error · id 1 · nope');
    expect(dec('graphql-ws', received(stringifyMessage({ type: GqlType.Ping })))).toMatchObject({ heartbeat: true });
  });
  it('decodes the legacy protocol', () => {
    const T = (legacyTypes as unknown as { default?: typeof legacyTypes }).default ?? legacyTypes;
    expect(dec('graphql-ws', sent(JSON.stringify({ id: '2', type: T.GQL_START, payload: { query: '{ hello }' } }))).summary).toBe('start · id 2 · query');
    expect(dec('graphql-ws', received(JSON.stringify({ id: '2', type: T.GQL_DATA, payload: { data: { hello: 'x' } } }))).pairs).toEqual([{ key: 'gql:2', role: 'reply' }]);
    expect(dec('graphql-ws', received(JSON.stringify({ type: T.GQL_CONNECTION_KEEP_ALIVE })))).toMatchObject({ summary: 'ka', heartbeat: true });
    expect(dec('graphql-ws', received('{"no":"type"}')).error).toMatch(/not a GraphQL/);
  });
});

describe('MQTT decoder (mqtt-packet generate)', () => {
  const gen = (packet: object, protocolVersion = 4): Uint8Array => new Uint8Array(mqtt.generate(packet as mqtt.Packet, { protocolVersion }));
  const connect5 = gen({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'sensor-1', keepalive: 60, clean: true, properties: { sessionExpiryInterval: 30 } }, 5);
  const connect4 = gen({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'web', keepalive: 30, clean: true, username: 'u', password: Buffer.from('p') });
  it('detects by subprotocol and by the CONNECT packet', () => {
    expect(detectProtocol(hints({ protocol: 'mqtt' }), [])).toMatchObject({ reason: 'subprotocol mqtt' });
    expect(detectProtocol(hints(), [sent(connect4)])).toMatchObject({ reason: 'handshake: MQTT CONNECT packet' });
  });
  it('decodes MQTT 3.1.1 packets, pairs packet ids, marks pings', () => {
    const first = [sent(connect4)];
    const d = (f: FrameInput) => dec('mqtt', f, hints({ protocol: 'mqtt' }), first);
    expect(d(sent(connect4))).toMatchObject({ summary: 'CONNECT web · v3.1.1 · keepalive 30' });
    expect(d(sent(connect4)).fields).toContainEqual(['username', 'u']);
    expect(d(received(gen({ cmd: 'connack', returnCode: 0, sessionPresent: false }))).summary).toBe('CONNACK 0 (accepted)');
    const pub = d(sent(gen({ cmd: 'publish', topic: 'sensors/temp', payload: Buffer.from('{"c":21.5}'), qos: 1, messageId: 5, retain: false, dup: false })));
    expect(pub).toMatchObject({ summary: 'PUBLISH sensors/temp qos 1 (10 B) · id 5', payload: { c: 21.5 }, terms: { type: ['PUBLISH'], topic: ['sensors/temp'] }, pairs: [{ key: 'mqtt:sent:5', role: 'request' }] });
    expect(d(received(gen({ cmd: 'puback', messageId: 5 }))).pairs).toEqual([{ key: 'mqtt:sent:5', role: 'end' }]);
    const sub = d(sent(gen({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'sensors/#', qos: 0 }, { topic: 'a/+', qos: 1 }] })));
    expect(sub).toMatchObject({ summary: 'SUBSCRIBE sensors/# qos 0, a/+ qos 1 · id 1', terms: { type: ['SUBSCRIBE'], topic: ['sensors/#', 'a/+'] } });
    expect(d(received(gen({ cmd: 'suback', messageId: 1, granted: [0, 1] })))).toMatchObject({ summary: 'SUBACK id 1 · [0, 1]', pairs: [{ key: 'mqtt:sent:1', role: 'end' }] });
    expect(d(sent(gen({ cmd: 'pingreq' })))).toMatchObject({ summary: 'PINGREQ', heartbeat: true });
    expect(d(received(gen({ cmd: 'pingresp' })))).toMatchObject({ summary: 'PINGRESP', heartbeat: true });
  });
  it('reads MQTT 5 properties once CONNECT said level 5, even out of order', () => {
    const first = [sent(connect5)];
    const pub = dec('mqtt', received(gen({ cmd: 'publish', topic: 't/1', payload: Buffer.from('x'), qos: 2, messageId: 9, retain: true, dup: false, properties: { contentType: 'text/plain', userProperties: { a: 'b' } } }, 5)), hints(), first);
    expect(pub.summary).toBe('PUBLISH t/1 qos 2 retain (1 B) · id 9');
    expect(pub.fields).toContainEqual(['properties', '{"contentType":"text/plain","userProperty":[["a","b"]]}']);
    expect(pub.pairs).toEqual([{ key: 'mqtt:received:9', role: 'request' }]);
    expect(dec('mqtt', sent(gen({ cmd: 'pubrec', messageId: 9 }, 5)), hints(), first).pairs).toEqual([{ key: 'mqtt:received:9', role: 'reply' }]);
    expect(dec('mqtt', sent(connect5)).summary).toBe('CONNECT sensor-1 · v5 · keepalive 60');
  });
  it('decodes several packets in one frame, and reports cut or foreign bytes', () => {
    const two = new Uint8Array([...gen({ cmd: 'pingreq' }), ...gen({ cmd: 'pingreq' })]);
    expect(dec('mqtt', sent(two))).toMatchObject({ summary: '2 messages: PINGREQ; PINGREQ', heartbeat: true });
    expect(dec('mqtt', sent(connect4.subarray(0, 10))).error).toMatch(/runs past the frame/);
    expect(dec('mqtt', sent('text')).error).toMatch(/binary/);
  });
});

describe('WAMP decoder (wampy serialisers)', () => {
  const call = [48, 7, {}, 'com.app.add', [2, 3]];
  it('detects by subprotocol and HELLO', () => {
    expect(detectProtocol(hints({ protocol: 'wamp.2.msgpack' }), [])).toMatchObject({ reason: 'subprotocol wamp.2.msgpack' });
    expect(detectProtocol(hints(), [sent(new JsonSerializer().encode([1, 'realm1', { roles: { caller: {} } }]))])).toMatchObject({ reason: 'handshake: WAMP HELLO' });
  });
  it('decodes JSON, MessagePack and CBOR alike, and pairs CALL with RESULT', () => {
    for (const [serializer, protocol] of [[new JsonSerializer(), 'wamp.2.json'], [new MsgpackSerializer(), 'wamp.2.msgpack'], [new CborSerializer(), 'wamp.2.cbor']] as const) {
      const h = hints({ protocol });
      const enc = (m: unknown[]) => serializer.encode(m) as string | Uint8Array;
      const c = dec('wamp', sent(enc(call)), h);
      expect(c).toMatchObject({ summary: 'CALL com.app.add(2,3) · req 7', terms: { type: ['CALL'], method: ['com.app.add'] }, pairs: [{ key: 'wamp:sent:7', role: 'request' }] });
      expect(dec('wamp', received(enc([50, 7, {}, [5]])), h)).toMatchObject({ summary: 'RESULT · req 7 · [5]', pairs: [{ key: 'wamp:sent:7', role: 'end' }] });
    }
    const json = new JsonSerializer();
    expect(dec('wamp', sent(json.encode([16, 3, {}, 'com.news', ['hello']]))).summary).toBe('PUBLISH com.news · req 3 · ["hello"]');
    expect(dec('wamp', received(json.encode([36, 55, 66, {}, ['hello']]))).summary).toBe('EVENT sub 55 · ["hello"]');
    expect(dec('wamp', received(json.encode([8, 48, 7, {}, 'wamp.error.no_such_procedure']))).pairs).toEqual([{ key: 'wamp:sent:7', role: 'end' }]);
    expect(dec('wamp', sent('{"a":1}')).error).toMatch(/not a WAMP message/);
  });
});

describe('JSON-RPC 2.0 decoder (json-rpc-2.0 client and server)', () => {
  it('decodes requests, results, errors, notifications and batches, pairing by id', async () => {
    const out: string[] = [];
    const client = new JSONRPCClient((req: JSONRPCRequest) => {
      out.push(JSON.stringify(req));
    });
    const server = new JSONRPCServer();
    server.addMethod('add', ({ a, b }: { a: number; b: number }) => a + b);
    void client.request('add', { a: 1, b: 2 });
    client.notify('log', ['hi']);
    const reply = JSON.stringify(await server.receive(JSON.parse(out[0])));
    const missing = JSON.stringify(await server.receive({ jsonrpc: '2.0', id: 9, method: 'nope' }));
    expect(detectProtocol(hints(), [sent(out[0])])).toMatchObject({ reason: 'content: "jsonrpc":"2.0"' });
    const req = dec('jsonrpc', sent(out[0]));
    expect(req).toMatchObject({ summary: 'add("a":1,"b":2) · id 1', terms: { type: ['request'], method: ['add'] }, pairs: [{ key: 'jsonrpc:sent:1', role: 'request' }] });
    expect(dec('jsonrpc', received(reply))).toMatchObject({ summary: 'result · id 1 · 3', pairs: [{ key: 'jsonrpc:sent:1', role: 'end' }] });
    expect(dec('jsonrpc', sent(out[1])).summary).toBe('log("hi") · notification');
    expect(dec('jsonrpc', received(missing)).summary).toBe('error -32601 Method not found · id 9');
    const batch = dec('jsonrpc', sent(`[${out[0]},${out[1]}]`));
    expect(batch.summary).toBe('batch of 2: add("a":1,"b":2) · id 1; log("hi") · notification');
    expect(batch.terms?.method).toEqual(['add', 'log']);
    expect(dec('jsonrpc', sent('{"jsonrpc":"1.0"}')).error).toMatch(/not a JSON-RPC 2.0/);
  });
});
