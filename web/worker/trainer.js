// Trains the compared networks in lockstep — same initial weights (one seed), same mini-batches (one
// sampler) — and measures them. Plain logic over the JS API, so node tests can drive it without a worker.
import { networkOptions } from '../state/settings.js';

export const GRID = 40;          // heatmap resolution (GRID × GRID predictions per network)
export const EXTENT = 1.6;       // heatmap half-width in data units (feature x₁ is multiplied by scale)

/** mulberry32: a tiny seeded generator for the mini-batch order. */
export function sampler(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The networks a settings object compares: plain, batch norm where chosen, and optionally the other place.
 * Figures may pass their own list: [{ id, label, batchNorm, affine }] (affine overrides the setting).
 */
export function netsFor(values) {
  const other = values.placement === 'before' ? 'after' : 'before';
  const label = (where) => (where === 'before' ? 'batch norm on z' : 'batch norm on a');
  const nets = [
    { id: 'plain', label: 'no batch norm', batchNorm: 'none' },
    { id: values.placement, label: label(values.placement), batchNorm: values.placement },
  ];
  if (values.third) nets.push({ id: other, label: label(other), batchNorm: other });
  return nets;
}

/** Mean binary cross-entropy and accuracy of probabilities p[n] against labels y[n] (0/1). */
export function binaryLossAndAccuracy(p, y) {
  let loss = 0, correct = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
    loss -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
    correct += (p[i] > 0.5) === (y[i] === 1) ? 1 : 0;
  }
  return { loss: loss / y.length, accuracy: correct / y.length };
}

/** A function that standardizes [n × 2] inputs with the mean and spread of x [count × 2]. */
function standardizer(x, count) {
  const mean = [0, 0], sd = [0, 0];
  for (let i = 0; i < count; i++) for (let f = 0; f < 2; f++) mean[f] += x[2 * i + f] / count;
  for (let i = 0; i < count; i++) for (let f = 0; f < 2; f++) sd[f] += (x[2 * i + f] - mean[f]) ** 2 / count;
  for (let f = 0; f < 2; f++) sd[f] = Math.sqrt(sd[f]) || 1;
  return (values) => values.map((v, k) => (v - mean[k % 2]) / sd[k % 2]);
}

/** Column j of a row-major [rows × width] buffer. */
function column(values, width, j) {
  const out = new Float32Array(values.length / width);
  for (let i = 0; i < out.length; i++) out[i] = values[i * width + j];
  return out;
}

/** Shares of activation inputs near zero (|u| < 1, where a sigmoid is nearly linear) and saturated (|u| > 3). */
function zones(inputs) {
  let linear = 0, saturated = 0, count = 0;
  for (const values of inputs)
    for (const u of values) {
      const magnitude = Math.abs(u);
      if (magnitude < 1) linear++;
      else if (magnitude > 3) saturated++;
      count++;
    }
  return { linearShare: linear / count, saturatedShare: saturated / count };
}

export class Trainer {
  constructor(lab, values, nets = netsFor(values)) {
    this.lab = lab;
    this.values = values;
    this.notes = [];
    const data = lab.dataset(values.dataset, { n: values.examples, noise: values.noise, seed: values.seed, scale: values.scale });
    const nTrain = Math.max(2, Math.min(data.n - 2, Math.round((data.n * values.split) / 100)));
    this.train = { x: data.x.slice(0, nTrain * 2), y: data.y.slice(0, nTrain), n: nTrain };
    this.test = { x: data.x.slice(nTrain * 2), y: data.y.slice(nTrain), n: data.n - nTrain };
    // "Normalize the inputs": standardize each feature with the training set's mean and spread, as one
    // would before training; what the networks see, not what the heatmaps draw.
    this.standardize = values.normalize ? standardizer(this.train.x, nTrain) : (x) => x;
    this.seen = { train: this.standardize(this.train.x), test: this.standardize(this.test.x) };
    this.batch = Math.min(values.batch, nTrain);
    if (this.batch < values.batch)
      this.notes.push(`batch size ${values.batch} is more than the ${nTrain} training examples; using ${this.batch}`);
    this.nets = nets.map((spec) => ({
      ...spec,
      net: lab.network(networkOptions({ ...values, affine: spec.affine ?? values.affine }, spec.batchNorm)),
      diverged: null,
      loss: NaN,
    }));
    this.step = 0;
    this.random = sampler(values.seed * 7919 + 17);
    this.order = Int32Array.from({ length: nTrain }, (_, i) => i);
    this.cursor = nTrain;  // forces a shuffle before the first batch
    this.xBatch = new Float32Array(this.batch * 2);
    this.yBatch = new Float32Array(this.batch);
    this.grid = this.standardize(this.#gridPoints());
  }

  #gridPoints() {
    const g = new Float32Array(GRID * GRID * 2), s = this.values.scale;
    for (let row = 0; row < GRID; row++)
      for (let col = 0; col < GRID; col++) {
        const k = row * GRID + col;
        g[2 * k] = (-EXTENT + ((col + 0.5) / GRID) * 2 * EXTENT) * s;
        g[2 * k + 1] = EXTENT - ((row + 0.5) / GRID) * 2 * EXTENT;
      }
    return g;
  }

  #nextBatch() {
    const { order, train } = this;
    for (let i = 0; i < this.batch; i++) {
      if (this.cursor >= order.length) {  // new epoch: Fisher–Yates shuffle
        for (let k = order.length - 1; k > 0; k--) {
          const j = Math.floor(this.random() * (k + 1));
          [order[k], order[j]] = [order[j], order[k]];
        }
        this.cursor = 0;
      }
      const e = order[this.cursor++];
      this.xBatch[2 * i] = this.seen.train[2 * e];
      this.xBatch[2 * i + 1] = this.seen.train[2 * e + 1];
      this.yBatch[i] = train.y[e];
    }
  }

  /** `count` steps of every network that has not diverged, on the same mini-batches. */
  trainSteps(count) {
    for (let s = 0; s < count; s++) {
      this.#nextBatch();
      this.step++;
      for (const n of this.nets) {
        if (n.diverged !== null) continue;
        n.loss = n.net.trainStep(this.xBatch, this.yBatch, this.batch);
        if (!Number.isFinite(n.loss)) n.diverged = this.step;
      }
    }
  }

  get allDiverged() {
    return this.nets.every((n) => n.diverged !== null);
  }

  /**
   * What the views draw, for the state after the last step: per network the losses and accuracies, the
   * anatomy of one unit on the last mini-batch, percentile bands per hidden layer, and (when asked) the
   * decision heatmap. layer and unit are 1-based, as shown to the reader. Figures ask for extras:
   * unitBand (percentiles of the chosen unit's activation input), saturation (share of activation inputs in
   * the near-linear zone |u| < 1 and the saturated zone |u| > 3, and the chosen layer's inputs themselves),
   * evalVsBatch (test accuracy with the test set's own batch statistics instead of the running ones).
   */
  snapshot({ layer = 1, unit = 1, heatmap = true, unitBand = false, saturation = false, evalVsBatch = false } = {}) {
    const transfer = [];
    const nets = this.nets.map((n) => {
      const out = { id: n.id, label: n.label, batchNorm: n.batchNorm, diverged: n.diverged, loss: n.loss };
      if (this.step > 0 && n.diverged === null) {
        // The last mini-batch through the network as it is now, with batch statistics (running statistics
        // untouched), so z, ẑ, z̃, a, μ_B, σ²_B, γ and β all belong to one consistent forward pass.
        n.net.predict(this.xBatch, this.batch, { mode: 'batch' });
        out.anatomy = this.#anatomy(n, layer - 1, unit - 1, transfer);
        const inputs = this.#activationInputs(n);
        out.layers = inputs.map((values) => this.#percentiles(values));
        if (unitBand) out.unitBand = this.#unitBand(n, layer - 1, unit - 1);
        if (saturation) {
          Object.assign(out, zones(inputs));
          out.activationInput = inputs[layer - 1];
          transfer.push(out.activationInput.buffer);
        }
      }
      if (n.diverged === null || this.step === 0) {
        const train = binaryLossAndAccuracy(n.net.predict(this.seen.train, this.train.n), this.train.y);
        const test = binaryLossAndAccuracy(n.net.predict(this.seen.test, this.test.n), this.test.y);
        Object.assign(out, { trainLoss: train.loss, trainAccuracy: train.accuracy, testLoss: test.loss, testAccuracy: test.accuracy });
        if (evalVsBatch && n.batchNorm !== 'none')
          out.testAccuracyBatch = binaryLossAndAccuracy(n.net.predict(this.seen.test, this.test.n, { mode: 'batch' }), this.test.y).accuracy;
        if (heatmap) {
          out.heatmap = n.net.predict(this.grid, GRID * GRID);
          transfer.push(out.heatmap.buffer);
        }
      }
      return out;
    });
    return { message: { step: this.step, nets, notes: this.notes }, transfer };
  }

  #anatomy(n, l, j, transfer) {
    const p = n.net.probe(l);
    const column = (values) => {
      if (!values) return null;
      const c = new Float32Array(p.rows);
      for (let i = 0; i < p.rows; i++) c[i] = values[i * p.units + j];
      transfer.push(c.buffer);
      return c;
    };
    const at = (values) => (values ? values[j] : null);
    return {
      layer: l + 1, unit: j + 1, rows: p.rows,
      z: column(p.z), zHat: column(p.zHat), zTilde: column(p.zTilde), a: column(p.a),
      batchMean: at(p.batchMean), batchVariance: at(p.batchVariance),
      runningMean: at(p.runningMean), runningVariance: at(p.runningVariance),
      gamma: at(p.gamma), beta: at(p.beta), eps: this.values.eps,
    };
  }

  // Each hidden layer's activation input [batch × width] on the last forward pass: z for the plain network and
  // for batch norm after the activation, z̃ = γẑ + β for batch norm before it.
  #activationInputs(n) {
    return Array.from({ length: this.values.depth }, (_, l) => {
      const p = n.net.probe(l);
      return n.batchNorm === 'before' ? p.zTilde : p.z;
    });
  }

  // The chosen unit's activation input over the whole training set (a batch-statistics pass, like a training
  // step's, but on every example): a steadier picture than one mini-batch of a few dozen. Run last, since it
  // overwrites the buffers the other probes read.
  #unitBand(n, l, j) {
    n.net.predict(this.seen.train, this.train.n, { mode: 'batch' });
    const p = n.net.probe(l);
    return this.#percentiles(column(n.batchNorm === 'before' ? p.zTilde : p.z, p.units, j));
  }

  // 15th, 50th and 85th percentiles, the three lines of Ioffe & Szegedy's Figure 1 (b, c).
  #percentiles(values) {
    const [p15, p50, p85] = this.lab.percentiles(values, [15, 50, 85]);
    return { p15, p50, p85 };
  }

  /** Training and test points for the heatmaps. */
  points() {
    return { train: this.train, test: this.test, scale: this.values.scale, grid: GRID, extent: EXTENT };
  }

  dispose() {
    for (const n of this.nets) n.net.dispose();
  }
}
