// The settings and networks of the figures whose claims are measured over seeds (noisy-bn, covariate-shift,
// smoothness, regularization, drift, sigmoid-range, train-vs-eval), in one place so the figures and the tests of their claims use the same ones.

/** A setting where all three networks learn within a few hundred steps: circle, 4 × 16 tanh, Xavier. */
export const WHY_SETTINGS = {
  dataset: 'circle',
  depth: 4,
  width: 16,
  activation: 'tanh',
  init: 'xavier',
  lr: 0.3,
  layer: 4,
  unit: 1,
};

/** The injected noise's magnitude a: scales in [1, 2], shifts in [−1, 1] per unit and step. */
export const NOISE = 1;

export const WHY_NETS = [
  { id: 'plain', label: 'no batch norm', batchNorm: 'none' },
  { id: 'before', label: 'batch norm', batchNorm: 'before' },
  { id: 'noisy', label: 'batch norm + noise', batchNorm: 'before', noise: NOISE },
];

/** Few, noisy training points and a network large enough to memorize them. */
export const REGULARIZATION_SETTINGS = {
  dataset: 'circle',
  examples: 100,
  noise: 0.3,
  depth: 4,
  width: 32,
  activation: 'relu',
  init: 'he',
  lr: 0.1,
  batch: 4,
};

/** The drift figure: a sigmoid unit of the last hidden layer, in networks that both learn the circle. */
export const DRIFT_SETTINGS = {
  activation: 'sigmoid',
  depth: 2,
  width: 8,
  dataset: 'circle',
  init: 'xavier',
  lr: 2,
  layer: 2,
  unit: 1,
};

/** The sigmoid-range figure: two batch-normalized sigmoid networks on the circle, γ and β learned or frozen. */
export const SIGMOID_RANGE_SETTINGS = {
  activation: 'sigmoid',
  dataset: 'circle',
  noise: 0.05,
  depth: 2,
  width: 8,
  lr: 1,
};
export const SIGMOID_RANGE_NETS = [
  { id: 'learned', label: 'γ, β learned', batchNorm: 'before', affine: true },
  { id: 'frozen', label: 'γ, β frozen at (1, 0)', batchNorm: 'before', affine: false },
];

/** The train-vs-eval figure: running averages that follow the batches slowly (Keras' default, in PyTorch's convention). */
export const TRAIN_VS_EVAL_SETTINGS = { momentum: 0.01 };
