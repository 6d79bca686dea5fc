// The worker side of the mnist figure: one network of the paper's experiment (paper.js) per session. The
// digits reach each worker once (the 'data' message, key 'mnist' or 'mnist-full') and are prepared once per worker.
import { MNIST_DATA, mnistKey, parseMnist } from '../../lib/mnist.js';
import { PaperNetwork, PAPER, prepareDigits } from '../paper.js';
import { applyTrainable } from '../trainer.js';

export class MnistExperiment {
  /**
   * env: { lab, shared, cache } of the worker; options: { batchNorm, data: 'small' | 'full', totalSteps,
   * trainable: 'all' | 'normalization' | 'random' } (which parameters train: applyTrainable in trainer.js).
   * The digits arrive shared under the key 'mnist' or 'mnist-full' (unpacked), and are prepared once per worker.
   */
  constructor(
    { lab, shared, cache },
    settings,
    { batchNorm, data = 'small', totalSteps = PAPER.steps, trainable = 'all' },
  ) {
    if (!Object.hasOwn(MNIST_DATA, data))
      throw new Error(`data '${data}' is unknown: allowed are ${Object.keys(MNIST_DATA).join(', ')}`);
    const key = mnistKey(data);
    if (shared[key] instanceof Error) throw shared[key];
    if (!shared[key]) throw new Error(`the MNIST digits (${data}) have not reached this worker`);
    cache[key] ??= prepareDigits(lab, parseMnist(shared[key]));
    // The figure also measures at 0, 100 … 400, so its charts are not blank until step 500.
    this.network = new PaperNetwork(lab, cache[key], {
      batchNorm,
      lr: settings.lr,
      seed: settings.seed,
      early: [0, 100, 200, 300, 400],
    });
    try {
      applyTrainable(this.network.net, trainable, settings.seed);
    } catch (error) {
      this.network.dispose();
      throw error;
    }
    this.totalSteps = totalSteps;
    this.sent = 0; // checkpoints already posted
  }

  describe() {
    return { totalSteps: this.totalSteps, batchNorm: this.network.batchNorm };
  }

  get step() {
    return this.network.step;
  }

  frame(steps, budgetMs) {
    this.network.train(Math.min(steps, this.totalSteps - this.network.step), performance.now() + budgetMs);
    return this.network.step < this.totalSteps && this.network.diverged === null;
  }

  /** Only the checkpoints not sent before: the figure keeps the whole series. */
  snapshot() {
    const checkpoints = this.network.checkpoints.slice(this.sent);
    this.sent = this.network.checkpoints.length;
    return {
      message: { step: this.network.step, totalSteps: this.totalSteps, checkpoints, diverged: this.network.diverged },
      transfer: [],
    };
  }

  /** Where training spent its time in this worker (see PaperNetwork's timing), for bench/mnist.mjs. */
  timing() {
    return { batchNorm: this.network.batchNorm, ...this.network.timing };
  }

  view() {}

  dispose() {
    this.network.dispose();
  }
}
