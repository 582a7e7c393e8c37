// Protocol templates (src/panel/compose/*): each builder's frame read back by the panel's own decoder for that protocol
// (and by the protocol's library where it has a parser), the next free ids read from a connection's frames, and the
// messages for what cannot be built.
import { FrameImpl, Parser } from '@stomp/stompjs';
import mqtt from 'mqtt-packet';
import { Decoder as SioDecoder, type Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { buildWith, templateById, templateFor, TEMPLATES } from '../../src/panel/compose';
import { buildGraphqlSubscribe, graphqlContext, nextGraphqlId } from '../../src/panel/compose/graphql';
import { buildJsonRpcCall, highestJsonRpcId } from '../../src/panel/compose/jsonrpc';
import { buildMqttPublish, encodeMqttPublish, mqttContext, varint } from '../../src/panel/compose/mqtt';
import { buildSocketIoEmit, nextAckId, socketIoContext } from '../../src/panel/compose/socketio';
import { buildStompSend, stompContext } from '../../src/panel/compose/stomp';
import type { Built } from '../../src/panel/compose/types';
import { connectionContext, decodeFrame } from '../../src/panel/decode/registry';
import type { ConnectionHints, FrameInput } from '../../src/panel/decode/types';
import { base64ToBytes } from '../../src/shared/codec';

const hints = (over: Partial<ConnectionHints> = {}): ConnectionHints => ({ url: 'ws://127.0.0.1/ws', protocol: '', protocols: [], ...over });
const sent = (data: string | Uint8Array): FrameInput => ({ dir: 'sent', data });
const received = (data: string | Uint8Array): FrameInput => ({ dir: 'received', data });
const dec = (id: string, f: FrameInput, first: FrameInput[] = []) => decodeFrame(id, f, connectionContext(hints(), first));

/** The built frame as the page would send it: text, or the bytes. */
function frameOf(b: Built): string | Uint8Array {
  if ('error' in b) throw new Error(b.error);
  return b.payload.type === 'text' ? b.payload.text : base64ToBytes(b.payload.base64);
}
const errorOf = (b: Built) => ('error' in b ? b.error : undefined);
const field = (fields: [string, string][], name: string) => fields.find(([k]) => k === name)?.[1];

describe('Socket.IO emit', () => {
  it('writes 42["event",…args], with an ack id and a namespace as socket.io-parser reads them', () => {
    expect(frameOf(buildSocketIoEmit({ event: 'chat', args: '"hi", {"n": 1}', namespace: '/' }))).toBe('42["chat","hi",{"n":1}]');
    expect(frameOf(buildSocketIoEmit({ event: 'chat', args: '', namespace: '', ackId: 7 }))).toBe('427["chat"]');
    const text = frameOf(buildSocketIoEmit({ event: 'join', args: '[1, 2], null', namespace: '/admin', ackId: 12 })) as string;
    expect(text).toBe('42/admin,12["join",[1,2],null]');
    // socket.io-parser (what a socket.io server runs) reads the packet the Engine.IO message carries.
    const decoder = new SioDecoder();
    let packet: Packet | undefined;
    decoder.on('decoded', (p: Packet) => (packet = p));
    decoder.add(text.slice(1));
    expect(packet).toEqual({ type: 2, nsp: '/admin', id: 12, data: ['join', [1, 2], null] });
  });

  it('decodes back in the panel, and its ack pairs with the server’s answer', () => {
    const emit = dec('socket.io', sent(frameOf(buildSocketIoEmit({ event: 'shout', args: '"x"', namespace: '/chat', ackId: 3 }))));
    expect(emit.error).toBeUndefined();
    expect(field(emit.fields, 'event')).toBe('shout');
    expect(field(emit.fields, 'ack id')).toBe('3');
    expect(field(emit.fields, 'namespace')).toBe('/chat');
    expect(emit.payload).toEqual(['x']);
    const ack = dec('socket.io', received('43/chat,3["ok"]'));
    expect(emit.pairs?.[0]).toMatchObject({ role: 'request' });
    expect(ack.pairs?.[0]).toMatchObject({ key: emit.pairs?.[0].key, role: 'end' });
  });

  it('says what is wrong: no event, arguments that are not JSON, a bad namespace', () => {
    expect(errorOf(buildSocketIoEmit({ event: '', args: '', namespace: '/' }))).toBe('Give the event a name.');
    expect(errorOf(buildSocketIoEmit({ event: 'a', args: '"unterminated', namespace: '/' }))).toMatch(/^Arguments are not valid JSON/);
    expect(errorOf(buildSocketIoEmit({ event: 'a', args: '', namespace: 'admin' }))).toMatch(/starts with \//);
  });

  it('takes the next free ack id per namespace, and the namespace the page used last', () => {
    const frames = [received('0{"sid":"x","pingInterval":25000}'), sent('40/chat,'), sent('42/chat,4["a"]'), received('43/chat,4[]'), sent('421["root"]'), sent('42/chat,["no ack"]'), received('42/chat,9["server asks"]')];
    const ctx = socketIoContext(frames);
    expect(ctx.namespace).toBe('/chat');
    expect(nextAckId(ctx, '/chat')).toBe(5);
    expect(nextAckId(ctx, '/')).toBe(2);
    expect(nextAckId(ctx, '/other')).toBe(0);
    expect(nextAckId(socketIoContext([]), '')).toBe(0);
    // The template: the namespace field left empty means the page's; "With ack" takes the next id.
    const t = templateById('socketio')!;
    expect(frameOf(buildWith(t, { event: 'e', args: '1', ack: true }, { hints: hints(), frames }))).toBe('42/chat,5["e",1]');
    expect(frameOf(buildWith(t, { event: 'e', namespace: '/', ack: true }, { hints: hints(), frames }))).toBe('422["e"]');
    expect(t.hints?.(ctx)).toEqual({ namespace: '/chat' });
  });
});

describe('STOMP SEND', () => {
  it('writes a NUL-terminated SEND frame that the panel and @stomp/stompjs both read back', () => {
    const text = frameOf(buildStompSend({ destination: '/queue/a', headers: 'content-type:application/json\nx-note:a:b\\c\n\n', body: '{"id":1}', version: '1.2' })) as string;
    expect(text).toBe('SEND\ndestination:/queue/a\ncontent-type:application/json\nx-note:a\\cb\\\\c\n\n{"id":1}\0');
    const d = dec('stomp', sent(text));
    expect(d.error).toBeUndefined();
    expect(d.fields).toEqual(expect.arrayContaining([['STOMP', 'SEND'], ['destination', '/queue/a'], ['x-note', 'a:b\\c']]));
    expect(d.payload).toEqual({ id: 1 });
    // @stomp/stompjs's parser (what its client runs), then FrameImpl unescaping the headers as a 1.2 peer does.
    const frames: FrameImpl[] = [];
    const parser = new Parser((raw) => frames.push(FrameImpl.fromRawFrame(raw, true)), () => undefined);
    parser.parseChunk(text);
    expect(frames).toHaveLength(1);
    expect(frames[0].command).toBe('SEND');
    // (stompjs unescapes `\\` before `\c`, so it reads a backslash followed by c wrongly; a colon it reads right.)
    expect(frames[0].headers).toMatchObject({ destination: '/queue/a', 'content-type': 'application/json' });
    expect(frames[0].headers['x-note'].startsWith('a:b')).toBe(true);
    expect(frames[0].body).toBe('{"id":1}');
  });

  it('escapes nothing for STOMP 1.0, adds content-length for a body with NUL, and refuses bad header lines', () => {
    expect(frameOf(buildStompSend({ destination: '/q', headers: 'k:a:b', body: '', version: '1.0' }))).toBe('SEND\ndestination:/q\nk:a:b\n\n\0');
    const withNul = frameOf(buildStompSend({ destination: '/q', headers: '', body: 'a\0b' })) as string;
    expect(withNul).toBe('SEND\ndestination:/q\ncontent-length:3\n\na\0b\0');
    expect(dec('stomp', sent(withNul)).fields).toContainEqual(['body', '3 B']);
    expect(errorOf(buildStompSend({ destination: ' ', headers: '', body: '' }))).toMatch(/destination/);
    expect(errorOf(buildStompSend({ destination: '/q', headers: 'ok:1\nbroken', body: '' }))).toBe('Header line 2 is not key:value.');
  });

  it('reads the version from CONNECTED, else the subprotocol', () => {
    expect(stompContext({ protocol: '' }, [sent('CONNECT\naccept-version:1.0,1.1,1.2\n\n\0'), received('CONNECTED\nversion:1.1\nheart-beat:0,0\n\n\0')])).toEqual({ version: '1.1' });
    expect(stompContext({ protocol: '' }, [received('CONNECTED\nsession:1\n\n\0')])).toEqual({ version: '1.0' });
    expect(stompContext({ protocol: 'v12.stomp' }, [])).toEqual({ version: '1.2' });
  });
});

describe('JSON-RPC call', () => {
  it('writes a 2.0 request with params and an id, which the panel decodes and pairs with its result', () => {
    const text = frameOf(buildJsonRpcCall({ method: 'subtract', params: '[42, 23]', id: 8 })) as string;
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', method: 'subtract', params: [42, 23], id: 8 });
    const d = dec('jsonrpc', sent(text));
    expect(d.fields).toEqual(expect.arrayContaining([['method', 'subtract'], ['id', '8']]));
    expect(d.payload).toEqual([42, 23]);
    expect(dec('jsonrpc', received('{"jsonrpc":"2.0","result":19,"id":8}')).pairs?.[0].key).toBe(d.pairs?.[0].key);
    expect(JSON.parse(frameOf(buildJsonRpcCall({ method: 'ping', params: ' ', id: 1 })) as string)).toEqual({ jsonrpc: '2.0', method: 'ping', id: 1 });
  });

  it('refuses params that are not an array or object, and takes one past the highest id seen', () => {
    expect(errorOf(buildJsonRpcCall({ method: 'm', params: '42', id: 1 }))).toMatch(/array or object/);
    expect(errorOf(buildJsonRpcCall({ method: 'm', params: '{', id: 1 }))).toMatch(/^Params are not valid JSON/);
    expect(errorOf(buildJsonRpcCall({ method: '', params: '', id: 1 }))).toMatch(/method/);
    const frames = [sent('{"jsonrpc":"2.0","method":"a","id":3}'), received('{"jsonrpc":"2.0","result":1,"id":3}'), received('[{"jsonrpc":"2.0","method":"s","id":11}]'), sent('{"jsonrpc":"2.0","method":"b","id":"x-99"}'), sent('not json "jsonrpc"')];
    expect(highestJsonRpcId(frames)).toBe(11);
    expect(JSON.parse(frameOf(buildWith(templateById('jsonrpc')!, { method: 'next' }, { hints: hints(), frames })) as string).id).toBe(12);
    expect(JSON.parse(frameOf(buildWith(templateById('jsonrpc')!, { method: 'first' }, { hints: hints(), frames: [] })) as string).id).toBe(1);
  });
});

describe('GraphQL subscribe', () => {
  it('writes graphql-transport-ws subscribe, or legacy start, that the panel decodes and pairs with next/data', () => {
    const text = frameOf(buildGraphqlSubscribe({ query: 'subscription { countdown(from: 2) }', variables: '{"a":1}', id: '3', legacy: false })) as string;
    expect(JSON.parse(text)).toEqual({ id: '3', type: 'subscribe', payload: { query: 'subscription { countdown(from: 2) }', variables: { a: 1 } } });
    const d = dec('graphql-ws', sent(text));
    expect(d.fields).toEqual(expect.arrayContaining([['GraphQL', 'subscribe'], ['id', '3'], ['operation', 'subscription']]));
    expect(dec('graphql-ws', received('{"id":"3","type":"next","payload":{"data":{"countdown":2}}}')).pairs?.[0].key).toBe(d.pairs?.[0].key);
    expect(JSON.parse(frameOf(buildGraphqlSubscribe({ query: '{ hello }', variables: '', id: '1', legacy: true })) as string)).toEqual({ id: '1', type: 'start', payload: { query: '{ hello }' } });
    expect(errorOf(buildGraphqlSubscribe({ query: '{ a }', variables: '[1]', id: '1', legacy: false }))).toBe('Variables are a JSON object.');
    expect(errorOf(buildGraphqlSubscribe({ query: ' ', variables: '', id: '1', legacy: false }))).toMatch(/query/);
  });

  it('takes a free id, and tells the legacy protocol by subprotocol or by its message types', () => {
    expect(nextGraphqlId(new Set())).toBe('1');
    expect(nextGraphqlId(new Set(['1', '2', 'b1c3e9f0-uuid']))).toBe('3');
    expect(nextGraphqlId(new Set(['9']))).toBe('10');
    const modern = graphqlContext({ protocol: '' }, [sent('{"type":"connection_init"}'), sent('{"id":"5","type":"subscribe","payload":{"query":"{a}"}}')]);
    expect(modern).toEqual({ used: new Set(['5']), legacy: false });
    expect(graphqlContext({ protocol: 'graphql-ws' }, []).legacy).toBe(true);
    expect(graphqlContext({ protocol: '' }, [sent('{"id":"1","type":"start","payload":{}}'), received('{"type":"ka"}')]).legacy).toBe(true);
    const frame = buildWith(templateById('graphql')!, { query: '{ a }' }, { hints: hints({ protocol: 'graphql-ws' }), frames: [sent('{"id":"1","type":"start","payload":{}}')] });
    expect(JSON.parse(frameOf(frame) as string)).toMatchObject({ id: '2', type: 'start' });
  });
});

describe('MQTT PUBLISH', () => {
  it('writes variable byte integers as MQTT does', () => {
    expect(varint(0)).toEqual([0]);
    expect(varint(127)).toEqual([0x7f]);
    expect(varint(128)).toEqual([0x80, 0x01]);
    expect(varint(16_383)).toEqual([0xff, 0x7f]);
    expect(varint(16_384)).toEqual([0x80, 0x80, 0x01]);
    expect(varint(268_435_455)).toEqual([0xff, 0xff, 0xff, 0x7f]);
    expect(() => varint(268_435_456)).toThrow();
  });

  it('encodes 3.1.1 and 5 PUBLISH packets that mqtt-packet parses and the panel decodes', () => {
    for (const level of [4, 5]) {
      for (const [qos, payload] of [[0, 'hi'], [1, 'x'.repeat(300)]] as const) {
        const bytes = encodeMqttPublish({ topic: 'sensors/kitchen/temp', qos, retain: qos === 1, payload, packetId: qos ? 513 : undefined, level }) as Uint8Array;
        const parsed: mqtt.Packet[] = [];
        const parser = mqtt.parser({ protocolVersion: level as 4 | 5 });
        parser.on('packet', (p) => parsed.push(p));
        parser.on('error', (e) => parsed.push({ cmd: 'error', e } as never));
        parser.parse(Buffer.from(bytes));
        expect(parsed).toHaveLength(1);
        expect(parsed[0]).toMatchObject({ cmd: 'publish', topic: 'sensors/kitchen/temp', qos, retain: qos === 1, ...(qos ? { messageId: 513 } : {}) });
        expect((parsed[0] as mqtt.IPublishPacket).payload.toString()).toBe(payload);
        // And mqtt-packet's own encoding is byte for byte the same.
        expect([...bytes]).toEqual([...mqtt.generate({ cmd: 'publish', topic: 'sensors/kitchen/temp', qos, retain: qos === 1, dup: false, payload: Buffer.from(payload), messageId: qos ? 513 : undefined, ...(level === 5 ? { properties: {} } : {}) } as mqtt.IPublishPacket, { protocolVersion: level as 4 | 5 })]);
        const connect = mqtt.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: level as 4 | 5, clientId: 'c', clean: true, keepalive: 60 } as mqtt.IConnectPacket);
        const d = dec('mqtt', sent(bytes), [sent(new Uint8Array(connect))]);
        expect(d.error).toBeUndefined();
        expect(d.fields).toEqual(expect.arrayContaining([['topic', 'sensors/kitchen/temp'], ['qos', String(qos)], ['retain', String(qos === 1)], ['payload', `${payload.length} B`]]));
        if (qos) {
          expect(field(d.fields, 'packetId')).toBe('513');
          expect(dec('mqtt', received(new Uint8Array([0x40, 2, 2, 1]))).pairs?.[0].key).toBe(d.pairs?.[0].key);
        }
      }
    }
  });

  it('refuses wildcards, no topic, and shows the frame in hex', () => {
    expect(errorOf(buildMqttPublish({ topic: 'a/+', qos: 0, retain: false, payload: '', level: 4 }))).toMatch(/wildcards/);
    expect(errorOf(buildMqttPublish({ topic: '', qos: 0, retain: false, payload: '', level: 4 }))).toBe('Give the topic.');
    expect(buildMqttPublish({ topic: 'a', qos: 0, retain: true, payload: 'hi', level: 4 })).toEqual({ payload: { type: 'binary', base64: 'MQUAAWFoaQ==' }, preview: '31 05 00 01 61 68 69' });
  });

  it('reads the CONNECT’s level and the next free packet id from what the page sent', () => {
    const connect = new Uint8Array(mqtt.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'c', clean: true, keepalive: 60 } as mqtt.IConnectPacket));
    const sub = new Uint8Array(mqtt.generate({ cmd: 'subscribe', messageId: 40, subscriptions: [{ topic: 'a/#', qos: 1 }], properties: {} } as mqtt.ISubscribePacket, { protocolVersion: 5 }));
    const pub = encodeMqttPublish({ topic: 't', qos: 1, retain: false, payload: '', packetId: 41, level: 5 }) as Uint8Array;
    const both = new Uint8Array([...pub, 0xc0, 0x00]);
    expect(mqttContext([sent(connect), sent(sub), sent(both), received(new Uint8Array([0x40, 2, 0, 41]))])).toEqual({ level: 5, nextPacketId: 42 });
    expect(mqttContext([])).toEqual({ level: 4, nextPacketId: 1 });
    const frame = buildWith(templateById('mqtt')!, { topic: 't', qos: '1', payload: 'v' }, { hints: hints(), frames: [sent(connect), sent(sub)] });
    expect([...(frameOf(frame) as Uint8Array)]).toEqual([0x32, 7, 0, 1, 0x74, 0, 41, 0, 0x76]);
  });
});

describe('the templates', () => {
  it('are offered for the protocols they write, and none for others', () => {
    expect(templateFor('socket.io')?.id).toBe('socketio');
    expect(templateFor('socket.io-v3')?.id).toBe('socketio');
    expect(templateFor('stomp')?.id).toBe('stomp');
    expect(templateFor('jsonrpc')?.id).toBe('jsonrpc');
    expect(templateFor('graphql-ws')?.id).toBe('graphql');
    expect(templateFor('mqtt')?.id).toBe('mqtt');
    expect(templateFor('json')).toBeUndefined();
    expect(templateFor(undefined)).toBeUndefined();
    for (const t of TEMPLATES) for (const f of t.fields) expect(t.defaults).toHaveProperty(f.key);
  });
});
