// `npm run bench [-- --write] [-- --quick] [-- --only=B1,B4] [-- --reps=N] [-- --no-build]`: the WS Inspector benchmarks (issue 6;
// B7, the decoders, issue 11: it runs in Node alone, so `--only=B7` starts no browser; B8, interception rules, issue 13;
// B9, memory with many tabs, issue 15; B10, importing HAR files and the timeline, issue 17).
// Every ratio compares runs made side by side in this one invocation: browsers with and without the extension stay up
// together, conditions alternate (their order rotating each repetition), and each figure is the median over repetitions.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { fmtMs, fmtRatio, launch, measureOverhead, median, openPanel, sleep, startServers, statusText, waitFor } from './lib.mjs';
import { figureBlock, mergeFigures, readmeHeadline } from './report.mjs';
import { bigFrames, burst } from './pageScripts.mjs';
import { importBench } from './b10.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
// Firefox's figures have a runner of their own (its browsers are driven through the E2E driver).
if (argv.includes('--browser') && argv[argv.indexOf('--browser') + 1] === 'firefox') {
  process.argv = [process.argv[0], fileURLToPath(new URL('./firefox.mjs', import.meta.url)), ...argv.filter((a, i) => a !== '--browser' && argv[i - 1] !== '--browser')];
  await import('./firefox.mjs');
  process.exit(0);
}
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const only = option('only')?.toUpperCase().split(',');
const wants = (id) => !only || only.includes(id);
/** B1–B6 and B8–B10 run in Chromium; B7 in Node. */
const needsBrowser = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B8', 'B9', 'B10'].some(wants);

const C = quick
  ? { tabs: 4, streamSeconds: 10, roundTrips: 5_000, b2RoundTrips: 5_000, reps: Number(option('reps') ?? 1), window: 16, burst: 20_000, burstReps: 1, b4Frames: 100_000, scrollSteps: 20, bigReps: 1, hookFrames: 50 }
  : { tabs: 20, streamSeconds: 60, roundTrips: 100_000, b2RoundTrips: 20_000, reps: Number(option('reps') ?? 5), window: 16, burst: 100_000, burstReps: 3, b4Frames: 1_000_000, scrollSteps: 60, bigReps: 3, hookFrames: 200 };
const BIG = 16 * 1024 * 1024;
/** The hook's default history caps, read from their one definition (src/shared/protocol.ts; Node runs no TypeScript). */
const DEFAULT_LIMITS = new Function(`return ${/export const DEFAULT_LIMITS: Limits = (\{[^}]*\})/.exec(readFileSync(join(ROOT, 'src/shared/protocol.ts'), 'utf8'))[1]}`)();
const SEGMENTS = 10;

const results = [];
/** One table line: figure, what was measured, value, goal, pass (true/false, or undefined when the figure has no goal). */
const report = (figure, what, value, goal, pass) => {
  results.push({ figure, what, value, goal, pass });
  console.log(`  ${figure} ${what}: ${value}${goal ? `  (goal ${goal}: ${pass === undefined ? '—' : pass ? 'pass' : 'FAIL'})` : ''}`);
};
const log = (...a) => console.error('·', ...a);

// ── Build ─────────────────────────────────────────────────────────────────
if (!flag('no-build')) {
  if (needsBrowser) {
    log('building dist/chrome and the B4 bench page');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('npx', ['vite', 'build', '-c', 'bench/vite.config.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (wants('B7')) {
    log('building the B7 decoder bench');
    execFileSync('npx', ['vite', 'build', '-c', 'bench/vite.b7.config.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

const servers = needsBrowser ? await startServers() : undefined;
servers?.setPage('/page', '<!doctype html><title>bench page</title><p>WS Inspector bench</p>');
const b4Dir = join(ROOT, '.tmp/bench-b4');
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const serveDir = (dir, prefix) => {
  for (const name of readdirSync(dir, { recursive: true })) {
    const file = join(dir, name);
    if (statSync(file).isFile()) servers.setPage(`${prefix}/${relative(dir, file)}`, readFileSync(file), MIME[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream');
  }
};
if (needsBrowser && wants('B4')) serveDir(b4Dir, '/b4');

const plain = needsBrowser ? await launch({ extension: false }) : undefined;
const withExt = needsBrowser ? await launch({ extension: true }) : undefined;
const sessions = needsBrowser ? [plain, withExt] : [];
const chromiumVersion = needsBrowser ? await plain.browser.version() : `Node ${process.version}`;
const js = JSON.stringify;
const PAGE = `${servers?.origin}/page`;

/** Proportional set size (bytes) of a browser's page renderers (not the extension's), from /proc (Linux). */
function rendererPss(session) {
  const root = session.browser.process()?.pid;
  const children = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p)))
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {
      // The process ended meanwhile.
    }
  let total = 0;
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      try {
        const cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8');
        if (cmd.includes('--type=renderer') && !cmd.includes('--extension-process')) total += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child}/smaps_rollup`, 'utf8'))[1]) * 1024;
      } catch {
        // The process ended meanwhile.
      }
      walk(child);
    }
  };
  walk(root);
  return total;
}

/** A tab in a given condition. open(): navigates it afresh; the panel/DevTools stay attached across navigations. */
async function tab(session, kind) {
  const page = await session.browser.newPage();
  await page.goto(PAGE);
  const t = { page, kind, session };
  if (kind === 'panel') t.panel = (await openPanel(session, page)).frame;
  else if (kind === 'devtools') await page.openDevTools();
  else if (kind === 'cdp') {
    t.cdp = await page.createCDPSession();
    await t.cdp.send('Network.enable');
    let frames = 0;
    t.cdp.on('Network.webSocketFrameReceived', () => frames++);
    t.cdp.on('Network.webSocketFrameSent', () => frames++);
    t.frames = () => frames;
  }
  return t;
}
async function fresh(t) {
  await t.page.bringToFront();
  await t.page.goto(PAGE);
  if (t.panel) await waitFor(() => statusText(t.panel), (s) => /^0 of 0 frames/.test(s), 5000);
}

/**
 * A B1/B2 row: where the extension's extra CPU goes, by kind of process, per 1,000 round trips (the machine's two cores are
 * saturated by this workload, so the page's time follows the CPU every process takes, not only its own).
 */
function cpuRow(kind, withPanel, devtools, conditions = 'WS panel open vs DevTools open without the extension') {
  const KINDS = [['renderers', 'page and DevTools renderers'], ['extension', 'extension process (service worker, panel)'], ['browser', 'browser process'], ['services', 'network and other services'], ['GPU', 'GPU process']];
  const ms = (x) => `${(x ?? 0).toFixed(0)}`;
  const total = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  const parts = KINDS.map(([k, name]) => `${name} ${ms(withPanel[k])} vs ${ms(devtools[k])}`).join(', ');
  return [`${kind}, CPU ms per 1,000 round trips, ${conditions} (Chromium's own count, all segments): ${parts}; all ${ms(total(withPanel))} vs ${ms(total(devtools))}, ratio`, fmtRatio(total(withPanel) / total(devtools)), 'info', undefined];
}

try {
  // ── B1 / B2: page overhead ────────────────────────────────────────────────
  const overhead = (label, conditions, count, binary) =>
    measureOverhead({ label, conditions, count, binary, reps: C.reps, segments: SEGMENTS, fresh, echo: servers.echo, windowSize: C.window });

  if (wants('B1')) {
    console.log(`\nB1 page overhead, panel closed: ${C.roundTrips.toLocaleString('en')} echo round trips of 100 bytes, ${C.window} in flight, ${C.reps} repetitions`);
    const conditions = { base: await tab(plain, 'plain'), extClosed: await tab(withExt, 'plain') };
    for (const binary of [false, true]) {
      const { ratio, med, spread, cpuPer1000 } = await overhead('B1', conditions, C.roundTrips, binary);
      const r = ratio('extClosed', 'base');
      report('B1', `${binary ? 'binary' : 'text'}, panel closed, with ÷ without (${med('extClosed')} / ${med('base')}; ${spread('extClosed', 'base')})`, fmtRatio(r), '≤ 1.03', r <= 1.03);
      report('B1', ...cpuRow(binary ? 'binary' : 'text', cpuPer1000('extClosed'), cpuPer1000('base'), 'panel closed, with vs without the extension'));
    }
    for (const t of Object.values(conditions)) await t.page.close();
  }
  if (wants('B2')) {
    console.log(`\nB2 page overhead, panel open: ${C.b2RoundTrips.toLocaleString('en')} echo round trips of 100 bytes, ${C.window} in flight, ${C.reps} repetitions`);
    const conditions = { base: await tab(plain, 'plain'), extPanel: await tab(withExt, 'panel'), devtools: await tab(plain, 'devtools'), cdp: await tab(plain, 'cdp') };
    for (const binary of [false, true]) {
      const { ratio, med, spread, cpuPer1000 } = await overhead('B2', conditions, C.b2RoundTrips, binary);
      const kind = binary ? 'binary' : 'text';
      const r = ratio('extPanel', 'devtools');
      report('B2', `${kind}, WS panel open ÷ DevTools open without the extension (${med('extPanel')} / ${med('devtools')}; ${spread('extPanel', 'devtools')})`, fmtRatio(r), '≤ 1.10', r <= 1.1);
      report('B2', ...cpuRow(kind, cpuPer1000('extPanel'), cpuPer1000('devtools')));
      report('B2', `${kind}, WS panel open ÷ no DevTools, no extension (${med('extPanel')} / ${med('base')})`, fmtRatio(ratio('extPanel', 'base')), 'info', undefined);
      report('B2', `${kind}, rival: DevTools open, no extension ÷ without (${med('devtools')} / ${med('base')})`, fmtRatio(ratio('devtools', 'base')), 'info', undefined);
      report('B2', `${kind}, rival: CDP client with Network.enable ÷ without (${med('cdp')} / ${med('base')})`, fmtRatio(ratio('cdp', 'base')), 'info', undefined);
    }
    for (const t of Object.values(conditions)) await t.page.close();
  }

  // ── B8: interception rules ────────────────────────────────────────────────
  if (wants('B8')) {
    console.log(`\nB8 interception rules, panel open: ${C.b2RoundTrips.toLocaleString('en')} text echo round trips of 100 bytes, ${C.window} in flight, ${C.reps} repetitions`);
    // Rules apply while the WS panel is open, so every condition with the extension has it open; each tab's panel loads
    // the rules stored for the page's origin when it opens (the panel's localStorage, as the Rules view saves them).
    const rulesKey = `wsinspector:rules:${servers.origin}`;
    const rule = (i, name, payload, action) => ({ id: `b8-${i}`, name, enabled: true, match: { url: '', direction: 'both', payload }, action });
    const nothing = Array.from({ length: 20 }, (_, i) =>
      rule(i, `never ${i}`, i % 4 === 0 ? { kind: 'json', value: `$.type == "never-${i}"` } : i % 4 === 1 ? { kind: 'text', value: `never-${i}` } : { kind: 'regex', value: `/never-${i}-(\\d+)/` }, { type: 'block' }),
    );
    const rewrite = [rule(0, 'rewrite every frame', { kind: 'any' }, { type: 'rewrite', find: '^x', replace: 'y' })];
    const panelTab = await tab(withExt, 'panel');
    const withRules = async (rules) => {
      await panelTab.panel.evaluate((key, json) => localStorage.setItem(key, json), rulesKey, js(rules));
      const t = await tab(withExt, 'panel');
      const banner = await waitFor(() => t.panel.$eval('.rules-banner', (b) => b.textContent ?? '').catch(() => ''), (b) => b.includes(`${rules.length} rule`), 10_000);
      if (!banner.ok) throw new Error(`B8: the panel did not load the rules (banner: ${banner.value})`);
      return t;
    };
    const conditions = { devtools: await tab(plain, 'devtools'), extPanel: panelTab, rules20: await withRules(nothing), rewrite: await withRules(rewrite) };
    await panelTab.panel.evaluate((key) => localStorage.removeItem(key), rulesKey);
    const { ratio, med, spread } = await overhead('B8', conditions, C.b2RoundTrips, false);
    const rewritten = await conditions.rewrite.page.evaluate(`new Promise((resolve) => { const ws = new WebSocket(${js(servers.echo)}); ws.onopen = () => ws.send('xyz'); ws.onmessage = (e) => { ws.close(); resolve(e.data); }; })`);
    report('B8', `20 rules that match nothing (regex, text and JSON conditions on every frame), WS panel open ÷ WS panel open without rules (${med('rules20')} / ${med('extPanel')}; ${spread('rules20', 'extPanel')})`, fmtRatio(ratio('rules20', 'extPanel')), 'info', undefined);
    report('B8', `the same ÷ DevTools open without the extension (like B2; ${med('rules20')} / ${med('devtools')})`, fmtRatio(ratio('rules20', 'devtools')), 'info', undefined);
    report('B8', `one rewrite rule matching every frame both ways (the page got ${js(rewritten)} back for "xyz"), ÷ WS panel open without rules (${med('rewrite')} / ${med('extPanel')}; ${spread('rewrite', 'extPanel')})`, fmtRatio(ratio('rewrite', 'extPanel')), 'info', undefined);
    report('B8', `the same ÷ DevTools open without the extension (like B2; ${med('rewrite')} / ${med('devtools')})`, fmtRatio(ratio('rewrite', 'devtools')), 'info', undefined);
    for (const t of Object.values(conditions)) await t.page.close();
  }

  // ── B9: memory with many tabs, DevTools closed ────────────────────────────
  if (wants('B9')) {
    const rate = 100;
    const size = 1024;
    console.log(`\nB9 many tabs: ${C.tabs} tabs per browser, each receiving ${rate} frames/s of ${size} B for ${C.streamSeconds} s, DevTools closed`);
    const page = `<!doctype html><title>stream</title><script>window.got = 0; const s = new WebSocket(${js(servers.stream)}); s.onopen = () => s.send('stream ${rate} ${size}'); s.onmessage = () => window.got++;</script>`;
    servers.setPage('/stream', page);
    const open = async (session) => {
      const tabs = [];
      for (let i = 0; i < C.tabs; i++) {
        const p = await session.browser.newPage();
        await p.goto(`${servers.origin}/stream`);
        tabs.push({ page: p, cdp: await p.createCDPSession() });
      }
      return tabs;
    };
    /** Each tab's JS heap after forced garbage collection (what the page's renderer holds for it). */
    const heaps = async (tabs) => {
      const out = [];
      for (const t of tabs) {
        for (let i = 0; i < 2; i++) await t.cdp.send('HeapProfiler.collectGarbage');
        out.push((await t.cdp.send('Runtime.getHeapUsage')).usedSize);
      }
      return out;
    };
    const without = await open(plain);
    const withTabs = await open(withExt);
    await sleep(C.streamSeconds * 1000);
    const got = await Promise.all([...without, ...withTabs].map((t) => t.page.evaluate('window.got')));
    const [a, b] = [await heaps(without), await heaps(withTabs)];
    // Payload strings live outside the JS heap (Blink hands large strings to V8 as external strings), so the renderers'
    // whole memory is measured too: proportional set size of every page renderer of each browser, from /proc.
    const [pa, pb] = [rendererPss(plain), rendererPss(withExt)];
    const mib = (x) => (x / 1048576).toFixed(1);
    log(`frames received per tab: min ${Math.min(...got)}, max ${Math.max(...got)}; JS heaps without ${a.map(mib).join(', ')} MiB; with ${b.map(mib).join(', ')} MiB; renderers ${mib(pa)} / ${mib(pb)} MiB`);
    const frames = Math.min(DEFAULT_LIMITS.maxFrames, median(got));
    report('B9', `page renderers' memory (PSS) per tab after ${C.streamSeconds} s, with ÷ without the extension (${mib(pb / C.tabs)} / ${mib(pa / C.tabs)} MiB)`, fmtRatio(pb / pa), 'info', undefined);
    report('B9', `the extension's extra memory per tab, renderers' PSS (its history keeps at most ${DEFAULT_LIMITS.maxFrames.toLocaleString('en')} frames and ${mib(DEFAULT_LIMITS.maxBytes)} MiB of payload per document; here ≈ ${frames.toLocaleString('en')} frames of ${size} B)`, `${mib((pb - pa) / C.tabs)} MiB`, 'info', undefined);
    report('B9', `the same, page JS heap only (median of ${C.tabs} tabs: ${mib(median(b))} / ${mib(median(a))} MiB)`, `${mib(median(b) - median(a))} MiB`, 'info', undefined);
    for (const t of [...without, ...withTabs]) await t.page.close();
  }

  // ── B3: delivery of a burst to the panel ──────────────────────────────────
  if (wants('B3')) {
    console.log(`\nB3 delivery: a burst of ${C.burst.toLocaleString('en')} frames of 100 bytes into a page with the WS panel open`);
    const t = await tab(withExt, 'panel');
    const latencies = [];
    let counts = [];
    let statusLast = '';
    for (let rep = 0; rep < C.burstReps; rep++) {
      await fresh(t);
      const expected = C.burst + 1; // the page's own "burst" request is a frame too
      // In the panel: note the wall-clock time the status line first shows every frame.
      await t.panel.evaluate((expected) => {
        window.__shownAt = undefined;
        const status = document.querySelector('[role=status]');
        const check = () => {
          const m = /^(\d+) of (\d+) frames/.exec(status.textContent ?? '');
          if (m && Number(m[1]) >= expected && window.__shownAt === undefined) window.__shownAt = performance.timeOrigin + performance.now();
        };
        new MutationObserver(check).observe(status, { subtree: true, childList: true, characterData: true });
      }, expected);
      const lastArrival = await t.page.evaluate(`(${burst})(${js(servers.burst)}, ${C.burst}, 100)`);
      const shown = await waitFor(() => t.panel.evaluate(() => window.__shownAt), (v) => v !== undefined, 60_000);
      statusLast = await statusText(t.panel);
      const frames = Number(/^(\d+) of/.exec(statusLast)?.[1] ?? 0);
      counts.push(frames - 1);
      latencies.push(shown.ok ? shown.value - lastArrival : Infinity);
      log(`rep ${rep + 1}: ${frames - 1} frames shown, last shown ${shown.ok ? fmtMs(shown.value - lastArrival) : 'never'} after it arrived; status: ${statusLast}`);
    }
    const got = Math.min(...counts);
    const dropped = /(\d+) frames dropped/.exec(statusLast)?.[1];
    report('B3', `frames reaching the panel (of ${C.burst.toLocaleString('en')})${dropped ? `, status also says ${dropped} dropped by the history caps` : ''}`, got.toLocaleString('en'), 'all', got === C.burst);
    const lat = median(latencies);
    report('B3', 'last frame in the page → shown in the panel', fmtMs(lat), '≤ 1 s', lat <= 1000);
    await t.page.close();
  }

  // ── B4: the panel store and table at scale ────────────────────────────────
  if (wants('B4')) {
    console.log(`\nB4 panel at scale: ${C.b4Frames.toLocaleString('en')} synthetic 100-byte text frames through the real store and App`);
    const page = await plain.browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const cdp = await page.createCDPSession();
    await page.goto(`${servers.origin}/b4/index.html`);
    await page.waitForFunction(() => window.b4);
    const heap = async () => {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const t0 = await page.evaluate(() => window.b4.init());
    await page.evaluate(() => window.b4.mount());
    const before = await heap();
    const applyMs = await page.evaluate((n, t0) => window.b4.feed(n, 100, t0), C.b4Frames, t0);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    const after = await heap();
    const perFrame = (after - before) / C.b4Frames - 100;
    report('B4', `apply ${C.b4Frames.toLocaleString('en')} frames (store + visible/counts)`, `${fmtMs(applyMs)} (${((applyMs * 1000) / C.b4Frames).toFixed(2)} µs/frame)`, 'info', undefined);
    const filters = [];
    for (const q of ['/0{3}1[0-9]7/', '/"n":0+42/', '/x{200}/']) {
      const runs = [];
      for (let i = 0; i < 3; i++) {
        await page.evaluate(() => window.b4.filter(''));
        runs.push(await page.evaluate((q) => window.b4.filter(q), q));
      }
      filters.push(median(runs.map((r) => r.ms)));
      log(`filter ${q}: ${runs.map((r) => `${r.ms.toFixed(0)} ms (${r.shown} shown)`).join(', ')}`);
    }
    await page.evaluate(() => window.b4.filter(''));
    const f = Math.max(...filters);
    report('B4', 'regex filter over all frames (slowest of 3 regexes, median of 3)', fmtMs(f), '≤ 150 ms', f <= 150);
    const scroll = await page.evaluate((n) => window.b4.scroll(n), C.scrollSteps);
    const s = median(scroll.times);
    report('B4', `scroll step (one screen, ${scroll.rendered} rows rendered; median of ${C.scrollSteps}, max ${fmtMs(Math.max(...scroll.times))})`, fmtMs(s), '≤ 16 ms', s <= 16);
    report('B4', `JS heap per frame beyond its 100-byte payload (${((after - before) / 1048576).toFixed(0)} MiB for all)`, `${perFrame.toFixed(0)} B`, '≤ 200 B', perFrame <= 200);
    log('status:', await page.evaluate(() => window.b4.status()));
    // The timeline (issue 17): hidden above, so it cost nothing; shown, one pass over the rows, then per added row.
    const tl = await page.evaluate((t0, from) => window.b4.timeline(t0, from), t0, C.b4Frames);
    report('B4', `show the timeline over ${tl.rows.toLocaleString('en')} rows: its bins (${tl.bins}) built in one pass`, fmtMs(tl.firstPass), '≤ 100 ms', tl.firstPass <= 100);
    report('B4', `apply 10,000 more frames with the timeline shown (${tl.rebuilds} rebuild${tl.rebuilds === 1 ? '' : 's'} in all), ÷ 10,000 just before with it hidden (${tl.perFrameUs.toFixed(2)} / ${tl.hiddenUs.toFixed(2)} µs/frame)`, fmtRatio(tl.perFrameUs / tl.hiddenUs), 'info', undefined);
    await page.close();
  }

  // ── B5: 16 MiB frames ─────────────────────────────────────────────────────
  if (wants('B5')) {
    console.log(`\nB5 big frames: one 16 MiB text and one 16 MiB binary frame each way through the echo server, ${C.bigReps} repetitions`);
    const conditions = {
      base: await tab(plain, 'plain'),
      extClosed: await tab(withExt, 'plain'),
      devtools: await tab(plain, 'devtools'),
      extPanel: await tab(withExt, 'panel'),
    };
    const names = Object.keys(conditions);
    const res = Object.fromEntries(names.map((n) => [n, []]));
    const panelStalls = [];
    let panelOk = true;
    let panelRows = [];
    for (let rep = 0; rep < C.bigReps; rep++) {
      for (const name of names.map((_, i) => names[(i + rep) % names.length])) {
        const t = conditions[name];
        await fresh(t);
        if (t.panel)
          await t.panel.evaluate(() => {
            let last = performance.now();
            window.__stall = 0;
            clearInterval(window.__stallTimer);
            window.__stallTimer = setInterval(() => {
              const n = performance.now();
              window.__stall = Math.max(window.__stall, n - last);
              last = n;
            }, 5);
          });
        const r = await t.page.evaluate(`(${bigFrames})(${js(servers.echo)}, ${BIG})`);
        res[name].push(r);
        if (t.panel) {
          const rows = await waitFor(
            () => t.panel.$$eval('[role=rowgroup] [role=row] .c-data .truncated', (c) => c.map((x) => x.textContent)),
            (r) => r.length >= 4,
            30_000,
          );
          panelRows = rows.value;
          panelOk &&= rows.ok && rows.value.every((x) => x.includes(`${BIG} bytes in all`));
          if (!panelOk) log('panel rows:', JSON.stringify(rows));
          await sleep(200);
          panelStalls.push(await t.panel.evaluate(() => window.__stall));
        }
      }
      log(`rep ${rep + 1}:`, names.map((n) => `${n} text ${res[n][rep].text.toFixed(0)} / binary ${res[n][rep].binary.toFixed(0)} ms (page stall ${res[n][rep].pageStall.toFixed(0)})`).join('; '));
    }
    for (const kind of ['text', 'binary']) {
      const ratio = (a, b) => median(res[a].map((x, i) => x[kind] / res[b][i][kind]));
      const med = (n) => fmtMs(median(res[n].map((x) => x[kind])));
      report('B5', `${kind} 16 MiB round trip, panel closed, with ÷ without (${med('extClosed')} / ${med('base')})`, fmtRatio(ratio('extClosed', 'base')), 'info', undefined);
      report('B5', `${kind} 16 MiB round trip, WS panel open ÷ DevTools open without the extension (${med('extPanel')} / ${med('devtools')})`, fmtRatio(ratio('extPanel', 'devtools')), 'info', undefined);
    }
    const stall = (n) => median(res[n].map((x) => x.pageStall));
    // DevTools' own network agent copies each frame into its log on the page's main thread (the Network panel's
    // Messages tab): with DevTools open, the page stalls for that without the extension too. The WS panel lives in DevTools.
    report('B5', `page's longest main-thread stall, panel closed (without the extension: ${fmtMs(stall('base'))})`, fmtMs(stall('extClosed')), 'info', undefined);
    report('B5', `page's longest main-thread stall, WS panel open (DevTools open without the extension: ${fmtMs(stall('devtools'))})`, fmtMs(stall('extPanel')), '≤ 100 ms', stall('extPanel') <= 100);
    report('B5', `panel shows 4 rows truncated at the cap with the true length (${panelRows.length} shown)`, panelOk ? 'yes' : 'no', 'yes', panelOk);
    const ps = median(panelStalls);
    log('panel stalls:', panelStalls.map((s) => s.toFixed(0)).join(', '));
    report('B5', "panel's longest main-thread stall meanwhile (no freeze)", fmtMs(ps), '≤ 100 ms', ps <= 100);
    for (const t of Object.values(conditions)) await t.page.close();
  }

  // ── B6: page hook cost ────────────────────────────────────────────────────
  if (wants('B6')) {
    console.log('\nB6 page hook cost');
    const hookSrc = readFileSync(join(ROOT, 'dist/chrome/src/page/hook.js'), 'utf8');
    const size = Buffer.byteLength(hookSrc);
    report('B6', `built page hook, minified (${gzipSync(hookSrc).length} B gzipped)`, `${(size / 1024).toFixed(2)} KiB`, '≤ 16 KiB', size <= 16384);
    const page = await plain.browser.newPage();
    await page.goto(PAGE);
    const times = await page.evaluate(async (src, n) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const f = document.createElement('iframe');
        document.body.append(f);
        const w = f.contentWindow;
        // A fresh document: the hook runs there as a classic script, like at document_start, before any page script.
        const t0 = performance.now();
        w.eval(src);
        out.push(performance.now() - t0);
        if (w.WebSocket === WebSocket) throw new Error('the hook did not install');
        f.remove();
      }
      return out;
    }, hookSrc, C.hookFrames);
    const warm = median(times.slice(1));
    report('B6', `install time per frame (median of ${C.hookFrames} fresh iframes; first ${fmtMs(times[0])}, max ${fmtMs(Math.max(...times))})`, `${warm.toFixed(3)} ms`, '≤ 1 ms', warm <= 1);
    await page.close();
  }

  // ── B10: importing HAR files, and the timeline over them ────────────────────
  if (wants('B10')) await importBench({ session: withExt, servers, root: ROOT, quick, reps: C.reps, report, log, fmtMs });

  // ── B7: decoders (Node) ───────────────────────────────────────────────────
  if (wants('B7')) {
    // Its own process: a fresh heap, nothing of the browsers' clients in it; the real decoders and store, bundled as
    // the panel bundles them (bench/b7/main.ts). Decoding runs in the panel's page; Node's V8 is the same engine.
    const out = execFileSync(process.execPath, ['--expose-gc', join(ROOT, '.tmp/bench-b7/main.mjs'), ...(quick ? ['--quick'] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop());
    const n = (x) => x.toLocaleString('en');
    console.log(`\nB7 decoders (Node ${process.version}): ${n(r.decodeFrames)} frames per format made by the real encoders, median of ${r.reps}; a store of ${n(r.filterFrames)} frames filtered by a decoded field`);
    for (const [key, label, frames] of [['socketIo', 'Socket.IO', 'Engine.IO v4 text frames (events with and without ack ids, acks, a namespace, ping/pong)'], ['msgpack', 'MessagePack', 'binary frames (a 9-key tick map)']]) {
      const kept = r[key];
      const scan = r[`${key}Uncached`];
      log(`${label}: kept ${kept.runs.map(fmtMs).join(', ')}; not kept ${scan.runs.map(fmtMs).join(', ')}; e.g. ${kept.sample}`);
      report('B7', `decode and summarise ${n(r.decodeFrames)} ${label} ${frames}, results kept in the per-frame cache as for shown rows (CPU ${fmtMs(kept.cpu)})`, fmtMs(kept.ms), '≤ 1000 ms', kept.ms <= 1000);
      report('B7', `the same, not kept (a filter's scan; CPU ${fmtMs(scan.cpu)})`, fmtMs(scan.ms), 'info', undefined);
    }
    const { cold, warm, again } = r.filter;
    log(`store: ${n(r.filterFrames)} frames applied in ${fmtMs(r.applyMs)}; connections decoded as ${r.protocols.join(', ')}; hide heartbeats ${fmtMs(r.hideHeartbeats.ms)} (${n(r.hideHeartbeats.hidden)} hidden)`);
    report('B7', `filter ${n(r.filterFrames)} frames (3 Socket.IO connections, 1 MessagePack) by \`event:chat\` through the panel store, first pass: every frame decoded (${n(cold.shown)} shown; CPU ${fmtMs(cold.cpu)})`, fmtMs(cold.ms), '≤ 1500 ms', cold.ms <= 1500);
    report('B7', `then \`event:news\` and \`event:chat\` again (decoded fields already known; ${n(warm.shown)} / ${n(again.shown)} shown)`, `${fmtMs(warm.ms)} / ${fmtMs(again.ms)}`, 'info', undefined);
  }
} finally {
  await Promise.all(sessions.map((s) => s.close()));
  await servers?.close();
}

// ── The table ───────────────────────────────────────────────────────────────
const rows = results.map((r) => `| ${r.figure} | ${r.what} | ${r.value} | ${r.goal ?? ''} | ${r.pass === undefined ? '—' : r.pass ? 'pass' : '**fail**'} |`);
console.log(`\nWS Inspector benchmarks${quick ? ' (quick: reduced sizes, not the claims)' : ''}, ${new Date().toISOString()}, ${chromiumVersion}`);
console.log('| figure | measured | value | goal | result |\n|---|---|---|---|---|\n' + rows.join('\n'));
const failed = results.filter((r) => r.pass === false).length;
console.log(`\n${results.filter((r) => r.pass !== undefined).length - failed} goals met, ${failed} not met`);

// ── docs/benchmarks.md ──────────────────────────────────────────────────────
// With --write, a full-size run writes its figures there itself (each figure's block replaced, the rest kept); a quick
// run's reduced sizes are not the claims, so it never does.
if (flag('write') && quick) log('--write is ignored with --quick: reduced sizes are not the claims');
if (flag('write') && !quick && results.length) {
  const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? ' + uncommitted changes' : '');
  // The machine's load when the run ended: figures made while other work ran are noisier, and the page says so.
  const how = `\`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\`, load average ${loadavg()[0].toFixed(1)} at the end`;
  const blocks = new Map();
  for (const figure of [...new Set(results.map((r) => r.figure))]) {
    const engine = figure === 'B7' ? `Node ${process.version} (V8, as in the panel)` : chromiumVersion;
    blocks.set(figure, figureBlock('chromium', figure, { when: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), commit, engine, how: ['B1', 'B2', 'B8'].includes(figure) ? `${how}, ${C.reps} repetitions` : how }, results.filter((r) => r.figure === figure)));
  }
  const docs = join(ROOT, 'docs/benchmarks.md');
  writeFileSync(docs, mergeFigures(readFileSync(docs, 'utf8'), 'chromium', blocks));
  log(`wrote ${[...blocks.keys()].join(', ')} into docs/benchmarks.md`);
  const readme = join(ROOT, 'README.md');
  writeFileSync(readme, readmeHeadline(readFileSync(readme, 'utf8'), readFileSync(docs, 'utf8')));
  log('rewrote the README headline from the benchmarks page');
}
