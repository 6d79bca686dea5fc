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
  lr: 0.1, // not given by the paper; see the README for why this rate
  checkpointEvery: 500,
};

const PERCENTILES = [15, 50, 85];

// predict() takes at most 7,667 rows of this network at once; the test set is staged in blocks of 5,000.
const TEST_BLOCK = 5000;

// Pixel value p → p / 255 as a float32, the same number Float32Array stores for p / 255.
const PIXEL_VALUE = Float32Array.from({ length: 256 }, (_, p) => p / 255);
const WORDS = PIXELS / 4; // a digit's pixels as 196 four-byte words

/**
 * The digits ready to train on, made once per worker or process and shared by its runs: the training pixels
 * stay bytes (0 … 255; 47 MB for full MNIST, where floats would take 188 MB) and become floats in [0, 1] as a
 * mini-batch is gathered; the first `testCount` test digits are staged in wasm memory as floats, in blocks,
 * and read in place at every checkpoint. data: parseMnist() output. dispose() frees the staged rows.
 */
export function prepareDigits(lab, data, { testCount = data.test.n } = {}) {
  const n = Math.min(testCount, data.test.n);
  const pixels = data.train.pixels.byteOffset % 4 === 0 ? data.train.pixels : data.train.pixels.slice();
  const blocks = [];
  for (let from = 0; from < n; from += TEST_BLOCK) {
    const to = Math.min(n, from + TEST_BLOCK);
    blocks.push({
      rows: lab.stage(toFloats(data.test.pixels.subarray(from * PIXELS, to * PIXELS)), to - from),
      labels: data.test.labels.subarray(from, to),
    });
  }
  return {
    // pixels [n × 784] bytes; words: the same bytes four at a time (aligned: parseMnist's pixels start at a
    // multiple of 4, and 784 is one), or a copy when they are not
    train: {
      pixels,
      words: new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4),
      labels: data.train.labels,
      n: data.train.n,
    },
    test: { blocks, n },
    dispose() {
      for (const block of this.test.blocks) block.rows.dispose();
    },
  };
}

/** The next training example of a mini-batch: uniform over the n digits, with replacement. */
export const nextExample = (random, n) => Math.floor(random() * n);

export class MnistRun {
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
    this.x = new Float32Array(PAPER.batch * PIXELS); // [batch × 784]
    this.y = new Float32Array(PAPER.batch); // [batch] class indices
    this.early = new Set(early);
    this.checkpoints = this.early.has(0) ? [this.checkpoint()] : [];
    this.diverged = null;
  }

  /** Trains `count` steps (or until `deadline`, a performance.now() time); records checkpoints on the way. */
  train(count, deadline = Infinity) {
    const { x, y } = this;
    const { pixels, words, labels, n } = this.digits.train;
    for (let s = 0; s < count && this.diverged === null; s++) {
      if ((s & 7) === 0 && performance.now() > deadline) break;
      // The batch: zeros, then each digit's ink, four pixels at a time (81% of the four-byte words are blank).
      x.fill(0);
      for (let i = 0; i < PAPER.batch; i++) {
        const e = nextExample(this.random, n);
        for (let w = e * WORDS, end = w + WORDS, to = i * PIXELS; w < end; w++, to += 4) {
          if (words[w] === 0) continue;
          const p = w * 4;
          x[to] = PIXEL_VALUE[pixels[p]];
          x[to + 1] = PIXEL_VALUE[pixels[p + 1]];
          x[to + 2] = PIXEL_VALUE[pixels[p + 2]];
          x[to + 3] = PIXEL_VALUE[pixels[p + 3]];
        }
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
    const { blocks, n } = this.digits.test;
    const field = this.batchNorm === 'none' ? 'z' : 'zTilde';
    const unit = new Float32Array(n); // [n] the sigmoid's input for every test digit
    let correct = 0,
      at = 0;
    for (const { rows, labels } of blocks) {
      const p = this.net.predict(rows); // [rows × 10]
      for (let i = 0; i < rows.n; i++) {
        let best = 0;
        for (let k = 1; k < 10; k++) if (p[i * 10 + k] > p[i * 10 + best]) best = k;
        correct += best === labels[i] ? 1 : 0;
      }
      unit.set(this.net.probe(2, { unit: 0, fields: [field] })[field], at);
      at += rows.n;
    }
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
