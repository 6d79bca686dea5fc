// Batch norm and layer norm against the batch size: for each size from 2 to 256, a plain, a batch-normalized
// and a layer-normalized network train in lockstep for the same number of steps; then their test accuracy at
// test time (running statistics) and the gap to what they show in training mode (the test set normalized in
// batches of the training size with their own statistics). One batch size per frame, so the chart fills in.
import { binaryLossAndAccuracy } from '../metrics.js';
import { Trainer } from '../trainer.js';

export const BATCH_SIZES = [2, 4, 8, 16, 32, 64, 128, 256];
export const NORMALIZATIONS = [
  { id: 'plain', label: 'no normalization', batchNorm: 'none' },
  { id: 'before', label: 'batch norm', batchNorm: 'before' },
  { id: 'layer', label: 'layer norm', batchNorm: 'none', layerNorm: 'before' },
];

/** Accuracy on x [n × 2] when each consecutive chunk of `size` rows is normalized with its own statistics. */
export function accuracyInBatches(net, x, y, size) {
  const n = y.length;
  const p = new Float32Array(n);
  for (let start = 0; start < n; start += size) {
    // A last chunk of one row joins the one before: one example has no batch statistics.
    const end = n - (start + size) === 1 ? n : Math.min(n, start + size);
    p.set(net.predict(x.subarray(2 * start, 2 * end), end - start, { mode: 'batch' }), start);
    if (end === n) break;
  }
  return binaryLossAndAccuracy(p, y).accuracy;
}

export class BatchSizeExperiment {
  constructor(
    { lab },
    settings,
    { sizes = BATCH_SIZES, steps = settings.sweepSteps ?? 600, nets = NORMALIZATIONS } = {},
  ) {
    this.lab = lab;
    this.settings = settings;
    this.sizes = sizes;
    this.steps = steps;
    this.nets = nets;
    this.results = []; // { batch, nets: [{ id, testAccuracy, trainingModeAccuracy, gap, diverged }] }
  }

  describe() {
    return { sizes: this.sizes, steps: this.steps, nets: this.nets };
  }

  get step() {
    return this.results.length;
  }

  #run(batch) {
    const trainer = new Trainer(this.lab, { ...this.settings, batch }, this.nets);
    try {
      trainer.trainSteps(this.steps);
      const { test } = trainer;
      const x = trainer.settings.normalize ? null : test.x; // the trainer stages what the networks see
      const seen = x ?? trainer.staged.test;
      const nets = trainer.networks.map((network) => {
        if (network.diverged !== null)
          return {
            id: network.id,
            diverged: network.diverged,
            testAccuracy: null,
            trainingModeAccuracy: null,
            gap: null,
            recomputedAccuracy: null,
          };
        const testAccuracy = binaryLossAndAccuracy(network.net.predict(trainer.staged.test), test.y).accuracy;
        const trainingModeAccuracy = x ? accuracyInBatches(network.net, seen, test.y, trainer.batch) : null;
        return {
          id: network.id,
          diverged: null,
          testAccuracy,
          trainingModeAccuracy,
          gap: trainingModeAccuracy === null ? null : trainingModeAccuracy - testAccuracy,
          recomputedAccuracy: this.#recomputed(trainer, network),
        };
      });
      return { batch: trainer.batch, nets };
    } finally {
      trainer.dispose();
    }
  }

  /**
   * Test accuracy of a batch-normalized network after its statistics are recomputed from the training set, in
   * mini-batches of the training size (precise batch norm); null for the others. Done last: it replaces the
   * network's running averages.
   */
  #recomputed(trainer, network) {
    if (network.batchNorm === 'none' || trainer.batch < 2) return null;
    network.net.recomputeStatistics(trainer.staged.train, { batch: trainer.batch });
    return binaryLossAndAccuracy(network.net.predict(trainer.staged.test), trainer.test.y).accuracy;
  }

  frame() {
    if (this.results.length >= this.sizes.length) return false;
    this.results.push(this.#run(this.sizes[this.results.length]));
    return this.results.length < this.sizes.length;
  }

  snapshot() {
    return {
      message: { step: this.results.length, results: this.results, sizes: this.sizes, steps: this.steps },
      transfer: [],
    };
  }

  view(settings) {
    this.settings = settings;
  }

  dispose() {}
}
