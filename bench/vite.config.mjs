// Builds the B4 bench page (bench/b4): the real panel store and components, bundled like the panel.
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./b4', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [preact()],
  build: { outDir: fileURLToPath(new URL('../.tmp/bench-b4', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
