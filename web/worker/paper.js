// The paper's first experiment (Ioffe & Szegedy 2015, §4.1, Figure 1), defined once for the mnist figure and
// for `npm run paper`: 784-100-100-100-10 sigmoid, small Gaussian initial weights, batch norm before each
// hidden sigmoid or none, mini-batches of 60, SGD. One PaperNetwork is one network; the same seed gives both
// networks the same initial weights and the same mini-batches.
import { PIXELS } from '../lib/mnist.js';
import { batchSampler } from './sampler.js';

export const PAPER = {
  layers: [784, 100, 100, 100, 10],
  activation: 'sigmoid',
  batch: 60,
  steps: 50000,
  sigma: 0.1,
  lr: 0.1, // not given by the paper; docs/paper.md says why this rate
  checkpointEvery: 500,
};

const PERCENTILES = [15, 50, 85];

// The test set is read in blocks of 500 digits, though predict() takes up to 7,667 rows of this network at
// once: smaller blocks keep each layer's activations (500 × 100 floats) small, and a checkpoint over 10,000
// test digits took 40–45 ms with blocks of 500 against 48 with blocks of 5,000 (node, this machine; blocks
// of 250 were no faster). The numbers are the same: eval mode treats each digit on its own.
const TEST_BLOCK = 500;

/**
 * The digits ready to train on, made once per worker or process and shared by its runs: the training and the
 * first `testCount` test digits staged in wasm memory as their non-zero pixels (lab.stagePixels: 19% of them;
 * 10.5 million for full MNIST, 32 MB), which the networks read by row number. data: parseMnist() output.
 * dispose() frees the staged pixels.
 */
export function prepareDigits(lab, data, { testCount = data.test.n } = {}) {
  const n = Math.min(testCount, data.test.n);
  const train = lab.stagePixels(data.train.pixels, data.train.n);
  let test;
  try {
    test = lab.stagePixels(data.test.pixels.subarray(0, n * PIXELS), n);
  } catch (error) {
    train.dispose();
    throw error;
  }
  const blocks = [];
  for (let from = 0; from < n; from += TEST_BLOCK) {
    const to = Math.min(n, from + TEST_BLOCK);
    blocks.push({
      rows: Int32Array.from({ length: to - from }, (_, i) => from + i),
      labels: data.test.labels.subarray(from, to),
    });
  }
  return {
    train: { pixels: train, labels: data.train.labels, n: data.train.n },
    test: { pixels: test, blocks, n },
    dispose() {
      train.dispose();
      test.dispose();
    },
  };
}

/** The next training example of a mini-batch: uniform over the n digits, with replacement. */
export const nextExample = (random, n) => Math.floor(random() * n);

export class PaperNetwork {
  /**
   * digits: prepareDigits() output; options: { batchNorm: 'none' | 'before', lr, seed, checkpointEvery,
   * early }: early, extra checkpoint steps before the first regular one (the figure's 0, 100 … 400).
   */
  constructor(
    lab,
    digits,
    { batchNorm, lr = PAPER.lr, seed = 1, checkpointEvery = PAPER.checkpointEvery, early = [] },
  ) {
    this.lab = lab;
    this.digits = digits;
    this.batchNorm = batchNorm;
    this.checkpointEvery = checkpointEvery;
    this.net = lab.network({
      layers: PAPER.layers,
      activation: PAPER.activation,
      batchNorm,
      loss: 'softmax-cross-entropy',
      optimizer: { name: 'sgd', lr },
      init: { name: 'gaussian', sigma: PAPER.sigma },
      seed,
    });
    this.random = batchSampler(seed);
    this.step = 0;
    this.rows = new Int32Array(PAPER.batch); // [batch] the mini-batch's digits (row numbers)
    this.y = new Float32Array(PAPER.batch); // [batch] their class indices
    this.early = new Set(early);
    this.checkpoints = this.early.has(0) ? [this.checkpoint()] : [];
    this.diverged = null;
    // Where train() spends its time (ms), for bench/mnist.mjs: in all, and in the checkpoints within it.
    this.timing = { steps: 0, trainMs: 0, checkpoints: 0, checkpointMs: 0 };
  }

  /** Trains `count` steps (or until `deadline`, a performance.now() time); records checkpoints on the way. */
  train(count, deadline = Infinity) {
    const started = performance.now(),
      from = this.step;
    for (let s = 0; s < count && this.diverged === null; s++) {
      if ((s & 7) === 0 && performance.now() > deadline) break;
      this.drawBatch();
      const loss = this.net.trainStep(this.digits.train.pixels, this.y, this.rows);
      this.step++;
      if (!Number.isFinite(loss)) this.diverged = this.step;
      if (this.step % this.checkpointEvery === 0 || this.early.has(this.step)) {
        const at = performance.now();
        this.checkpoints.push(this.checkpoint());
        this.timing.checkpoints++;
        this.timing.checkpointMs += performance.now() - at;
      }
    }
    this.timing.steps += this.step - from;
    this.timing.trainMs += performance.now() - started;
  }

  /** The next mini-batch: its digits' row numbers into this.rows, their labels into this.y. */
  drawBatch() {
    const { labels, n } = this.digits.train;
    for (let i = 0; i < PAPER.batch; i++) {
      this.rows[i] = nextExample(this.random, n);
      this.y[i] = labels[this.rows[i]];
    }
  }

  /**
   * Test accuracy (eval mode: running statistics) and the 15th/50th/85th percentiles, over the test digits,
   * of the input to one sigmoid of the last hidden layer (unit 0): z without batch norm, z̃ = γẑ + β with it.
   */
  checkpoint() {
    const { pixels, blocks, n } = this.digits.test;
    const field = this.batchNorm === 'none' ? 'z' : 'zTilde';
    const unit = new Float32Array(n); // [n] the sigmoid's input for every test digit
    let correct = 0,
      at = 0;
    for (const { rows, labels } of blocks) {
      const p = this.net.predict(pixels, rows); // [rows × 10]
      for (let i = 0; i < rows.length; i++) {
        let best = 0;
        for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
        correct += best === labels[i] ? 1 : 0;
      }
      unit.set(this.net.probe(2, { unit: 0, fields: [field] })[field], at);
      at += rows.length;
    }
    const [p15, p50, p85] = this.lab.percentiles(unit, PERCENTILES);
    return { step: this.step, testAccuracy: correct / n, percentiles: { p15, p50, p85 } };
  }

  dispose() {
    this.net.dispose();
  }
}
