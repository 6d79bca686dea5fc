// The training worker as a file of its own next to the scripts (the page, and apps that bundle the element):
// bundlers recognise `new Worker(new URL(…, import.meta.url))` and emit the worker with its imports.
export const separateWorker = () =>
  new Worker(new URL('../worker/training-worker.js', import.meta.url), { type: 'module' });
