// Every user-settable value of the playground in one typed table, and the one place where settings are read
// from and written to text (the URL hash on the full page, element attributes when embedded). Values from
// outside are never trusted: unknown keys are ignored, malformed or out-of-range values are clamped to the
// nearest allowed value, and each such change is reported as a notice for the page to show.

/**
 * kind: 'enum' (one of `options`), 'int' or 'number' (min … max; `log` for a log-scale slider), 'bool'.
 * field 'number': a number field instead of a slider. maxFrom: another setting that bounds this one.
 * group: which panel shows it. rebuild: changing it rebuilds the networks (everything except view choices).
 */
export const SETTINGS = [
  { key: 'dataset', label: 'Dataset', kind: 'enum', options: ['circle', 'xor', 'gauss', 'spiral'], default: 'circle', group: 'data' },
  { key: 'noise', label: 'Noise', kind: 'number', min: 0, max: 0.5, step: 0.05, default: 0.1, group: 'data' },
  { key: 'examples', label: 'Examples', kind: 'int', min: 50, max: 2000, step: 50, default: 400, group: 'data' },
  { key: 'split', label: 'Training share (%)', kind: 'int', min: 10, max: 90, step: 10, default: 50, group: 'data' },
  { key: 'scale', label: 'Scale of feature x₁', kind: 'number', min: 1, max: 10000, log: true, default: 1, group: 'data' },
  { key: 'normalize', label: 'Normalize the inputs', kind: 'bool', default: false, group: 'data' },
  { key: 'lr', label: 'Learning rate', kind: 'number', min: 0.0001, max: 10, log: true, default: 0.3, group: 'training' },
  { key: 'batch', label: 'Batch size', kind: 'int', min: 2, max: 256, step: 1, default: 32, group: 'training' },
  { key: 'optimizer', label: 'Optimizer', kind: 'enum', options: ['sgd', 'momentum', 'adam'], default: 'sgd', group: 'training' },
  { key: 'depth', label: 'Hidden layers', kind: 'int', min: 1, max: 6, step: 1, default: 2, group: 'network' },
  { key: 'width', label: 'Units per layer', kind: 'int', min: 1, max: 32, step: 1, default: 8, group: 'network' },
  { key: 'activation', label: 'Activation', kind: 'enum', options: ['tanh', 'sigmoid', 'relu', 'linear'], default: 'tanh', group: 'network' },
  { key: 'init', label: 'Initial weights', kind: 'enum', options: ['gaussian', 'xavier', 'he'], default: 'gaussian', group: 'network' },
  { key: 'sigma', label: 'Gaussian σ', kind: 'number', min: 0.001, max: 2, log: true, default: 0.1, group: 'network' },
  { key: 'placement', label: 'Batch norm on', kind: 'enum', options: ['before', 'after'], labels: { before: 'z (before the activation)', after: 'a (after the activation)' }, default: 'before', group: 'batchnorm' },
  { key: 'third', label: 'Also train the other placement', kind: 'bool', default: false, group: 'batchnorm' },
  { key: 'eps', label: 'ε', kind: 'number', min: 1e-8, max: 1, log: true, default: 1e-5, group: 'batchnorm' },
  { key: 'momentum', label: 'Running-average momentum', kind: 'number', min: 0, max: 1, step: 0.01, default: 0.1, group: 'batchnorm' },
  { key: 'affine', label: 'γ and β learnable', kind: 'bool', default: true, group: 'batchnorm' },
  { key: 'seed', label: 'Seed', kind: 'int', min: 0, max: 999999, step: 1, default: 1, group: 'training', field: 'number' },
  { key: 'speed', label: 'Steps per frame', kind: 'int', min: 1, max: 1000, log: true, default: 5, group: 'run', rebuild: false },
  { key: 'layer', label: 'Layer', kind: 'int', min: 1, max: 6, step: 1, default: 1, group: 'anatomy', rebuild: false, maxFrom: 'depth' },
  { key: 'unit', label: 'Unit', kind: 'int', min: 1, max: 32, step: 1, default: 1, group: 'anatomy', rebuild: false, maxFrom: 'width' },
];

export const BY_KEY = Object.fromEntries(SETTINGS.map((s) => [s.key, s]));

export function defaults() {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, s.default]));
}

/** Does changing `key` need new networks? */
export function rebuilds(key) {
  return BY_KEY[key]?.rebuild !== false;
}

function clampNumber(spec, value) {
  let v = Math.min(spec.max, Math.max(spec.min, value));
  if (spec.kind === 'int') v = Math.round(v);
  return v;
}

/**
 * Converts one text value to a setting's value. Returns { value, notice } where notice (a sentence for
 * the reader) is set when the text was not an allowed value and something else was used instead.
 */
export function parseValue(spec, text) {
  const shown = JSON.stringify(String(text).slice(0, 40));
  switch (spec.kind) {
    case 'enum': {
      const lower = String(text).trim().toLowerCase();
      if (spec.options.includes(lower)) return { value: lower };
      return { value: spec.default, notice: `${spec.key} = ${shown} is not one of ${spec.options.join(', ')}; using ${spec.default}` };
    }
    case 'bool': {
      const lower = String(text).trim().toLowerCase();
      if (['1', 'true', 'yes', 'on', ''].includes(lower)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(lower)) return { value: false };
      return { value: spec.default, notice: `${spec.key} = ${shown} is not true or false; using ${spec.default}` };
    }
    default: {
      const number = String(text).trim() === '' ? NaN : Number(text);
      if (!Number.isFinite(number))
        return { value: spec.default, notice: `${spec.key} = ${shown} is not a number; using ${spec.default}` };
      const value = clampNumber(spec, number);
      if (value !== number) {
        const why = spec.kind === 'int' && number >= spec.min && number <= spec.max ? 'is not a whole number' : `is outside ${spec.min} … ${spec.max}`;
        return { value, notice: `${spec.key} = ${shown} ${why}; using ${value}` };
      }
      return { value };
    }
  }
}

/** Settings from `key=value&…` text (a URL hash without '#', or URLSearchParams-style). */
export function parseSettings(text, base = defaults()) {
  const settings = { ...base };
  const notices = [];
  const params = new URLSearchParams(String(text ?? '').replace(/^#/, ''));
  for (const [key, raw] of params) {
    if (!Object.hasOwn(BY_KEY, key)) continue;  // unknown keys are ignored (own keys only: not 'constructor')
    const spec = BY_KEY[key];
    const { value, notice } = parseValue(spec, raw);
    settings[key] = value;
    if (notice) notices.push(notice);
  }
  return { settings: constrain(settings, notices), notices };
}

/** Cross-setting limits: the anatomy's layer and unit exist in the network. */
export function constrain(settings, notices = []) {
  const v = { ...settings };
  if (v.layer > v.depth) {
    notices.push(`layer ${v.layer} does not exist with ${v.depth} hidden layers; showing layer ${v.depth}`);
    v.layer = v.depth;
  }
  if (v.unit > v.width) {
    notices.push(`unit ${v.unit} does not exist with ${v.width} units per layer; showing unit ${v.width}`);
    v.unit = v.width;
  }
  return v;
}

/** Short text of the settings that differ from their defaults, for the URL hash. */
export function serializeSettings(settings) {
  const params = new URLSearchParams();
  for (const spec of SETTINGS) {
    const value = settings[spec.key];
    if (value === spec.default || value === undefined) continue;
    params.set(spec.key, spec.kind === 'bool' ? (value ? '1' : '0') : String(value));
  }
  return params.toString();
}

/**
 * The options of lab.network() for one of the compared networks: batch norm where given, or (extra) layer
 * norm and injected noise.
 */
export function networkOptions(settings, batchNorm, { layerNorm = 'none', noise = 0 } = {}) {
  return {
    layers: [2, ...Array(settings.depth).fill(settings.width), 1],
    activation: settings.activation,
    batchNorm,
    layerNorm,
    noise,
    affine: settings.affine,
    eps: settings.eps,
    momentum: settings.momentum,
    loss: 'binary-cross-entropy',
    optimizer: { name: settings.optimizer, lr: settings.lr },
    init: { name: settings.init, sigma: settings.sigma },
    seed: settings.seed,
  };
}
