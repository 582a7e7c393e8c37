// Test support (Node): one server per protocol on 127.0.0.1 for the protocol E2E tests (test/e2e/protocols.ts). Real
// servers where the library has one that runs here (socket.io, graphql-ws, aedes for MQTT, sockjs), minimal ones
// speaking the documented protocol otherwise (SignalR hub, Phoenix, ActionCable, WAMP router, JSON-RPC, legacy
// subscriptions-transport-ws, a STOMP broker, an MQTT 5 broker: aedes speaks 3.1.1 only). Heartbeat intervals are short so heartbeats happen within a second.
import { createServer } from 'node:http';
import { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import { decodeMulti, decode as decodeMsgpack, encode as encodeMsgpack } from '@msgpack/msgpack';
import { decode as decodeCbor, encode as encodeCbor } from 'cbor-x';
import mqttPacket from 'mqtt-packet';
import { Aedes } from 'aedes';
import { useServer } from 'graphql-ws/use/ws';
import { JSONRPCServer } from 'json-rpc-2.0';
import { Server as SocketIoServer } from 'socket.io';
import sockjs from 'sockjs';
import { createWebSocketStream, type WebSocket } from 'ws';
import { every, listen, wsServer, type Closer } from './listen';
import { stompBroker } from './stomp';

/** How often servers send their heartbeats (and clients are told to send theirs), in ms. */
export const BEAT = 400;

// graphql-ws's server resolves graphql to its CommonJS build; the schema must come from that same copy (graphql checks).
const { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A small schema for graphql-ws servers in tests: a `hello` query and a `countdown(from)` subscription. */
export const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      countdown: {
        type: GraphQLInt,
        args: { from: { type: GraphQLInt } },
        async *subscribe(_root: unknown, { from }: { from: number }) {
          for (let i = from; i >= 0; i--) yield { countdown: i };
        },
      },
    },
  }),
});

export interface ProtocolServers {
  /** http://127.0.0.1:port (the client adds /socket.io/). */
  socketIo: string;
  /** ws://…/graphql, graphql-transport-ws. */
  graphqlWs: string;
  /** ws://…/graphql, the legacy subscriptions-transport-ws protocol (subprotocol graphql-ws). */
  graphqlLegacy: string;
  /** ws://… aedes, subprotocol mqtt. */
  mqtt: string;
  /** The same broker, but each of its writes is a WebSocket frame: packets split across frames. */
  mqttSplit: string;
  /** ws://…/stomp, subprotocol v12.stomp. */
  stomp: string;
  /** http://…/stomp, a SockJS endpoint carrying the same STOMP broker. */
  sockjs: string;
  /** http://…/hub, SignalR JSON and MessagePack hub protocols (the client skips negotiation). */
  signalr: string;
  /** ws://…/socket (the client adds /websocket?vsn=2.0.0). */
  phoenix: string;
  /** ws://…/cable, subprotocol actioncable-v1-json. */
  actionCable: string;
  /** ws://…/ws, subprotocol wamp.2.json. */
  wamp: string;
  /** ws://…/ws, subprotocols wamp.2.msgpack and wamp.2.cbor (binary frames). */
  wampMsgpack: string;
  wampCbor: string;
  /** ws://…/socket, Phoenix's v1 object serialiser. */
  phoenixV1: string;
  /** ws://…/mqtt, subprotocol mqtt: a minimal MQTT 5 broker. */
  mqtt5: string;
  /** ws://…/socket.io/?EIO=3…: the Socket.IO server above, which also accepts Engine.IO v3 clients. */
  socketIoV3: string;
  /** ws://…/rpc, JSON-RPC 2.0 over plain WebSocket. */
  jsonRpc: string;
  close(): Promise<void>;
}

export async function startProtocolServers(): Promise<ProtocolServers> {
  const closers: Closer[] = [];

  // Socket.IO: the real server, pinging every BEAT ms.
  const sioHttp = createServer();
  const sio = new SocketIoServer(sioHttp, { cors: { origin: '*' }, pingInterval: BEAT, pingTimeout: 5000, allowEIO3: true });
  sio.on('connection', (socket) => {
    socket.on('chat', (text: string, ack: (r: string) => void) => {
      socket.emit('chat', `echo: ${text}`);
      ack('ok');
    });
    socket.on('upload', (bytes: Buffer, ack: (n: number) => void) => ack(bytes.length));
  });
  const sioPort = await listen(sioHttp);
  closers.push({ close: async () => void (await sio.close()) });

  // graphql-ws: the real server.
  const gql = await wsServer(() => undefined, 'graphql-transport-ws');
  // Closing the ws server ends its sockets; graphql-ws's dispose() waits on a close event of its own, so it is not used.
  useServer({ schema }, gql);
  closers.push(gql);

  // subscriptions-transport-ws (legacy): minimal, with its `ka` keep-alive.
  const legacy = await wsServer((ws) => {
    const send = (m: object) => ws.send(JSON.stringify(m));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; id?: string; payload?: { query?: string } };
      if (m.type === 'connection_init') {
        send({ type: 'connection_ack' });
        send({ type: 'ka' });
        every(ws, BEAT, () => send({ type: 'ka' }));
      } else if (m.type === 'start') {
        send({ type: 'data', id: m.id, payload: { data: { hello: 'world' } } });
        send({ type: 'complete', id: m.id });
      }
    });
  }, 'graphql-ws');
  closers.push(legacy);

  // MQTT: the aedes broker over WebSocket streams. aedes writes a packet field by field; through ws's own
  // createWebSocketStream each write is a frame of its own (1-byte frames: legal, MQTT packets need not align with
  // frames), through packetStream the writes of one tick go out as one frame, as most brokers send them.
  const broker = await Aedes.createBroker();
  const mqtt = await wsServer((ws) => broker.handle(packetStream(ws)), 'mqtt');
  const mqttSplit = await wsServer((ws) => broker.handle(createWebSocketStream(ws)), 'mqtt');
  closers.push(mqtt, mqttSplit, { close: () => new Promise<void>((r) => broker.close(() => r())) });

  // STOMP over plain WebSocket and over SockJS, one broker each.
  const stomp = await wsServer((ws) => stompBroker(BEAT)({ send: (t) => ws.send(t), onMessage: (l) => ws.on('message', (d) => l(String(d))), onClose: (l) => ws.on('close', l) }), 'v12.stomp');
  closers.push(stomp);
  const sockjsHttp = createServer();
  const sockjsServer = sockjs.createServer({ prefix: '/stomp', heartbeat_delay: BEAT, log: () => undefined });
  const sockjsBroker = stompBroker(BEAT);
  sockjsServer.on('connection', (conn) => {
    if (conn) sockjsBroker({ send: (t) => conn.write(t), onMessage: (l) => conn.on('data', l), onClose: (l) => conn.on('close', l) });
  });
  sockjsServer.installHandlers(sockjsHttp);
  const sockjsPort = await listen(sockjsHttp);
  closers.push({ close: () => new Promise<void>((r) => { sockjsHttp.closeAllConnections(); sockjsHttp.close(() => r()); }) });

  const signalr = await wsServer(signalRHub);
  closers.push(signalr);
  const phoenix = await wsServer(phoenixServer(PHOENIX_V2));
  closers.push(phoenix);
  const cable = await wsServer(actionCableServer, 'actioncable-v1-json');
  closers.push(cable);
  const wamp = await wsServer(wampRouter(JSON.stringify, (data) => JSON.parse(String(data))), 'wamp.2.json');
  const wampMsgpack = await wsServer(wampRouter(encodeMsgpack, (data) => decodeMsgpack(data)), 'wamp.2.msgpack');
  const wampCbor = await wsServer(wampRouter(encodeCbor, (data) => decodeCbor(data)), 'wamp.2.cbor');
  closers.push(wamp, wampMsgpack, wampCbor);
  const phoenixV1 = await wsServer(phoenixServer(PHOENIX_V1));
  const mqtt5 = await wsServer(mqtt5Broker, 'mqtt');
  closers.push(phoenixV1, mqtt5);

  const rpc = new JSONRPCServer();
  rpc.addMethod('add', ({ a, b }: { a: number; b: number }) => a + b);
  rpc.addMethod('echo', ([text]: [string]) => text);
  const jsonRpc = await wsServer((ws) => {
    ws.on('message', async (data) => {
      const answer = await rpc.receiveJSON(String(data));
      if (answer) ws.send(JSON.stringify(answer));
    });
  });
  closers.push(jsonRpc);

  return {
    socketIo: `http://127.0.0.1:${sioPort}`,
    graphqlWs: `ws://127.0.0.1:${gql.port}/graphql`,
    graphqlLegacy: `ws://127.0.0.1:${legacy.port}/graphql`,
    mqtt: `ws://127.0.0.1:${mqtt.port}/mqtt`,
    mqttSplit: `ws://127.0.0.1:${mqttSplit.port}/mqtt`,
    stomp: `ws://127.0.0.1:${stomp.port}/stomp`,
    sockjs: `http://127.0.0.1:${sockjsPort}/stomp`,
    signalr: `http://127.0.0.1:${signalr.port}/hub`,
    phoenix: `ws://127.0.0.1:${phoenix.port}/socket`,
    actionCable: `ws://127.0.0.1:${cable.port}/cable`,
    wamp: `ws://127.0.0.1:${wamp.port}/ws`,
    wampMsgpack: `ws://127.0.0.1:${wampMsgpack.port}/ws`,
    wampCbor: `ws://127.0.0.1:${wampCbor.port}/ws`,
    phoenixV1: `ws://127.0.0.1:${phoenixV1.port}/socket`,
    mqtt5: `ws://127.0.0.1:${mqtt5.port}/mqtt`,
    socketIoV3: `ws://127.0.0.1:${sioPort}/socket.io/?EIO=3&transport=websocket`,
    jsonRpc: `ws://127.0.0.1:${jsonRpc.port}/rpc`,
    close: async () => {
      for (const c of closers.reverse()) await c.close().catch(() => undefined);
    },
  };
}

/** A WebSocket as a byte stream whose corked writes (mqtt-packet corks each packet) leave as one binary frame. */
function packetStream(ws: WebSocket): Duplex {
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, done) {
      ws.send(chunk, { binary: true }, (e) => done(e ?? null));
    },
    writev(chunks, done) {
      ws.send(Buffer.concat(chunks.map((c) => c.chunk as Buffer)), { binary: true }, (e) => done(e ?? null));
    },
    final(done) {
      ws.close();
      done();
    },
  });
  ws.on('message', (data) => stream.push(data as Buffer));
  ws.on('close', () => stream.destroy());
  ws.on('error', (e) => stream.destroy(e));
  return stream;
}

const RS = '\u001e';

/**
 * A minimal SignalR hub (JSON and MessagePack hub protocols): the handshake, `Echo` answered with a completion,
 * `Send` broadcast back as an invocation of `news`, and a ping every BEAT ms.
 */
function signalRHub(ws: WebSocket) {
  let binary: boolean | undefined;
  const sendMessage = (m: unknown[] | Record<string, unknown>) => {
    if (!binary) return ws.send(JSON.stringify(m) + RS);
    // MessagePack: each message is a varint length, then the message.
    const body = encodeMsgpack(m);
    const prefix: number[] = [];
    let n = body.length;
    do {
      prefix.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
      n >>>= 7;
    } while (n > 0);
    ws.send(Buffer.concat([Buffer.from(prefix), body]), { binary: true });
  };
  const onMessage = (type: number, id: string | undefined, target: string | undefined, args: unknown[]) => {
    if (type !== 1) return; // pings (6) and everything else: nothing to answer
    if (target === 'Echo' && id !== undefined) sendMessage(binary ? [3, {}, id, 3, args[0]] : { type: 3, invocationId: id, result: args[0] });
    if (target === 'Send') sendMessage(binary ? [1, {}, null, 'news', args] : { type: 1, target: 'news', arguments: args });
  };
  ws.on('message', (data, isBinary) => {
    if (binary === undefined) {
      // The handshake is JSON text in both protocols.
      const hello = JSON.parse(String(data).replace(RS, '')) as { protocol: string };
      binary = hello.protocol === 'messagepack';
      ws.send(`{}${RS}`);
      every(ws, BEAT, () => sendMessage(binary ? [6] : { type: 6 }));
      return;
    }
    if (isBinary) {
      const bytes = data as Buffer;
      let pos = 0;
      while (pos < bytes.length) {
        let length = 0;
        let shift = 0;
        let b: number;
        do {
          b = bytes[pos++];
          length |= (b & 0x7f) << shift;
          shift += 7;
        } while (b & 0x80);
        for (const m of decodeMulti(bytes.subarray(pos, pos + length))) {
          const a = m as unknown[];
          onMessage(a[0] as number, a[2] as string | undefined, a[3] as string | undefined, (a[4] as unknown[]) ?? []);
        }
        pos += length;
      }
      return;
    }
    for (const record of String(data).split(RS).filter(Boolean)) {
      const m = JSON.parse(record) as { type: number; invocationId?: string; target?: string; arguments?: unknown[] };
      onMessage(m.type, m.invocationId, m.target, m.arguments ?? []);
    }
  });
}

interface PhoenixMessage {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}
/** Phoenix's two JSON serialisers: v2 an array [join_ref, ref, topic, event, payload], v1 the message object. */
const PHOENIX_V2 = {
  encode: (m: PhoenixMessage) => JSON.stringify([m.join_ref, m.ref, m.topic, m.event, m.payload]),
  decode: (text: string): PhoenixMessage => {
    const [join_ref, ref, topic, event, payload] = JSON.parse(text) as [string | null, string | null, string, string, unknown];
    return { join_ref, ref, topic, event, payload };
  },
};
const PHOENIX_V1 = { encode: (m: PhoenixMessage) => JSON.stringify(m), decode: (text: string) => JSON.parse(text) as PhoenixMessage };

/** A minimal Phoenix socket in one serialiser: joins answered ok, heartbeats answered, `shout` broadcast. */
function phoenixServer({ encode, decode }: typeof PHOENIX_V2) {
  return (ws: WebSocket) => {
    ws.on('message', (data) => {
      const { join_ref, ref, topic, event, payload } = decode(String(data));
      const reply = (response: unknown) => ws.send(encode({ join_ref, ref, topic, event: 'phx_reply', payload: { status: 'ok', response } }));
      if (topic === 'phoenix' && event === 'heartbeat') reply({});
      else if (event === 'phx_join') reply({});
      else if (event === 'shout') {
        reply({ heard: true });
        ws.send(encode({ join_ref, ref: null, topic, event: 'shout', payload }));
      }
    });
  };
}

/** A minimal ActionCable server: welcome, pings every BEAT ms, subscriptions confirmed, `speak` broadcast back. */
function actionCableServer(ws: WebSocket) {
  const send = (m: object) => ws.send(JSON.stringify(m));
  send({ type: 'welcome' });
  every(ws, BEAT, () => send({ type: 'ping', message: Math.floor(Date.now() / 1000) }));
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { command: string; identifier: string; data?: string };
    if (m.command === 'subscribe') send({ identifier: m.identifier, type: 'confirm_subscription' });
    else if (m.command === 'message') {
      const { action: _action, ...rest } = JSON.parse(m.data ?? '{}') as Record<string, unknown>;
      send({ identifier: m.identifier, message: rest });
    }
  });
}

/** A minimal WAMP v2 router in one serialisation: HELLO → WELCOME, CALL com.add → RESULT, GOODBYE answered. */
function wampRouter(encode: (m: unknown[]) => string | Uint8Array, decode: (data: Buffer) => unknown) {
  return (ws: WebSocket) => {
    const send = (m: unknown[]) => ws.send(encode(m));
    ws.on('message', (data: Buffer) => {
      const m = decode(data) as unknown[];
      if (m[0] === 1) send([2, 4242, { roles: { broker: {}, dealer: {} } }]);
      else if (m[0] === 48) {
        const args = (m[4] as number[]) ?? [];
        if (m[3] === 'com.add') send([50, m[1], {}, [args.reduce((a, b) => a + b, 0)]]);
        else send([8, 48, m[1], {}, 'wamp.error.no_such_procedure']);
      } else if (m[0] === 6) send([6, {}, 'wamp.close.goodbye_and_out']);
    });
  };
}

/**
 * A minimal MQTT 5 broker for one client (packets read and written with mqtt-packet): CONNECT, SUBSCRIBE, PUBLISH qos 1
 * acknowledged and delivered back to the subscriber, PINGREQ answered.
 */
function mqtt5Broker(ws: WebSocket) {
  const opts = { protocolVersion: 5 } as const;
  const parser = mqttPacket.parser(opts);
  const send = (p: object) => ws.send(mqttPacket.generate(p as mqttPacket.Packet, opts));
  const topics = new Set<string>();
  let messageId = 0;
  parser.on('packet', (p: mqttPacket.Packet) => {
    if (p.cmd === 'connect') send({ cmd: 'connack', sessionPresent: false, reasonCode: 0 });
    else if (p.cmd === 'subscribe') {
      for (const s of p.subscriptions) topics.add(s.topic);
      send({ cmd: 'suback', messageId: p.messageId, granted: p.subscriptions.map((s) => s.qos) });
    } else if (p.cmd === 'publish') {
      if (p.qos === 1) send({ cmd: 'puback', messageId: p.messageId, reasonCode: 0 });
      if (topics.has(p.topic)) send({ cmd: 'publish', topic: p.topic, payload: p.payload, qos: 1, messageId: ++messageId, retain: false, dup: false });
    } else if (p.cmd === 'pingreq') send({ cmd: 'pingresp' });
    else if (p.cmd === 'disconnect') ws.close();
  });
  ws.on('message', (data: Buffer) => parser.parse(data));
}
