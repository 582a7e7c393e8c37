// Bench support (Node): writes a run's figures into docs/benchmarks.md between markers, one block per browser and
// figure, so every number on that page is one a run printed; a partial run (`--only`) replaces only its own blocks.

const start = (browser, figure) => `<!-- bench:${browser}:${figure} -->`;
const end = (browser, figure) => `<!-- /bench:${browser}:${figure} -->`;

/** A figure's block: where and when it was measured, then its table. */
export function figureBlock(browser, figure, { when, commit, engine, how }, rows) {
  const lines = rows.map((r) => `| ${r.figure} | ${r.what} | ${r.value} | ${r.goal ?? ''} | ${r.pass === undefined ? '—' : r.pass ? 'pass' : '**fail**'} |`);
  return [
    start(browser, figure),
    `**${figure}** — run ${when} on commit \`${commit}\`, ${engine} (${how})`,
    '',
    '| figure | measured | value | goal | result |',
    '|---|---|---|---|---|',
    ...lines,
    end(browser, figure),
  ].join('\n');
}

/**
 * The markdown with the given figures' blocks replacing their old ones, every block of that browser in figure order
 * just before its summary block, and the summary recounted over every block now on the page for that browser.
 */
export function mergeFigures(markdown, browser, blocks) {
  const summaryStart = start(browser, 'summary');
  const summaryEnd = end(browser, 'summary');
  if (!markdown.includes(summaryStart) || !markdown.includes(summaryEnd)) throw new Error(`docs/benchmarks.md has no ${summaryStart} marker: cannot place the figures`);
  const pattern = new RegExp(`${start(browser, '(B\\d+)')}[\\s\\S]*?${end(browser, '\\1')}\\n*`, 'g');
  const all = new Map();
  for (const m of markdown.matchAll(pattern)) all.set(m[1], m[0].trimEnd());
  for (const [figure, block] of blocks) all.set(figure, block);
  const ordered = [...all].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([, block]) => block);
  let met = 0;
  let missed = 0;
  for (const body of ordered) {
    met += (body.match(/\| pass \|$/gm) ?? []).length;
    missed += (body.match(/\| \*\*fail\*\* \|$/gm) ?? []).length;
  }
  const md = markdown.replace(pattern, '');
  const from = md.indexOf(summaryStart);
  const to = md.indexOf(summaryEnd) + summaryEnd.length;
  const summary = `${summaryStart}\nOn this page for ${browser}: **${met} goals met, ${missed} not met**.\n${summaryEnd}`;
  return md.slice(0, from) + [...ordered, summary].join('\n\n') + md.slice(to);
}

/**
 * The README's headline (between `<!-- bench:readme -->` markers): every figure with a goal on the benchmarks page
 * (its Chromium blocks, each from the run that wrote it), short; rewritten after every written run, so the README
 * and the page never disagree and nothing in either is typed.
 */
export function readmeHeadline(readme, benchmarksPage) {
  const from = readme.indexOf('<!-- bench:readme -->');
  const to = readme.indexOf('<!-- /bench:readme -->');
  if (from < 0 || to < from) throw new Error('README.md has no <!-- bench:readme --> block');
  const lines = [];
  for (const [, figure, body] of benchmarksPage.matchAll(/<!-- bench:chromium:(B\d+) -->([\s\S]*?)<!-- \/bench:chromium:\1 -->/g)) {
    const run = /— run (\S+) on commit `([^`]*)`/.exec(body);
    for (const [, what, value, goal, result] of body.matchAll(/^\| B\d+ \| (.*) \| (.*) \| (.*) \| (pass|\*\*fail\*\*) \|$/gm))
      lines.push(`- ${figure} ${what.replace(/ \(.*\)$/, '')}: **${value}** (goal ${goal}${result === 'pass' ? '' : ', not met'}${run ? `; ${run[1].slice(0, 10)}, \`${run[2]}\`` : ''})`);
  }
  const body = [
    '<!-- bench:readme -->',
    'Every Chromium figure with a goal, as the last runs wrote them into the benchmarks page (`npm run bench -- --write`; each',
    "block there names its run, commit and the machine's load):",
    ...lines,
    '<!-- /bench:readme -->',
  ].join('\n');
  return readme.slice(0, from) + body + readme.slice(to + '<!-- /bench:readme -->'.length);
}
