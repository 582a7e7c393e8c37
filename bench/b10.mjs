// Bench B10 (Node drives Chromium; issue 17): importing HAR files into the real WS panel — a 100,000-frame HAR as our
// exporter writes it, and a 200 MB one — from choosing the file to the "Opened …" notice, with the panel's longest
// frame meanwhile (it must never freeze); then the timeline over the imported rows (uPlot loaded, one pass over them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, openPanel, waitFor } from './lib.mjs';

const INPUT = 'input[aria-label="Open HAR or NDJSON"]';

/**
 * A HAR of one connection in the shape src/panel/exporters.ts writes, with `frames` JSON text frames of about 150 bytes
 * (a tick with a counter and padding), alternating direction, one per ms; written in pieces, never one huge string.
 */
function writeHar(path, frames, { minBytes = 0 } = {}) {
  const t0 = Date.UTC(2026, 10, 25, 12, 0, 0);
  const parts = [
    `{"log":{"version":"1.2","creator":{"name":"WS Inspector","version":"bench"},"pages":[],"entries":[{"startedDateTime":"${new Date(t0).toISOString()}","time":${frames},` +
      `"request":{"method":"GET","url":"https://bench.test/feed","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"queryString":[],"headersSize":-1,"bodySize":0},` +
      `"response":{"status":101,"statusText":"Switching Protocols","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"content":{"size":0,"mimeType":"x-unknown"},"redirectURL":"","headersSize":-1,"bodySize":-1},` +
      `"cache":{},"timings":{"send":0,"wait":0,"receive":0},"_resourceType":"websocket","_webSocketMessages":[`,
  ];
  let size = parts[0].length;
  let i = 0;
  for (; i < frames || size < minBytes; i++) {
    const data = JSON.stringify({ type: 'tick', n: i, payload: 'x'.repeat(100 + (i % 50)) });
    const m = `${i ? ',' : ''}\n{"type":"${i % 2 ? 'receive' : 'send'}","time":${(t0 + i) / 1000},"opcode":1,"data":${JSON.stringify(data)}}`;
    parts.push(m);
    size += m.length;
  }
  parts.push(']}]}}');
  writeFileSync(path, parts.join(''));
  return { frames: i, bytes: size };
}

/** Imports `path` in the panel frame; resolves with the time to the "Opened" notice and the longest frame meanwhile. */
async function importOnce(panel, path) {
  await panel.evaluate(() => {
    window.__gap = 0;
    window.__stop = false;
    let last = performance.now();
    const tick = () => {
      const n = performance.now();
      window.__gap = Math.max(window.__gap, n - last);
      last = n;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const input = await panel.$(INPUT);
  const t0 = Date.now();
  await input.uploadFile(path);
  const notice = await waitFor(() => panel.$eval('.session-notice', (e) => e.textContent ?? '').catch(() => ''), (t) => /^(Opened|Could not)/.test(t), 180_000);
  const ms = Date.now() - t0;
  const gap = await panel.evaluate(() => ((window.__stop = true), window.__gap));
  if (!notice.ok || !notice.value.startsWith('Opened')) throw new Error(`B10: the import did not finish: ${notice.value}`);
  return { ms, gap, notice: notice.value };
}

export async function importBench({ session, servers, root, quick, reps, report, log, fmtMs }) {
  const dir = join(root, '.tmp/bench-b9');
  mkdirSync(dir, { recursive: true });
  const page = await session.browser.newPage();
  await page.goto(`${servers.origin}/page`);
  const { frame: panel } = await openPanel(session, page);
  const n = (x) => x.toLocaleString('en-US');

  const small = quick ? 20_000 : 100_000;
  const smallHar = writeHar(join(dir, 'frames.har'), small);
  console.log(`\nB10 import: a ${n(small)}-frame HAR as our exporter writes it (${(smallHar.bytes / 1e6).toFixed(1)} MB), ${reps} repetitions; a 200 MB HAR once`);
  const runs = [];
  for (let rep = 0; rep < reps; rep++) {
    runs.push(await importOnce(panel, join(dir, 'frames.har')));
    log('B10', `rep ${rep + 1}: ${runs.at(-1).ms} ms, longest frame ${runs.at(-1).gap.toFixed(0)} ms`);
  }
  const ms = median(runs.map((r) => r.ms));
  report('B10', `import a ${n(small)}-frame HAR: file chosen → every frame in the panel ("${runs[0].notice.replace(/✕$/, '')}")`, fmtMs(ms), '≤ 3000 ms', ms <= 3000);
  const gap = median(runs.map((r) => r.gap));
  report('B10', "the panel's longest frame meanwhile (parsed in a worker, a slice per painted frame)", fmtMs(gap), '≤ 250 ms', gap <= 250);

  const bigBytes = quick ? 20e6 : 200e6;
  const big = writeHar(join(dir, 'big.har'), 0, { minBytes: bigBytes });
  const r = await importOnce(panel, join(dir, 'big.har'));
  log('B10', `${(big.bytes / 1e6).toFixed(0)} MB: ${r.ms} ms, longest frame ${r.gap.toFixed(0)} ms`);
  report('B10', `import a ${(big.bytes / 1e6).toFixed(0)} MB HAR (${n(big.frames)} frames)`, fmtMs(r.ms), 'opens', true);
  report('B10', "the panel's longest frame meanwhile", fmtMs(r.gap), '≤ 500 ms', r.gap <= 500);

  // The timeline over what was imported: uPlot's chunk loaded, the bins built in one pass over every row, drawn.
  const t0 = Date.now();
  await panel.click('button[aria-label=Timeline]');
  const drawn = await waitFor(() => panel.$eval('.timeline .u-over', (e) => e.getAttribute('style') ?? '').catch(() => ''), (s) => /width:\s*\d/.test(s), 30_000);
  const chartMs = Date.now() - t0;
  report('B10', `show the timeline over the ${n(big.frames)} imported frames (uPlot loaded, bins built, chart drawn)`, drawn.ok ? fmtMs(chartMs) : 'did not draw', '≤ 1000 ms', drawn.ok && chartMs <= 1000);
  await page.close();
}
