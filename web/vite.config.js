import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The page lives in web/; `npm run build` writes a static dist/ with relative asset URLs, so it works from
// any static server and under any sub-path.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        story: fileURLToPath(new URL('./story.html', import.meta.url)),
      },
    },
  },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
});
