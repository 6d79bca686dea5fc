// Loss after a fixed number of steps against the learning rate, plain vs batch norm: one learning rate per
// frame, so the chart fills in from left to right.
import { networkOptions } from '../../state/settings.js';
import { binaryLossAndAccuracy, sampler } from '../trainer.js';

export const SWEEP_RATES = Array.from({ length: 16 }, (_, i) => Number((0.001 * 10 ** (i / 3)).toPrecision(2)));

export class LrSweepExperiment {
  constructor(lab, values, { rates = SWEEP_RATES, steps = values.sweepSteps ?? 300 } = {}) {
    this.lab = lab;
    this.values = values;
    this.rates = rates;
    this.steps = steps;
    const data = lab.dataset(values.dataset, { n: values.examples, noise: values.noise, seed: values.seed, scale: values.scale });
    this.data = data;
    this.batch = Math.min(values.batch, data.n);
    // One fixed sequence of mini-batches, replayed for every run, so only the learning rate differs.
    const random = sampler(values.seed * 7919 + 17);
    this.batches = Array.from({ length: steps }, () => {
      const x = new Float32Array(this.batch * 2), y = new Float32Array(this.batch);
      for (let i = 0; i < this.batch; i++) {
        const e = Math.floor(random() * data.n);
        x[2 * i] = data.x[2 * e], x[2 * i + 1] = data.x[2 * e + 1], y[i] = data.y[e];
      }
      return { x, y };
    });
    this.results = [];  // { lr, plain: { loss, diverged }, bn: { loss, diverged } }
  }

  describe() {
    return { rates: this.rates, steps: this.steps };
  }

  get step() {
    return this.results.length;
  }

  #run(lr, batchNorm) {
    const net = this.lab.network(networkOptions({ ...this.values, lr }, batchNorm));
    let diverged = null;
    for (let s = 0; s < this.steps; s++) {
      const { x, y } = this.batches[s];
      if (!Number.isFinite(net.trainStep(x, y, this.batch))) {
        diverged = s + 1;
        break;
      }
    }
    let loss = NaN;
    if (diverged === null) {
      loss = binaryLossAndAccuracy(net.predict(this.data.x, this.data.n), this.data.y).loss;
      if (!Number.isFinite(loss)) diverged = this.steps;
    }
    net.dispose();
    return { loss, diverged };
  }

  frame() {
    if (this.results.length >= this.rates.length) return false;
    const lr = this.rates[this.results.length];
    this.results.push({ lr, plain: this.#run(lr, 'none'), bn: this.#run(lr, this.values.placement) });
    return this.results.length < this.rates.length;
  }

  snapshot() {
    return { message: { step: this.results.length, results: this.results, rates: this.rates, steps: this.steps }, transfer: [] };
  }

  view(values) {
    this.values = values;
  }

  dispose() {}
}
