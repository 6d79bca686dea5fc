import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The drop-in bundle for blogs: dist/embed/batchnorm-playground.js defines <batchnorm-playground>. The worker
// and the .wasm are inlined into it, so the one file works wherever it is copied.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: [{ find: /^\.\/worker-factory\.js$/, replacement: fileURLToPath(new URL('./element/worker-factory-inline.js', import.meta.url)) }],
  },
  build: {
    minify: true,
    outDir: fileURLToPath(new URL('../dist/embed', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    lib: {
      entry: fileURLToPath(new URL('./element/index.js', import.meta.url)),
      formats: ['es'],
      fileName: () => 'batchnorm-playground.js',
    },
  },
  worker: { format: 'es' },
});
