// The training worker inlined into the embed bundle (Vite's ?worker&inline): nothing to copy beside it.
import FigureWorker from '../worker/figure-worker.js?worker&inline';

export const createWorker = () => new FigureWorker();
