// Build: one manifest source, written per browser — `vite build` → dist/chrome, `vite build --mode firefox` → dist/firefox.
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

type Target = 'chrome' | 'firefox';

/** The add-on id Firefox stores data under; it must never change once published. */
export const GECKO_ID = 'ws-inspector@ws-inspector.dev';

/** Browser differences, applied to the one manifest source at build time. */
function manifestFor(target: Target): ManifestV3Export {
  const { service_worker, scripts, type } = manifest.background;
  if (target === 'chrome')
    // Deep capture's `debugger` is asked for at first use, from the panel’s switch (Firefox has no such permission, so no
    // switch there). The E2E test grants it in its own copy of the build, since automation cannot click Chrome's prompt.
    return { ...manifest, background: { service_worker, type }, optional_permissions: ['debugger'] } as ManifestV3Export;
  return {
    ...manifest,
    // crx rewrites `service_worker` into Firefox's event-page `scripts`; it needs both keys to do so.
    background: { service_worker, scripts, type } as never,
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 128 is the first with world: "MAIN" and match_origin_as_fallback; 140 (the ESR) is what web-ext lint accepts
        // without warnings for data_collection_permissions.
        strict_min_version: '140.0',
        // Nothing leaves the browser: frames go from the page to the DevTools panel and nowhere else.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android has no DevTools, so nothing to offer there; the key only keeps web-ext lint from warning that
      // Android 140 predates data_collection_permissions (142).
      gecko_android: { strict_min_version: '142.0' },
    },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' || process.env.BROWSER === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(target),
        browser: target,
        // The page hook and the relay must run synchronously at document_start, not behind crx's async loader.
        contentScripts: { standaloneFiles: ['src/page/hook.ts', 'src/content/relay.ts'] },
      }),
    ],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // The panel page is only reachable through devtools.panels.create(), which crx does not follow.
      rolldownOptions: { input: { panel: 'src/panel/panel.html' } },
    },
  };
});
