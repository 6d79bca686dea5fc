// Entry of the one-file embed bundle (dist/embed/batchnorm-playground.js): defines <batchnorm-playground>
// with the training worker inlined, so a blog copies one file.
import { inlineWorker } from '../runtime/inline-worker.js';
import { useWorkerFactory } from '../runtime/worker-pool.js';

useWorkerFactory(inlineWorker);

export { BatchnormPlayground } from './batchnorm-playground.js';
// The figures by name (their table entries): the figures' code itself loads when an element needs it.
export { FIGURE_BY_NAME as FIGURES } from '../state/figures.js';
