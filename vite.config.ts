// Build: one manifest source, written per browser (dist/chrome now; the Firefox build reuses it with crx's browser option).
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

const browser = process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';

/** Chrome's service worker takes `service_worker`; Firefox's event page takes `scripts`. crx picks per browser, so each build sees only its key. */
function manifestFor(target: typeof browser): ManifestV3Export {
  const { service_worker, scripts, type } = manifest.background;
  return {
    ...manifest,
    background: target === 'chrome' ? { service_worker, type } : ({ service_worker, scripts, type } as never),
  } as ManifestV3Export;
}

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifestFor(browser),
      browser,
      // The page hook and the relay must run synchronously at document_start, not behind crx's async loader.
      contentScripts: { standaloneFiles: ['src/page/hook.ts', 'src/content/relay.ts'] },
    }),
  ],
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: 'es2022',
    // The panel page is only reachable through devtools.panels.create(), which crx does not follow.
    rolldownOptions: { input: { panel: 'src/panel/panel.html' } },
  },
});
