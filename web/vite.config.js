// Vite for the page and the example post (npm start serves them, npm run build writes dist/).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The page lives in web/; `npm run build` writes a static dist/ with relative asset URLs, so it works from
// any static server and under any sub-path.
//
// The pages' entry scripts block the first paint until they have run (blocking="render"): they build every
// panel and figure at its final size at once, so nothing jumps when the reader starts to scroll. Vite
// rewrites script tags and drops that attribute, so it is put back on the built pages.
const renderBlockingEntries = {
  name: 'render-blocking-entries',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html.replace(/<script type="module" crossorigin/g, '<script type="module" blocking="render" crossorigin'),
  },
};

export default defineConfig({
  plugins: [renderBlockingEntries],
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
