// The JS API itself, given the wasm bytes: instantiateLab(bytes) → a Lab that makes networks, normalization
// layers and staged data (network.js, norm-layer.js, staged.js) and computes datasets, histograms and
// percentiles. Row data is written straight into wasm memory and results are copied out, so what this API
// returns never goes stale when wasm memory grows. createLab() in lab.js finds the bytes; a Web Worker that is
// handed them imports only this file.
import createBnpModule from './generated/bnp_core.mjs';
import { LIMITS, within } from './limits.js';
import { Network } from './network.js';
import { BatchNormLayer, LayerNormLayer } from './norm-layer.js';
import { checkKeys, describe, dropUndefined, float32, number, numericView, raise, seed, string } from './options.js';
import { StagedPixels, StagedRows } from './staged.js';

export { BatchNormLayer, LayerNormLayer, Network, StagedPixels, StagedRows };

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
      n: within(where, 'n', o.n, LIMITS.examples), // the range is the core's
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
    const bins = within(where, 'bins', o.bins ?? 20, LIMITS.bins);
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
    if (!Array.isArray(ps) && !numericView(ps))
      throw new Error(`${where}: ps must be an array of numbers from 0 to 100, got ${describe(ps)}`);
    for (let i = 0; i < ps.length; i++) within(where, `ps[${i}]`, ps[i], LIMITS.percentile);
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
