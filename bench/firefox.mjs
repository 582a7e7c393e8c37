// `npm run bench -- --browser firefox [--write] [--quick] [--only=B1,B3] [--reps=N] [--no-build]`: B1, B2, B3 and B5 in
// Debian's firefox-esr, measured like Chromium's (bench/run.mjs): one Firefox with the add-on and one without, up
// together, conditions alternating in segments. B2's baseline is Firefox's own inspector open (the toolbox on its
// Network panel, which records WebSocket frames), as Chromium's is DevTools open. The browsers are driven through the
// same driver as the E2E tests (test/support/firefox.ts, bundled for Node at start).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { fmtMs, fmtRatio, measureOverhead, median, sleep, startServers, waitFor } from './lib.mjs';
import { bigFrames, burst } from './pageScripts.mjs';
import { figureBlock, mergeFigures } from './report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = flag('quick');
const only = option('only')?.toUpperCase().split(',');
const wants = (id) => !only || only.includes(id);
const C = quick
  ? { roundTrips: 4_000, b2RoundTrips: 2_000, reps: Number(option('reps') ?? 1), burst: 10_000, burstReps: 1, bigReps: 1 }
  : { roundTrips: 40_000, b2RoundTrips: 10_000, reps: Number(option('reps') ?? 3), burst: 100_000, burstReps: 3, bigReps: 3 };
const SEGMENTS = 10;
const WINDOW = 16;
const BIG = 16 * 1024 * 1024;
const js = JSON.stringify;
/** The frames the panel's status line counts (`N of M frames…`). */
const statusCount = (status) => Number(/^(\d+) of/.exec(status)?.[1] ?? 0);
const log = (...a) => console.error('·', ...a);

const results = [];
const report = (figure, what, value, goal, pass) => {
  results.push({ figure, what, value, goal, pass });
  console.log(`  ${figure} ${what}: ${value}${goal ? `  (goal ${goal}: ${pass === undefined ? '—' : pass ? 'pass' : 'FAIL'})` : ''}`);
};

if (!flag('no-build')) {
  log('building dist/firefox');
  execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
// The E2E driver, bundled into plain JavaScript for Node.
const driverFile = join(ROOT, '.tmp/bench-firefox/driver.mjs');
{
  const build = await rolldown({ input: join(ROOT, 'test/support/firefox.ts'), platform: 'node', external: [/^puppeteer-core/, /^node:/], logLevel: 'silent' });
  await build.write({ file: driverFile, format: 'esm' });
  await build.close();
}
const { FirefoxDriver } = await import(driverFile);

const servers = await startServers();
servers.setPage('/page', '<!doctype html><title>bench page</title><p>WS Inspector bench</p>');
const PAGE = `${servers.origin}/page`;
const plain = await FirefoxDriver.launch({ extension: false });
const withExt = await FirefoxDriver.launch({ extension: true });
const version = await plain.browser.version();

/** A tab in a condition: 'plain', 'inspector' (the toolbox on Firefox's Network panel) or 'panel' (the WS panel). */
async function tab(driver, kind) {
  const page = await driver.openPage(PAGE);
  const t = { page, kind };
  if (kind === 'panel') t.panel = await driver.openPanel(page);
  else if (kind === 'inspector') await driver.openDevTools(page, 'netmonitor');
  return t;
}
async function fresh(t) {
  await t.page.bringToFront();
  await t.page.goto(PAGE);
  if (t.panel) await waitFor(() => t.panel.status(), (s) => /^0 of 0 frames/.test(s), 5000);
}
const overhead = (label, conditions, count, binary) => measureOverhead({ label, conditions, count, binary, reps: C.reps, segments: SEGMENTS, fresh, echo: servers.echo, windowSize: WINDOW });

try {
  if (wants('B1')) {
    console.log(`\nB1 (Firefox) page overhead, panel closed: ${C.roundTrips.toLocaleString('en')} echo round trips of 100 bytes, ${WINDOW} in flight, ${C.reps} repetitions`);
    const conditions = { base: await tab(plain, 'plain'), extClosed: await tab(withExt, 'plain') };
    for (const binary of [false, true]) {
      const { ratio, med, spread } = await overhead('B1', conditions, C.roundTrips, binary);
      const r = ratio('extClosed', 'base');
      report('B1', `Firefox, ${binary ? 'binary' : 'text'}, panel closed, with ÷ without (${med('extClosed')} / ${med('base')}; ${spread('extClosed', 'base')})`, fmtRatio(r), '≤ 1.03', r <= 1.03);
    }
    for (const t of Object.values(conditions)) await t.page.close();
  }
  if (wants('B2')) {
    console.log(`\nB2 (Firefox) page overhead, panel open: ${C.b2RoundTrips.toLocaleString('en')} echo round trips of 100 bytes, ${C.reps} repetitions`);
    const conditions = { base: await tab(plain, 'plain'), inspector: await tab(plain, 'inspector'), extPanel: await tab(withExt, 'panel') };
    for (const binary of [false, true]) {
      const { ratio, med, spread } = await overhead('B2', conditions, C.b2RoundTrips, binary);
      const kind = binary ? 'binary' : 'text';
      const r = ratio('extPanel', 'inspector');
      report('B2', `Firefox, ${kind}, WS panel open ÷ Firefox's Network panel open without the add-on (${med('extPanel')} / ${med('inspector')}; ${spread('extPanel', 'inspector')})`, fmtRatio(r), '≤ 1.10', r <= 1.1);
      report('B2', `Firefox, ${kind}, WS panel open ÷ no DevTools, no add-on (${med('extPanel')} / ${med('base')})`, fmtRatio(ratio('extPanel', 'base')), 'info', undefined);
      report('B2', `Firefox, ${kind}, rival: the Network panel open, no add-on ÷ without (${med('inspector')} / ${med('base')})`, fmtRatio(ratio('inspector', 'base')), 'info', undefined);
    }
    for (const t of Object.values(conditions)) await t.page.close();
  }
  if (wants('B3')) {
    console.log(`\nB3 (Firefox) delivery: a burst of ${C.burst.toLocaleString('en')} frames of 100 bytes with the WS panel open, ${C.burstReps} repetitions`);
    const t = await tab(withExt, 'panel');
    const latencies = [];
    const counts = [];
    for (let rep = 0; rep < C.burstReps; rep++) {
      await fresh(t);
      // The panel itself notes when its status line first counts them all (a MutationObserver in the panel page, as in
      // Chromium's B3); the driver only reads that time afterwards.
      await t.panel.watchStatusCount(C.burst + 1);
      const lastArrival = await t.page.evaluate(`(${burst})(${js(servers.burst)}, ${C.burst}, 100)`);
      const shown = await waitFor(async () => statusCount(await t.panel.status()), (n) => n >= C.burst + 1, 60_000);
      counts.push(shown.value - 1);
      const seenAt = await t.panel.statusCountSeenAt();
      latencies.push(shown.ok && seenAt !== null ? seenAt - lastArrival : Infinity);
      log(`rep ${rep + 1}: ${counts.at(-1)} frames shown, the last ${fmtMs(latencies.at(-1))} after it arrived`);
    }
    const frames = Math.min(...counts);
    report('B3', `Firefox, frames reaching the panel (of ${C.burst.toLocaleString('en')})`, frames.toLocaleString('en'), 'all', frames === C.burst);
    const lat = median(latencies);
    report('B3', `Firefox, last frame in the page → shown in the panel (median of ${C.burstReps})`, fmtMs(lat), '≤ 1 s', lat <= 1000);
    await t.page.close();
  }
  if (wants('B5')) {
    console.log(`\nB5 (Firefox) big frames: one 16 MiB text and one 16 MiB binary frame each way, ${C.bigReps} repetitions`);
    const conditions = { base: await tab(plain, 'plain'), extClosed: await tab(withExt, 'plain'), inspector: await tab(plain, 'inspector'), extPanel: await tab(withExt, 'panel') };
    const names = Object.keys(conditions);
    const res = Object.fromEntries(names.map((n) => [n, []]));
    let panelOk = true;
    for (let rep = 0; rep < C.bigReps; rep++) {
      for (const name of names.map((_, i) => names[(i + rep) % names.length])) {
        const t = conditions[name];
        await fresh(t);
        res[name].push(await t.page.evaluate(`(${bigFrames})(${js(servers.echo)}, ${BIG})`));
        if (t.panel) {
          const rows = await waitFor(async () => (await t.panel.rows()).filter((r) => r.data.includes(`${BIG} bytes in all`)), (r) => r.length >= 4, 30_000);
          panelOk &&= rows.ok;
        }
      }
      log(`rep ${rep + 1}:`, names.map((n) => `${n} text ${res[n][rep].text.toFixed(0)} / binary ${res[n][rep].binary.toFixed(0)} ms (page stall ${res[n][rep].pageStall.toFixed(0)})`).join('; '));
    }
    for (const kind of ['text', 'binary']) {
      const ratio = (a, b) => median(res[a].map((x, i) => x[kind] / res[b][i][kind]));
      const med = (n) => fmtMs(median(res[n].map((x) => x[kind])));
      report('B5', `Firefox, ${kind} 16 MiB round trip, panel closed, with ÷ without (${med('extClosed')} / ${med('base')})`, fmtRatio(ratio('extClosed', 'base')), 'info', undefined);
      report('B5', `Firefox, ${kind} 16 MiB round trip, WS panel open ÷ the Network panel open without the add-on (${med('extPanel')} / ${med('inspector')})`, fmtRatio(ratio('extPanel', 'inspector')), 'info', undefined);
    }
    const stall = (n) => median(res[n].map((x) => x.pageStall));
    report('B5', `Firefox, page's longest main-thread stall, WS panel open (without the add-on: ${fmtMs(stall('base'))}; the Network panel open: ${fmtMs(stall('inspector'))})`, fmtMs(stall('extPanel')), '≤ 100 ms', stall('extPanel') <= 100);
    report('B5', 'Firefox, panel shows 4 rows truncated at the cap with the true length', panelOk ? 'yes' : 'no', 'yes', panelOk);
    for (const t of Object.values(conditions)) await t.page.close();
  }
} finally {
  await Promise.all([plain.close(), withExt.close()]);
  await servers.close();
}

console.log(`\nWS Inspector benchmarks in Firefox${quick ? ' (quick: reduced sizes, not the claims)' : ''}, ${new Date().toISOString()}, ${version}`);
console.log('| figure | measured | value | goal | result |\n|---|---|---|---|---|\n' + results.map((r) => `| ${r.figure} | ${r.what} | ${r.value} | ${r.goal ?? ''} | ${r.pass === undefined ? '—' : r.pass ? 'pass' : '**fail**'} |`).join('\n'));
if (flag('write') && !quick && results.length) {
  const git = (...a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? ' + uncommitted changes' : '');
  const how = `\`npm run bench -- ${argv.join(' ')}\`, load average ${loadavg()[0].toFixed(1)} at the end`;
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const blocks = new Map();
  for (const figure of [...new Set(results.map((r) => r.figure))])
    blocks.set(figure, figureBlock('firefox', figure, { when, commit, engine: `Firefox ${version}`, how: ['B1', 'B2'].includes(figure) ? `${how}, ${C.reps} repetitions` : how }, results.filter((r) => r.figure === figure)));
  const docs = join(ROOT, 'docs/benchmarks.md');
  writeFileSync(docs, mergeFigures(readFileSync(docs, 'utf8'), 'firefox', blocks));
  log(`wrote ${[...blocks.keys()].join(', ')} (Firefox) into docs/benchmarks.md`);
}
