// The JS API itself, given the wasm bytes: instantiateLab(bytes) → a Lab with network(), batchNorm(),
// dataset(), histogram(), percentiles(). Row data is written straight into wasm memory and results are
// copied out, so what this API returns never goes stale when wasm memory grows. createLab() in lab.js finds
// the bytes; a Web Worker that is handed them imports only this file.
import createBnpModule from './generated/bnp_core.mjs';
import {
  boolean,
  checkFinite,
  checkKeys,
  describe,
  finiteArray,
  float32,
  integer,
  nonFinite,
  number,
  numberArray,
  numericView,
  raise,
  requiredInteger,
  seed,
  string,
} from './options.js';

const ROWS = 'the number of rows is a whole number from 1 to 65536';

/** Starts the core from its bytes; rejects with a clear message if they are not a working module. */
export async function instantiateLab(wasmBinary) {
  let module;
  try {
    module = await createBnpModule({ wasmBinary, print: () => {}, printErr: () => {} });
  } catch (error) {
    throw new Error(`createLab: the WebAssembly core did not start: ${error.message ?? error}`, { cause: error });
  }
  return new Lab(module);
}

// Frees wasm objects that were dropped without dispose(); dispose() remains the way to free them promptly.
const finalizer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((raw) => raw.delete()) : null;

export class Lab {
  #module;
  constructor(module) {
    this.#module = module;
  }

  /** Bytes of wasm memory reserved so far (it only grows). */
  get memoryBytes() {
    return this.#module.HEAPU8.length;
  }

  /** Bytes of the core's heap in use now: flat while a network trains, since a step allocates nothing. */
  get heapBytesInUse() {
    return this.#module.heapBytesInUse();
  }

  /** A multilayer perceptron; see lab.d.ts for the options and their defaults. */
  network(options) {
    return new Network(this.#module, options);
  }

  /**
   * Rows staged once in wasm memory, checked for NaN/±Inf once: x [n × features]. Networks read them in place
   * (trainStep, computeGradients, predict take them instead of x), so constant data — a test set, a grid, a
   * mini-batch that several networks train on — is neither copied nor scanned again.
   */
  stage(x, n) {
    return new StagedRows(this.#module, x, n);
  }

  /**
   * Rows of 8-bit pixels (images: MNIST's digits) staged once in wasm memory as their non-zeros, each pixel p
   * read as p / 255: pixels, a Uint8Array [n × features]. Networks pick mini-batches from them by row number
   * (trainStep(staged, y, rows), predict(staged, rows)), which reads only the non-zeros.
   */
  stagePixels(pixels, n) {
    return new StagedPixels(this.#module, pixels, n);
  }

  /** A stand-alone batch-normalization layer over `features` columns. */
  batchNorm(options) {
    return new BatchNormLayer(this.#module, options);
  }

  /** A stand-alone layer-normalization layer over `features` columns (each row normalized on its own). */
  layerNorm(options) {
    return new LayerNormLayer(this.#module, options);
  }

  /** Two-class toy data: { x: Float32Array [n×2], y: Float32Array [n] labels 0/1, n, features: 2 }. */
  dataset(name, options) {
    const where = 'lab.dataset';
    const o = checkKeys(where, options, ['n', 'noise', 'seed', 'scale']);
    const raw = {
      name: string(where, 'name', name),
      n: integer(where, 'n', o.n, 'a whole number of examples from 2 to 100000'),
      noise: number(where, 'noise', o.noise),
      seed: seed(where, o.seed),
      scale: number(where, 'scale', o.scale),
    };
    if (raw.name === undefined) throw new Error(`${where}: name is missing: allowed are circle, xor, gauss, spiral`);
    const result = this.#module.makeDataset(dropUndefined(raw));
    raise(where, result.error);
    return { x: result.x, y: result.y, n: result.y.length, features: 2 };
  }

  /** Counts of `values` in `bins` equal bins over [lo, hi] (default: the values' range). Int32Array. */
  histogram(values, options) {
    const where = 'lab.histogram';
    const o = checkKeys(where, options, ['bins', 'lo', 'hi']);
    values = statisticsInput(where, values);
    const bins = integer(where, 'bins', o.bins ?? 20, 'a whole number from 1 to 10000');
    if (bins < 1 || bins > 10000)
      throw new Error(`${where}: bins = ${bins} is not allowed: a whole number from 1 to 10000`);
    let lo = float32(where, 'lo', number(where, 'lo', o.lo)),
      hi = float32(where, 'hi', number(where, 'hi', o.hi));
    if (lo === undefined || hi === undefined) {
      let min = Infinity,
        max = -Infinity;
      for (const v of values) if (Number.isFinite(v)) ((min = Math.min(min, v)), (max = Math.max(max, v)));
      if (min > max) ((min = 0), (max = 1));
      if (min === max) ((min -= 0.5), (max += 0.5));
      lo ??= min;
      hi ??= max;
    }
    // Compared as the core sees them (float32): lo = 1, hi = 1 + 1e-10 would be one value there.
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(Math.fround(lo) < Math.fround(hi)))
      throw new Error(
        `${where}: lo = ${lo}, hi = ${hi} is not allowed: two finite numbers with lo < hi (as 32-bit floats)`,
      );
    return answer(where, this.#module.histogram(values, lo, hi, bins));
  }

  /** Percentiles (0…100) of `values`, interpolated like numpy.percentile; NaN values are skipped. */
  percentiles(values, ps) {
    const where = 'lab.percentiles';
    values = statisticsInput(where, values);
    if (!Array.isArray(ps) && !ArrayBuffer.isView(ps))
      throw new Error(`${where}: ps must be an array of numbers from 0 to 100, got ${describe(ps)}`);
    for (let i = 0; i < ps.length; i++)
      if (typeof ps[i] !== 'number' || !(ps[i] >= 0 && ps[i] <= 100))
        throw new Error(`${where}: ps[${i}] = ${describe(ps[i])} is not allowed: a number from 0 to 100`);
    return answer(where, this.#module.percentiles(values, Float32Array.from(ps)));
  }
}

/** The core's result, or (a string) its reason for refusing. */
function answer(where, result) {
  if (typeof result === 'string') raise(where, result);
  return result;
}

/**
 * The values of histogram() and percentiles() as a Float32Array, checked before anything reaches the core:
 * numbers only (NaN is skipped there, ±Infinity lies outside every range), none that float32 turns into
 * an infinity (1e39).
 */
function statisticsInput(where, values) {
  if (!Array.isArray(values) && !numericView(values))
    throw new Error(`${where}: values must be an array or typed array of numbers, got ${describe(values)}`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number')
      throw new Error(`${where}: values[${i}] = ${describe(v)} is not allowed: every value must be a number`);
    if (Number.isFinite(v) && !Number.isFinite(Math.fround(v)))
      throw new Error(
        `${where}: values[${i}] = ${v} is not allowed: it is beyond what a 32-bit float holds (about ±3.4e38)`,
      );
  }
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

function dropUndefined(object) {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}

/** A wasm handle built from `config`, or an Error with the core's message (the half-built handle is freed). */
function construct(where, Handle, ...config) {
  const raw = new Handle(...config);
  const error = raw.error();
  if (error) {
    raw.delete();
    raise(where, error);
  }
  return raw;
}

/**
 * Copies per-step rows into wasm memory at float index `at`, then lets the core scan them for NaN/±Inf
 * (vectorized there; the copy into float32 also turns values beyond ±3.4e38 into Infinity, caught the same way).
 */
function writeRows(module, where, what, values, at) {
  module.HEAPF32.set(values, at);
  const bad = module.firstNonFinite(at * 4, values.length);
  if (bad >= 0) throw nonFinite(where, what, bad, values[bad]);
}

/** Copies `count` floats starting at byte address `pointer` of wasm memory into a new Float32Array. */
function copyOut(module, pointer, count) {
  return module.HEAPF32.slice(pointer >>> 2, (pointer >>> 2) + count);
}

// Where each staged object (StagedRows, StagedPixels) sits in wasm memory, and the module (Lab) whose memory
// that is: { module, address } (not part of the public API). Networks read staged data there, and only the
// networks of the same Lab may: another Lab's memory holds something else at that address.
const stagedAt = new WeakMap();

/** The wasm address of staged `x` (`what`: 'rows' or 'pixels') for a network of `module`, or a clear Error. */
function stagedAddress(where, x, what, module) {
  const at = stagedAt.get(x);
  if (at === undefined) throw new Error(`${where}: x: these staged ${what} were disposed`);
  if (at.module !== module)
    throw new Error(`${where}: x: these staged ${what} belong to another Lab (stage them with this network's Lab)`);
  return at.address;
}

export class StagedRows {
  #module;
  #raw;
  #at = 0; // float index of the rows in HEAPF32

  constructor(module, x, n) {
    const where = 'lab.stage';
    integer(where, 'n', n, 'the number of rows is a whole number from 1 to 65536');
    if (n === undefined || n < 1 || n > 65536)
      throw new Error(
        `${where}: n = ${describe(n)} is not allowed: the number of rows is a whole number from 1 to 65536`,
      );
    numberArray(where, 'x', x, x?.length, 'rows');
    if (x.length === 0 || x.length % n !== 0)
      throw new Error(`${where}: x has ${x.length} values, which is not n = ${n} rows of one or more features`);
    this.n = n;
    this.features = x.length / n;
    this.#module = module;
    this.#raw = construct(where, module.Rows, x.length);
    this.#at = this.#raw.pointer() >>> 2; // the buffer never moves: asked once, not at every write
    try {
      this.write(x);
    } catch (error) {
      this.dispose();
      throw error;
    }
    stagedAt.set(this, { module, address: this.#at * 4 });
    finalizer?.register(this, this.#raw, this);
  }

  /**
   * Replaces the rows' values (same n × features). They are checked once, before anything is written: every
   * value must be finite as a float32 (1e39 is finite in JS, infinite in float32).
   */
  write(x) {
    const where = 'stagedRows.write';
    this.#live(where);
    numberArray(where, 'x', x, this.n * this.features, `n × features = ${this.n} × ${this.features}`);
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(Math.fround(x[i]))) throw nonFinite(where, 'x', i, x[i]);
    this.#module.HEAPF32.set(x, this.#at);
  }

  #live(where) {
    if (!this.#raw) throw new Error(`${where}: these rows were disposed`);
    return this.#raw;
  }

  /** Frees the wasm memory behind these rows; networks can no longer read them. Safe to call twice. */
  dispose() {
    if (!this.#raw) return;
    finalizer?.unregister(this);
    stagedAt.delete(this);
    this.#raw.delete();
    this.#raw = null;
  }
}

const PIXEL_CHUNK_BYTES = 4 << 20; // staged through a scratch buffer of at most this size (one row at least)

export class StagedPixels {
  #raw;

  constructor(module, pixels, n) {
    const where = 'lab.stagePixels';
    if (!(pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray))
      throw new Error(`${where}: pixels = ${describe(pixels)} is not allowed: a Uint8Array of n × features bytes`);
    const N_ALLOWED = 'the number of rows is a whole number from 1 to 1000000';
    requiredInteger(where, 'n', n, N_ALLOWED);
    if (n < 1 || n > 1e6) throw new Error(`${where}: n = ${n} is not allowed: ${N_ALLOWED}`);
    if (pixels.length === 0 || pixels.length % n !== 0)
      throw new Error(
        `${where}: pixels has ${pixels.length} bytes, which is not n = ${n} rows of one or more features`,
      );
    const features = pixels.length / n;
    let nonzeros = 0;
    for (let i = 0; i < pixels.length; i++) if (pixels[i] !== 0) nonzeros++;
    const raw = construct(where, module.Pixels, n, features, nonzeros);
    try {
      const chunk = Math.max(1, Math.floor(PIXEL_CHUNK_BYTES / features));
      raise(where, raw.reserveScratch(Math.min(chunk, n)));
      for (let from = 0; from < n; from += chunk) {
        const count = Math.min(chunk, n - from);
        module.HEAPU8.set(pixels.subarray(from * features, (from + count) * features), raw.scratchPointer());
        if (!raw.addRows(count)) throw new Error(`${where}: the core refused rows ${from} to ${from + count - 1}`);
      }
      raw.releaseScratch();
    } catch (error) {
      raw.delete();
      throw error;
    }
    this.#raw = raw;
    this.n = n;
    this.features = features;
    this.nonzeros = nonzeros;
    stagedAt.set(this, { module, address: raw.pointer() });
    finalizer?.register(this, raw, this);
  }

  /** Frees the wasm memory behind these pixels; networks can no longer read them. Safe to call twice. */
  dispose() {
    if (!this.#raw) return;
    finalizer?.unregister(this);
    stagedAt.delete(this);
    this.#raw.delete();
    this.#raw = null;
  }
}

// Which buffers network.probe() copies: the core's bit flags (cpp/bindings/embind.cpp, ProbeField);
// 'statistics' is batch norm's six [units] vectors, the noise's scale and shift, and layer norm's per-row ones.
const PROBE_FIELDS = { z: 1, zHat: 2, zTilde: 4, a: 8, statistics: 16 };

const NETWORK_KEYS = [
  'layers',
  'activation',
  'batchNorm',
  'layerNorm',
  'noise',
  'affine',
  'eps',
  'momentum',
  'loss',
  'optimizer',
  'init',
  'seed',
];
const OPTIMIZER_KEYS = ['name', 'lr', 'momentum', 'beta1', 'beta2', 'eps'];
const INIT_KEYS = ['name', 'sigma'];

function networkConfig(where, options) {
  const o = checkKeys(where, options, NETWORK_KEYS);
  const raw = {};
  if (o.layers !== undefined) {
    if (!Array.isArray(o.layers) && !ArrayBuffer.isView(o.layers))
      throw new Error(
        `${where}: layers = ${describe(o.layers)} is not allowed: an array of layer sizes such as [2, 8, 8, 1]`,
      );
    raw.layers = Array.from(o.layers, (size, i) =>
      requiredInteger(where, `layers[${i}]`, size, 'each size is a whole number from 1 to 8192'),
    );
  }
  raw.activation = string(where, 'activation', o.activation);
  if (typeof o.batchNorm === 'boolean') raw.batchNorm = o.batchNorm ? 'before' : 'none';
  else raw.batchNorm = string(where, 'batchNorm', o.batchNorm);
  raw.layerNorm = string(where, 'layerNorm', o.layerNorm);
  raw.noise = number(where, 'noise', o.noise);
  raw.affine = boolean(where, 'affine', o.affine);
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

export class Network {
  #module;
  #raw;
  #capacity = 0;
  #accepted = ''; // the last (n, statistics) the core accepted: a training loop need not ask again every step
  #inputAt = 0; // float index of the [capacity × inputs] input buffer in HEAPF32
  #targetAt = 0; // float index of the [capacity × outputs] target buffer
  #softmax;
  #units = null; // units of each dense layer, from layout()
  #passRows = 0; // rows of the pass being prepared (#pass)
  #passPixels = 0; // the staged pixels it reads (their PixelRows' address), or 0
  #picksAt = 0; // int index of the [capacity] row numbers into staged pixels in HEAP32

  constructor(module, options) {
    const where = 'lab.network';
    const config = networkConfig(where, options);
    const raw = construct(where, module.Network, config);
    this.#module = module;
    this.#raw = raw;
    this.#softmax = (config.loss ?? 'binary-cross-entropy') === 'softmax-cross-entropy';
    this.inputs = raw.inputs();
    this.outputs = raw.outputs();
    this.layerCount = raw.layerCount();
    this.parameterCount = raw.parameterCount();
    finalizer?.register(this, raw, this);
  }

  #live(where) {
    if (!this.#raw) throw new Error(`${where}: this network was disposed`);
    return this.#raw;
  }

  /** Checks that the core takes n rows (in this mode); asked again only when n or the mode changes. */
  #rows(where, n, batchStatistics) {
    const raw = this.#live(where);
    requiredInteger(where, 'n', n, ROWS);
    const key = `${n}/${batchStatistics}`;
    if (key !== this.#accepted) {
      raise(where, raw.checkRows(n, batchStatistics));
      this.#accepted = key;
    }
    return raw;
  }

  /**
   * Prepares a pass: checks x (and y, when given) completely, then grows the buffers if needed, then writes
   * them into wasm memory. A refused call changes nothing the network shows: the buffers only grow once
   * everything was checked (when they grow, x and y are checked for NaN/±Inf here; otherwise the core scans
   * them after the copy, into scratch buffers that every pass overwrites). Returns where the core reads the
   * rows — staged rows in place (their address) or the network's input buffer (0) — and sets #passRows and
   * #passPixels (staged pixels read at the row numbers written to the network's picks buffer, or 0).
   * No object is made: this runs at every training step.
   */
  #pass(where, x, y, n, batchStatistics, checked = null) {
    let address = 0,
      pixels = 0,
      picks = null;
    if (x instanceof StagedPixels) {
      // n is the row numbers to read: integers from 0 to x.n − 1.
      pixels = stagedAddress(where, x, 'pixels', this.#module);
      if (x.features !== this.inputs)
        throw new Error(
          `${where}: the staged pixels have ${x.features} features, but this network takes ${this.inputs} inputs`,
        );
      picks = n;
      if (!(Array.isArray(picks) || numericView(picks)) || picks.length === 0)
        throw new Error(
          `${where}: rows = ${describe(picks)} is not allowed: with staged pixels, an array of the row numbers to read`,
        );
      for (let i = 0; i < picks.length; i++)
        if (!Number.isInteger(picks[i]) || picks[i] < 0 || picks[i] >= x.n)
          throw new Error(
            `${where}: rows[${i}] = ${describe(picks[i])} is not allowed: a row number from 0 to ${x.n - 1}`,
          );
      if (picks.length > 65536)
        throw new Error(`${where}: rows has ${picks.length} row numbers, which is too many: at most 65536 rows a call`);
      n = picks.length;
      this.#rows(where, n, batchStatistics);
    } else if (x instanceof StagedRows) {
      address = stagedAddress(where, x, 'rows', this.#module);
      if (n !== undefined && n !== x.n)
        throw new Error(`${where}: n = ${describe(n)} does not match the ${x.n} staged rows`);
      if (x.features !== this.inputs)
        throw new Error(
          `${where}: the staged rows have ${x.features} features, but this network takes ${this.inputs} inputs`,
        );
      n = x.n;
      this.#rows(where, n, batchStatistics);
    } else {
      this.#rows(where, n, batchStatistics);
      numberArray(where, 'x', x, n * this.inputs, `n × inputs = ${n} × ${this.inputs}`);
    }
    const labels = y !== null && this.#checkTargets(where, y, n);
    checked?.(); // a caller's own allocation, once everything is known to be right
    if (n > this.#capacity) {
      if (!address && !pixels) checkFinite(where, 'x', x);
      if (y !== null && !labels) checkFinite(where, 'y', y);
      const raw = this.#raw;
      raise(where, raw.reserve(n)); // refused when wasm memory has no room: then nothing changed
      this.#capacity = raw.capacity();
      this.#inputAt = raw.inputPointer() >>> 2;
      this.#targetAt = raw.targetPointer() >>> 2;
      this.#picksAt = raw.picksPointer() >>> 2;
    }
    if (pixels) {
      this.#module.HEAP32.set(picks, this.#picksAt);
      raise(where, this.#raw.checkPicks(pixels, n));
    } else if (!address) writeRows(this.#module, where, 'x', x, this.#inputAt);
    if (y !== null) this.#writeTargets(where, y, n, labels);
    this.#passRows = n;
    this.#passPixels = pixels;
    return address;
  }

  /** Changes the optimizer's learning rate from the next step on; its state (momentum, Adam's moments) is kept. */
  setLearningRate(lr) {
    const where = 'network.setLearningRate';
    const raw = this.#live(where);
    if (typeof lr !== 'number')
      throw new Error(`${where}: lr = ${describe(lr)} is not allowed: a number from 1e-9 to 1000`);
    raise(where, raw.setLearningRate(lr));
  }

  /** Steps taken so far. */
  get steps() {
    return this.#live('network.steps').steps();
  }

  /**
   * One training step on n rows: x [n × inputs], y [n × outputs] (or, with softmax-cross-entropy, n class
   * indices). Returns the mean loss before the step; NaN or ±Infinity means the network has diverged.
   */
  trainStep(x, y, n) {
    const where = 'network.trainStep';
    const address = this.#pass(where, x, y, n, true);
    return this.#raw.trainStep(this.#passRows, address, this.#passPixels);
  }

  /**
   * The loss and gradients on n rows in training mode without changing anything: no optimizer step, running
   * statistics untouched. Read the gradients with gradients().
   */
  computeGradients(x, y, n) {
    const where = 'network.computeGradients';
    const address = this.#pass(where, x, y, n, true);
    return this.#raw.computeGradients(this.#passRows, address, this.#passPixels);
  }

  /**
   * Loss and gradients on n rows in training mode at the parameters moved to θ + step·direction, leaving the
   * network exactly as it was (parameters, running statistics, optimizer state; gradients() then holds these).
   * direction: parameterCount finite numbers in layout() order. Returns { loss, gradients }.
   */
  gradientsAt(x, y, n, options) {
    const where = 'network.gradientsAt';
    const o = checkKeys(where, options, ['direction', 'step']);
    if (o.direction === undefined)
      throw new Error(`${where}: direction is missing: ${this.parameterCount} numbers, one per parameter`);
    finiteArray(where, 'direction', o.direction, this.parameterCount, 'the parameter count');
    const step = float32(where, 'step', number(where, 'step', o.step)) ?? 1;
    if (!Number.isFinite(step)) throw new Error(`${where}: step = ${step} is not allowed: a finite number`);
    const raw = this.#live(where);
    const address = this.#pass(where, x, y, n, true, () => raise(where, raw.prepareGradientsAt()));
    const at = raw.directionPointer();
    this.#module.HEAPF32.set(o.direction, at >>> 2);
    const loss = raw.gradientsAt(at, step, this.#passRows, address, this.#passPixels);
    return { loss, gradients: copyOut(this.#module, raw.gradientsPointer(), this.parameterCount) };
  }

  /** Checks y's type and shape for n rows; true when it holds class indices (softmax), checked here in full. */
  #checkTargets(where, y, n) {
    const O = this.outputs;
    if (this.#softmax && y?.length === n && (Array.isArray(y) || numericView(y))) {
      for (let i = 0; i < n; i++) {
        const label = y[i];
        if (!Number.isInteger(label) || label < 0 || label >= O)
          throw new Error(`${where}: y[${i}] = ${describe(label)} is not allowed: a class index from 0 to ${O - 1}`);
      }
      return true;
    }
    const shape = this.#softmax ? `n × outputs = ${n} × ${O} (or n = ${n} class indices)` : `n × outputs = ${n} × ${O}`;
    numberArray(where, 'y', y, n * O, shape);
    return false;
  }

  #writeTargets(where, y, n, labels) {
    const O = this.outputs;
    if (!labels) return writeRows(this.#module, where, 'y', y, this.#targetAt);
    // Class indices → one-hot rows, written straight into the target buffer.
    const heap = this.#module.HEAPF32;
    heap.fill(0, this.#targetAt, this.#targetAt + n * O);
    for (let i = 0; i < n; i++) heap[this.#targetAt + i * O + y[i]] = 1;
  }

  /**
   * The network's output for n rows, [n × outputs] (softmax probabilities, sigmoid probabilities or raw values).
   * mode 'eval' (default) normalizes with the running statistics, 'batch' with these rows' own statistics.
   * Running statistics are never changed by predict.
   */
  predict(x, n, options) {
    const where = 'network.predict';
    if (x instanceof StagedRows && options === undefined && typeof n === 'object') [n, options] = [undefined, n];
    const o = checkKeys(where, options, ['mode']);
    const mode = string(where, 'mode', o.mode) ?? 'eval';
    if (mode !== 'eval' && mode !== 'batch')
      throw new Error(
        `${where}: mode ${describe(mode)} is unknown: allowed are eval (running statistics), batch (batch statistics)`,
      );
    const address = this.#pass(where, x, null, n, mode === 'batch');
    this.#raw.predict(this.#passRows, mode === 'batch', address, this.#passPixels);
    return copyOut(this.#module, this.#raw.outputPointer(), this.#passRows * this.outputs);
  }

  /**
   * Copies of one dense layer's buffers after the last forward pass (trainStep, computeGradients or predict):
   * z, zHat, zTilde, a [rows × units], and batchMean, batchVariance, runningMean, runningVariance, gamma,
   * beta [units]; null where the layer has no batch norm (or before any forward pass).
   * options.unit: copy only that unit's column ([rows]) and its statistics as numbers.
   * options.fields: copy only these of z, zHat, zTilde, a, statistics (default all).
   */
  probe(layer, options) {
    const where = 'network.probe';
    const raw = this.#live(where);
    const o = checkKeys(where, options, ['unit', 'fields']);
    requiredInteger(where, 'layer', layer, `a layer index from 0 to ${this.layerCount - 1}`);
    if (layer < 0 || layer >= this.layerCount)
      throw new Error(`${where}: layer = ${layer} is not allowed: a layer index from 0 to ${this.layerCount - 1}`);
    const units = this.#layerUnits(layer);
    const unit = integer(where, 'unit', o.unit, `a unit index from 0 to ${units - 1}`);
    if (unit !== undefined && (unit < 0 || unit >= units))
      throw new Error(`${where}: unit = ${unit} is not allowed: a unit index from 0 to ${units - 1}`);
    let mask = 0;
    if (o.fields === undefined) mask = 31;
    else {
      if (!Array.isArray(o.fields))
        throw new Error(
          `${where}: fields = ${describe(o.fields)} is not allowed: an array of names from ${Object.keys(PROBE_FIELDS).join(', ')}`,
        );
      for (const name of o.fields) {
        if (!Object.hasOwn(PROBE_FIELDS, name))
          throw new Error(
            `${where}: fields names ${describe(name)}: allowed are ${Object.keys(PROBE_FIELDS).join(', ')}`,
          );
        mask |= PROBE_FIELDS[name];
      }
    }
    return raw.probe(layer, unit ?? -1, mask);
  }

  #layerUnits(layer) {
    this.#units ??= this.layout()
      .filter((b) => b.name === 'bias')
      .map((b) => b.cols);
    return this.#units[layer];
  }

  /** A copy of every trainable number, in the layout given by layout(). */
  parameters() {
    const raw = this.#live('network.parameters');
    return copyOut(this.#module, raw.parametersPointer(), this.parameterCount);
  }

  /** Replaces every trainable number; `values` has parameterCount finite numbers in layout() order. */
  setParameters(values) {
    const where = 'network.setParameters';
    const raw = this.#live(where);
    finiteArray(where, 'values', values, this.parameterCount, 'the parameter count');
    this.#module.HEAPF32.set(values, raw.parametersPointer() >>> 2);
  }

  /** A copy of the gradients of the last step, same layout as parameters(). */
  gradients() {
    const raw = this.#live('network.gradients');
    return copyOut(this.#module, raw.gradientsPointer(), this.parameterCount);
  }

  /** Where each block sits in parameters(): [{ layer, name: weight|bias|gamma|beta, offset, rows, cols }]. */
  layout() {
    return this.#live('network.layout').layout();
  }

  /** Frees the wasm memory behind this network; any later call throws. Safe to call twice. */
  dispose() {
    if (!this.#raw) return;
    finalizer?.unregister(this);
    this.#raw.delete();
    this.#raw = null;
  }
}

// The backward pass of a stand-alone normalization layer (batch or layer norm: the same handle interface) for
// dy [n × features] of its last forward: { dx, dgamma, dbeta }.
function normBackward(module, raw, where, dy, features) {
  raise(where, raw.checkBackward());
  const n = raw.rows();
  numberArray(where, 'dy', dy, n * features, `the last forward's n × features = ${n} × ${features}`);
  writeRows(module, where, 'dy', dy, raw.doutPointer() >>> 2);
  raw.backward();
  return {
    dx: copyOut(module, raw.dinputPointer(), n * features),
    dgamma: copyOut(module, raw.dgammaPointer(), features),
    dbeta: copyOut(module, raw.dbetaPointer(), features),
  };
}

export class BatchNormLayer {
  #module;
  #raw;
  #capacity = 0;

  constructor(module, options) {
    const where = 'lab.batchNorm';
    const o = checkKeys(where, options, ['features', 'eps', 'momentum']);
    const config = dropUndefined({
      features: integer(where, 'features', o.features, 'a whole number from 1 to 8192'),
      eps: number(where, 'eps', o.eps),
      momentum: number(where, 'momentum', o.momentum),
    });
    if (config.features === undefined) throw new Error(`${where}: features is missing: a whole number from 1 to 8192`);
    const raw = construct(where, module.BatchNorm, config);
    this.#module = module;
    this.#raw = raw;
    this.features = raw.features();
    finalizer?.register(this, raw, this);
  }

  #live(where) {
    if (!this.#raw) throw new Error(`${where}: this layer was disposed`);
    return this.#raw;
  }

  /** y [n × features]; training (default true) normalizes with the batch and updates the running statistics. */
  forward(x, n, options) {
    const where = 'batchNorm.forward';
    const raw = this.#live(where);
    const o = checkKeys(where, options, ['training']);
    const training = boolean(where, 'training', o.training) ?? true;
    requiredInteger(where, 'n', n, ROWS);
    raise(where, raw.checkRows(n, training));
    numberArray(where, 'x', x, n * this.features, `n × features = ${n} × ${this.features}`);
    if (n > this.#capacity) {
      checkFinite(where, 'x', x); // before the buffers grow (and lose the last forward's x̂): a refused call changes nothing
      raise(where, raw.reserve(n));
      this.#capacity = raw.capacity();
    }
    writeRows(this.#module, where, 'x', x, raw.inputPointer() >>> 2);
    raw.forward(n, training);
    return copyOut(this.#module, raw.outputPointer(), n * this.features);
  }

  /** Gradients for dy [n × features] of the last training-mode forward: { dx, dgamma, dbeta }. */
  backward(dy) {
    const where = 'batchNorm.backward';
    return normBackward(this.#module, this.#live(where), where, dy, this.features);
  }

  /** x̂ of the last forward, [n × features]. */
  get xHat() {
    const raw = this.#live('batchNorm.xHat');
    return copyOut(this.#module, raw.xhatPointer(), raw.rows() * this.features);
  }

  #vector(name, pointerOf) {
    return copyOut(this.#module, pointerOf(this.#live(`batchNorm.${name}`)), this.features);
  }

  #setVector(name, pointerOf, values, positive) {
    const where = `batchNorm.${name}`;
    const raw = this.#live(where);
    finiteArray(where, name, values, this.features, 'features');
    if (positive)
      for (let i = 0; i < values.length; i++)
        if (!(values[i] >= 0))
          throw new Error(`${where}: ${name}[${i}] = ${values[i]} is not allowed: a variance is 0 or more`);
    this.#module.HEAPF32.set(values, pointerOf(raw) >>> 2);
  }

  get gamma() {
    return this.#vector('gamma', (r) => r.gammaPointer());
  }
  set gamma(v) {
    this.#setVector('gamma', (r) => r.gammaPointer(), v);
  }
  get beta() {
    return this.#vector('beta', (r) => r.betaPointer());
  }
  set beta(v) {
    this.#setVector('beta', (r) => r.betaPointer(), v);
  }
  get runningMean() {
    return this.#vector('runningMean', (r) => r.runningMeanPointer());
  }
  set runningMean(v) {
    this.#setVector('runningMean', (r) => r.runningMeanPointer(), v);
  }
  get runningVariance() {
    return this.#vector('runningVariance', (r) => r.runningVariancePointer());
  }
  set runningVariance(v) {
    this.#setVector('runningVariance', (r) => r.runningVariancePointer(), v, true);
  }
  /** μ_B and biased σ²_B of the last training-mode forward. */
  get batchMean() {
    return this.#vector('batchMean', (r) => r.batchMeanPointer());
  }
  get batchVariance() {
    return this.#vector('batchVariance', (r) => r.batchVariancePointer());
  }

  /** Frees the wasm memory behind this layer; any later call throws. Safe to call twice. */
  dispose() {
    if (!this.#raw) return;
    finalizer?.unregister(this);
    this.#raw.delete();
    this.#raw = null;
  }
}

export class LayerNormLayer {
  #module;
  #raw;
  #capacity = 0;

  constructor(module, options) {
    const where = 'lab.layerNorm';
    const o = checkKeys(where, options, ['features', 'eps']);
    const config = dropUndefined({
      features: integer(where, 'features', o.features, 'a whole number from 1 to 8192'),
      eps: number(where, 'eps', o.eps),
    });
    if (config.features === undefined) throw new Error(`${where}: features is missing: a whole number from 1 to 8192`);
    this.#raw = construct(where, module.LayerNorm, config);
    this.#module = module;
    this.features = this.#raw.features();
    finalizer?.register(this, this.#raw, this);
  }

  #live(where) {
    if (!this.#raw) throw new Error(`${where}: this layer was disposed`);
    return this.#raw;
  }

  /** y [n × features]: each row minus its own mean, over its own √(σ² + ε), then γ, β per feature. */
  forward(x, n) {
    const where = 'layerNorm.forward';
    const raw = this.#live(where);
    requiredInteger(where, 'n', n, ROWS);
    raise(where, raw.checkRows(n));
    numberArray(where, 'x', x, n * this.features, `n × features = ${n} × ${this.features}`);
    if (n > this.#capacity) {
      checkFinite(where, 'x', x); // before the buffers grow: a refused call changes nothing
      raise(where, raw.reserve(n));
      this.#capacity = raw.capacity();
    }
    writeRows(this.#module, where, 'x', x, raw.inputPointer() >>> 2);
    raw.forward(n);
    return copyOut(this.#module, raw.outputPointer(), n * this.features);
  }

  /** Gradients for dy [n × features] of the last forward: { dx, dgamma, dbeta }. */
  backward(dy) {
    const where = 'layerNorm.backward';
    return normBackward(this.#module, this.#live(where), where, dy, this.features);
  }

  /** x̂ of the last forward, [n × features]. */
  get xHat() {
    const raw = this.#live('layerNorm.xHat');
    return copyOut(this.#module, raw.xhatPointer(), raw.rows() * this.features);
  }

  /** μ and biased σ² of each row of the last forward, [n] each. */
  get rowMean() {
    const raw = this.#live('layerNorm.rowMean');
    return copyOut(this.#module, raw.rowMeanPointer(), raw.rows());
  }

  get rowVariance() {
    const raw = this.#live('layerNorm.rowVariance');
    return copyOut(this.#module, raw.rowVariancePointer(), raw.rows());
  }

  #setVector(name, pointerOf, values) {
    const where = `layerNorm.${name}`;
    const raw = this.#live(where);
    finiteArray(where, name, values, this.features, 'features');
    this.#module.HEAPF32.set(values, pointerOf(raw) >>> 2);
  }

  get gamma() {
    return copyOut(this.#module, this.#live('layerNorm.gamma').gammaPointer(), this.features);
  }
  set gamma(v) {
    this.#setVector('gamma', (r) => r.gammaPointer(), v);
  }
  get beta() {
    return copyOut(this.#module, this.#live('layerNorm.beta').betaPointer(), this.features);
  }
  set beta(v) {
    this.#setVector('beta', (r) => r.betaPointer(), v);
  }

  /** Frees the wasm memory behind this layer; any later call throws. Safe to call twice. */
  dispose() {
    if (!this.#raw) return;
    finalizer?.unregister(this);
    this.#raw.delete();
    this.#raw = null;
  }
}
