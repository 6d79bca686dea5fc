// The options of lab.network() read into the core's config, those of network.probe(), and the other checks of a
// network's arguments that need nothing from the core: each value's JS type checked here (the core checks names
// and ranges and says what is allowed).
import { LIMITS, within } from './limits.js';
import {
  boolean,
  checkKeys,
  describe,
  dropUndefined,
  number,
  numberArray,
  numericView,
  seed,
  string,
} from './options.js';

const NETWORK_KEYS = [
  'layers',
  'activation',
  'batchNorm',
  'layerNorm',
  'noise',
  'affine',
  'centering',
  'scaling',
  'renorm',
  'eps',
  'momentum',
  'loss',
  'optimizer',
  'init',
  'seed',
];
const OPTIMIZER_KEYS = ['name', 'lr', 'momentum', 'beta1', 'beta2', 'eps', 'weightDecay'];
const INIT_KEYS = ['name', 'sigma'];

/** renorm: true (r_max 3, d_max 5), false, or { rMax, dMax } → the core's renorm fields. */
function renormConfig(where, renorm) {
  if (renorm === undefined || typeof renorm === 'boolean') return { renorm };
  if (renorm === null || typeof renorm !== 'object' || Array.isArray(renorm))
    throw new Error(`${where}: renorm = ${describe(renorm)} is not allowed: true, false or { rMax, dMax }`);
  const r = checkKeys(`${where}: renorm`, renorm, ['rMax', 'dMax']);
  return {
    renorm: true,
    renormRMax: number(where, 'renorm.rMax', r.rMax),
    renormDMax: number(where, 'renorm.dMax', r.dMax),
  };
}

/** lab.network(options) as the core's config object (see cpp/bindings/convert.cpp, network_config). */
export function networkConfig(where, options) {
  const o = checkKeys(where, options, NETWORK_KEYS);
  const raw = {};
  if (o.layers !== undefined) {
    if (!Array.isArray(o.layers) && !ArrayBuffer.isView(o.layers))
      throw new Error(
        `${where}: layers = ${describe(o.layers)} is not allowed: an array of layer sizes such as [2, 8, 8, 1]`,
      );
    raw.layers = Array.from(o.layers, (size, i) =>
      within(where, `layers[${i}]`, size, LIMITS.layerSize, { required: true }),
    );
  }
  raw.activation = string(where, 'activation', o.activation);
  if (typeof o.batchNorm === 'boolean') raw.batchNorm = o.batchNorm ? 'before' : 'none';
  else raw.batchNorm = string(where, 'batchNorm', o.batchNorm);
  raw.layerNorm = string(where, 'layerNorm', o.layerNorm);
  raw.noise = number(where, 'noise', o.noise);
  raw.affine = boolean(where, 'affine', o.affine);
  raw.centering = boolean(where, 'centering', o.centering);
  raw.scaling = boolean(where, 'scaling', o.scaling);
  Object.assign(raw, renormConfig(where, o.renorm));
  raw.eps = number(where, 'eps', o.eps);
  raw.momentum = number(where, 'momentum', o.momentum);
  raw.loss = string(where, 'loss', o.loss);
  raw.seed = seed(where, o.seed);
  if (typeof o.optimizer === 'string' || o.optimizer === undefined) {
    raw.optimizer = o.optimizer;
  } else {
    const opt = checkKeys(`${where}: optimizer`, o.optimizer, OPTIMIZER_KEYS);
    raw.optimizer = string(where, 'optimizer.name', opt.name);
    raw.lr = number(where, 'optimizer.lr', opt.lr);
    raw.optimizerMomentum = number(where, 'optimizer.momentum', opt.momentum);
    raw.beta1 = number(where, 'optimizer.beta1', opt.beta1);
    raw.beta2 = number(where, 'optimizer.beta2', opt.beta2);
    raw.optimizerEps = number(where, 'optimizer.eps', opt.eps);
    raw.weightDecay = number(where, 'optimizer.weightDecay', opt.weightDecay);
  }
  if (typeof o.init === 'string' || o.init === undefined) {
    raw.init = o.init;
  } else {
    const init = checkKeys(`${where}: init`, o.init, INIT_KEYS);
    raw.init = string(where, 'init.name', init.name);
    raw.initSigma = number(where, 'init.sigma', init.sigma);
  }
  return dropUndefined(raw);
}

// Which buffers network.probe() copies: the core's bit flags (cpp/bindings/convert.h, ProbeField);
// 'statistics' is batch norm's six [units] vectors, the noise's scale and shift, and layer norm's per-row ones.
const PROBE_FIELDS = { z: 1, zHat: 2, zTilde: 4, a: 8, statistics: 16 };

/** probe(layer, options)'s arguments checked: { layer, unit (−1: every unit), mask (PROBE_FIELDS) }. */
export function probeRequest(where, layer, options, layerCount, unitsOf) {
  const o = checkKeys(where, options, ['unit', 'fields']);
  within(where, 'layer', layer, LIMITS.layer(layerCount), { required: true });
  const unit = within(where, 'unit', o.unit, LIMITS.unit(unitsOf(layer)));
  let mask = 0;
  if (o.fields === undefined) mask = 31;
  else {
    const names = Object.keys(PROBE_FIELDS).join(', ');
    if (!Array.isArray(o.fields))
      throw new Error(`${where}: fields = ${describe(o.fields)} is not allowed: an array of names from ${names}`);
    for (const name of o.fields) {
      if (!Object.hasOwn(PROBE_FIELDS, name))
        throw new Error(`${where}: fields names ${describe(name)}: allowed are ${names}`);
      mask |= PROBE_FIELDS[name];
    }
  }
  return { layer, unit: unit ?? -1, mask };
}

// The checks of a network's per-call arguments that need nothing from the core.

/** Staged rows or pixels must have as many features as the network has inputs. */
export function stagedFeatures(where, x, what, inputs) {
  if (x.features !== inputs)
    throw new Error(
      `${where}: the staged ${what} have ${x.features} features, but this network takes ${inputs} inputs`,
    );
}

/** The rows of staged rows `x` for a network with `inputs` inputs: a given n must match them. */
export function stagedRowCount(where, x, n, inputs) {
  if (n !== undefined && n !== x.n)
    throw new Error(`${where}: n = ${describe(n)} does not match the ${x.n} staged rows`);
  stagedFeatures(where, x, 'rows', inputs);
  return x.n;
}

/** The row numbers of staged pixels `x` to read, checked: [0, x.n) each, at most LIMITS.rowsPerCall. */
export function rowNumbers(where, x, picks) {
  if (!(Array.isArray(picks) || numericView(picks)) || picks.length === 0)
    throw new Error(
      `${where}: rows = ${describe(picks)} is not allowed: with staged pixels, an array of the row numbers to read`,
    );
  const rowNumber = LIMITS.rowNumber(x.n);
  for (let i = 0; i < picks.length; i++) within(where, `rows[${i}]`, picks[i], rowNumber);
  if (picks.length > LIMITS.rowsPerCall.max)
    throw new Error(`${where}: rows has ${picks.length} row numbers, which is too many: ${LIMITS.rowsPerCall.allowed}`);
  return picks;
}

/**
 * Checks targets y for n rows of a network with `outputs` outputs; true when they are class indices (softmax),
 * checked here in full.
 */
export function checkTargets(where, y, n, outputs, softmax) {
  const O = outputs;
  if (softmax && y?.length === n && (Array.isArray(y) || numericView(y))) {
    for (let i = 0; i < n; i++) {
      const label = y[i];
      if (!Number.isInteger(label) || label < 0 || label >= O)
        throw new Error(`${where}: y[${i}] = ${describe(label)} is not allowed: a class index from 0 to ${O - 1}`);
    }
    return true;
  }
  const shape = softmax ? `n × outputs = ${n} × ${O} (or n = ${n} class indices)` : `n × outputs = ${n} × ${O}`;
  numberArray(where, 'y', y, n * O, shape);
  return false;
}
