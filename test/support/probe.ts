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
  // The hook also wraps these getters (to reach child windows before their own content scripts run).
  r.frameGetters = [HTMLIFrameElement, HTMLFrameElement, HTMLObjectElement].flatMap((C) =>
    ['contentWindow', 'contentDocument'].map((k) => [C.name, k, desc(C.prototype, k)]));
  r.fnProto = Reflect.ownKeys(Function.prototype).map((k) => [String(k), desc(Function.prototype, k)]);
  r.chain = [Object.getPrototypeOf(WebSocket) === EventTarget, Object.getPrototypeOf(WebSocket.prototype) === EventTarget.prototype,
    WebSocket.prototype.constructor === WebSocket, WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED];
  r.enumerableGlobals = Object.keys(window).sort();
  // The scripted session runs first: the calls below leave sockets connecting, and Chromium queues new connections to a
  // host behind pending ones.
  r.session = await new Promise((resolve) => {
    const log = [];
    const ws = new WebSocket(echoUrl, ['chat', 'superchat']);
    log.push(['readyState', ws.readyState, ws.url, ws.protocol, ws.binaryType, ws.bufferedAmount]);
    log.push(['identity', ws instanceof WebSocket, ws.constructor === WebSocket, Object.getPrototypeOf(ws) === WebSocket.prototype, Object.keys(ws), String(ws),
      Reflect.ownKeys(ws).map(String), Object.prototype.toString.call(ws)]);
    ws.binaryType = 'nonsense';
    log.push(['binaryType ignores bad values', ws.binaryType]);
    const ev = (e) => [e.type, e.constructor.name, e.isTrusted, e.target === ws, e.currentTarget === ws, e.eventPhase, e.bubbles, e.cancelable, e.composed, e.defaultPrevented];
    ws.addEventListener('open', { handleEvent: (e) => log.push(['handleEvent object', ...ev(e)]) });
    ws.addEventListener('message', (e) => log.push(['capture listener', e.eventPhase]), true);
    const removed = () => log.push(['removed listener ran']);
    ws.addEventListener('message', removed);
    ws.removeEventListener('message', removed);
    ws.addEventListener('close', (e) => log.push(['close via listener', ...ev(e)]), { once: true, passive: true });
    // A page may dispatch its own events at a socket; listeners see them, and they are not frames.
    ws.addEventListener('open', () => { const fake = new MessageEvent('message', { data: 'synthetic' }); log.push(['dispatch returns', ws.dispatchEvent(fake)]); }, { once: true });
    const listener = (e) => log.push(['listener', e.type, e.constructor.name, e.isTrusted]);
    ws.addEventListener('open', listener);
    ws.addEventListener('message', (e) => log.push(['once', e.type]), { once: true });
    const ctl = new AbortController();
    ws.addEventListener('message', () => log.push(['aborted listener ran']), { signal: ctl.signal });
    ctl.abort();
    let n = 0;
    ws.onopen = (e) => {
      log.push(['onopen', e.constructor.name, ws.readyState, ws.protocol, ws.extensions, ...ev(e)]);
      ws.send('text');
      ws.send(new Uint8Array([1, 2, 3]));
      ws.binaryType = 'blob';
      // Grows synchronously by each message's size; shrinks only after this task.
      log.push(['bufferedAmount after sends', ws.bufferedAmount]);
    };
    ws.onmessage = async (e) => {
      const d = e.data;
      log.push(['onmessage', e.constructor.name, typeof d, Object.prototype.toString.call(d), e.origin, e.lastEventId, e.source, e.ports.length, ...ev(e),
        d instanceof Blob ? [d.type, d.size, await d.text()] : d instanceof ArrayBuffer ? [...new Uint8Array(d)] : d]);
      if (d === 'synthetic') return;
      if (++n === 2) {
        ws.binaryType = 'arraybuffer';
        ws.send(new Blob(['blob']));
      }
      if (n === 3) ws.close(4000, 'bye now');
    };
    ws.onerror = (e) => log.push(['onerror', e.constructor.name]);
    ws.onclose = (e) => {
      log.push(['onclose', e.constructor.name, e.code, e.reason, e.wasClean, ws.readyState, ...ev(e)]);
      ws.send('after close');
      log.push(['bufferedAmount after a send once closed', ws.bufferedAmount]);
      class Sub extends WebSocket { hello() { return 'sub'; } }
      const s = new Sub(echoUrl);
      log.push(['subclass', s instanceof Sub, s instanceof WebSocket, s.constructor === Sub, s.hello(), Sub.name, Sub.length, Object.getPrototypeOf(Sub) === WebSocket]);
      s.onopen = () => { s.send('from sub'); };
      s.onmessage = (e) => { log.push(['subclass message', e.data]); s.close(); };
      s.onclose = (e) => { log.push(['subclass closed', e.code, e.wasClean]); resolve(log); };
    };
    log.push(['handlers', typeof ws.onopen, ws.onmessage === null]);
  });
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
    error(() => new WebSocket('')),
    error(() => new WebSocket('relative/path')),
    error(() => new WebSocket('//127.0.0.1:1/scheme-relative')),
    error(() => new WebSocket('http://127.0.0.1:1/http-scheme')),
    error(() => new WebSocket('ws://')),
    error(() => new WebSocket('wss://[::1')),
    error(() => new WebSocket(echoUrl, [])),
    error(() => new WebSocket(echoUrl, '')),
    error(() => new WebSocket(echoUrl, ['ok', 'with,comma'])),
    error(() => new WebSocket(echoUrl, 'é')),
    error(() => new WebSocket(echoUrl, { toString: () => 'from-object' })),
    error(() => new WebSocket(echoUrl, 42)),
    error(() => new WebSocket(echoUrl).send()),
    error(() => new WebSocket(echoUrl).close(999)),
    error(() => new WebSocket(echoUrl).close(5000)),
    error(() => new WebSocket(echoUrl).close(3000.5)),
    error(() => new WebSocket(echoUrl).close(NaN)),
    error(() => new WebSocket(echoUrl).close('1000')),
    error(() => new WebSocket(echoUrl).close(1000, 'é'.repeat(62))),
    error(() => new WebSocket(echoUrl).close(undefined, 'reason without code')),
    error(() => new WebSocket(echoUrl).close(4999, 'x'.repeat(123))),
    error(() => Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow').get.call({})),
    error(() => Object.getOwnPropertyDescriptor(WebSocket.prototype, 'url').get.call(WebSocket.prototype)),
  ];
  r.construct = (() => {
    function F() {}
    const x = Reflect.construct(WebSocket, [echoUrl], F);
    const Bound = WebSocket.bind(null, echoUrl);
    const y = new Bound();
    const out = [Object.getPrototypeOf(x) === F.prototype, x instanceof WebSocket, Bound.name, Bound.length, y instanceof WebSocket,
      y.url, Reflect.ownKeys(y), typeof WebSocket.prototype.constructor, new WebSocket.prototype.constructor(echoUrl) instanceof WebSocket];
    WebSocket.prototype.close.call(x);
    y.close();
    return out;
  })();
  return r;
}`;
