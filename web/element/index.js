// Entry for pages and bundlers: defines <batchnorm-playground>, with its training worker as a file of its own.
import { separateWorker } from '../runtime/separate-worker.js';
import { useWorkerFactory } from '../runtime/worker-pool.js';
import { useDataUrls } from '../runtime/loaders.js';

useWorkerFactory(separateWorker);
// The MNIST files, as URLs bundlers follow: Vite (and the page's own build) copies them next to the scripts.
useDataUrls({
  small: new URL('../lib/generated/mnist.bin', import.meta.url),
  full: new URL('../lib/generated/mnist-full.bin.gz', import.meta.url),
});

export { BatchnormPlayground } from './batchnorm-playground.js';
export { FIGURES } from '../figures/registry.js';
