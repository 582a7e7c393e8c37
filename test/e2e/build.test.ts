// The built extensions: one manifest source written per browser; content scripts must be self-contained files that run
// synchronously at document_start.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, assertChromium } from '../support/chromium';
import { FIREFOX_EXTENSION_DIR, assertFirefox } from '../support/firefox';

const builds = [
  { name: 'dist/chrome', dir: EXTENSION_DIR, assertBrowser: assertChromium },
  { name: 'dist/firefox', dir: FIREFOX_EXTENSION_DIR, assertBrowser: assertFirefox },
];

describe.each(builds)('$name', ({ name, dir, assertBrowser }) => {
  const manifest = () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

  it('exists (and its browser is installed: the E2E suite fails without it, it never skips)', () => {
    expect(() => assertBrowser()).not.toThrow();
  });

  it('declares the page hook in the MAIN world and the relay in the isolated world, in every document at document_start', () => {
    const scripts = manifest().content_scripts as Record<string, unknown>[];
    expect(scripts.map((s) => s.world)).toEqual(['ISOLATED', 'MAIN']);
    for (const s of scripts)
      expect(s).toMatchObject({ run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true });
  });

  it('has no content script that imports anything (crx async loader would run it too late)', () => {
    const files = (manifest().content_scripts as { js: string[] }[]).flatMap((s) => s.js);
    expect(files.length).toBe(2);
    for (const file of files) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code, file).not.toMatch(/\bimport\b/);
      expect(code, file).not.toMatch(/\bexport\b/);
    }
  });

  it('asks for `debugger` (deep capture) only as an optional permission, and only in Chromium', () => {
    const m = manifest();
    expect(m.permissions).not.toContain('debugger');
    expect(m.optional_permissions).toEqual(name === 'dist/chrome' ? ['debugger'] : undefined);
  });

  it('has the background its browser runs, and a devtools page', () => {
    const m = manifest();
    expect(m.devtools_page).toBeTruthy();
    if (name === 'dist/chrome') {
      expect(m.background.service_worker).toBeTruthy();
      expect(m.background.scripts).toBeUndefined();
      expect(m.browser_specific_settings).toBeUndefined();
    } else {
      // Firefox runs an event page from `scripts`, and needs a fixed add-on id and its data-collection declaration.
      expect(m.background.scripts).toHaveLength(1);
      expect(m.background.service_worker).toBeUndefined();
      expect(m.browser_specific_settings.gecko).toEqual({
        id: 'ws-inspector@ws-inspector.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      });
    }
  });

  it('loads uPlot only with the timeline: a chunk of its own, imported dynamically; the import worker is its own file', () => {
    const assets = readdirSync(join(dir, 'assets'));
    const panel = assets.filter((f) => /^panel-.*\.js$/.test(f)).map((f) => readFileSync(join(dir, 'assets', f), 'utf8'));
    expect(panel).toHaveLength(1);
    const chart = assets.find((f) => /^uPlot\.esm-.*\.js$/.test(f));
    expect(chart).toBeTruthy();
    expect(panel[0]).toContain(`import(\`./${chart}\`)`);
    expect(panel[0]).not.toMatch(/u-legend|u-over/);
    expect(assets.some((f) => /^importWorker-.*\.js$/.test(f))).toBe(true);
  });

  it('keeps the page hook small: it runs in every document of every page', () => {
    const hook = (manifest().content_scripts as { js: string[]; world: string }[]).find((s) => s.world === 'MAIN')!.js[0];
    expect(readFileSync(join(EXTENSION_DIR, hook)).byteLength).toBeLessThan(16 * 1024);
  });
});

it('both builds come from the same sources: the same content scripts, byte for byte', () => {
  const [chrome, firefox] = builds.map(({ dir }) => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    return (m.content_scripts as { js: string[] }[]).flatMap((s) => s.js).map((f) => readFileSync(join(dir, f), 'utf8'));
  });
  expect(firefox).toEqual(chrome);
});
