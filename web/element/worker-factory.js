// The training worker as a separate file next to the page's scripts. The embed bundle swaps this module for
// worker-factory-inline.js (see web/vite.embed.config.js), so that one script file is all a blog needs.
export const createWorker = () => new Worker(new URL('../worker/figure-worker.js', import.meta.url), { type: 'module' });
