// Builds bench B7 (bench/b7/main.ts): the real panel decoders and store, bundled with the browser builds of their
// libraries the way the panel bundles them, as one ES module that Node runs (no DOM needed).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../.tmp/bench-b7', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    lib: { entry: fileURLToPath(new URL('./b7/main.ts', import.meta.url)), formats: ['es'], fileName: () => 'main.mjs' },
  },
});
