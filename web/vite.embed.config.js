// Vite for the one-file embed bundle (dist/embed/batchnorm-playground.js).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The drop-in bundle for blogs: dist/embed/batchnorm-playground.js defines <batchnorm-playground>. Its entry
// (element/embed.js) imports the worker inlined (?worker&inline), and library mode inlines every asset — the
// .wasm that runtime/loaders.js points at, as a data URL — so the one file works wherever it is copied.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    minify: true,
    outDir: fileURLToPath(new URL('../dist/embed', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    lib: {
      entry: fileURLToPath(new URL('./element/embed.js', import.meta.url)),
      formats: ['es'],
      fileName: () => 'batchnorm-playground.js',
    },
    // One file: the figures' code, which the element imports when it first needs it, stays in it.
    rollupOptions: { output: { codeSplitting: false } },
  },
  worker: { format: 'es' },
});
