// Entry for pages and bundlers: defines <batchnorm-playground>, with its training worker as a file of its own.
// The MNIST digits are not referenced here: an app that shows the mnist figure also imports
// ./mnist-digits.js (batchnorm-playground/mnist-digits), so that a bundler copies 19.3 MB only for such apps.
import { separateWorker } from '../runtime/separate-worker.js';
import { useWorkerFactory } from '../runtime/worker-pool.js';
import { useBundledDigitsOnly } from '../runtime/loaders.js';

useWorkerFactory(separateWorker);
useBundledDigitsOnly();

export { BatchnormPlayground } from './batchnorm-playground.js';
export { FIGURES } from '../figures/registry.js';
