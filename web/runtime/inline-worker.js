// The training worker inlined into the script that imports this (Vite's ?worker&inline): the one-file embed
// bundle uses it, so that a blog needs to copy nothing else.
import TrainingWorker from '../worker/training-worker.js?worker&inline';

export const inlineWorker = () => new TrainingWorker();
