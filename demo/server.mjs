// Demo for WS Inspector: one HTTP server on 127.0.0.1 that serves demo/index.html at /, five plain WebSocket endpoints,
// a MessagePack stream (/msgpack) and a Socket.IO chat (/socket.io/), so the panel shows decoded protocols at once.
//   node demo/server.mjs [port]   (default 8080; a free port if that one is busy)
// Or from code: const { url, close } = await startDemo({ port: 0 });
import { encode } from '@msgpack/msgpack';
import { readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer, WebSocket } from 'ws';

const HOST = '127.0.0.1';
const INDEX = fileURLToPath(new URL('./index.html', import.meta.url));
/** Browser builds the page loads, served from node_modules as they are. */
const VENDOR = new Map(
  [
    ['socket.io.min.js', '../node_modules/socket.io-client/dist/socket.io.min.js'],
    ['msgpack.min.js', '../node_modules/@msgpack/msgpack/dist.umd/msgpack.min.js'],
  ].flatMap(([name, path]) => [
    [`/vendor/${name}`, { file: fileURLToPath(new URL(path, import.meta.url)), type: 'text/javascript; charset=utf-8' }],
    // Their source maps, which DevTools asks for.
    [`/vendor/${name}.map`, { file: fileURLToPath(new URL(`${path}.map`, import.meta.url)), type: 'application/json; charset=utf-8' }],
  ]),
);
const TICK_MS = 1000;
const BINARY_MS = 1500;
const MSGPACK_MS = 1000;
const BOT_MS = 4000;
const BOT_LINES = ['anyone tried the Decoded view?', 'acks show their latency', 'filter with event:chat', 'hide heartbeats hides ping/pong', 'MessagePack next door'];
const BYE_AFTER_MS = 2000;
const MAX_PAYLOAD = 64 * 1024;

/** An MQTT-like PUBLISH packet (24 bytes): fixed header, topic "sensors/temp", float32 temperature, uint16 sequence, CR LF. */
export function binarySample(temperature, seq) {
  const topic = Buffer.from('sensors/temp', 'ascii');
  const payload = Buffer.alloc(8);
  payload.writeFloatBE(temperature, 0);
  payload.writeUInt16BE(seq & 0xffff, 4);
  payload.write('\r\n', 6, 'ascii');
  const topicLen = Buffer.alloc(2);
  topicLen.writeUInt16BE(topic.length);
  const body = Buffer.concat([topicLen, topic, payload]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/**
 * Starts the demo server. Resolves to { url, close } once it listens.
 * `fallback: true` listens on a free port when `port` is busy.
 */
export async function startDemo({ port = 0, log = console.log, fallback = false } = {}) {
  const intervals = new Set();
  const timeouts = new Set();
  let closing = null;
  const every = (ms, fn) => { const t = setInterval(fn, ms); intervals.add(t); return t; };
  const after = (ms, fn) => {
    const t = setTimeout(() => { timeouts.delete(t); fn(); }, ms);
    timeouts.add(t);
    return t;
  };
  const cancel = (t) => { clearTimeout(t); timeouts.delete(t); };
  const sendAll = (wss, data) => {
    for (const c of wss.clients) if (c.readyState === WebSocket.OPEN) c.send(data);
  };
  const endpoint = () => new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, clientTracking: true });

  // /greet: the classic introduction example. The page sends "hey"; the server logs it and greets with "ho!".
  const greet = endpoint();
  greet.on('connection', (ws) => {
    ws.on('message', (data) => log('[greet] received: ' + data.toString()));
    ws.send('ho!');
  });

  // /chat: echoes every message to its sender ("echo: ...") and passes it on to every other chat client.
  const chat = endpoint();
  let chatIds = 0;
  chat.on('connection', (ws) => {
    const id = ++chatIds;
    ws.send(`welcome, you are client #${id}`);
    ws.on('message', (data, isBinary) => {
      if (isBinary) { ws.send(data, { binary: true }); return; }
      const text = data.toString();
      for (const c of chat.clients) {
        if (c.readyState !== WebSocket.OPEN) continue;
        c.send(c === ws ? `echo: ${text}` : `client #${id}: ${text}`);
      }
    });
  });

  // /ticker: a JSON quote every second (a random walk), the same for every client.
  const ticker = endpoint();
  let price = 100;
  let tickSeq = 0;
  const history = [];
  const quote = () => {
    const prev = price;
    price = Math.max(1, Math.round((price + (Math.random() - 0.5) * 2) * 100) / 100);
    history.push(price);
    if (history.length > 5) history.shift();
    const spread = 0.02;
    return JSON.stringify({
      type: 'tick',
      symbol: 'WSI',
      price,
      time: new Date().toISOString(),
      seq: ++tickSeq,
      change: { abs: Math.round((price - prev) * 100) / 100, pct: Math.round(((price - prev) / prev) * 10000) / 100 },
      quote: { bid: Math.round((price - spread / 2) * 100) / 100, ask: Math.round((price + spread / 2) * 100) / 100, currency: 'EUR' },
      market: { venue: 'DEMO', open: true, session: { id: 'regular', tz: 'UTC' } },
      last5: [...history],
    });
  };
  ticker.on('connection', (ws) => ws.send(quote()));
  every(TICK_MS, () => { if (ticker.clients.size) sendAll(ticker, quote()); });

  // /binary: an MQTT-like binary frame every 1.5 s (non-printable bytes plus the ASCII topic "sensors/temp").
  const binary = endpoint();
  let temperature = 21.5;
  let binSeq = 0;
  every(BINARY_MS, () => {
    if (!binary.clients.size) return;
    temperature = Math.round((temperature + (Math.random() - 0.5) * 0.4) * 10) / 10;
    sendAll(binary, binarySample(temperature, ++binSeq));
  });

  // /msgpack: a MessagePack-encoded sensor reading every second (binary frames).
  const msgpack = endpoint();
  let humidity = 40;
  let readingSeq = 0;
  const reading = () => {
    humidity = Math.min(90, Math.max(10, Math.round((humidity + (Math.random() - 0.5) * 2) * 10) / 10));
    return encode({ type: 'reading', sensor: 'greenhouse-1', seq: ++readingSeq, celsius: temperature, humidity, at: Date.now(), ok: true });
  };
  msgpack.on('connection', (ws) => ws.send(reading()));
  every(MSGPACK_MS, () => { if (msgpack.clients.size) sendAll(msgpack, reading()); });

  // /bye: closes each client with 4001 "bye" after its first message, or after 2 s.
  const bye = endpoint();
  bye.on('connection', (ws) => {
    const goodbye = () => {
      cancel(timer);
      if (ws.readyState === WebSocket.OPEN) ws.close(4001, 'bye');
    };
    const timer = after(BYE_AFTER_MS, goodbye);
    ws.once('message', goodbye);
    ws.on('close', () => cancel(timer));
  });

  const endpoints = new Map([['/greet', greet], ['/chat', chat], ['/ticker', ticker], ['/binary', binary], ['/msgpack', msgpack], ['/bye', bye]]);
  for (const [path, wss] of endpoints) {
    wss.on('connection', (ws) => ws.on('error', (err) => log(`[${path.slice(1)}] socket error: ${err.message}`)));
  }

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if ((req.method === 'GET' || req.method === 'HEAD') && (pathname === '/' || pathname === '/index.html')) {
      try {
        const html = await readFile(INDEX);
        res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
        res.end(req.method === 'HEAD' ? undefined : html);
      } catch (err) {
        res.writeHead(500, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end(`cannot read demo/index.html: ${err.message}`);
      }
      return;
    }
    const vendor = (req.method === 'GET' || req.method === 'HEAD') && VENDOR.get(pathname);
    if (vendor) {
      try {
        const body = await readFile(vendor.file);
        res.writeHead(200, { ...headers, 'content-type': vendor.type, 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch (err) {
        res.writeHead(500, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
        res.end(`cannot read ${vendor.file} (run npm ci): ${err.message}`);
      }
      return;
    }
    if (pathname === '/favicon.ico') { res.writeHead(204, headers); res.end(); return; }
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  });

  // /socket.io/: a Socket.IO chat (WebSocket transport). Each message is acknowledged to its sender and passed on to
  // the others; a bot chats every few seconds so there is traffic without typing. Socket.IO answers its own requests
  // and upgrades under /socket.io/; everything else stays with the handlers here.
  // Pings every 5 s (Socket.IO's default is 25 s), so heartbeats show up soon and Hide heartbeats has work to do.
  const io = new SocketIoServer(server, { serveClient: false, destroyUpgrade: false, transports: ['websocket', 'polling'], pingInterval: 5000, pingTimeout: 5000 });
  let sioUsers = 0;
  io.on('connection', (socket) => {
    const user = `guest-${++sioUsers}`;
    let acked = 0;
    socket.emit('welcome', { user, online: io.engine.clientsCount });
    socket.on('chat', (text, ack) => {
      const message = { user, text: String(text).slice(0, 500), at: Date.now() };
      socket.broadcast.emit('chat', message);
      if (typeof ack === 'function') ack({ ok: true, id: ++acked });
    });
    socket.on('typing', () => socket.broadcast.emit('typing', { user }));
    socket.on('error', (err) => log(`[socket.io] socket error: ${err.message}`));
  });
  let botLine = 0;
  every(BOT_MS, () => {
    if (io.engine.clientsCount) io.emit('chat', { user: 'bot', text: BOT_LINES[botLine++ % BOT_LINES.length], at: Date.now() });
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname.startsWith('/socket.io/')) return;
    const wss = endpoints.get(pathname);
    if (!wss || closing) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const listen = (p) => new Promise((resolve, reject) => {
    const onError = (err) => { server.off('listening', onListening); reject(err); };
    const onListening = () => { server.off('error', onError); resolve(); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(p, HOST);
  });

  const stopTimers = () => {
    for (const t of intervals) clearInterval(t);
    for (const t of timeouts) clearTimeout(t);
    intervals.clear();
    timeouts.clear();
  };

  try {
    try {
      await listen(port);
    } catch (err) {
      if (!(fallback && err.code === 'EADDRINUSE' && port !== 0)) throw err;
      log(`Port ${port} is busy, using a free port instead.`);
      await listen(0);
    }
  } catch (err) {
    stopTimers();
    throw err;
  }

  const url = `http://${HOST}:${server.address().port}/`;

  const close = () => {
    closing ??= (async () => {
      stopTimers();
      io.disconnectSockets(true);
      io.engine.close();
      await Promise.all([...endpoints.values()].map((wss) => new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      })));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    })();
    return closing;
  };

  return { url, close };
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const arg = process.argv[2];
  const port = arg === undefined ? 8080 : Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Usage: node demo/server.mjs [port]   (got "${arg}", want 0-65535)`);
    process.exit(2);
  }
  try {
    const demo = await startDemo({ port, fallback: true });
    console.log(`WS Inspector demo: ${demo.url}`);
    console.log('Press Ctrl+C to stop.');
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await demo.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`Could not start the demo server: ${err.message}`);
    process.exit(1);
  }
}
