// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
export const NET_COLORS = {
  plain: '#E69F00',
  before: '#0072B2',
  after: '#009E73',
  learned: '#0072B2',
  frozen: '#999999',
  layer: '#CC79A7',
  noisy: '#56B4E9',
  // gamma-beta: everything trained, only γ and β, as many random other parameters
  all: '#0072B2',
  gammaBeta: '#D55E00',
  random: '#999999',
  // scale-invariance: batch norm with weight decay
  decay: '#D55E00',
  // center-scale: one half of a normalization keeps its normalization's colour, with a dash (NET_DASHES)
  center: '#0072B2',
  scale: '#0072B2',
  rms: '#CC79A7',
  // mismatch: batch renormalization
  renorm: '#009E73',
};
/** Dashes of the networks that keep one half of a normalization: scaling only dashed, centering only dotted. */
export const NET_DASHES = { center: [2, 3], scale: [7, 4], rms: [7, 4] };
export const CLASS_COLORS = { zero: [118, 42, 131], one: [27, 120, 55] }; // heatmap classes 0 / 1: purple, green (not a network's colour)
export const STAGE_COLORS = { z: '#999999', zHat: '#56B4E9', zTilde: '#0072B2', a: '#CC79A7' };
