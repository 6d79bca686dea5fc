// Trains the compared networks in lockstep — same initial weights (one seed), same mini-batches (one
// sampler) — and measures them on request (measures.js). Plain logic over the JS API, so node tests drive it
// without a worker. The data it uses every snapshot (training and test points, the heatmap grid) and each
// mini-batch are staged in wasm memory once and read there by every network.
import { networkOptions } from '../state/settings.js';
import { MEASURES, PHASES, checkMeasures } from './measures.js';
import { EXTENT, GRID } from './metrics.js';
import { batchSampler } from './sampler.js';

export { EXTENT, GRID, binaryLossAndAccuracy } from './metrics.js';

/**
 * The networks a settings object compares: plain, batch norm where chosen, and optionally the other place.
 * Figures may pass their own list: [{ id, label, batchNorm, layerNorm, noise, affine }] (batchNorm 'none'
 * with layerNorm for layer norm; affine overrides the setting).
 */
export function netsFor(settings) {
  const other = settings.placement === 'before' ? 'after' : 'before';
  const label = (where) => (where === 'before' ? 'batch norm on z' : 'batch norm on a');
  const nets = [
    { id: 'plain', label: 'no batch norm', batchNorm: 'none' },
    { id: settings.placement, label: label(settings.placement), batchNorm: settings.placement },
  ];
  if (settings.third) nets.push({ id: other, label: label(other), batchNorm: other });
  return nets;
}

/** A function that standardizes [n × 2] inputs with the mean and spread of x [count × 2]. */
function standardizer(x, count) {
  const mean = [0, 0],
    sd = [0, 0];
  for (let i = 0; i < count; i++) for (let f = 0; f < 2; f++) mean[f] += x[2 * i + f] / count;
  for (let i = 0; i < count; i++) for (let f = 0; f < 2; f++) sd[f] += (x[2 * i + f] - mean[f]) ** 2 / count;
  for (let f = 0; f < 2; f++) sd[f] = Math.sqrt(sd[f]) || 1;
  return (values) => values.map((v, k) => (v - mean[k % 2]) / sd[k % 2]);
}

/** The heatmap's grid points [GRID² × 2], row 0 at the top, feature x₁ multiplied by `scale`. */
function gridPoints(scale) {
  const g = new Float32Array(GRID * GRID * 2);
  for (let row = 0; row < GRID; row++)
    for (let col = 0; col < GRID; col++) {
      const k = row * GRID + col;
      g[2 * k] = (-EXTENT + ((col + 0.5) / GRID) * 2 * EXTENT) * scale;
      g[2 * k + 1] = EXTENT - ((row + 0.5) / GRID) * 2 * EXTENT;
    }
  return g;
}

/**
 * Which of a network's parameters train (network.setTrainable): 'normalization', only γ and β; 'random', as many
 * of the other parameters, chosen at random (seeded) — Frankle et al.'s (2021) control.
 */
export function trainableMask(net, which, seed) {
  const mask = new Uint8Array(net.parameterCount);
  const blocks = net.layout();
  const isNorm = (b) => b.name === 'gamma' || b.name === 'beta';
  for (const b of blocks.filter(isNorm)) mask.fill(1, b.offset, b.offset + b.rows * b.cols);
  if (which === 'normalization') return mask;
  if (which !== 'random') throw new Error(`trainable '${which}' is unknown: allowed are all, normalization, random`);
  const count = mask.reduce((a, b) => a + b, 0);
  const others = blocks
    .filter((b) => !isNorm(b))
    .flatMap((b) => Array.from({ length: b.rows * b.cols }, (_, k) => b.offset + k));
  const random = batchSampler(seed + 101);
  for (let k = others.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [others[k], others[j]] = [others[j], others[k]];
  }
  const chosen = new Uint8Array(net.parameterCount);
  for (const i of others.slice(0, count)) chosen[i] = 1;
  return chosen;
}

/** Trains only the parameters `which` names ('all' or none given: every one) — see trainableMask. */
export function applyTrainable(net, which, seed) {
  if (which && which !== 'all') net.setTrainable(trainableMask(net, which, seed));
}

/** Multiplies every hidden layer's weights (dense layers 0 … depth − 1, not the output layer) by k. */
export function scaleHiddenWeights(net, k, depth) {
  const theta = net.parameters();
  for (const b of net.layout())
    if (b.name === 'weight' && b.layer < depth)
      for (let i = b.offset; i < b.offset + b.rows * b.cols; i++) theta[i] *= k;
  net.setParameters(theta);
}

export class Trainer {
  constructor(lab, settings, nets = netsFor(settings)) {
    this.lab = lab;
    this.settings = settings;
    this.depth = settings.depth;
    this.notes = [];
    const data = lab.dataset(settings.dataset, {
      n: settings.examples,
      noise: settings.noise,
      seed: settings.seed,
      scale: settings.scale,
    });
    const nTrain = Math.max(2, Math.min(data.n - 2, Math.round((data.n * settings.split) / 100)));
    this.train = { x: data.x.slice(0, nTrain * 2), y: data.y.slice(0, nTrain), n: nTrain };
    this.test = { x: data.x.slice(nTrain * 2), y: data.y.slice(nTrain), n: data.n - nTrain };
    // "Normalize the inputs": standardize each feature with the training set's mean and spread, as one
    // would before training; what the networks see, not what the heatmaps draw.
    const standardize = settings.normalize ? standardizer(this.train.x, nTrain) : (x) => x;
    this.seenTrain = standardize(this.train.x); // [nTrain × 2] what the networks learn from
    this.batch = Math.min(settings.batch, nTrain);
    if (this.batch < settings.batch)
      this.notes.push(`batch size ${settings.batch} is more than the ${nTrain} training examples; using ${this.batch}`);
    // The compared networks: { id, label, batchNorm, affine, net, diverged, loss } each.
    this.networks = [];
    this.staged = {};
    try {
      this.staged.train = lab.stage(this.seenTrain, nTrain); // [nTrain × 2]
      this.staged.test = lab.stage(standardize(this.test.x), this.test.n); // [nTest × 2]
      this.staged.grid = lab.stage(standardize(gridPoints(settings.scale)), GRID * GRID); // [GRID² × 2]
      this.staged.batch = lab.stage(new Float32Array(this.batch * 2), this.batch); // [batch × 2] each step
      for (const spec of nets) {
        const options = networkOptions({ ...settings, affine: spec.affine ?? settings.affine }, spec.batchNorm, spec);
        const net = lab.network(options);
        this.networks.push({ ...spec, options, net, diverged: null, loss: NaN }); // options: for twinOf
        if (settings.weightScale !== undefined && settings.weightScale !== 1)
          scaleHiddenWeights(net, settings.weightScale, settings.depth);
        applyTrainable(net, spec.trainable, settings.seed);
      }
    } catch (error) {
      this.dispose(); // frees what was built before the failure
      throw error;
    }
    this.step = 0;
    this.sampling = this.#startSampling();
    this.xBatch = new Float32Array(this.batch * 2); // [batch × 2]
    this.yBatch = new Float32Array(this.batch); // [batch]
  }

  /** The batch order's state at step 0: { random, order, cursor }. */
  #startSampling() {
    const n = this.train.n;
    // cursor = n forces a shuffle before the first batch
    return { random: batchSampler(this.settings.seed), order: Int32Array.from({ length: n }, (_, i) => i), cursor: n };
  }

  /** Draws the next mini-batch of `sampling` into x [batch × 2] and y [batch]: without replacement within an epoch. */
  #draw(sampling, x, y) {
    const { order } = sampling;
    for (let i = 0; i < this.batch; i++) {
      if (sampling.cursor >= order.length) {
        // new epoch: Fisher–Yates shuffle
        for (let k = order.length - 1; k > 0; k--) {
          const j = Math.floor(sampling.random() * (k + 1));
          [order[k], order[j]] = [order[j], order[k]];
        }
        sampling.cursor = 0;
      }
      const e = order[sampling.cursor++];
      x[2 * i] = this.seenTrain[2 * e];
      x[2 * i + 1] = this.seenTrain[2 * e + 1];
      y[i] = this.train.y[e];
    }
  }

  /** The next mini-batch, staged for every network. */
  #nextBatch() {
    this.#draw(this.sampling, this.xBatch, this.yBatch);
    this.staged.batch.write(this.xBatch); // copied and checked once for all the networks
  }

  /**
   * The mini-batch that step 1 trains on, drawn from a fresh copy of the batch order (training's own order is
   * untouched): { x [batch × 2], y [batch] }. Measures at step 0 read the first batch the networks will see.
   */
  firstBatch() {
    this.first ??= (() => {
      const x = new Float32Array(this.batch * 2),
        y = new Float32Array(this.batch);
      this.#draw(this.#startSampling(), x, y);
      return { x, y };
    })();
    return this.first;
  }

  /** `count` steps of every network that has not diverged, on the same mini-batches. */
  trainSteps(count) {
    for (let s = 0; s < count; s++) {
      this.#nextBatch();
      this.step++;
      for (const network of this.networks) {
        if (network.diverged !== null) continue;
        network.loss = network.net.trainStep(this.staged.batch, this.yBatch);
        if (!Number.isFinite(network.loss)) network.diverged = this.step;
      }
    }
  }

  /** A new learning rate for every network from the next step on (the page's slider, without a restart). */
  setLearningRate(lr) {
    for (const network of this.networks) network.net.setLearningRate(lr);
    this.settings = { ...this.settings, lr };
  }

  get allDiverged() {
    return this.networks.every((network) => network.diverged !== null);
  }

  /**
   * A snapshot with the named measures (measures.js) of every network, for the state after the last step:
   * { message: { step, nets: [{ id, label, batchNorm, diverged, loss, ...measures }], notes }, transfer }.
   * view: { layer, unit }, 1-based. A network that diverged reports only when it did.
   */
  measure(names, view = { layer: 1, unit: 1 }) {
    checkMeasures(names);
    const transfer = [];
    // At step 0 the batch-statistics measures read the mini-batch step 1 will train on, so a figure shows its
    // state before Play: the first batch through the initial weights.
    if (this.step === 0 && names.some((name) => MEASURES[name].phase === 'batch'))
      this.staged.batch.write(this.firstBatch().x);
    const nets = this.networks.map((network) => {
      const out = {
        id: network.id,
        label: network.label,
        batchNorm: network.batchNorm,
        diverged: network.diverged,
        loss: network.loss,
      };
      if (network.diverged !== null) return out;
      const memo = {};
      for (const phase of PHASES) {
        const wanted = names.filter((name) => MEASURES[name].phase === phase);
        if (!wanted.length) continue;
        if (phase === 'batch') network.net.predict(this.staged.batch, { mode: 'batch' });
        for (const name of wanted) {
          const fields = MEASURES[name].of(this, network, view, memo);
          for (const value of Object.values(fields)) if (value instanceof Float32Array) transfer.push(value.buffer);
          for (const value of Object.values(fields.anatomy ?? {}))
            if (value instanceof Float32Array) transfer.push(value.buffer);
          Object.assign(out, fields);
        }
      }
      return out;
    });
    return { message: { step: this.step, nets, notes: this.notes }, transfer };
  }

  /** Training and test points for the heatmaps. */
  points() {
    return { train: this.train, test: this.test, scale: this.settings.scale, grid: GRID, extent: EXTENT };
  }

  /**
   * A second network of `network`'s build holding a copy of its parameters now, for measures that change what
   * they measure on (its running statistics): built once, refreshed at each call. The trainer disposes of it.
   */
  twinOf(network) {
    network.twin ??= this.lab.network(network.options);
    network.twin.setParameters(network.net.parameters());
    return network.twin;
  }

  dispose() {
    for (const network of this.networks) (network.net.dispose(), network.twin?.dispose());
    for (const rows of Object.values(this.staged)) rows.dispose();
  }
}
