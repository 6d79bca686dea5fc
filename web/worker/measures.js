// The named measures a training snapshot can carry — one entry each, the one place a measure is defined.
// Figures ask for the names they draw (options.measures); the trainer computes them per network in the
// order of their phase, so no measure depends on which others were asked for:
//   'batch'  reads the layer buffers of one batch-statistics pass over the last mini-batch through the network
//            as it is now (the trainer runs that pass once per snapshot, first, when any such measure is
//            asked for: after a training step γ and β have moved, and the anatomy's numbers must agree)
//   'own'    runs a pass of its own, which overwrites those buffers, so it comes after the 'batch' phase
//   'eval'   predictions with the running statistics, as a trained network is used
// Each `of(trainer, network, view, memo)` (network: one of trainer.networks) returns fields merged into that
// network's part of the snapshot; a
// Float32Array it returns is transferred, not copied. view: { layer, unit }, 1-based as the reader counts.
import { binaryLossAndAccuracy } from './metrics.js';

export const PHASES = ['batch', 'own', 'eval'];

// What each hidden layer's activation function receives: z̃ = γẑ + β for batch norm before it, else z.
const activationField = (network) => (network.batchNorm === 'before' ? 'zTilde' : 'z');

// Every hidden layer's activation input [rows × units] on the batch pass, copied once per snapshot.
function activationInputs(trainer, network, memo) {
  memo.inputs ??= Array.from({ length: trainer.depth }, (_, l) => network.net.probe(l, { fields: [activationField(network)] })[activationField(network)]);
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

  /** The predicted probability of class 1 over a GRID × GRID grid of the plane (the decision heatmap). */
  boundary: {
    phase: 'eval',
    of: (trainer, network) => ({ boundary: network.net.predict(trainer.staged.grid) }),
  },

  /** Test accuracy when the test set is normalized with its own batch statistics instead of the running ones. */
  evalVsBatch: {
    phase: 'eval',
    of(trainer, network) {
      if (network.batchNorm === 'none') return {};
      const p = network.net.predict(trainer.staged.test, { mode: 'batch' });
      return { testAccuracyBatch: binaryLossAndAccuracy(p, trainer.test.y).accuracy };
    },
  },

  /** One unit on the last mini-batch: z, ẑ, z̃, a, μ_B, σ²_B, the running statistics, γ and β. */
  anatomy: {
    phase: 'batch',
    of(trainer, network, { layer, unit }) {
      const p = network.net.probe(layer - 1, { unit: unit - 1 });
      return {
        anatomy: {
          layer, unit, rows: p.rows, z: p.z, zHat: p.zHat, zTilde: p.zTilde, a: p.a,
          batchMean: p.batchMean, batchVariance: p.batchVariance, runningMean: p.runningMean,
          runningVariance: p.runningVariance, gamma: p.gamma, beta: p.beta, eps: trainer.settings.eps,
        },
      };
    },
  },

  /** Percentiles (15/50/85) of every hidden layer's activation input over the last mini-batch. */
  layerBands: {
    phase: 'batch',
    of: (trainer, network, view, memo) => ({ layers: activationInputs(trainer, network, memo).map((values) => band(trainer.lab, values)) }),
  },

  /**
   * Shares of all hidden units' activation inputs in a sigmoid's near-linear middle (|u| < 1) and in its
   * saturated tails (|u| > 3), and the chosen layer's inputs themselves.
   */
  saturation: {
    phase: 'batch',
    of(trainer, network, { layer }, memo) {
      const inputs = activationInputs(trainer, network, memo);
      let linear = 0, saturated = 0, count = 0;
      for (const values of inputs)
        for (const u of values) {
          const magnitude = Math.abs(u);
          if (magnitude < 1) linear++;
          else if (magnitude > 3) saturated++;
          count++;
        }
      return { linearShare: linear / count, saturatedShare: saturated / count, activationInput: inputs[layer - 1].slice() };
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

/** Throws on a name that is not a measure (own keys only: 'constructor' is not one). */
export function checkMeasures(names) {
  for (const name of names)
    if (!Object.hasOwn(MEASURES, name)) throw new Error(`unknown measure '${name}': allowed are ${Object.keys(MEASURES).join(', ')}`);
  return names;
}
