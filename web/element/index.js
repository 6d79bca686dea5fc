// Entry for pages and bundlers: defines <batchnorm-playground>, with its training worker as a file of its own.
import { separateWorker } from '../runtime/separate-worker.js';
import { useWorkerFactory } from '../runtime/worker-pool.js';

useWorkerFactory(separateWorker);

export { BatchnormPlayground } from './batchnorm-playground.js';
export { FIGURES } from '../figures/registry.js';
