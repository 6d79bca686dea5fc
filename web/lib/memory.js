// What every wasm-backed object of the JS API shares: one lifetime (made from a core handle, freed by dispose()
// or, if dropped without it, by the garbage collector), and the copies in and out of wasm memory.
import { nonFinite, raise } from './options.js';

// Frees wasm objects that were dropped without dispose(); dispose() remains the way to free them promptly.
const finalizer = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((raw) => raw.delete()) : null;

/**
 * The core's handle behind one JS object, from construction to dispose. `gone` completes the error a call
 * after dispose() gets ("this network was", "these rows were").
 */
export class Lifetime {
  #raw;
  #owner;
  #gone;

  constructor(owner, raw, gone) {
    this.#owner = owner;
    this.#raw = raw;
    this.#gone = gone;
    finalizer?.register(owner, raw, owner);
  }

  /** The handle, or an Error naming `where` once disposed. */
  raw(where) {
    if (!this.#raw) throw new Error(`${where}: ${this.#gone} disposed`);
    return this.#raw;
  }

  /** Frees the handle now (safe to call twice). */
  end() {
    if (!this.#raw) return;
    finalizer?.unregister(this.#owner);
    this.#raw.delete();
    this.#raw = null;
  }
}

/**
 * Grows a handle's row buffers (a network or a normalization layer) to hold n rows, or an Error with the core's
 * reason (nothing changed then): its new { capacity, at } — at: the buffers' addresses, which moved.
 */
export function reserveRows(where, raw, n) {
  raise(where, raw.reserve(n));
  return { capacity: raw.capacity(), at: raw.buffers() };
}

/** A core handle built from `config`, or an Error with the core's message (the half-built handle is freed). */
export function construct(where, Handle, ...config) {
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
export function writeRows(module, where, what, values, at) {
  module.HEAPF32.set(values, at);
  const bad = module.firstNonFinite(at * 4, values.length);
  if (bad >= 0) throw nonFinite(where, what, bad, values[bad]);
}

/** Copies `count` floats starting at byte address `pointer` of wasm memory into a new Float32Array. */
export function copyOut(module, pointer, count) {
  return module.HEAPF32.slice(pointer >>> 2, (pointer >>> 2) + count);
}

/** Writes `values` as floats at byte address `pointer` of wasm memory. */
export function copyIn(module, pointer, values) {
  module.HEAPF32.set(values, pointer >>> 2);
}
