// End to end, written once for every browser: real client libraries in the page talk to real (or minimal, documented)
// servers on 127.0.0.1, and the real DevTools WS panel names each connection's protocol, shows the decoded one-line
// summaries in its Message column, the latency of a request/reply pair in the Decoded tab, and hides heartbeats when
// asked; and binary payload formats (MessagePack, CBOR, protobuf, gzip, JSON) decoded and inflated. Each browser's
// test file calls protocolScenarios() with its driver.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { encode as cborEncode } from 'cbor-x';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PANEL, waitUntil, type WorkbenchPanel } from '../support/driver';
import { BEAT, startProtocolServers, type ProtocolServers } from '../support/protocolServers';
import type { WorkbenchDriver } from './daily';
import { browserContext } from './scenarios';

const js = JSON.stringify;
const nodeModule = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));
const DETAILS = '[role=region][aria-label="Frame details"]';
const HIDE_HEARTBEATS = 'input[aria-label="Hide heartbeats"]';
const RESET_FILTERS = 'button[aria-label="Reset filters"]';

/** Browser builds of the client libraries, served by the page server under /lib/. */
const BUNDLES: Record<string, string> = {
  'socket.io.min.js': 'socket.io-client/dist/socket.io.min.js',
  'graphql-ws.min.js': 'graphql-ws/umd/graphql-ws.min.js',
  'subscriptions-transport-ws.js': 'subscriptions-transport-ws/browser/client.js',
  'mqtt.min.js': 'mqtt/dist/mqtt.min.js',
  'stomp.umd.min.js': '@stomp/stompjs/bundles/stomp.umd.min.js',
  'sockjs.min.js': 'sockjs-client/dist/sockjs.min.js',
  'signalr.min.js': '@microsoft/signalr/dist/browser/signalr.min.js',
  'signalr-protocol-msgpack.min.js': '@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js',
  'phoenix.min.js': 'phoenix/priv/static/phoenix.min.js',
  'actioncable.js': '@rails/actioncable/app/assets/javascripts/actioncable.js',
  'wampy.min.js': 'wampy/dist/browser/wampy.min.js',
  'wampy-all.min.js': 'wampy/dist/browser/wampy-all.min.js',
};

/** json-rpc-2.0 ships CommonJS only: bundled once into an IIFE that sets `JsonRpc2`. */
async function jsonRpcBundle(): Promise<string> {
  const entry = '\0jsonrpc-entry';
  const build = await rolldown({
    input: entry,
    platform: 'browser',
    logLevel: 'silent',
    plugins: [{
      name: 'entry',
      resolveId: (id) => (id === entry ? id : null),
      load: (id) => (id === entry ? `export { JSONRPCClient } from ${js(nodeModule('json-rpc-2.0/dist/index.js'))};` : null),
    }],
  });
  const { output } = await build.generate({ format: 'iife', name: 'JsonRpc2' });
  await build.close();
  return output[0].code;
}

/** What one protocol's page does, and what the panel must show for it. */
interface ProtocolCase {
  name: string;
  /** Page script (after the library bundles); sets `result.done = true` once its exchange is over. */
  script(s: ProtocolServers): string;
  libs: string[];
  /** What the page's libraries got back, as `result` holds it (done included). */
  result: Record<string, unknown>;
  /** The connection list item names the decoder label, then why. */
  label: string;
  reason: string;
  /** Message column summaries of the exchange (heartbeats hidden). */
  summaries: (string | RegExp)[];
  /** Heartbeat summaries: shown when heartbeats are, gone when hidden. */
  heartbeats?: RegExp;
  /** The Data cell of a request whose reply's latency the Decoded tab shows. */
  request?: RegExp;
}

const mqttScript = (url: string, protocolVersion = 4) => `
  const client = mqtt.connect(${js(url)}, { keepalive: 1, clientId: 'e2e-client', reconnectPeriod: 0, protocolVersion: ${protocolVersion} });
  client.on('message', (topic, payload) => { result.got = topic + ' ' + payload; result.done = true; });
  client.on('connect', () => client.subscribe('sensors/temp', { qos: 1 }, () => client.publish('sensors/temp', '23.5', { qos: 1 })));`;

/** MQTT 3.1.1 and 5 exchange alike after CONNECT and CONNACK; each PUBLISH (qos 1) and PUBACK twice: the client's and the broker's. */
const MQTT_EXCHANGE = [
  /^SUBSCRIBE sensors\/temp qos 1 · id \d+$/,
  /^SUBACK id \d+ · \[1\]$/,
  /^PUBLISH sensors\/temp qos 1 \(4 B\) · id \d+$/,
  /^PUBLISH sensors\/temp qos 1 \(4 B\) · id \d+$/,
  /^PUBACK id \d+$/,
  /^PUBACK id \d+$/,
];
const MQTT_SUMMARIES = [/^CONNECT e2e-client · v3\.1\.1 · keepalive 1$/, 'CONNACK 0 (accepted)', ...MQTT_EXCHANGE];
/** MQTT 5's CONNACK carries a reason code. */
const MQTT5_SUMMARIES = [/^CONNECT e2e-client · v5 · keepalive 1$/, 'CONNACK 0 (success)', ...MQTT_EXCHANGE];

/** Both Engine.IO versions' exchange decodes alike: the open packet and CONNECT, then an event with an ack and a binary one. */
const SOCKET_IO_OPEN = [/^open sid \S+ · ping 400 ms$/, 'CONNECT'];
const SOCKET_IO_EXCHANGE = [
  'EVENT chat ["hi"] · ack 0',
  'EVENT chat ["echo: hi"]',
  'ACK 0 ["ok"]',
  'BINARY_EVENT upload [{"_placeholder":true,"num":0}] · ack 1 · 1 attachment',
  'attachment 1/1 of upload (4 B)',
  'ACK 1 [4]',
];

const CASES: ProtocolCase[] = [
  {
    name: 'socket.io-client + socket.io: events, an ack, a binary attachment, Engine.IO ping/pong',
    libs: ['socket.io.min.js'],
    script: (s) => `
      const socket = io(${js(s.socketIo)}, { transports: ['websocket'] });
      socket.on('chat', (t) => (result.echo = t));
      socket.on('connect', () => socket.emit('chat', 'hi', (ack) => {
        result.ack = ack;
        socket.emit('upload', new Uint8Array([1, 2, 3, 4]), (n) => { result.n = n; result.done = true; });
      }));`,
    result: { echo: 'echo: hi', ack: 'ok', n: 4, done: true },
    label: 'Socket.IO (Engine.IO v4)',
    reason: 'detected by URL /socket.io/?EIO=4',
    // v4's server answers CONNECT with the socket's sid; v3's connects the main namespace without one.
    summaries: [...SOCKET_IO_OPEN, /^CONNECT \{"sid":"[^"]+"\}$/, ...SOCKET_IO_EXCHANGE],
    heartbeats: /^(ping|pong)$/,
    request: /^420\["chat","hi"\]$/,
  },
  {
    // socket.io-client speaks Engine.IO v4 only; the page plays an Engine.IO v3 (socket.io v2) client by the protocol's
    // documented packets, against the real socket.io server with allowEIO3.
    name: 'Engine.IO v3 against the real socket.io server (allowEIO3): an event with an ack, a binary attachment, ping/pong',
    libs: [],
    script: (s) => `
      const ws = new WebSocket(${js(s.socketIoV3)});
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (e) => {
        const d = e.data;
        if (typeof d !== 'string') return;
        if (d === '40') { ws.send('2'); ws.send('420["chat","hi"]'); }
        else if (d === '3') result.pong = true;
        else if (d.startsWith('42')) result.echo = JSON.parse(d.slice(2))[1];
        else if (d.startsWith('430')) {
          result.ack = JSON.parse(d.slice(3))[0];
          ws.send('451-1["upload",{"_placeholder":true,"num":0}]');
          ws.send(new Uint8Array([4, 1, 2, 3, 4]));
        } else if (d.startsWith('431')) { result.n = JSON.parse(d.slice(3))[0]; result.done = true; }
      };`,
    result: { pong: true, echo: 'echo: hi', ack: 'ok', n: 4, done: true },
    label: 'Socket.IO (Engine.IO v3)',
    reason: 'detected by URL /socket.io/?EIO=3',
    summaries: [...SOCKET_IO_OPEN, ...SOCKET_IO_EXCHANGE],
    heartbeats: /^(ping|pong)$/,
    request: /^420\["chat","hi"\]$/,
  },
  {
    name: 'graphql-ws (graphql-transport-ws): a query, a subscription, ping/pong',
    libs: ['graphql-ws.min.js'],
    script: (s) => `
      let n = 0;
      const client = graphqlWs.createClient({ url: ${js(s.graphqlWs)}, lazy: false, keepAlive: ${BEAT}, generateID: () => String(++n) });
      result.counts = [];
      client.subscribe({ query: '{ hello }' }, { next: (r) => (result.hello = r.data.hello), error: (e) => (result.error = String(e)), complete: () => {
        client.subscribe({ query: 'subscription { countdown(from: 1) }' }, {
          next: (r) => result.counts.push(r.data.countdown), error: (e) => (result.error = String(e)), complete: () => (result.done = true),
        });
      } });`,
    result: { hello: 'world', counts: [1, 0], done: true },
    label: 'GraphQL over WebSocket',
    reason: 'detected by subprotocol graphql-transport-ws',
    summaries: [
      'connection_init',
      'connection_ack',
      'subscribe · id 1 · query',
      'next · id 1 · {"data":{"hello":"world"}}',
      'complete · id 1',
      'subscribe · id 2 · subscription',
      'next · id 2 · {"data":{"countdown":0}}',
      'complete · id 2',
    ],
    heartbeats: /^(ping|pong)$/,
    request: /"id":"1","type":"subscribe"|"type":"subscribe","id":"1"/,
  },
  {
    name: 'subscriptions-transport-ws (legacy graphql-ws): start, data, complete, keep-alive',
    libs: ['subscriptions-transport-ws.js'],
    script: (s) => `
      const client = new SubscriptionsTransportWs.SubscriptionClient(${js(s.graphqlLegacy)}, { reconnect: false });
      client.request({ query: '{ hello }' }).subscribe({ next: (r) => (result.hello = r.data.hello), error: (e) => (result.error = String(e)), complete: () => (result.done = true) });`,
    result: { hello: 'world', done: true },
    label: 'GraphQL over WebSocket',
    reason: 'detected by subprotocol graphql-ws (subscriptions-transport-ws)',
    summaries: [/^connection_init/, 'connection_ack', /^start · id 1 · query/, 'data · id 1 · {"data":{"hello":"world"}}', 'complete · id 1'],
    heartbeats: /^ka$/,
  },
  {
    name: 'mqtt.js + aedes: CONNECT, SUBSCRIBE, PUBLISH qos 1 both ways and their acks, PINGREQ/PINGRESP',
    libs: ['mqtt.min.js'],
    script: (s) => mqttScript(s.mqtt),
    result: { got: 'sensors/temp 23.5', done: true },
    label: 'MQTT',
    reason: 'detected by subprotocol mqtt',
    summaries: MQTT_SUMMARIES,
    heartbeats: /^(PINGREQ|PINGRESP)$/,
  },
  {
    // aedes writes each field of a packet on its own; through ws's createWebSocketStream each write is one frame.
    // MQTT over WebSocket allows that (a frame may hold several or partial packets), so the packets must still decode.
    name: 'mqtt.js + aedes over createWebSocketStream: packets the broker splits across frames are still decoded',
    libs: ['mqtt.min.js'],
    script: (s) => mqttScript(s.mqttSplit),
    result: { got: 'sensors/temp 23.5', done: true },
    label: 'MQTT',
    reason: 'detected by subprotocol mqtt',
    summaries: MQTT_SUMMARIES,
  },
  {
    name: 'mqtt.js, MQTT 5, against a minimal MQTT 5 broker: CONNECT v5, reason codes, PUBLISH qos 1 both ways, PINGREQ/PINGRESP',
    libs: ['mqtt.min.js'],
    script: (s) => mqttScript(s.mqtt5, 5),
    result: { got: 'sensors/temp 23.5', done: true },
    label: 'MQTT',
    reason: 'detected by subprotocol mqtt',
    summaries: MQTT5_SUMMARIES,
    heartbeats: /^(PINGREQ|PINGRESP)$/,
  },
  {
    name: '@stomp/stompjs over plain WebSocket: CONNECT, SUBSCRIBE, SEND with a receipt, MESSAGE, heart-beats',
    libs: ['stomp.umd.min.js'],
    script: (s) => stompScript(`brokerURL: ${js(s.stomp)}`),
    result: { got: '42.5', receipt: true, done: true },
    label: 'STOMP',
    reason: 'detected by subprotocol v12.stomp',
    summaries: [
      /^CONNECT( \S+)? · accept-version 1\.2,1\.1,1\.0 · heart-beat 400,400$/,
      'CONNECTED 1.2 · heart-beat 400,400 · e2e-broker/1',
      'SUBSCRIBE /topic/prices · id sub-0',
      'SEND /topic/prices · "42.5"',
      'MESSAGE /topic/prices · sub sub-0 · "42.5"',
      'RECEIPT r1',
    ],
    heartbeats: /^heart-beat$/,
  },
  {
    name: '@stomp/stompjs over sockjs-client + sockjs: SockJS frames with STOMP inside, SockJS and STOMP heartbeats',
    libs: ['stomp.umd.min.js', 'sockjs.min.js'],
    script: (s) => stompScript(`webSocketFactory: () => new SockJS(${js(s.sockjs)}, null, { transports: ['websocket'] })`),
    result: { got: '42.5', receipt: true, done: true },
    label: 'SockJS',
    reason: 'detected by URL …/{server}/{session}/websocket',
    summaries: [
      'open',
      /^CONNECT( \S+)? · accept-version 1\.2,1\.1,1\.0 · heart-beat 400,400$/,
      'CONNECTED 1.2 · heart-beat 400,400 · e2e-broker/1',
      'SUBSCRIBE /topic/prices · id sub-0',
      'SEND /topic/prices · "42.5"',
      'MESSAGE /topic/prices · sub sub-0 · "42.5"',
      'RECEIPT r1',
    ],
    heartbeats: /^(heartbeat|heart-beat)$/,
  },
  {
    name: '@microsoft/signalr, JSON hub protocol: handshake, invoke and its completion, a server invocation, pings',
    libs: ['signalr.min.js'],
    script: (s) => signalRScript(s.signalr, ''),
    result: { echo: 'hi', news: 'flash', done: true },
    label: 'SignalR',
    reason: 'detected by handshake: SignalR json protocol',
    summaries: ['handshake json v1', 'handshake ok', 'invoke Echo("hi") · id 0', 'completion · id 0 · result "hi"', 'invoke Send("flash")', 'invoke news("flash")'],
    heartbeats: /^ping$/,
    request: /^\{"arguments":\["hi"\],"invocationId":"0","target":"Echo","type":1\}\u001e$|"target":"Echo"/,
  },
  {
    name: '@microsoft/signalr, MessagePack hub protocol: binary records, invoke and its completion, pings',
    libs: ['signalr.min.js', 'signalr-protocol-msgpack.min.js'],
    script: (s) => signalRScript(s.signalr, '.withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol())'),
    result: { echo: 'hi', news: 'flash', done: true },
    label: 'SignalR',
    reason: 'detected by handshake: SignalR messagepack protocol',
    summaries: ['handshake messagepack v1', 'handshake ok', 'invoke Echo("hi") · id 0', 'completion · id 0 · result "hi"', 'invoke Send("flash")', 'invoke news("flash")'],
    heartbeats: /^ping$/,
  },
  phoenixCase('v2'),
  phoenixCase('v1'),
  {
    name: '@rails/actioncable: welcome, subscribe and its confirmation, perform and a broadcast, pings',
    libs: ['actioncable.js'],
    script: (s) => `
      const consumer = ActionCable.createConsumer(${js(s.actionCable)});
      consumer.subscriptions.create({ channel: 'ChatChannel', room: 'lobby' }, {
        connected() { this.perform('speak', { text: 'hi' }); },
        received(d) { result.got = d.text; result.done = true; },
      });`,
    result: { got: 'hi', done: true },
    label: 'ActionCable',
    reason: 'detected by subprotocol actioncable-v1-json',
    summaries: ['subscribe ChatChannel · {"room":"lobby"}', 'confirm_subscription ChatChannel · {"room":"lobby"}', 'ChatChannel → speak · {"text":"hi","action":"speak"}', 'ChatChannel ← message · {"text":"hi"}'],
    heartbeats: /^(ping|welcome)$/,
  },
  {
    name: 'wampy (WAMP v2 JSON) against a minimal router: HELLO/WELCOME, CALL/RESULT',
    libs: ['wampy.min.js'],
    script: (s) => `
      const wampy = new Wampy(${js(s.wamp)}, { realm: 'realm1', autoReconnect: false });
      wampy.connect().then(() => wampy.call('com.add', [2, 3])).then((r) => { result.sum = r.argsList[0]; result.done = true; }, (e) => (result.error = String(e)));`,
    result: { sum: 5, done: true },
    label: 'WAMP v2',
    reason: 'detected by subprotocol wamp.2.json',
    summaries: ['HELLO realm1', 'WELCOME session 4242', /^CALL com\.add\(2,3\) · req \d+$/, /^RESULT · req \d+ · \[5\]$/],
    request: /^\[48,/,
  },
  ...(['msgpack', 'cbor'] as const).map((format): ProtocolCase => ({
    name: `wampy (WAMP v2 ${format === 'msgpack' ? 'MessagePack' : 'CBOR'}, binary frames) against a minimal router: HELLO/WELCOME, CALL/RESULT`,
    // wampy-all's bundle defines the serialisers but, in this version, leaves `Wampy` undefined: the client comes from
    // wampy's own bundle, loaded after it.
    libs: ['wampy-all.min.js', 'wampy.min.js'],
    script: (s) => `
      const wampy = new Wampy(${js(format === 'msgpack' ? s.wampMsgpack : s.wampCbor)}, { realm: 'realm1', autoReconnect: false, serializer: new ${format === 'msgpack' ? 'MsgpackSerializer' : 'CborSerializer'}() });
      wampy.connect().then(() => wampy.call('com.add', [2, 3])).then((r) => { result.sum = r.argsList[0]; result.done = true; }, (e) => (result.error = String(e)));`,
    result: { sum: 5, done: true },
    label: 'WAMP v2',
    reason: `detected by subprotocol wamp.2.${format}`,
    summaries: ['HELLO realm1', 'WELCOME session 4242', /^CALL com\.add\(2,3\) · req \d+$/, /^RESULT · req \d+ · \[5\]$/],
  })),
  {
    name: 'json-rpc-2.0 over WebSocket: a request and its result, a batch',
    libs: ['json-rpc-2.0.js'],
    script: (s) => `
      const ws = new WebSocket(${js(s.jsonRpc)});
      const client = new JsonRpc2.JSONRPCClient((req) => ws.send(JSON.stringify(req)));
      ws.onmessage = (e) => client.receive(JSON.parse(e.data));
      ws.onopen = async () => {
        result.sum = await client.request('add', { a: 1, b: 2 });
        const batch = await client.requestAdvanced([
          { jsonrpc: '2.0', id: 10, method: 'echo', params: ['x'] },
          { jsonrpc: '2.0', id: 11, method: 'add', params: { a: 2, b: 2 } },
        ]);
        result.batch = batch.map((r) => r.result);
        result.done = true;
      };`,
    result: { sum: 3, batch: ['x', 4], done: true },
    label: 'JSON-RPC 2.0',
    reason: 'detected by content: "jsonrpc":"2.0"',
    summaries: [/^add\("a":1,"b":2\) · id \d+$/, /^result · id \d+ · 3$/, /^batch of 2: echo\("x"\) · id 10; add\("a":2,"b":2\) · id 11$/, /^batch of 2: result · id 10 · "x"; result · id 11 · 4$/],
    request: /"method":"add","params":\{"a":1,"b":2\}/,
  },
];

/** Binary payloads in each format, encoded by their libraries here; the page sends each on a connection of its own. */
const PAYLOADS: { name: string; bytes: Uint8Array; protocol: string; summary: string }[] = [
  { name: 'msgpack', bytes: msgpackEncode({ type: 'tick', price: 1.25 }), protocol: 'MessagePack · detected by content: MessagePack', summary: '{"type":"tick","price":1.25}' },
  { name: 'cbor', bytes: cborEncode({ event: 'reading', values: [1, 2] }), protocol: 'CBOR · detected by content: CBOR', summary: '{"event":"reading","values":[1,2]}' },
  {
    name: 'protobuf',
    bytes: new BinaryWriter()
      .tag(1, WireType.Varint).int32(42)
      .tag(2, WireType.LengthDelimited).string('hello')
      .tag(3, WireType.LengthDelimited).bytes(new BinaryWriter().tag(1, WireType.Varint).int32(150).finish())
      .finish(),
    protocol: 'protobuf (no schema) · detected by content: protobuf (no schema)',
    summary: '{"1":42,"2":"hello","3":{"1":150}}',
  },
  { name: 'gzip', bytes: gzipSync(JSON.stringify({ type: 'snapshot', rows: [1, 2, 3] })), protocol: 'gzip / zlib · detected by content: gzip header', summary: 'gzip · {"type":"snapshot","rows":[1,2,3]}' },
  { name: 'json', bytes: new TextEncoder().encode('{"op":2,"d":{}}'), protocol: 'JSON · detected by content: JSON', summary: '{"op":2,"d":{}}' },
];

/**
 * Phoenix with either JSON serialiser: v2 (arrays, the client's default) or v1 (the message object itself as JSON,
 * given to the client as its encode/decode options). The same exchange, decoded to the same summaries.
 */
function phoenixCase(vsn: 'v1' | 'v2'): ProtocolCase {
  const v1 = vsn === 'v1';
  const options = v1 ? `vsn: '1.0.0', encode: (m, cb) => cb(JSON.stringify(m)), decode: (raw, cb) => cb(JSON.parse(raw)), ` : '';
  return {
    name: v1 ? 'phoenix with the v1 serialiser (vsn=1.0.0, one JSON object per message): join, a push and its reply, a broadcast, heartbeats' : 'phoenix (v2 JSON serialiser): join, a push and its reply, a broadcast, heartbeats',
    libs: ['phoenix.min.js'],
    script: (s) => `
      const socket = new Phoenix.Socket(${js(v1 ? s.phoenixV1 : s.phoenix)}, { ${options}heartbeatIntervalMs: ${BEAT} });
      socket.connect();
      const channel = socket.channel('room:lobby', {});
      channel.on('shout', (p) => { result.shout = p.body; result.done = !!result.reply; });
      channel.join().receive('ok', () => channel.push('shout', { body: 'hi' }).receive('ok', (r) => { result.reply = r; result.done = !!result.shout; }));`,
    result: { shout: 'hi', reply: { heard: true }, done: true },
    label: 'Phoenix channels',
    reason: `detected by URL vsn=${v1 ? '1.0.0' : '2.0.0'}`,
    summaries: [/^phx_join room:lobby · ref \d+$/, /^phx_reply ok room:lobby · ref \d+$/, /^shout room:lobby · ref \d+ · \{"body":"hi"\}$/, /^phx_reply ok room:lobby · ref \d+ · \{"heard":true\}$/, 'shout room:lobby · {"body":"hi"}'],
    heartbeats: /^heartbeat( ok)? · ref \d+$/,
    request: /"phx_join"/,
  };
}

function stompScript(transport: string): string {
  return `
    const client = new StompJs.Client({ ${transport}, heartbeatIncoming: ${BEAT}, heartbeatOutgoing: ${BEAT}, reconnectDelay: 0 });
    const check = () => (result.done = !!(result.got && result.receipt));
    client.onConnect = () => {
      client.subscribe('/topic/prices', (m) => { result.got = m.body; check(); });
      client.watchForReceipt('r1', () => { result.receipt = true; check(); });
      client.publish({ destination: '/topic/prices', body: '42.5', headers: { receipt: 'r1' } });
    };
    client.activate();`;
}

function signalRScript(url: string, protocol: string): string {
  return `
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(${js(url)}, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      ${protocol}
      .withKeepAliveInterval(${BEAT})
      .withServerTimeout(10000)
      .configureLogging(signalR.LogLevel.None)
      .build();
    connection.on('news', (t) => { result.news = t; result.done = result.echo !== undefined; });
    connection.start()
      .then(() => connection.invoke('Echo', 'hi'))
      .then((r) => { result.echo = r; return connection.send('Send', 'flash'); })
      .catch((e) => (result.error = String(e)));`;
}

/** The Message column, one entry per rendered row (in the rows' DOM order). */
async function messages(panel: WorkbenchPanel): Promise<string[]> {
  // Chromium's panel is a puppeteer frame: one read. Firefox's driver reads one element per call.
  const frame = (panel as { frame?: { $$eval(s: string, f: (els: Element[]) => string[]): Promise<string[]> } }).frame;
  if (frame) return frame.$$eval(`${PANEL.row} .c-message`, (els) => els.map((e) => e.textContent ?? ''));
  const count = (await panel.rows()).length;
  const out: string[] = [];
  for (let i = 1; i <= count; i++) out.push((await panel.text(`${PANEL.row}:nth-child(${i}) .c-message`)) ?? '');
  return out;
}

const matches = (m: string, w: string | RegExp) => (typeof w === 'string' ? m === w : w.test(m));
/** Every wanted summary matches a message of its own (a summary listed twice must show twice). */
function covers(ms: string[], wanted: (string | RegExp)[]): boolean {
  const left = [...ms];
  return wanted.every((w) => {
    const i = left.findIndex((m) => matches(m, w));
    return i >= 0 && left.splice(i, 1).length === 1;
  });
}

async function setHideHeartbeats(panel: WorkbenchPanel, on: boolean) {
  const hidden = async () => ((await panel.attribute(RESET_FILTERS, 'title')) ?? '').includes('heartbeats hidden');
  if ((await hidden()) !== on) await panel.click(HIDE_HEARTBEATS);
  await waitUntil(hidden, (h) => h === on, `Hide heartbeats ${on ? 'on' : 'off'}`);
}

export function protocolScenarios<D extends WorkbenchDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);
  let servers: ProtocolServers;

  beforeAll(async () => {
    servers = await startProtocolServers();
    for (const [name, path] of Object.entries(BUNDLES)) ctx.pages.file(`/lib/${name}`, nodeModule(path));
    ctx.pages.set('/lib/json-rpc-2.0.js', await jsonRpcBundle(), { 'content-type': 'text/javascript; charset=utf-8' });
  });
  afterAll(async () => {
    await servers?.close();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const slug = c.name.split(/[ :(]/)[0].replace(/[^\w.-]/g, '');
      const page = await ctx.openPage(
        `/protocol/${slug}-${CASES.indexOf(c)}`,
        `${c.libs.map((l) => `<script src="/lib/${l}"></script>`).join('')}<script>window.result = {};${c.script(servers)}</script>`,
      );
      await page.waitForFunction('window.result && (result.done === true || result.error !== undefined)', { timeout: 10_000 });
      expect(await page.evaluate('result')).toEqual(c.result);
      const panel = (await ctx.driver.openPanel(page)) as WorkbenchPanel;
      await panel.setFilter('');

      // The connection names its protocol and why.
      const [item] = await waitUntil(() => panel.connections(), (items) => items.length === 1 && items[0].includes(`${c.label} · ${c.reason}`), `a connection decoded as ${c.label}`);
      expect(item).toContain('detected by');

      // The exchange's summaries in the Message column, heartbeats hidden (and counted in the status line).
      await setHideHeartbeats(panel, true);
      const shown = await waitUntil(
        () => messages(panel),
        (ms) => covers(ms, c.summaries) && (!c.heartbeats || !ms.some((m) => c.heartbeats!.test(m))),
        `the decoded summaries ${c.summaries.join(' | ')}`,
      );
      if (process.env.WSI_DUMP) console.log(c.name, JSON.stringify(shown, null, 1));
      if (c.heartbeats) {
        await waitUntil(() => panel.status(), (s) => /\d+ heartbeats? hidden/.test(s), 'hidden heartbeats counted in the status line');
        // Shown again when the box is cleared, and gone when it is ticked once more.
        await setHideHeartbeats(panel, false);
        await waitUntil(() => messages(panel), (ms) => ms.some((m) => c.heartbeats!.test(m)), `heartbeats ${c.heartbeats} shown`);
        await setHideHeartbeats(panel, true);
        await waitUntil(() => messages(panel), (ms) => !ms.some((m) => c.heartbeats!.test(m)) && covers(ms, c.summaries), 'heartbeats hidden again');
      }

      // A request/reply pair: the request's Decoded tab says how long the reply took.
      if (c.request) {
        const row = (await panel.rows()).find((r) => c.request!.test(r.data));
        if (!row) throw new Error(`no row's data matches ${c.request}`);
        await panel.clickRow(row.data);
        await waitUntil(() => panel.text(DETAILS), (t) => /Reply after \d+(\.\d+)? (ms|s)/.test(t ?? ''), 'the reply’s latency in the Decoded tab');
      }

      expect(page.errors).toEqual([]);
      await panel.close();
      await page.close();
    });
  }

  it('binary payloads: MessagePack, CBOR, schema-less protobuf, gzip-compressed JSON (inflated) and UTF-8 JSON', async () => {
    const frames = Object.fromEntries(PAYLOADS.map((p) => [p.name, [...p.bytes]]));
    const page = await ctx.openPage(
      '/protocol/payloads',
      `<script>
        window.result = { echoed: {} };
        for (const [name, bytes] of Object.entries(${js(frames)})) {
          const ws = new WebSocket(${js(ctx.ws.echo)});
          ws.binaryType = 'arraybuffer';
          ws.onopen = () => ws.send(new Uint8Array(bytes));
          ws.onmessage = (e) => { result.echoed[name] = new Uint8Array(e.data).length; result.done = Object.keys(result.echoed).length === ${PAYLOADS.length}; };
        }
      </script>`,
    );
    await page.waitForFunction('result.done === true', { timeout: 10_000 });
    expect(await page.evaluate('result.echoed')).toEqual(Object.fromEntries(PAYLOADS.map((p) => [p.name, p.bytes.length])));
    const panel = (await ctx.driver.openPanel(page)) as WorkbenchPanel;
    await panel.setFilter('');

    // Each connection names its format, and each frame (sent, and echoed back) its summary; the gzip ones once inflated.
    await waitUntil(() => panel.connections(), (items) => items.length === PAYLOADS.length && PAYLOADS.every((p) => items.some((i) => i.includes(p.protocol))), 'a connection per payload format');
    const wanted = PAYLOADS.flatMap((p) => [p.summary, p.summary]);
    const shown = await waitUntil(() => messages(panel), (ms) => covers(ms, wanted), `the decoded summaries ${wanted.join(' | ')}`);
    if (process.env.WSI_DUMP) console.log('payloads', JSON.stringify(shown, null, 1));

    // The gzip frame's Decoded tab: the compression and sizes, then the inflated JSON as a tree.
    const gzip = PAYLOADS.find((p) => p.name === 'gzip')!;
    const [rows, ms] = [await panel.rows(), await messages(panel)];
    const at = ms.indexOf(gzip.summary);
    if (at < 0 || rows.length !== ms.length) throw new Error(`no gzip row to click among ${js(ms)}`);
    await panel.clickRow(rows[at].data);
    const tree = `${DETAILS} [role=tree][aria-label="JSON"]`;
    const json = await waitUntil(() => panel.text(tree), (t) => /snapshot/.test(t ?? ''), 'the inflated JSON as a tree in the Decoded tab');
    expect(json).toMatch(/type.*snapshot.*rows/s);
    const decoded = (await panel.text(DETAILS)) ?? '';
    expect(decoded).toContain(gzip.summary);
    const inflatedLength = JSON.stringify({ type: 'snapshot', rows: [1, 2, 3] }).length;
    expect(decoded).toMatch(new RegExp(`compression\\s*gzip\\s*size\\s*${gzip.bytes.length} B → ${inflatedLength} B\\s*format\\s*JSON`));
    expect(decoded).not.toContain('Not decoded');

    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });
}
