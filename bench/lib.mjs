// Bench support (Node): servers on 127.0.0.1, Chromium launches with and without the extension, small statistics.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { launchChromium, openWsPanel } from '../scripts/chromium.mjs';
import { roundTrips } from './pageScripts.mjs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The q-quantile (0…1) of xs, interpolated. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const fmtRatio = (r) => r.toFixed(3);
export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) + ' ms';
const log = (...a) => console.error('·', ...a);


function wsServer(onConnection) {
  return new Promise((resolve) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024, perMessageDeflate: false }, () => resolve(wss));
    wss.on('connection', onConnection);
  });
}
const url = (wss) => `ws://127.0.0.1:${wss.address().port}/`;

/**
 * echo: sends every message back as it came. burst: on "burst N SIZE" sends N text frames of SIZE bytes as fast as the
 * socket takes them (bounded by N), then one "done". stream: see below.
 */
export async function startServers() {
  const echo = await wsServer((ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  const burst = await wsServer((ws) =>
    ws.on('message', (data) => {
      const [cmd, n, size] = String(data).split(' ');
      if (cmd !== 'burst') return;
      const count = Math.min(Number(n), 1_000_000);
      const body = 'x'.repeat(Math.max(0, Math.min(Number(size), 65536) - 8));
      for (let i = 0; i < count; i++) ws.send(String(i).padStart(8, '0') + body);
    }),
  );
  // stream: on "stream RATE SIZE" sends RATE text frames of SIZE bytes per second, in 10 ms ticks, until the socket closes.
  const stream = await wsServer((ws) =>
    ws.on('message', (data) => {
      const [cmd, rate, size] = String(data).split(' ');
      if (cmd !== 'stream') return;
      const perTick = Math.max(1, Math.round(Math.min(Number(rate), 10_000) / 100));
      const body = 'x'.repeat(Math.max(0, Math.min(Number(size), 65536) - 8));
      let n = 0;
      const timer = setInterval(() => {
        for (let i = 0; i < perTick; i++) ws.send(String(n++).padStart(8, '0') + body);
      }, 10);
      ws.on('close', () => clearInterval(timer));
    }),
  );
  const pages = new Map();
  const http = createServer((req, res) => {
    const body = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': body?.type ?? 'text/plain' });
    res.end(body?.data ?? 'not found');
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${http.address().port}`;
  return {
    echo: url(echo),
    burst: url(burst),
    stream: url(stream),
    origin,
    setPage: (path, data, type = 'text/html; charset=utf-8') => pages.set(path, { data, type }),
    close: async () => {
      for (const s of [echo, burst, stream]) {
        for (const c of s.clients) c.terminate();
        await new Promise((r) => s.close(r));
      }
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}

/**
 * One headless Chromium. Puppeteer's own Network.enable on every page is switched off (networkEnabled: false): it is
 * Chrome's capture path, which would otherwise slow every run, with or without the extension.
 */
export const launch = ({ extension }) =>
  launchChromium({ extension, args: ['--js-flags=--expose-gc'], options: { networkEnabled: false, protocolTimeout: 600_000 } });

/** Opens DevTools for `page`, shows the WS panel and returns its frame. */
export const openPanel = async (session, page) => ({ frame: await openWsPanel(session, page) });

export async function statusText(frame) {
  return frame.$eval('[role=status]', (s) => s.textContent ?? '');
}

/** Polls until check(value) holds; returns the last value either way, with ok. */
export async function waitFor(read, check, timeout) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (check(last)) return { ok: true, value: last };
    if (Date.now() > deadline) return { ok: false, value: last };
    await sleep(50);
  }
}

/**
 * CPU milliseconds each kind of process of one browser has used so far (Chromium's own count, `SystemInfo.getProcessInfo`):
 * the browser process, its services (network, storage…), the GPU process, the extension's process (service worker and
 * panel; told apart by its `--extension-process` flag, read from /proc) and the other renderers (pages, DevTools' front end).
 */
export async function cpuByProcess(session) {
  session.systemInfo ??= await session.browser.target().createCDPSession();
  const { processInfo } = await session.systemInfo.send('SystemInfo.getProcessInfo');
  const out = {};
  for (const { type, id, cpuTime } of processInfo) {
    let kind = type === 'browser' ? 'browser' : type === 'GPU' ? 'GPU' : type === 'renderer' ? 'renderers' : 'services';
    if (kind === 'renderers') {
      try {
        if (readFileSync(`/proc/${id}/cmdline`, 'utf8').includes('--extension-process')) kind = 'extension';
      } catch {
        // Not Linux, or the process just ended: counted with the renderers.
      }
    }
    out[kind] = (out[kind] ?? 0) + cpuTime * 1000;
  }
  return out;
}

/**
 * Runs the round-trip workload in each condition. Each repetition splits the count into SEGMENTS interleaved
 * segments (condition order rotating), so a slow stretch of this shared machine hits every condition alike; a
 * repetition's time per condition is the sum of its segments. A ratio is the median over every pair of segments run
 * back to back (SEGMENTS × repetitions pairs): a burst of load elsewhere on the machine spoils one pair, not the
 * figure.
 */
export async function measureOverhead({ label, conditions, count, binary, reps, segments: SEGMENTS, fresh, echo, windowSize }) {
  const names = Object.keys(conditions);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  /** Per condition: CPU ms by kind of process spent during its own segments (when its tab has a `session`). */
  const cpu = Object.fromEntries(names.map((n) => [n, {}]));
  const segments = Object.fromEntries(names.map((n) => [n, []]));
  const segment = Math.ceil(count / SEGMENTS);
  for (let rep = 0; rep < reps; rep++) {
    for (const n of names) times[n][rep] = 0;
    for (const t of Object.values(conditions)) await fresh(t);
    for (let i = 0; i < SEGMENTS; i++) {
      for (const name of names.map((_, k) => names[(k + i + rep) % names.length])) {
        const t = conditions[name];
        await t.page.bringToFront();
        const before = t.session && (await cpuByProcess(t.session));
        const ms = await t.page.evaluate(`(${roundTrips})(${JSON.stringify(echo)}, ${segment}, 100, ${binary}, ${windowSize})`);
        if (before) for (const [kind, v] of Object.entries(await cpuByProcess(t.session))) cpu[name][kind] = (cpu[name][kind] ?? 0) + v - (before[kind] ?? 0);
        times[name][rep] += ms;
        segments[name].push(ms);
      }
    }
    log(label, binary ? 'binary' : 'text', `rep ${rep + 1}:`, names.map((n) => `${n} ${times[n][rep].toFixed(0)} ms`).join(', '));
  }
  const pairs = (a, b) => segments[a].map((x, i) => x / segments[b][i]);
  return {
    ratio: (a, b) => median(pairs(a, b)),
    /** The middle half of the segment ratios: how much one pair can differ from the next on this machine. */
    spread: (a, b) => `middle half of ${segments[a].length} segment pairs ${fmtRatio(quantile(pairs(a, b), 0.25))}–${fmtRatio(quantile(pairs(a, b), 0.75))}`,
    /** Median time of the whole count (one repetition's segments summed). */
    med: (n) => fmtMs(median(times[n])),
    /** CPU ms per 1,000 round trips by kind of process, over all of the condition's segments (warm-ups included). */
    cpuPer1000: (n) => Object.fromEntries(Object.entries(cpu[n]).map(([kind, v]) => [kind, (v * 1000) / ((segment + Math.min(1000, segment)) * segments[n].length)])),
  };
}
