// The paper's first experiment (Ioffe & Szegedy 2015, §4.1, Figure 1), defined once for the mnist figure and
// for `npm run paper`: 784-100-100-100-10 sigmoid, small Gaussian initial weights, batch norm before each
// hidden sigmoid or none, mini-batches of 60, SGD. One MnistRun is one network; the same seed gives both
// networks the same initial weights and the same mini-batches.
import { PIXELS } from '../lib/mnist.js';
import { batchSampler } from './sampler.js';

export const PAPER = {
  layers: [784, 100, 100, 100, 10],
  activation: 'sigmoid',
  batch: 60,
  steps: 50000,
  sigma: 0.1,
  lr: 0.1,  // not given by the paper; see the README for why this rate
  checkpointEvery: 500,
};

const PERCENTILES = [15, 50, 85];

/**
 * The digits ready to train on, made once per worker or process and shared by its runs: the training pixels
 * as floats in [0, 1] and the first `testCount` test digits staged in wasm memory (read in place at every
 * checkpoint). data: parseMnist() output. dispose() frees the staged rows.
 */
export function prepareDigits(lab, data, { testCount = data.test.n } = {}) {
  const n = Math.min(testCount, data.test.n);
  return {
    train: { x: toFloats(data.train.pixels), labels: data.train.labels, n: data.train.n },  // x [n × 784]
    test: { rows: lab.stage(toFloats(data.test.pixels.subarray(0, n * PIXELS)), n), labels: data.test.labels.subarray(0, n), n },
    dispose() {
      this.test.rows.dispose();
    },
  };
}

export class MnistRun {
  /**
   * digits: prepareDigits() output; options: { batchNorm: 'none' | 'before', lr, seed, checkpointEvery,
   * early }: early, extra checkpoint steps before the first regular one (the figure's 0, 100 … 400).
   */
  constructor(lab, digits, { batchNorm, lr = PAPER.lr, seed = 1, checkpointEvery = PAPER.checkpointEvery, early = [] }) {
    this.lab = lab;
    this.digits = digits;
    this.batchNorm = batchNorm;
    this.checkpointEvery = checkpointEvery;
    this.net = lab.network({
      layers: PAPER.layers, activation: PAPER.activation, batchNorm, loss: 'softmax-cross-entropy',
      optimizer: { name: 'sgd', lr }, init: { name: 'gaussian', sigma: PAPER.sigma }, seed,
    });
    this.random = batchSampler(seed);
    this.step = 0;
    this.x = new Float32Array(PAPER.batch * PIXELS);  // [batch × 784]
    this.y = new Float32Array(PAPER.batch);           // [batch] class indices
    this.early = new Set(early);
    this.checkpoints = this.early.has(0) ? [this.checkpoint()] : [];
    this.diverged = null;
  }

  /** Trains `count` steps (or until `deadline`, a performance.now() time); records checkpoints on the way. */
  train(count, deadline = Infinity) {
    const { x, y } = this;
    const { x: trainX, labels, n } = this.digits.train;
    for (let s = 0; s < count && this.diverged === null; s++) {
      if ((s & 7) === 0 && performance.now() > deadline) break;
      for (let i = 0; i < PAPER.batch; i++) {
        const e = Math.floor(this.random() * n);
        x.set(trainX.subarray(e * PIXELS, e * PIXELS + PIXELS), i * PIXELS);
        y[i] = labels[e];
      }
      const loss = this.net.trainStep(x, y, PAPER.batch);
      this.step++;
      if (!Number.isFinite(loss)) this.diverged = this.step;
      if (this.step % this.checkpointEvery === 0 || this.early.has(this.step)) this.checkpoints.push(this.checkpoint());
    }
  }

  /**
   * Test accuracy (eval mode: running statistics) and the 15th/50th/85th percentiles, over the test digits,
   * of the input to one sigmoid of the last hidden layer (unit 0): z without batch norm, z̃ = γẑ + β with it.
   */
  checkpoint() {
    const { rows, labels, n } = this.digits.test;
    const p = this.net.predict(rows);  // [n × 10]
    let correct = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
      correct += best === labels[i] ? 1 : 0;
    }
    const field = this.batchNorm === 'none' ? 'z' : 'zTilde';
    const unit = this.net.probe(2, { unit: 0, fields: [field] })[field];
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
