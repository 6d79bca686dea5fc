// A stand-alone normalization layer, one class for every kind: its forward pass, its backward pass and its
// vectors, copied out and in. A kind (NORM_KINDS) says what differs — the core's handle, the options, whether
// a forward has a training mode, and which vectors it has; BatchNormLayer and LayerNormLayer are the kinds
// under the names the API exports.
import { LIMITS, within } from './limits.js';
import { Lifetime, construct, copyIn, copyOut, reserveRows, writeRows } from './memory.js';
import { boolean, checkFinite, checkKeys, dropUndefined, finiteArray, number, numberArray, raise } from './options.js';

/**
 * name: the API's word for it (lab.NAME, NAME.forward); Handle: the core's class; options beyond features;
 * training: a forward takes { training }; vectors: [features] vectors by name (settable: may be written;
 * nonNegative: refuses values below 0); rowVectors: [rows of the last forward] vectors (read only).
 */
export const NORM_KINDS = {
  batch: {
    name: 'batchNorm',
    Handle: 'BatchNorm',
    options: ['eps', 'momentum'],
    training: true,
    vectors: {
      gamma: { settable: true },
      beta: { settable: true },
      runningMean: { settable: true },
      runningVariance: { settable: true, nonNegative: true },
      batchMean: {},
      batchVariance: {},
    },
    rowVectors: [],
  },
  layer: {
    name: 'layerNorm',
    Handle: 'LayerNorm',
    options: ['eps'],
    training: false,
    vectors: { gamma: { settable: true }, beta: { settable: true } },
    rowVectors: ['rowMean', 'rowVariance'],
  },
};

export class NormLayer {
  #module;
  #kind;
  #life;
  #capacity = 0;
  #at; // byte addresses of the handle's buffers (raw.buffers()), asked again after they grow

  constructor(module, kind, options) {
    const { name, Handle, options: keys } = kind;
    const where = `lab.${name}`;
    const o = checkKeys(where, options, ['features', ...keys]);
    const config = { features: within(where, 'features', o.features, LIMITS.features, { required: true }) };
    for (const key of keys) config[key] = number(where, key, o[key]);
    const raw = construct(where, module[Handle], dropUndefined(config));
    this.#module = module;
    this.#kind = kind;
    this.#life = new Lifetime(this, raw, 'this layer was');
    this.#at = raw.buffers();
    this.features = raw.features();
  }

  #raw(what) {
    return this.#life.raw(`${this.#kind.name}.${what}`);
  }

  /**
   * y [n × features]. Batch norm: options.training (default true) normalizes with the batch and updates the
   * running statistics; false uses the running statistics. Layer norm: each row with its own statistics.
   */
  forward(x, n, options) {
    const where = `${this.#kind.name}.forward`;
    const raw = this.#raw('forward');
    let training = false;
    if (this.#kind.training) {
      const o = checkKeys(where, options, ['training']);
      training = boolean(where, 'training', o.training) ?? true;
    }
    within(where, 'n', n, { allowed: LIMITS.rows.allowed }, { required: true }); // the range is the core's
    raise(where, raw.checkRows(n, training));
    numberArray(where, 'x', x, n * this.features, `n × features = ${n} × ${this.features}`);
    if (n > this.#capacity) {
      checkFinite(where, 'x', x); // before the buffers grow (and lose the last forward's x̂): a refused call changes nothing
      ({ capacity: this.#capacity, at: this.#at } = reserveRows(where, raw, n));
    }
    writeRows(this.#module, where, 'x', x, this.#at.input >>> 2);
    raw.forward(n, training);
    return copyOut(this.#module, this.#at.output, n * this.features);
  }

  /** Gradients for dy [n × features] of the last (training-mode) forward: { dx, dgamma, dbeta }. */
  backward(dy) {
    const where = `${this.#kind.name}.backward`;
    const raw = this.#raw('backward');
    raise(where, raw.checkBackward());
    const n = raw.rows();
    const F = this.features;
    numberArray(where, 'dy', dy, n * F, `the last forward's n × features = ${n} × ${F}`);
    writeRows(this.#module, where, 'dy', dy, this.#at.dout >>> 2);
    raw.backward();
    return {
      dx: copyOut(this.#module, this.#at.dinput, n * F),
      dgamma: copyOut(this.#module, this.#at.dgamma, F),
      dbeta: copyOut(this.#module, this.#at.dbeta, F),
    };
  }

  /** x̂ of the last forward, [n × features]. */
  get xHat() {
    const raw = this.#raw('xHat');
    return copyOut(this.#module, this.#at.xhat, raw.rows() * this.features);
  }

  /** A copy of the vector `name` ([features], or [rows] for a row vector). */
  #vector(name) {
    const raw = this.#raw(name);
    const count = this.#kind.rowVectors.includes(name) ? raw.rows() : this.features;
    return copyOut(this.#module, this.#at[name], count);
  }

  /** Writes the [features] vector `name`: finite numbers (and none below 0 where the kind says so). */
  #setVector(name, values) {
    const where = `${this.#kind.name}.${name}`;
    this.#raw(name);
    finiteArray(where, name, values, this.features, 'features');
    if (this.#kind.vectors[name].nonNegative)
      for (let i = 0; i < values.length; i++)
        if (!(values[i] >= 0))
          throw new Error(`${where}: ${name}[${i}] = ${values[i]} is not allowed: a variance is 0 or more`);
    copyIn(this.#module, this.#at[name], values);
  }

  /** Frees the wasm memory behind this layer; any later call throws. Safe to call twice. */
  dispose() {
    this.#life.end();
  }

  /** A kind's vectors as properties of `Layer` (getters, and setters for the settable ones). */
  static defineVectors(Layer, kind) {
    const names = [...Object.keys(kind.vectors), ...kind.rowVectors];
    for (const name of names)
      Object.defineProperty(Layer.prototype, name, {
        get() {
          return this.#vector(name);
        },
        set: kind.vectors[name]?.settable
          ? function (values) {
              this.#setVector(name, values);
            }
          : undefined,
        configurable: true,
      });
  }
}

/** Batch normalization over `features` columns (lab.batchNorm). */
export class BatchNormLayer extends NormLayer {
  constructor(module, options) {
    super(module, NORM_KINDS.batch, options);
  }
}
NormLayer.defineVectors(BatchNormLayer, NORM_KINDS.batch);

/** Layer normalization over `features` columns, each row on its own (lab.layerNorm). */
export class LayerNormLayer extends NormLayer {
  constructor(module, options) {
    super(module, NORM_KINDS.layer, options);
  }
}
NormLayer.defineVectors(LayerNormLayer, NORM_KINDS.layer);
