// The lab's one colour vocabulary. Each colour means one thing on every figure and on the page; what a line's
// colour cannot say (a mode, one half of a normalization, a variant) its dash says. docs/colours.md has the
// table; tests/node/colours.test.js checks the colours stay apart under simulated colour-vision deficiencies,
// and the browser tests that no figure gives one colour two meanings. Okabe–Ito's palette, but for class 0.
//
// Every drawn series names its meaning (`meaning`), and views record [meaning, colour] pairs in data-colors.

/** meaning → colour. */
export const COLOR = {
  plain: '#E69F00', // no normalization (orange)
  batchNorm: '#0072B2', // batch norm on z, in every mode and variant (blue; the variant is in the dash)
  batchNormOnA: '#009E73', // batch norm on a, after the activation (bluish green)
  layerNorm: '#CC79A7', // layer norm, and RMSNorm dash-dotted (reddish purple)
  noisy: '#56B4E9', // batch norm with noise injected (sky blue)
  renorm: '#D55E00', // batch renormalization (vermillion)
  class0: '#3B3B3B', // the decision maps' class 0 (near black)
  class1: '#F0E442', // the decision maps' class 1 (yellow)
  ink: '#57606a', // annotations: markers, reference lines, blown-up runs, and line styles shown in grey
};

/** What each colour means, in words (legends, docs and tests read them from here). */
export const MEANINGS = {
  plain: 'no normalization',
  batchNorm: 'batch norm on z (every mode and variant; dashes tell them apart)',
  batchNormOnA: 'batch norm on a',
  layerNorm: 'layer norm (RMSNorm dash-dotted)',
  noisy: 'batch norm with injected noise',
  renorm: 'batch renormalization',
  class0: 'class 0',
  class1: 'class 1',
  ink: 'annotation: markers, reference lines, line styles',
};

/** Dashes, in uPlot's and canvas' form. */
export const DASH = { dashed: [6, 4], dotted: [2, 3], long: [10, 4], dashDot: [8, 3, 2, 3] };

/** Batch norm's modes: the running averages solid, the batch's own statistics dashed, recomputed dotted. */
export const MODE_DASHES = { running: null, training: DASH.dashed, recomputed: DASH.dotted, unbiased: DASH.dashDot };

/**
 * The networks of the figure table (their ids) → [meaning, dash, marker]. Batch norm on a and layer norm also
 * carry markers (rings, dots) along their lines: simulated tritanopia takes batch norm on a's green close to
 * batch norm's blue, and protanopia layer norm's purple (a reader's review of the figures under simulation).
 */
const NETWORKS = {
  plain: ['plain'],
  before: ['batchNorm'],
  bn: ['batchNorm'],
  after: ['batchNormOnA', null, 'ring'],
  layer: ['layerNorm', null, 'dot'],
  rms: ['layerNorm', DASH.dashDot, 'dot'],
  noisy: ['noisy'],
  renorm: ['renorm'],
  // batch norm's variants: one colour, told apart by dash
  learned: ['batchNorm'],
  frozen: ['batchNorm', DASH.dashed],
  all: ['batchNorm'],
  gammaBeta: ['batchNorm', DASH.long],
  random: ['batchNorm', DASH.dotted],
  decay: ['batchNorm', DASH.long],
  center: ['batchNorm', DASH.dotted],
  scale: ['batchNorm', DASH.long],
  warm: ['batchNorm', DASH.long],
};

/** { meaning, color, dash } of a meaning, with an optional dash. */
export const style = (meaning, dash = null) => {
  if (!(meaning in COLOR)) throw new Error(`no colour for the meaning "${meaning}"`);
  return { meaning, color: COLOR[meaning], dash };
};

/** { meaning, color, dash, marker } of a network of the figure table, by its id. */
export function netStyle(id) {
  const [meaning, dash = null, marker = null] = NETWORKS[id] ?? [];
  if (!meaning) throw new Error(`no colour for the network "${id}"; known: ${Object.keys(NETWORKS).join(', ')}`);
  return marker ? { ...style(meaning, dash), marker } : style(meaning, dash);
}

/** Annotations and line styles shown apart from any network. */
export const INK = style('ink');

/** How the anatomy's histograms draw each stage of one network, in that network's colour: fill opacity 0–1. */
export const STAGE_FILLS = { z: 0, zHat: 0.25, zTilde: 0.75, a: 0.45 };

/** '#RRGGBB' (any alpha it had dropped) with an opacity 0…1: a faint line, a band, a fill. */
export function withAlpha(color, opacity) {
  const alpha = Math.round(Math.max(0, Math.min(1, opacity)) * 255);
  return String(color).slice(0, 7) + alpha.toString(16).padStart(2, '0');
}

/** The [meaning, colour] pairs a view draws, for data-colors (the browser tests read them); written on change. */
export function recordColors(element, items) {
  const key = (s) => `${s.meaning ?? '?'} ${String(s.color).slice(0, 7).toUpperCase()}`; // '#RRGGBB' without alpha
  const colors = JSON.stringify([...new Set(items.map(key))].map((k) => k.split(' ')));
  if (element.dataset.colors !== colors) element.dataset.colors = colors;
}
