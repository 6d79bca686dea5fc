// The named measures a training snapshot can carry — one entry each, the one place a measure is defined.
// Figures ask for the names they draw (options.measures); the trainer computes them per network in the
// order of their phase, so no measure depends on which others were asked for:
//   'batch'  reads the layer buffers of one batch-statistics pass over the last mini-batch through the network
//            as it is now (the trainer runs that pass once per snapshot, first, when any such measure is
//            asked for: after a training step γ and β have moved, and the anatomy's numbers must agree; at
//            step 0, the mini-batch step 1 will train on)
//   'own'    runs a pass of its own, which overwrites those buffers, so it comes after the 'batch' phase
//   'eval'   predictions with the running statistics, as a trained network is used
// Each `of(trainer, network, view, memo)` (network: one of trainer.networks) returns fields merged into that
// network's part of the snapshot; a Float32Array it returns is transferred, not copied. view: { layer, unit },
// 1-based as the reader counts.
import { binaryLossAndAccuracy, blockDot, deadPerLayer } from './metrics.js';

export const PHASES = ['batch', 'own', 'eval'];

// What each hidden layer's activation function receives: z̃ = γẑ + β for a normalization before it, else z.
const activationField = (network) =>
  network.batchNorm === 'before' || network.layerNorm === 'before' ? 'zTilde' : 'z';

// The step sizes at which the landscape is probed along the gradient: multiples of the learning rate, from
// a quarter of a step to four steps.
export const PROBE_STEPS = [0.25, 0.5, 1, 2, 4];

// Every hidden layer's activation input [rows × units] on the batch pass, copied once per snapshot.
function activationInputs(trainer, network, memo) {
  memo.inputs ??= Array.from(
    { length: trainer.depth },
    (_, l) => network.net.probe(l, { fields: [activationField(network)] })[activationField(network)],
  );
  return memo.inputs;
}

// 15th, 50th and 85th percentiles, the three lines of Ioffe & Szegedy's Figure 1 (b, c).
function band(lab, values) {
  const [p15, p50, p85] = lab.percentiles(values, [15, 50, 85]);
  return { p15, p50, p85 };
}

export const MEASURES = {
  /** Loss and accuracy on the training and the test points. */
  curves: {
    phase: 'eval',
    of(trainer, network) {
      const train = binaryLossAndAccuracy(network.net.predict(trainer.staged.train), trainer.train.y);
      const test = binaryLossAndAccuracy(network.net.predict(trainer.staged.test), trainer.test.y);
      return { trainLoss: train.loss, trainAccuracy: train.accuracy, testLoss: test.loss, testAccuracy: test.accuracy };
    },
  },

  /**
   * ReLUs that are dead: output 0 for every training point (predictions, as a trained network is used), summed
   * over the hidden layers; null for other activations, which cannot die.
   */
  dead: {
    phase: 'eval',
    of(trainer, network) {
      if (trainer.settings.activation !== 'relu') return { dead: null };
      network.net.predict(trainer.staged.train);
      return { dead: deadPerLayer(network.net).reduce((a, b) => a + b, 0) };
    },
  },

  /** The predicted probability of class 1 over a GRID × GRID grid of the plane (the decision heatmap). */
  boundary: {
    phase: 'eval',
    of: (trainer, network) => ({ boundary: network.net.predict(trainer.staged.grid) }),
  },

  /** Test accuracy when the test set is normalized with its own batch statistics instead of the running ones. */
  evalVsBatch: {
    phase: 'eval',
    of(trainer, network) {
      if (network.batchNorm === 'none' && (network.layerNorm ?? 'none') === 'none') return {};
      const p = network.net.predict(trainer.staged.test, { mode: 'batch' });
      return { testAccuracyBatch: binaryLossAndAccuracy(p, trainer.test.y).accuracy };
    },
  },

  /**
   * Training and test accuracy with the population statistics recomputed from the training set (precise batch norm): the
   * statistics averaged over its mini-batches of the training batch size, each in training mode, on a twin of
   * the network (its own running averages stay as training made them).
   */
  recomputed: {
    phase: 'eval',
    of(trainer, network) {
      if (network.batchNorm === 'none') return {};
      const twin = trainer.twinOf(network);
      twin.recomputeStatistics(trainer.staged.train, { batch: trainer.batch });
      const accuracy = (rows, y) => binaryLossAndAccuracy(twin.predict(rows), y).accuracy;
      return {
        trainAccuracyRecomputed: accuracy(trainer.staged.train, trainer.train.y),
        testAccuracyRecomputed: accuracy(trainer.staged.test, trainer.test.y),
      };
    },
  },

  /** One unit on the last mini-batch: z, ẑ, z̃, a, μ_B, σ²_B, the running statistics, γ and β. */
  anatomy: {
    phase: 'batch',
    of(trainer, network, { layer, unit }) {
      const p = network.net.probe(layer - 1, { unit: unit - 1 });
      return {
        anatomy: {
          layer,
          unit,
          rows: p.rows,
          z: p.z,
          zHat: p.zHat,
          zTilde: p.zTilde,
          a: p.a,
          batchMean: p.batchMean,
          batchVariance: p.batchVariance,
          runningMean: p.runningMean,
          runningVariance: p.runningVariance,
          gamma: p.gamma,
          beta: p.beta,
          eps: trainer.settings.eps,
        },
      };
    },
  },

  /** Percentiles (15/50/85) of every hidden layer's activation input over the last mini-batch. */
  layerBands: {
    phase: 'batch',
    of: (trainer, network, view, memo) => ({
      layers: activationInputs(trainer, network, memo).map((values) => band(trainer.lab, values)),
    }),
  },

  /**
   * Shares of all hidden units' activation inputs in a sigmoid's near-linear middle (|u| < 1) and in its
   * saturated tails (|u| > 3), and the chosen layer's inputs themselves.
   */
  saturation: {
    phase: 'batch',
    of(trainer, network, { layer }, memo) {
      const inputs = activationInputs(trainer, network, memo);
      let linear = 0,
        saturated = 0,
        count = 0;
      for (const values of inputs)
        for (const u of values) {
          const magnitude = Math.abs(u);
          if (magnitude < 1) linear++;
          else if (magnitude > 3) saturated++;
          count++;
        }
      return {
        linearShare: linear / count,
        saturatedShare: saturated / count,
        activationInput: inputs[layer - 1].slice(),
      };
    },
  },

  /**
   * Percentiles of the chosen unit's activation input over the whole training set, in a batch-statistics
   * pass like a training step's: a steadier picture than one mini-batch of a few dozen.
   */
  unitBand: {
    phase: 'own',
    of(trainer, network, { layer, unit }) {
      network.net.predict(trainer.staged.train, { mode: 'batch' });
      const field = activationField(network);
      return { unitBand: band(trainer.lab, network.net.probe(layer - 1, { unit: unit - 1, fields: [field] })[field]) };
    },
  },
};

/**
 * Percentiles of the chosen unit's activation input as a training pass sees it: a training-mode pass over
 * the last mini-batch, with the injected noise where the network has it (predictions never carry noise).
 */
MEASURES.trainingBand = {
  phase: 'own',
  of(trainer, network, { layer, unit }) {
    if (trainer.step === 0) return {}; // no mini-batch yet
    network.net.computeGradients(trainer.staged.batch, trainer.yBatch);
    const field = activationField(network);
    return {
      trainingBand: band(trainer.lab, network.net.probe(layer - 1, { unit: unit - 1, fields: [field] })[field]),
    };
  },
};

/**
 * Internal covariate shift as Santurkar et al. (2018, Definition 2.1) measure it: for each hidden layer i ≥ 2
 * (a layer with layers below it), on the last mini-batch, the gradient G of the loss with respect to its
 * weights, and G′, the same gradient after the layers below have taken their SGD step (θ − lr·g on their
 * parameters only, layer i and above unchanged). ‖G − G′‖₂ and cos(G, G′), one entry per such layer.
 */
MEASURES.covariateShift = {
  phase: 'own',
  of(trainer, network) {
    if (trainer.step === 0) return {}; // no mini-batch yet
    const { net } = network;
    const { staged, yBatch } = trainer;
    net.computeGradients(staged.batch, yBatch);
    const g = net.gradients();
    const layout = net.layout();
    const shifts = [];
    for (let layer = 1; layer < trainer.depth; layer++) {
      const below = new Float32Array(g.length); // g on the layers below, 0 elsewhere
      for (const b of layout)
        if (b.layer < layer) below.set(g.subarray(b.offset, b.offset + b.rows * b.cols), b.offset);
      const moved = net.gradientsAt(staged.batch, yBatch, undefined, {
        direction: below,
        step: -trainer.settings.lr,
      }).gradients;
      const weights = layout.filter((b) => b.layer === layer && b.name === 'weight');
      const diff = g.map((v, i) => v - moved[i]);
      const norm = Math.sqrt(blockDot(g, g, weights)),
        normMoved = Math.sqrt(blockDot(moved, moved, weights));
      shifts.push({
        layer: layer + 1,
        l2: Math.sqrt(blockDot(diff, diff, weights)),
        cosine: blockDot(g, moved, weights) / (norm * normMoved || 1),
      });
    }
    return { covariateShift: shifts };
  },
};

/**
 * How smooth the loss is along the gradient (Santurkar et al. 2018, Fig. 4), on the last mini-batch (at step 0,
 * the first one, at the initial weights): with g the gradient at θ and η = lr × PROBE_STEPS, the range of
 * L(θ − ηg) ("loss variation"), the range of ‖∇L(θ) − ∇L(θ − ηg)‖ ("gradient predictiveness": small means the
 * gradient stays a good guide), and the largest ‖∇L(θ) − ∇L(θ − ηg)‖ / ‖ηg‖: the paper's "effective
 * β-smoothness", shown as "sharpness" (field `beta`) so that it is not read as batch norm's β.
 */
MEASURES.smoothness = {
  phase: 'own',
  of(trainer, network) {
    // The last mini-batch; at step 0, the first one (initial weights, the batch step 1 will train on).
    const first = trainer.step === 0 ? trainer.firstBatch() : null;
    const [x, y, n] = first ? [first.x, first.y, trainer.batch] : [trainer.staged.batch, trainer.yBatch, undefined];
    return { smoothness: alongGradient(network.net, x, y, n, trainer.settings.lr) };
  },
};

/**
 * The smoothness measure for one network on one batch (x, y, n as network.computeGradients takes them) at learning
 * rate lr: { lossMin, lossMax, gradientChangeMin, gradientChangeMax, beta }, or null where a probe is not finite.
 */
export function alongGradient(net, x, y, n, lr) {
  const loss0 = net.computeGradients(x, y, n);
  return alongGiven(net, x, y, n, lr, loss0, net.gradients());
}

/** alongGradient from a gradient g [parameterCount] and loss0 already computed at the network's parameters. */
export function alongGiven(net, x, y, n, lr, loss0, g) {
  let gNorm = 0;
  for (const v of g) gNorm += v * v;
  gNorm = Math.sqrt(gNorm);
  const losses = [loss0],
    changes = [];
  let beta = 0;
  for (const multiple of PROBE_STEPS) {
    const eta = multiple * lr;
    const at = net.gradientsAt(x, y, n, { direction: g, step: -eta });
    let change = 0;
    for (let i = 0; i < g.length; i++) change += (g[i] - at.gradients[i]) ** 2;
    change = Math.sqrt(change);
    losses.push(at.loss);
    changes.push(change);
    if (gNorm > 0) beta = Math.max(beta, change / (eta * gNorm));
  }
  const finite = losses.every(Number.isFinite) && changes.every(Number.isFinite);
  return finite
    ? {
        lossMin: Math.min(...losses),
        lossMax: Math.max(...losses),
        gradientChangeMin: Math.min(...changes),
        gradientChangeMax: Math.max(...changes),
        beta,
      }
    : null;
}

/**
 * Scale invariance and the effective learning rate of the chosen hidden layer's weights W (view.layer): on the
 * whole training set in one batch-statistics pass (the loss that batch norm makes independent of W's scale,
 * unlike a prediction with the running averages), the loss, ‖W‖, the gradient ‖∇_W L‖, the cosine between W
 * and ∇_W L (0 where the loss is invariant to W's scale: the gradient is orthogonal to W) and lr/‖W‖², the
 * step that plain SGD effectively takes on W's direction (van Laarhoven 2017; Hoffer et al. 2018).
 */
MEASURES.weightScale = {
  phase: 'own',
  of(trainer, network, { layer }) {
    const { net } = network;
    const loss = net.computeGradients(trainer.staged.train, trainer.train.y);
    const g = net.gradients(),
      theta = net.parameters();
    const weights = net.layout().filter((b) => b.name === 'weight' && b.layer === layer - 1);
    const weightNorm = Math.sqrt(blockDot(theta, theta, weights));
    const gradientNorm = Math.sqrt(blockDot(g, g, weights));
    return {
      weightScale: {
        loss,
        weightNorm,
        gradientNorm,
        cosine: blockDot(theta, g, weights) / (weightNorm * gradientNorm || 1),
        effectiveRate: trainer.settings.lr / weightNorm ** 2,
      },
    };
  },
};

/** Throws on a name that is not a measure (own keys only: 'constructor' is not one). */
export function checkMeasures(names) {
  for (const name of names)
    if (!Object.hasOwn(MEASURES, name))
      throw new Error(`unknown measure '${name}': allowed are ${Object.keys(MEASURES).join(', ')}`);
  return names;
}
