// Test support: what a page can observe about WebSocket. Run in the page (as a string, so no bundler rewrites it) with and
// without the extension; the two results must be identical.
export const probeWebSocket = `async (echoUrl) => {
  const fn = (f) => (typeof f === 'function' ? 'fn ' + f.name + '/' + f.length + ' ' + Function.prototype.toString.call(f) : f);
  const desc = (o, k) => {
    const x = Object.getOwnPropertyDescriptor(o, k);
    if (!x) return null;
    return { value: typeof x.value === 'object' && x.value !== null ? 'object' : fn(x.value), get: fn(x.get), set: fn(x.set), writable: x.writable, enumerable: x.enumerable, configurable: x.configurable };
  };
  const error = (f) => { try { const r = f(); if (r && r.close) r.close(); return 'no error'; } catch (e) { return [e.name, e.message, e.constructor.name, e instanceof DOMException, e instanceof TypeError]; } };
  const r = {};
  r.basics = [typeof WebSocket, WebSocket.name, WebSocket.length, String(WebSocket), Function.prototype.toString.call(WebSocket)];
  r.toString = [String(Function.prototype.toString), Function.prototype.toString.name, Function.prototype.toString.length,
    Function.prototype.toString.call(Function.prototype.toString), String(WebSocket.prototype.send), String(WebSocket.prototype.close),
    Function.prototype.toString.call(Function.prototype.toString.call), String(() => 1)];
  r.statics = Reflect.ownKeys(WebSocket).map((k) => [String(k), desc(WebSocket, k)]);
  r.proto = Reflect.ownKeys(WebSocket.prototype).map((k) => [String(k), desc(WebSocket.prototype, k)]);
  r.global = desc(window, 'WebSocket');
  r.fnProto = Reflect.ownKeys(Function.prototype).map((k) => [String(k), desc(Function.prototype, k)]);
  r.chain = [Object.getPrototypeOf(WebSocket) === EventTarget, Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype,
    WebSocket.prototype.constructor === WebSocket, WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED];
  r.enumerableGlobals = Object.keys(window).sort();
  r.errors = [
    error(() => WebSocket('ws://127.0.0.1:1/')),
    error(() => new WebSocket()),
    error(() => new WebSocket('ftp://example.test/')),
    error(() => new WebSocket('ws://example.test/#fragment')),
    error(() => new WebSocket('ws://exa mple.test:99999/')),
    error(() => new WebSocket(echoUrl, ['a', 'a'])),
    error(() => new WebSocket(echoUrl, 'bad protocol')),
    error(() => new WebSocket(echoUrl).send('too early')),
    error(() => new WebSocket(echoUrl).close(1001)),
    error(() => new WebSocket(echoUrl).close(1000, 'x'.repeat(124))),
    error(() => WebSocket.prototype.send.call({}, 'x')),
    error(() => WebSocket.prototype.close.call(null)),
  ];
  r.session = await new Promise((resolve) => {
    const log = [];
    const ws = new WebSocket(echoUrl, ['chat', 'superchat']);
    log.push(['readyState', ws.readyState, ws.url, ws.protocol, ws.binaryType, ws.bufferedAmount]);
    log.push(['identity', ws instanceof WebSocket, ws.constructor === WebSocket, Object.getPrototypeOf(ws) === WebSocket.prototype, Object.keys(ws), String(ws)]);
    const listener = (e) => log.push(['listener', e.type, e.constructor.name, e.isTrusted]);
    ws.addEventListener('open', listener);
    ws.addEventListener('message', (e) => log.push(['once', e.type]), { once: true });
    const ctl = new AbortController();
    ws.addEventListener('message', () => log.push(['aborted listener ran']), { signal: ctl.signal });
    ctl.abort();
    let n = 0;
    ws.onopen = (e) => {
      log.push(['onopen', e.constructor.name, ws.readyState, ws.protocol, ws.extensions]);
      ws.send('text');
      ws.send(new Uint8Array([1, 2, 3]));
      ws.binaryType = 'blob';
      log.push(['bufferedAmount is a number', typeof ws.bufferedAmount]);
    };
    ws.onmessage = async (e) => {
      const d = e.data;
      log.push(['onmessage', e.constructor.name, typeof d, Object.prototype.toString.call(d), e.origin, e.lastEventId, e.source, e.ports.length,
        d instanceof Blob ? await d.text() : d instanceof ArrayBuffer ? [...new Uint8Array(d)] : d]);
      if (++n === 2) {
        ws.binaryType = 'arraybuffer';
        ws.send(new Blob(['blob']));
      }
      if (n === 3) ws.close(4000, 'bye now');
    };
    ws.onerror = (e) => log.push(['onerror', e.constructor.name]);
    ws.onclose = (e) => {
      log.push(['onclose', e.constructor.name, e.code, e.reason, e.wasClean, ws.readyState]);
      class Sub extends WebSocket { hello() { return 'sub'; } }
      const s = new Sub(echoUrl);
      log.push(['subclass', s instanceof Sub, s instanceof WebSocket, s.constructor === Sub, s.hello(), Sub.name, Sub.length, Object.getPrototypeOf(Sub) === WebSocket]);
      s.onopen = () => { s.send('from sub'); };
      s.onmessage = (e) => { log.push(['subclass message', e.data]); s.close(); };
      s.onclose = (e) => { log.push(['subclass closed', e.code, e.wasClean]); resolve(log); };
    };
    log.push(['handlers', typeof ws.onopen, ws.onmessage === null]);
  });
  return r;
}`;
