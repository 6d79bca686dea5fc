// The worker side of the mnist figure: one network of the paper's experiment (paper.js) per session. The
// digits reach each worker once (the 'data' message, key 'mnist') and are prepared once per worker.
import { parseMnist } from '../../lib/mnist.js';
import { MnistRun, PAPER, prepareDigits } from '../paper.js';

export class MnistExperiment {
  /** env: { lab, shared, cache } of the worker; options: { batchNorm, totalSteps }. */
  constructor({ lab, shared, cache }, settings, { batchNorm, totalSteps = PAPER.steps }) {
    if (!shared.mnist) throw new Error('the MNIST digits have not reached this worker');
    cache.digits ??= prepareDigits(lab, parseMnist(shared.mnist));
    // The figure also measures at 0, 100 … 400, so its charts are not blank until step 500.
    this.run = new MnistRun(lab, cache.digits, { batchNorm, lr: settings.lr, seed: settings.seed, early: [0, 100, 200, 300, 400] });
    this.totalSteps = totalSteps;
    this.sent = 0;  // checkpoints already posted
  }

  describe() {
    return { totalSteps: this.totalSteps, batchNorm: this.run.batchNorm };
  }

  get step() {
    return this.run.step;
  }

  frame(steps, budgetMs) {
    this.run.train(Math.min(steps, this.totalSteps - this.run.step), performance.now() + budgetMs);
    return this.run.step < this.totalSteps && this.run.diverged === null;
  }

  /** Only the checkpoints not sent before: the figure keeps the whole series. */
  snapshot() {
    const checkpoints = this.run.checkpoints.slice(this.sent);
    this.sent = this.run.checkpoints.length;
    return { message: { step: this.run.step, totalSteps: this.totalSteps, checkpoints, diverged: this.run.diverged }, transfer: [] };
  }

  view() {}

  dispose() {
    this.run.dispose();
  }
}
