import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module of the bench scripts, no types
import { figureBlock, mergeFigures, readmeHeadline } from '../../bench/report.mjs';

const run = { when: '2026-12-03T10:00:00Z', commit: 'abc1234', engine: 'Chrome/156', how: '`npm run bench`' };
const row = (figure: string, pass: boolean | undefined) => ({ figure, what: 'x', value: '1', goal: pass === undefined ? 'info' : '≤ 2', pass });
const page = '# Benchmarks\n\n<!-- bench:chromium:summary -->\n<!-- /bench:chromium:summary -->\n\nprose\n';

describe('benchmark page writer', () => {
  it('adds blocks, replaces them on a later run, and recounts the goals over the whole page', () => {
    let md = mergeFigures(page, 'chromium', new Map([
      ['B1', figureBlock('chromium', 'B1', run, [row('B1', true), row('B1', false)])],
      ['B7', figureBlock('chromium', 'B7', run, [row('B7', undefined), row('B7', true)])],
    ]));
    expect(md).toContain('On this page for chromium: **2 goals met, 1 not met**');
    expect(md.indexOf('bench:chromium:B1')).toBeLessThan(md.indexOf('bench:chromium:B7'));
    md = mergeFigures(md, 'chromium', new Map([['B1', figureBlock('chromium', 'B1', { ...run, commit: 'def5678' }, [row('B1', true)])]]));
    expect(md).toContain('On this page for chromium: **2 goals met, 0 not met**');
    expect(md).toContain('commit `def5678`');
    expect(md).toContain('commit `abc1234`'); // B7's block, untouched
    expect(md.match(/<!-- bench:chromium:B1 -->/g)).toHaveLength(1);
    md = mergeFigures(md, 'chromium', new Map([['B3', figureBlock('chromium', 'B3', run, [row('B3', true)])]]));
    expect([...md.matchAll(/<!-- bench:chromium:(B\d) -->/g)].map((m) => m[1])).toEqual(['B1', 'B3', 'B7']);
    expect(md.endsWith('prose\n')).toBe(true);
  });

  it('refuses a page without the markers rather than dropping the figures', () => {
    expect(() => mergeFigures('# nothing here', 'firefox', new Map())).toThrow(/no <!-- bench:firefox:summary -->/);
  });

  it('writes the README headline from the goals on the benchmarks page, and nothing typed', () => {
    const readme = '# x\n<!-- bench:readme -->\nold\n<!-- /bench:readme -->\nrest';
    const docs = mergeFigures(page, 'chromium', new Map([
      ['B1', figureBlock('chromium', 'B1', run, [row('B1', true), row('B1', false)])],
      ['B9', figureBlock('chromium', 'B9', run, [row('B9', undefined)])],
    ]));
    const out = readmeHeadline(readme, docs);
    expect(out).toContain('- B1 x: **1** (goal ≤ 2; 2026-12-03, `abc1234`)');
    expect(out).toContain('- B1 x: **1** (goal ≤ 2, not met; 2026-12-03, `abc1234`)');
    expect(out).not.toContain('B9');
    expect(out).not.toContain('old');
    expect(out.endsWith('rest')).toBe(true);
  });
});
