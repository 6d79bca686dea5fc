// The paper's first experiment (Ioffe & Szegedy 2015, §4.1, Figure 1): 784-100-100-100-10 sigmoid, small
// Gaussian initial weights, batch norm before each hidden sigmoid or none, mini-batches of 60, SGD. One run is
// one network; the page runs the two in two workers, the node command one after the other, and the same seed
// gives both the same initial weights and the same mini-batches.
import { parseMnist } from '../../lib/mnist.js';
import { sampler } from '../trainer.js';

export const PAPER = {
  layers: [784, 100, 100, 100, 10],
  activation: 'sigmoid',
  batch: 60,
  steps: 50000,
  sigma: 0.1,
  lr: 0.1,  // not given by the paper: the reference networks' rate (DESIGN.md); see README for why
  checkpointEvery: 500,
};

const PERCENTILES = [15, 50, 85];

export class MnistRun {
  /** data: parseMnist() output; options: { batchNorm: 'none' | 'before', lr, seed, checkpointEvery }. */
  constructor(lab, data, { batchNorm, lr = PAPER.lr, seed = 1, checkpointEvery = PAPER.checkpointEvery, evalCount = data.test.n }) {
    this.lab = lab;
    this.data = data;
    this.batchNorm = batchNorm;
    this.checkpointEvery = checkpointEvery;
    this.net = lab.network({
      layers: PAPER.layers, activation: PAPER.activation, batchNorm, loss: 'softmax-cross-entropy',
      optimizer: { name: 'sgd', lr }, init: { name: 'gaussian', sigma: PAPER.sigma }, seed,
    });
    this.random = sampler(seed * 7919 + 17);
    this.step = 0;
    this.x = new Float32Array(PAPER.batch * 784);
    this.y = new Float32Array(PAPER.batch);
    // Pixels as floats once, so a mini-batch is 60 row copies.
    this.trainX = toFloats(data.train.pixels);
    const n = Math.min(evalCount, data.test.n);
    this.testX = toFloats(data.test.pixels.subarray(0, n * 784));
    this.testY = data.test.labels.subarray(0, n);
    this.checkpoints = [];
    this.diverged = null;
  }

  /** Trains `count` steps (or until `deadline`, a performance.now() time); records checkpoints on the way. */
  train(count, deadline = Infinity) {
    const { x, y, trainX } = this;
    const { n, labels } = this.data.train;
    for (let s = 0; s < count && this.diverged === null; s++) {
      if ((s & 7) === 0 && performance.now() > deadline) break;
      for (let i = 0; i < PAPER.batch; i++) {
        const e = Math.floor(this.random() * n);
        x.set(trainX.subarray(e * 784, e * 784 + 784), i * 784);
        y[i] = labels[e];
      }
      const loss = this.net.trainStep(x, y, PAPER.batch);
      this.step++;
      if (!Number.isFinite(loss)) this.diverged = this.step;
      if (this.step % this.checkpointEvery === 0) this.checkpoints.push(this.checkpoint());
    }
  }

  /**
   * Test accuracy (eval mode: running statistics) and the 15th/50th/85th percentiles, over the test digits,
   * of the input to one sigmoid of the last hidden layer (unit 0): z without batch norm, z̃ = γẑ + β with it.
   */
  checkpoint() {
    const n = this.testY.length;
    const p = this.net.predict(this.testX, n);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
      correct += best === this.testY[i] ? 1 : 0;
    }
    const probe = this.net.probe(2);
    const input = this.batchNorm === 'none' ? probe.z : probe.zTilde;
    const unit = new Float32Array(n);
    for (let i = 0; i < n; i++) unit[i] = input[i * probe.units];
    const [p15, p50, p85] = this.lab.percentiles(unit, PERCENTILES);
    return { step: this.step, testAccuracy: correct / n, percentiles: { p15, p50, p85 } };
  }

  dispose() {
    this.net.dispose();
  }
}

function toFloats(pixels) {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

/** The worker side of the mnist figure: one network per session, the data's bytes passed in the options. */
export class MnistExperiment {
  constructor(lab, values, { bytes, batchNorm, totalSteps = PAPER.steps }) {
    this.run = new MnistRun(lab, parseMnist(bytes), { batchNorm, lr: values.lr, seed: values.seed });
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

  /** Only the checkpoints not sent before: the page keeps the whole series. */
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
