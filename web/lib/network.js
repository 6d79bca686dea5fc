// A multilayer perceptron in the core, as lab.network() returns it: training steps, gradients, predictions
// and copies of its buffers. Inputs are written straight into wasm memory (or read in place from staged
// data); results are copied out, so nothing returned goes stale when wasm memory grows.
import { LIMITS, within } from './limits.js';
import { Lifetime, construct, copyIn, copyOut, reserveRows, writeRows } from './memory.js';
import {
  checkTargets,
  networkConfig,
  probeRequest,
  rowNumbers,
  stagedFeatures,
  stagedRowCount,
} from './network-config.js';
import {
  checkFinite,
  checkKeys,
  describe,
  finiteArray,
  float32,
  number,
  numberArray,
  numericView,
  raise,
  string,
} from './options.js';
import { StagedPixels, StagedRows, stagedAddress } from './staged.js';

/** Staged rows carry their count: (rows, options) is read as (rows, undefined, options). */
const withoutCount = (x, n, options) =>
  x instanceof StagedRows && options === undefined && typeof n === 'object' ? [undefined, n] : [n, options];

export class Network {
  #module;
  #life;
  #raw; // the core's handle (null once disposed; #life.raw(where) checks and says so)
  #capacity = 0;
  #accepted = ''; // the last (n, statistics) the core accepted: a training loop need not ask again every step
  #at = null; // byte addresses of the handle's buffers (raw.buffers()), asked again when they are reallocated
  #softmax;
  #batchNorm; // has batch-norm layers (running statistics)
  #units = null; // units of each dense layer, from layout()
  #passRows = 0; // rows of the pass being prepared (#pass)
  #passPixels = 0; // the staged pixels it reads (their PixelRows' address), or 0

  constructor(module, options) {
    const where = 'lab.network';
    const config = networkConfig(where, options);
    const raw = construct(where, module.Network, config);
    this.#module = module;
    this.#raw = raw;
    this.#life = new Lifetime(this, raw, 'this network was');
    this.#at = raw.buffers();
    this.#softmax = (config.loss ?? 'binary-cross-entropy') === 'softmax-cross-entropy';
    this.#batchNorm = (config.batchNorm ?? 'none') !== 'none';
    this.inputs = raw.inputs();
    this.outputs = raw.outputs();
    this.layerCount = raw.layerCount();
    this.parameterCount = raw.parameterCount();
  }

  /** Room for n rows in the network's buffers (their addresses move). */
  #grow(where, n) {
    ({ capacity: this.#capacity, at: this.#at } = reserveRows(where, this.#raw, n));
  }

  /** Checks that the core takes n rows (in this mode); asked again only when n or the mode changes. */
  #rows(where, n, batchStatistics) {
    const raw = this.#life.raw(where);
    within(where, 'n', n, { allowed: LIMITS.rows.allowed }, { required: true }); // the range is the core's
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
      pixels = stagedAddress(where, x, 'pixels', this.#module);
      stagedFeatures(where, x, 'pixels', this.inputs);
      picks = rowNumbers(where, x, n); // n is the row numbers to read
      n = picks.length;
      this.#rows(where, n, batchStatistics);
    } else if (x instanceof StagedRows) {
      address = stagedAddress(where, x, 'rows', this.#module);
      n = stagedRowCount(where, x, n, this.inputs);
      this.#rows(where, n, batchStatistics);
    } else {
      this.#rows(where, n, batchStatistics);
      numberArray(where, 'x', x, n * this.inputs, `n × inputs = ${n} × ${this.inputs}`);
    }
    const labels = y !== null && checkTargets(where, y, n, this.outputs, this.#softmax);
    checked?.(); // a caller's own allocation, once everything is known to be right
    const raw = this.#raw;
    if (n > this.#capacity) {
      if (!address && !pixels) checkFinite(where, 'x', x);
      if (y !== null && !labels) checkFinite(where, 'y', y);
      this.#grow(where, n); // refused when wasm memory has no room: then nothing changed
    }
    if (pixels) {
      this.#module.HEAP32.set(picks, this.#at.picks >>> 2);
      raise(where, raw.checkPicks(pixels, n));
    } else if (!address) writeRows(this.#module, where, 'x', x, this.#at.input >>> 2);
    if (y !== null) this.#writeTargets(where, y, n, labels);
    this.#passRows = n;
    this.#passPixels = pixels;
    return address;
  }

  /** Changes the optimizer's learning rate from the next step on; its state (momentum, Adam's moments) is kept. */
  setLearningRate(lr) {
    const where = 'network.setLearningRate';
    const raw = this.#life.raw(where);
    within(where, 'lr', lr, LIMITS.learningRate, { required: true }); // the range is the core's
    raise(where, raw.setLearningRate(lr));
  }

  /**
   * Which parameters training moves: `mask` has parameterCount entries in layout() order, 1 (or true) to train, 0
   * (or false) to freeze — a frozen parameter keeps its value, and its gradient is still computed; null trains
   * them all again. For training only γ and β (Frankle et al. 2021), or any other chosen few.
   */
  setTrainable(mask) {
    const where = 'network.setTrainable';
    const raw = this.#life.raw(where);
    if (mask === null) return raise(where, raw.setTrainable(null));
    if (!(Array.isArray(mask) || numericView(mask)))
      throw new Error(
        `${where}: mask = ${describe(mask)} is not allowed: ${this.parameterCount} values of 0 or 1, or null`,
      );
    if (mask.length !== this.parameterCount)
      throw new Error(
        `${where}: mask has ${mask.length} values, but the parameter count needs exactly ${this.parameterCount}`,
      );
    const bytes = new Uint8Array(mask.length);
    for (let i = 0; i < mask.length; i++) {
      const v = mask[i];
      if (!(v === 0 || v === 1 || v === true || v === false))
        throw new Error(`${where}: mask[${i}] = ${describe(v)} is not allowed: 1 or true (train), 0 or false (freeze)`);
      bytes[i] = v ? 1 : 0;
    }
    raise(where, raw.setTrainable(bytes));
  }

  /** Steps taken so far. */
  get steps() {
    return this.#life.raw('network.steps').steps();
  }

  /**
   * One training step on n rows: x [n × inputs], y [n × outputs] (or, with softmax-cross-entropy, n class
   * indices). Returns the mean loss before the step; NaN or ±Infinity means the network has diverged.
   */
  trainStep(x, y, n) {
    const address = this.#pass('network.trainStep', x, y, n, true);
    return this.#raw.trainStep(this.#passRows, address, this.#passPixels);
  }

  /**
   * The loss and gradients on n rows in training mode without changing anything: no optimizer step, running
   * statistics untouched. Read the gradients with gradients().
   */
  computeGradients(x, y, n) {
    const address = this.#pass('network.computeGradients', x, y, n, true);
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
    const raw = this.#life.raw(where);
    const address = this.#pass(where, x, y, n, true, () => {
      raise(where, raw.prepareGradientsAt());
      this.#at = raw.buffers();
    });
    copyIn(this.#module, this.#at.direction, o.direction);
    const loss = raw.gradientsAt(step, this.#passRows, address, this.#passPixels);
    return { loss, gradients: copyOut(this.#module, this.#at.gradients, this.parameterCount) };
  }

  #writeTargets(where, y, n, labels) {
    const O = this.outputs;
    const at = this.#at.target >>> 2;
    if (!labels) return writeRows(this.#module, where, 'y', y, at);
    // Class indices → one-hot rows, written straight into the target buffer.
    const heap = this.#module.HEAPF32;
    heap.fill(0, at, at + n * O);
    for (let i = 0; i < n; i++) heap[at + i * O + y[i]] = 1;
  }

  /**
   * The network's output for n rows, [n × outputs] (softmax probabilities, sigmoid probabilities or raw values).
   * mode 'eval' (default) normalizes with the running statistics, 'batch' with these rows' own statistics.
   * Running statistics are never changed by predict.
   */
  predict(x, n, options) {
    const where = 'network.predict';
    [n, options] = withoutCount(x, n, options);
    const o = checkKeys(where, options, ['mode']);
    const mode = string(where, 'mode', o.mode) ?? 'eval';
    if (mode !== 'eval' && mode !== 'batch')
      throw new Error(
        `${where}: mode ${describe(mode)} is unknown: allowed are eval (running statistics), batch (batch statistics)`,
      );
    const address = this.#pass(where, x, null, n, mode === 'batch');
    this.#raw.predict(this.#passRows, mode === 'batch', address, this.#passPixels);
    return copyOut(this.#module, this.#at.output, this.#passRows * this.outputs);
  }

  /**
   * Precise batch norm: replaces every batch-norm layer's running mean and variance by the averages of μ_B and
   * of the unbiased m/(m−1)·σ²_B over the training-mode passes of x [n × inputs] (rows, or staged rows) taken
   * in consecutive mini-batches of `batch` = m rows (a last, partial batch is left out), all layers at once
   * (Ioffe & Szegedy 2015, Algorithm 2). Parameters are untouched. Returns the number of batches averaged.
   */
  recomputeStatistics(x, n, options) {
    const where = 'network.recomputeStatistics';
    [n, options] = withoutCount(x, n, options);
    const o = checkKeys(where, options, ['batch']);
    const m = within(where, 'batch', o.batch, LIMITS.statisticsBatch, { required: true });
    const raw = this.#life.raw(where);
    if (!this.#batchNorm)
      throw new Error(`${where}: this network has no batch norm: it has no running statistics to recompute`);
    let staged = null;
    if (x instanceof StagedRows) n = stagedRowCount(where, x, n, this.inputs);
    else {
      within(where, 'n', n, LIMITS.rows, { required: true });
      numberArray(where, 'x', x, n * this.inputs, `n × inputs = ${n} × ${this.inputs}`);
    }
    const batches = Math.floor(n / m);
    if (batches < 1)
      throw new Error(`${where}: batch = ${m} is not allowed: the ${n} rows hold no whole batch of ${m}`);
    raise(where, raw.checkRows(m, true));
    if (!(x instanceof StagedRows)) staged = x = new StagedRows(this.#module, x, n); // checks every value once
    try {
      const address = stagedAddress(where, x, 'rows', this.#module);
      if (m > this.#capacity) this.#grow(where, m);
      raise(where, raw.recomputeStatistics(address, m, batches));
      this.#accepted = ''; // the last pass was another size
      return batches;
    } finally {
      staged?.dispose();
    }
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
    const raw = this.#life.raw(where);
    const request = probeRequest(where, layer, options, this.layerCount, (l) => this.#layerUnits(l));
    return raw.probe(request.layer, request.unit, request.mask);
  }

  #layerUnits(layer) {
    this.#units ??= this.layout()
      .filter((b) => b.name === 'bias')
      .map((b) => b.cols);
    return this.#units[layer];
  }

  /** A copy of every trainable number, in the layout given by layout(). */
  parameters() {
    this.#life.raw('network.parameters');
    return copyOut(this.#module, this.#at.parameters, this.parameterCount);
  }

  /** Replaces every trainable number; `values` has parameterCount finite numbers in layout() order. */
  setParameters(values) {
    const where = 'network.setParameters';
    this.#life.raw(where);
    finiteArray(where, 'values', values, this.parameterCount, 'the parameter count');
    copyIn(this.#module, this.#at.parameters, values);
  }

  /** A copy of the gradients of the last step, same layout as parameters(). */
  gradients() {
    this.#life.raw('network.gradients');
    return copyOut(this.#module, this.#at.gradients, this.parameterCount);
  }

  /** Where each block sits in parameters(): [{ layer, name: weight|bias|gamma|beta, offset, rows, cols }]. */
  layout() {
    return this.#life.raw('network.layout').layout();
  }

  /** Frees the wasm memory behind this network; any later call throws. Safe to call twice. */
  dispose() {
    this.#life.end();
    this.#raw = null;
  }
}
