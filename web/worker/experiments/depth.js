// Batch norm at initialization in deep networks (Yang et al., 2019): for networks of growing depth, plain and with
// batch norm, each hidden layer's weight gradient at the initial weights on the first mini-batch, and the
// sharpness there (the smoothness figure's measure at step 0); then a pair of depth TRAIN_DEPTH trains, batch norm
// with and without a linear warm-up of the learning rate. One depth per frame, then a stretch of training per frame.
import { networkOptions } from '../../state/settings.js';
import { alongGiven } from '../measures.js';
import { blockDot } from '../metrics.js';
import { batchSampler } from '../sampler.js';

export const DEPTHS = [2, 4, 8, 16, 24, 32, 48];
export const TRAIN_DEPTH = 32;

/** A linear warm-up: the rate climbs from lr/steps to lr over the first `steps` steps (step counted from 0). */
export const warmedRate = (lr, steps, step) => (steps > 0 && step < steps ? (lr * (step + 1)) / steps : lr);

export class DepthExperiment {
  constructor(
    { lab },
    settings,
    { depths = DEPTHS, steps = settings.depthSteps ?? 500, warmup = settings.warmup ?? 100, every = 10 } = {},
  ) {
    this.lab = lab;
    this.settings = settings;
    this.depths = depths;
    this.steps = steps;
    this.warmup = warmup;
    this.every = every;
    const data = lab.dataset(settings.dataset, { n: settings.examples, noise: settings.noise, seed: settings.seed });
    const nTrain = Math.max(2, Math.round((data.n * settings.split) / 100));
    this.train = { x: data.x.slice(0, 2 * nTrain), y: data.y.slice(0, nTrain), n: nTrain };
    this.batch = Math.min(settings.batch, nTrain);
    // One fixed sequence of mini-batches (drawn with replacement), replayed for every network.
    const random = batchSampler(settings.seed);
    this.batches = Array.from({ length: steps }, () => {
      const x = new Float32Array(this.batch * 2),
        y = new Float32Array(this.batch); // [batch × 2], [batch]
      for (let i = 0; i < this.batch; i++) {
        const e = Math.floor(random() * nTrain);
        ((x[2 * i] = this.train.x[2 * e]), (x[2 * i + 1] = this.train.x[2 * e + 1]), (y[i] = this.train.y[e]));
      }
      return { x, y };
    });
    this.trainRows = lab.stage(this.train.x, nTrain); // [nTrain × 2]
    this.results = []; // per depth: { depth, plain: { gradients, sharpness }, bn: { … } }
    this.training = null; // { step, plain, bn, warm: { losses, diverged } }, steps[]
    this.runs = null;
  }

  describe() {
    return { depths: this.depths, steps: this.steps, warmup: this.warmup, trainDepth: TRAIN_DEPTH };
  }

  get step() {
    return this.results.length;
  }

  /** The figure's network at `depth` hidden layers, trained by plain SGD (the warm-up sets its rate). */
  #network(depth, batchNorm) {
    return this.lab.network(networkOptions({ ...this.settings, depth, optimizer: 'sgd' }, batchNorm));
  }

  /** Each hidden layer's ‖∇W‖ at the initial weights on the first mini-batch, and the sharpness there. */
  #atInit(depth, batchNorm) {
    const net = this.#network(depth, batchNorm);
    try {
      const { x, y } = this.batches[0];
      const loss = net.computeGradients(x, y, this.batch);
      const g = net.gradients();
      const gradients = net
        .layout()
        .filter((b) => b.name === 'weight' && b.layer < depth)
        .map((b) => Math.sqrt(blockDot(g, g, [b])));
      const smoothness = alongGiven(net, x, y, this.batch, this.settings.lr, loss, g);
      return { gradients, sharpness: smoothness ? smoothness.beta : null };
    } finally {
      net.dispose();
    }
  }

  /** Training loss over the training set, each layer normalized by its statistics (as in training). */
  #trainingLoss(net) {
    const loss = net.computeGradients(this.trainRows, this.train.y);
    return Number.isFinite(loss) ? loss : null;
  }

  /** ‖W‖ of the first hidden layer: with batch norm after it, its growth lowers its effective learning rate. */
  #firstNorm(net) {
    const theta = net.parameters();
    return Math.sqrt(blockDot(theta, theta, [net.layout().find((b) => b.name === 'weight' && b.layer === 0)]));
  }

  #startTraining() {
    const depth = TRAIN_DEPTH;
    this.runs = {
      plain: { net: this.#network(depth, 'none'), warmup: 0 },
      bn: { net: this.#network(depth, 'before'), warmup: 0 },
      warm: { net: this.#network(depth, 'before'), warmup: this.warmup },
    };
    this.training = { depth, steps: [0] };
    for (const [id, run] of Object.entries(this.runs))
      this.training[id] = {
        losses: [this.#trainingLoss(run.net)],
        firstNorms: [this.#firstNorm(run.net)],
        diverged: null,
      };
    this.trained = 0;
  }

  #trainStretch() {
    const until = Math.min(this.steps, this.trained + this.every);
    for (const [id, run] of Object.entries(this.runs)) {
      const record = this.training[id];
      for (let s = this.trained; s < until && record.diverged === null; s++) {
        run.net.setLearningRate(warmedRate(this.settings.lr, run.warmup, s));
        const { x, y } = this.batches[s];
        if (!Number.isFinite(run.net.trainStep(x, y, this.batch))) record.diverged = s + 1;
      }
      record.losses.push(record.diverged === null ? this.#trainingLoss(run.net) : null);
      record.firstNorms.push(record.diverged === null ? this.#firstNorm(run.net) : null);
    }
    this.trained = until;
    this.training.steps.push(until);
  }

  frame() {
    if (this.results.length < this.depths.length) {
      const depth = this.depths[this.results.length];
      this.results.push({ depth, plain: this.#atInit(depth, 'none'), bn: this.#atInit(depth, 'before') });
      return true;
    }
    if (!this.runs) this.#startTraining();
    if (this.trained < this.steps) for (let k = 0; k < 5 && this.trained < this.steps; k++) this.#trainStretch();
    return this.trained < this.steps;
  }

  snapshot() {
    return {
      message: {
        step: this.results.length + (this.trained ?? 0),
        depths: this.depths,
        results: this.results,
        training: this.training,
        steps: this.steps,
        warmup: this.warmup,
      },
      transfer: [],
    };
  }

  view(settings) {
    this.settings = settings;
  }

  dispose() {
    if (this.runs) for (const run of Object.values(this.runs)) run.net.dispose();
    this.trainRows.dispose();
  }
}

/** The training loss a run reached, for summaries: the last finite value, or null. */
export const lastLoss = (record) => record.losses.findLast((v) => v !== null) ?? null;
