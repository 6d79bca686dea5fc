// Loss after a fixed number of steps against the learning rate, plain vs batch norm, and how many of each
// network's ReLUs died: one learning rate per frame, so the chart fills in from left to right.
import { networkOptions } from '../../state/settings.js';
import { binaryLossAndAccuracy, deadPerLayer } from '../metrics.js';
import { batchSampler } from '../sampler.js';

export const SWEEP_RATES = Array.from({ length: 16 }, (_, i) => Number((0.001 * 10 ** (i / 3)).toPrecision(2)));

export class LrSweepExperiment {
  constructor({ lab }, settings, { rates = SWEEP_RATES, steps = settings.sweepSteps ?? 300 } = {}) {
    this.lab = lab;
    this.settings = settings;
    this.rates = rates;
    this.steps = steps;
    const data = lab.dataset(settings.dataset, {
      n: settings.examples,
      noise: settings.noise,
      seed: settings.seed,
      scale: settings.scale,
    });
    this.y = data.y;
    this.batch = Math.min(settings.batch, data.n);
    // One fixed sequence of mini-batches, replayed for every run, so only the learning rate differs.
    const random = batchSampler(settings.seed);
    this.batches = Array.from({ length: steps }, () => {
      const x = new Float32Array(this.batch * 2),
        y = new Float32Array(this.batch); // [batch × 2], [batch]
      for (let i = 0; i < this.batch; i++) {
        const e = Math.floor(random() * data.n);
        ((x[2 * i] = data.x[2 * e]), (x[2 * i + 1] = data.x[2 * e + 1]), (y[i] = data.y[e]));
      }
      return { x, y };
    });
    // The data the losses are measured on, staged once; one staged mini-batch, rewritten at each step.
    this.data = lab.stage(data.x, data.n); // [n × 2]
    try {
      this.batchRows = lab.stage(this.batches[0].x, this.batch); // [batch × 2]
    } catch (error) {
      this.data.dispose();
      throw error;
    }
    this.results = []; // { lr, plain: { loss, diverged, dead }, bn: { … } }
  }

  describe() {
    return { rates: this.rates, steps: this.steps };
  }

  get step() {
    return this.results.length;
  }

  #run(lr, batchNorm) {
    const net = this.lab.network(networkOptions({ ...this.settings, lr }, batchNorm));
    try {
      let diverged = null;
      for (let s = 0; s < this.steps; s++) {
        const { x, y } = this.batches[s];
        this.batchRows.write(x);
        if (!Number.isFinite(net.trainStep(this.batchRows, y))) {
          diverged = s + 1;
          break;
        }
      }
      let loss = NaN,
        dead = null;
      if (diverged === null) {
        loss = binaryLossAndAccuracy(net.predict(this.data), this.y).loss;
        if (!Number.isFinite(loss)) diverged = this.steps;
        else if (this.settings.activation === 'relu') dead = deadPerLayer(net); // other units cannot die
      }
      return { loss, diverged, dead };
    } finally {
      net.dispose();
    }
  }

  frame() {
    if (this.results.length >= this.rates.length) return false;
    const lr = this.rates[this.results.length];
    this.results.push({ lr, plain: this.#run(lr, 'none'), bn: this.#run(lr, this.settings.placement) });
    return this.results.length < this.rates.length;
  }

  snapshot() {
    return {
      message: { step: this.results.length, results: this.results, rates: this.rates, steps: this.steps },
      transfer: [],
    };
  }

  view(settings) {
    this.settings = settings;
  }

  dispose() {
    this.data.dispose();
    this.batchRows.dispose();
  }
}
