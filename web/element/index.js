// Entry for pages and bundlers: defines <batchnorm-playground>, with its training worker as a file of its own.
// The MNIST digits are not referenced here: an app that shows the mnist figure also imports
// ./mnist-digits.js (batchnorm-playground/mnist-digits), so that a bundler copies 19.3 MB only for such apps.
import { separateWorker } from '../runtime/separate-worker.js';
import { useWorkerFactory } from '../runtime/worker-pool.js';
import { useBundledDigitsOnly } from '../runtime/loaders.js';

useWorkerFactory(separateWorker);
useBundledDigitsOnly();

export { BatchnormPlayground } from './batchnorm-playground.js';
// The figures by name (their table entries): the figures' code itself loads when an element needs it.
export { FIGURE_BY_NAME as FIGURES } from '../state/figures.js';
