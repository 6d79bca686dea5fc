// Every user-settable value of the playground in one typed table, and the one place where settings are read
// from and written to text (the URL hash on the full page, element attributes when embedded). Values from
// outside are never trusted: unknown keys are ignored, malformed or out-of-range values are clamped to the
// nearest allowed value, and each such change is reported as a notice for the page to show.

/**
 * kind: 'enum' (one of `options`), 'int' or 'number' (min … max; `log` for a log-scale slider), 'bool'.
 * help: one line for the reader (hover, focus or tap).
 * field 'number': a number field instead of a slider. maxFrom: another setting that bounds this one. live: a
 * training experiment takes a new value without a restart (other experiments rebuild).
 * group: which panel shows it. rebuild: changing it rebuilds the networks (everything except view choices).
 */
export const SETTINGS = [
  {
    key: 'dataset',
    label: 'Dataset',
    kind: 'enum',
    options: ['circle', 'xor', 'gauss', 'spiral'],
    labels: { circle: 'circle', xor: 'XOR', gauss: 'Gaussian blobs', spiral: 'spiral' },
    default: 'circle',
    group: 'data',
    help: 'Which two-class problem the networks learn: inside vs outside a circle, the XOR quadrants, two Gaussian blobs, or two interleaved spirals (these need a larger network: try 4 layers of 16 ReLU units).',
  },
  {
    key: 'noise',
    label: 'Noise',
    kind: 'number',
    min: 0,
    max: 0.5,
    step: 0.01,
    default: 0.1,
    byDataset: { spiral: 0.02 },
    group: 'data',
    help: "How much the points are jittered (the spread of a Gaussian added to each coordinate): more noise, harder to separate. The spiral's arms lie close together, so it starts at 0.02.",
  },
  {
    key: 'examples',
    label: 'Examples',
    kind: 'int',
    min: 50,
    max: 2000,
    step: 50,
    default: 400,
    group: 'data',
    help: 'How many points in all, split between training points and held-out test points.',
  },
  {
    key: 'split',
    label: 'Training share (%)',
    kind: 'int',
    min: 10,
    max: 90,
    step: 10,
    default: 50,
    group: 'data',
    help: 'The share of the points used for training; the rest are held out to test.',
  },
  {
    key: 'scale',
    label: 'Scale of feature x₁',
    kind: 'number',
    min: 1,
    max: 10000,
    log: true,
    default: 1,
    group: 'data',
    help: 'Multiplies feature x₁: shows what inputs on very different scales do to learning.',
  },
  {
    key: 'normalize',
    label: 'Normalize the inputs',
    kind: 'bool',
    default: false,
    group: 'data',
    help: "Standardize each input feature with the training set's mean and spread before training.",
  },
  {
    key: 'lr',
    label: 'Learning rate',
    kind: 'number',
    min: 0.0001,
    max: 10,
    log: true,
    default: 0.3,
    group: 'training',
    live: true,
    help: 'The size of each update step. Applies at once, without a restart.',
  },
  {
    key: 'batch',
    label: 'Batch size',
    kind: 'int',
    min: 2,
    max: 256,
    step: 1,
    default: 32,
    group: 'training',
    help: 'How many examples each step averages over — and what batch norm takes its statistics from.',
  },
  {
    key: 'optimizer',
    label: 'Optimizer',
    kind: 'enum',
    options: ['sgd', 'momentum', 'adam'],
    labels: { sgd: 'SGD', momentum: 'SGD with momentum', adam: 'Adam' },
    default: 'sgd',
    group: 'training',
    help: 'How a gradient becomes a step: plain SGD, SGD with momentum 0.9, or Adam.',
  },
  {
    key: 'weightDecay',
    label: 'Weight decay',
    kind: 'number',
    min: 0,
    max: 0.1,
    step: 0.001,
    default: 0,
    group: 'training',
    help: "Adds λ·θ to every parameter's gradient before each step (PyTorch's weight_decay): it pulls every weight, γ and β towards 0.",
  },
  {
    key: 'depth',
    label: 'Hidden layers',
    kind: 'int',
    min: 1,
    max: 6,
    step: 1,
    default: 2,
    group: 'network',
    help: 'How many hidden layers.',
  },
  {
    key: 'width',
    label: 'Units per layer',
    kind: 'int',
    min: 1,
    max: 32,
    step: 1,
    default: 8,
    group: 'network',
    help: 'How many units in each hidden layer.',
  },
  {
    key: 'activation',
    label: 'Activation',
    kind: 'enum',
    options: ['tanh', 'sigmoid', 'relu', 'linear'],
    labels: { tanh: 'tanh', sigmoid: 'sigmoid', relu: 'ReLU', linear: 'linear (none)' },
    default: 'tanh',
    group: 'network',
    help: 'The function each hidden unit applies: tanh, sigmoid, ReLU, or none (linear).',
  },
  {
    key: 'init',
    label: 'Initial weights',
    kind: 'enum',
    options: ['gaussian', 'xavier', 'he'],
    labels: { gaussian: 'Gaussian', xavier: 'Xavier', he: 'He (Kaiming)' },
    default: 'gaussian',
    group: 'network',
    help: "How the first weights are drawn: Gaussian with the σ below, or scaled to the layer's size (Xavier, He).",
  },
  {
    key: 'sigma',
    label: 'Gaussian σ',
    kind: 'number',
    min: 0.001,
    max: 2,
    log: true,
    default: 0.1,
    group: 'network',
    help: 'The spread of the Gaussian initial weights.',
  },
  {
    key: 'weightScale',
    label: 'Scale the hidden weights by',
    kind: 'number',
    min: 0.1,
    max: 10,
    log: true,
    default: 1,
    group: 'network',
    help: "Multiplies every hidden layer's initial weights by this factor (not the output layer's). With batch norm after them the loss does not change; without, it does.",
  },
  {
    key: 'placement',
    label: 'Batch norm on',
    kind: 'enum',
    options: ['before', 'after'],
    labels: { before: 'z (before the activation)', after: 'a (after the activation)' },
    default: 'before',
    group: 'batchnorm',
    help: 'Batch norm on z (before the activation, as in the paper) or on a (after it).',
  },
  {
    key: 'third',
    label: 'Also train the other placement',
    kind: 'bool',
    default: false,
    group: 'batchnorm',
    help: 'Also train a third network with batch norm in the other place.',
  },
  {
    key: 'eps',
    label: 'ε',
    kind: 'number',
    min: 1e-8,
    max: 1,
    log: true,
    default: 1e-5,
    group: 'batchnorm',
    help: 'ε is added to the variance inside the square root, so a unit that barely varies is not divided by almost 0.',
  },
  {
    key: 'momentum',
    label: 'Running-average momentum',
    kind: 'number',
    min: 0,
    max: 1,
    step: 0.01,
    default: 0.1,
    group: 'batchnorm',
    help: "How fast the running averages of μ and σ² follow the batches: each step they move this fraction of the way (PyTorch's convention). The test curves use these averages; at 0 they never move from μ = 0, σ² = 1.",
  },
  {
    key: 'affine',
    label: 'γ and β learnable',
    kind: 'bool',
    default: true,
    group: 'batchnorm',
    help: 'Whether γ and β are learned; off keeps them at 1 and 0.',
  },
  {
    key: 'seed',
    label: 'Seed',
    kind: 'int',
    min: 0,
    max: 999999,
    step: 1,
    default: 1,
    group: 'training',
    field: 'number',
    help: 'Draws the initial weights and the order of the mini-batches: the same seed, the same run.',
  },
  {
    key: 'speed',
    label: 'Steps per frame',
    kind: 'int',
    min: 1,
    max: 1000,
    log: true,
    default: 5,
    group: 'run',
    rebuild: false,
    help: 'Training steps per animation frame. Applies at once.',
  },
  {
    key: 'layer',
    label: 'Layer',
    kind: 'int',
    min: 1,
    max: 6,
    step: 1,
    default: 1,
    group: 'anatomy',
    rebuild: false,
    maxFrom: 'depth',
    help: 'Which hidden layer the figure looks into (1 is nearest the input).',
  },
  {
    key: 'unit',
    label: 'Unit',
    kind: 'int',
    min: 1,
    max: 32,
    step: 1,
    default: 1,
    group: 'anatomy',
    rebuild: false,
    maxFrom: 'width',
    help: 'Which unit of that layer the figure follows.',
  },
];

// No prototype: "constructor", "toString" or "__proto__" are not settings, whatever the lookup.
export const BY_KEY = Object.assign(Object.create(null), Object.fromEntries(SETTINGS.map((s) => [s.key, s])));

export function defaults() {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, s.default]));
}

/** A setting's default where it depends on the dataset (the spiral's noise), else its one default. */
export function defaultOf(spec, settings) {
  return spec.byDataset && Object.hasOwn(spec.byDataset, settings.dataset)
    ? spec.byDataset[settings.dataset]
    : spec.default;
}

/** Settings with another dataset: a setting still at the old dataset's default takes the new one's. */
export function withDataset(settings, dataset) {
  const next = { ...settings, dataset };
  for (const spec of SETTINGS)
    if (spec.byDataset && settings[spec.key] === defaultOf(spec, settings)) next[spec.key] = defaultOf(spec, next);
  return next;
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
      return {
        value: spec.default,
        notice: `${spec.key} = ${shown} is not one of ${spec.options.join(', ')}; using ${spec.default}`,
      };
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
        const why =
          spec.kind === 'int' && number >= spec.min && number <= spec.max
            ? 'is not a whole number'
            : `is outside ${spec.min} … ${spec.max}`;
        return { value, notice: `${spec.key} = ${shown} ${why}; using ${value}` };
      }
      return { value };
    }
  }
}

/** Settings from `key=value&…` text (a URL hash without '#', or URLSearchParams-style). */
export function parseSettings(text, base = defaults()) {
  const notices = [];
  const params = new URLSearchParams(String(text ?? '').replace(/^#/, ''));
  // The dataset first: settings whose default depends on it and are not in the text take its default.
  let settings = params.has('dataset')
    ? withDataset(base, parseValue(BY_KEY.dataset, params.get('dataset')).value)
    : { ...base };
  for (const [key, raw] of params) {
    if (!Object.hasOwn(BY_KEY, key)) continue; // unknown keys are ignored (own keys only: not 'constructor')
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
    if (value === defaultOf(spec, settings) || value === undefined) continue;
    params.set(spec.key, spec.kind === 'bool' ? (value ? '1' : '0') : String(value));
  }
  return params.toString();
}

/**
 * The options of lab.network() for one of the compared networks: batch norm where given, or (extra) layer
 * norm, injected noise, a weight decay of its own, one half of the normalization (centering, scaling), batch
 * renormalization.
 */
export function networkOptions(
  settings,
  batchNorm,
  {
    layerNorm = 'none',
    noise = 0,
    weightDecay = settings.weightDecay,
    centering = true,
    scaling = true,
    renorm = false,
  } = {},
) {
  return {
    layers: [2, ...Array(settings.depth).fill(settings.width), 1],
    activation: settings.activation,
    batchNorm,
    layerNorm,
    noise,
    centering,
    scaling,
    renorm,
    affine: settings.affine,
    eps: settings.eps,
    momentum: settings.momentum,
    loss: 'binary-cross-entropy',
    optimizer: { name: settings.optimizer, lr: settings.lr, weightDecay },
    init: { name: settings.init, sigma: settings.sigma },
    seed: settings.seed,
  };
}
