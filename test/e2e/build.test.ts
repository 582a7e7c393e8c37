// The built extension: content scripts must be self-contained files that run synchronously at document_start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, assertChromium } from '../support/chromium';

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

describe('dist/chrome', () => {
  it('exists (and Chromium is installed: the E2E suite fails without it, it never skips)', () => {
    expect(() => assertChromium()).not.toThrow();
  });

  it('declares the page hook in the MAIN world and the relay in the isolated world, in every document at document_start', () => {
    const scripts = manifest.content_scripts as Record<string, unknown>[];
    expect(scripts.map((s) => s.world)).toEqual(['ISOLATED', 'MAIN']);
    for (const s of scripts)
      expect(s).toMatchObject({ run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true });
  });

  it('has no content script that imports anything (crx async loader would run it too late)', () => {
    const files = (manifest.content_scripts as { js: string[] }[]).flatMap((s) => s.js);
    expect(files.length).toBe(2);
    for (const file of files) {
      const code = readFileSync(join(EXTENSION_DIR, file), 'utf8');
      expect(code, file).not.toMatch(/\bimport\b/);
      expect(code, file).not.toMatch(/\bexport\b/);
    }
  });

  it('uses a service worker background and a devtools page', () => {
    expect(manifest.background.service_worker).toBeTruthy();
    expect(manifest.devtools_page).toBeTruthy();
  });

  it('keeps the page hook small: it runs in every document of every page', () => {
    const hook = (manifest.content_scripts as { js: string[]; world: string }[]).find((s) => s.world === 'MAIN')!.js[0];
    expect(readFileSync(join(EXTENSION_DIR, hook)).byteLength).toBeLessThan(6 * 1024);
  });
});
