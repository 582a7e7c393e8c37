// Bench support: code that runs in the inspected page (as strings, so nothing rewrites it).

/**
 * N echo round trips of SIZE-byte messages (text, or an ArrayBuffer-backed Uint8Array), WINDOW of them in flight at a
 * time (1 = strict ping-pong). Resolves with the elapsed milliseconds, after a short warm-up on the same socket.
 */
export const roundTrips = `(url, n, size, binary, windowSize) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const msg = binary ? new Uint8Array(size).fill(65) : 'x'.repeat(size);
  const warm = Math.min(1000, n);
  let phase = 0, sent = 0, got = 0, t0 = 0;
  const start = (count) => { sent = 0; got = 0; for (let i = 0; i < Math.min(windowSize, count); i++) { ws.send(msg); sent++; } };
  ws.onerror = () => reject(new Error('socket error'));
  ws.onopen = () => start(warm);
  ws.onmessage = () => {
    got++;
    const target = phase === 0 ? warm : n;
    if (sent < target) { ws.send(msg); sent++; }
    if (got === target) {
      if (phase === 0) { phase = 1; t0 = performance.now(); start(n); }
      else { const ms = performance.now() - t0; ws.close(); resolve(ms); }
    }
  };
})`;

/** Asks the burst server for N frames of SIZE bytes; resolves with the wall-clock time the last one arrived. */
export const burst = `(url, n, size) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url);
  let got = 0;
  ws.onerror = () => reject(new Error('socket error'));
  ws.onopen = () => ws.send('burst ' + n + ' ' + size);
  ws.onmessage = () => { if (++got === n) resolve(performance.timeOrigin + performance.now()); };
})`;

/**
 * One SIZE-byte frame each way per kind (text, binary) through the echo server; resolves with the round-trip times and
 * the longest main-thread stall the page saw meanwhile (a 5 ms interval timer's biggest gap).
 */
export const bigFrames = `(url, size) => new Promise((resolve, reject) => {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const text = 'x'.repeat(size);
  const bytes = new Uint8Array(size).fill(66);
  const out = {};
  let last = performance.now(), stall = 0;
  const iv = setInterval(() => { const n = performance.now(); stall = Math.max(stall, n - last); last = n; }, 5);
  let t0 = 0;
  ws.onerror = () => reject(new Error('socket error'));
  ws.onopen = () => { t0 = performance.now(); ws.send(text); };
  ws.onmessage = (e) => {
    if (typeof e.data === 'string') {
      out.text = performance.now() - t0;
      if (e.data.length !== size) return reject(new Error('bad echo'));
      t0 = performance.now();
      ws.send(bytes);
    } else {
      out.binary = performance.now() - t0;
      if (e.data.byteLength !== size) return reject(new Error('bad echo'));
      clearInterval(iv);
      out.pageStall = stall;
      ws.close();
      resolve(out);
    }
  };
})`;
