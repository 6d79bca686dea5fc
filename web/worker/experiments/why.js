// The settings and networks of the "why does it work" figures (noisy-bn, covariate-shift, smoothness,
// regularization), in one place so the figures and the tests of their claims use the same ones.

/** A setting where all three networks learn within a few hundred steps: circle, 4 × 16 tanh, Xavier. */
export const WHY_SETTINGS = { dataset: 'circle', depth: 4, width: 16, activation: 'tanh', init: 'xavier', lr: 0.3, layer: 4, unit: 1 };

/** The injected noise's magnitude a: scales in [1, 2], shifts in [−1, 1] per unit and step. */
export const NOISE = 1;

export const WHY_NETS = [
  { id: 'plain', label: 'no batch norm', batchNorm: 'none' },
  { id: 'before', label: 'batch norm', batchNorm: 'before' },
  { id: 'noisy', label: 'batch norm + noise', batchNorm: 'before', noise: NOISE },
];

/** Few, noisy training points and a network large enough to memorize them. */
export const REGULARIZATION_SETTINGS = { dataset: 'circle', examples: 100, noise: 0.3, depth: 4, width: 32, activation: 'relu', init: 'he', lr: 0.1, batch: 4 };
