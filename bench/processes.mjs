// `node bench/processes.mjs [panel|devtools|closed|plain] [text|binary] [round trips]`: where the CPU goes during B1/B2's
// workload — CPU time per Chromium process (and per renderer thread) and for the echo server, read from /proc (Linux).
// A diagnostic beside `npm run bench`: the bench measures the page's time, this says which process pays for it.
import { readFileSync, readdirSync } from 'node:fs';
import { launch, openPanel, sleep, startServers } from './lib.mjs';
import { roundTrips } from './pageScripts.mjs';

const [condition = 'panel', kind = 'text', count = '20000'] = process.argv.slice(2);
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
const servers = await startServers();
servers.setPage('/page', '<!doctype html><title>processes</title>');
const session = await launch({ extension: condition === 'panel' || condition === 'closed' });
const page = await session.browser.newPage();
await page.goto(`${servers.origin}/page`);
if (condition === 'panel') await openPanel(session, page);
if (condition === 'devtools') await page.openDevTools();
await sleep(1500);

/** CPU milliseconds of one /proc stat line (utime + stime). */
const cpuOf = (stat) => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1000;
};
const read = (path) => readFileSync(path, 'utf8');

/** CPU ms by process (Chromium's, named by --type, and node's) and by renderer thread. */
function snapshot() {
  const out = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = read(`/proc/${pid}/cmdline`).split('\0').join(' ');
      if (!/chromium|node/.test(cmd.split(' ')[0])) continue;
      const type = (cmd.match(/--type=(\S+)/)?.[1] ?? (cmd.includes('node') ? 'node (servers)' : 'browser')) + (cmd.includes('--extension-process') ? ' (extension)' : '');
      out.set(pid, { name: `${pid} ${type}`, cpu: cpuOf(read(`/proc/${pid}/stat`)) });
      if (!type.startsWith('renderer')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`))
        out.set(`${pid}/${tid}`, { name: `  thread ${read(`/proc/${pid}/task/${tid}/comm`).trim()}`, cpu: cpuOf(read(`/proc/${pid}/task/${tid}/stat`)) });
    } catch {
      // The process or thread ended meanwhile.
    }
  }
  return out;
}

const before = snapshot();
const ms = await page.evaluate(`(${roundTrips})(${JSON.stringify(servers.echo)}, ${Number(count)}, 100, ${kind === 'binary'}, 16)`);
await sleep(500);
const after = snapshot();
console.log(`${condition}, ${kind}: ${Number(count).toLocaleString('en')} round trips in ${ms.toFixed(0)} ms; CPU ms spent meanwhile:`);
for (const [key, { name, cpu }] of after) {
  const spent = cpu - (before.get(key)?.cpu ?? 0);
  if (spent >= 20) console.log(`${spent.toFixed(0).padStart(7)}  ${name}`);
}
await session.close();
await servers.close();
