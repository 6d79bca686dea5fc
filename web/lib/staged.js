// Data staged once in wasm memory for networks to read in place: float rows (lab.stage) and 8-bit pixels
// stored as their non-zeros (lab.stagePixels). Each knows the Lab whose memory holds it; only that Lab's
// networks may read it (another Lab's memory holds something else at that address).
import { LIMITS, within } from './limits.js';
import { Lifetime, construct } from './memory.js';
import { describe, nonFinite, numberArray, raise } from './options.js';

// Where each staged object sits in wasm memory and the module (Lab) whose memory that is: { module, address }
// (kept here, not on the objects: not part of the public API).
const stagedAt = new WeakMap();

/** The wasm address of staged `x` (`what`: 'rows' or 'pixels') for a network of `module`, or a clear Error. */
export function stagedAddress(where, x, what, module) {
  const at = stagedAt.get(x);
  if (at === undefined) throw new Error(`${where}: x: these staged ${what} were disposed`);
  if (at.module !== module)
    throw new Error(`${where}: x: these staged ${what} belong to another Lab (stage them with this network's Lab)`);
  return at.address;
}

export class StagedRows {
  #module;
  #life;
  #at = 0; // float index of the rows in HEAPF32

  constructor(module, x, n) {
    const where = 'lab.stage';
    within(where, 'n', n, LIMITS.rows, { required: true });
    numberArray(where, 'x', x, x?.length, 'rows');
    if (x.length === 0 || x.length % n !== 0)
      throw new Error(`${where}: x has ${x.length} values, which is not n = ${n} rows of one or more features`);
    this.n = n;
    this.features = x.length / n;
    this.#module = module;
    const raw = construct(where, module.Rows, x.length);
    this.#life = new Lifetime(this, raw, 'these rows were');
    this.#at = raw.buffers().values >>> 2; // the buffer never moves: asked once, not at every write
    try {
      this.write(x);
    } catch (error) {
      this.dispose();
      throw error;
    }
    stagedAt.set(this, { module, address: this.#at * 4 });
  }

  /**
   * Replaces the rows' values (same n × features). They are checked once, before anything is written: every
   * value must be finite as a float32 (1e39 is finite in JS, infinite in float32).
   */
  write(x) {
    const where = 'stagedRows.write';
    this.#life.raw(where);
    numberArray(where, 'x', x, this.n * this.features, `n × features = ${this.n} × ${this.features}`);
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(Math.fround(x[i]))) throw nonFinite(where, 'x', i, x[i]);
    this.#module.HEAPF32.set(x, this.#at);
  }

  /** Frees the wasm memory behind these rows; networks can no longer read them. Safe to call twice. */
  dispose() {
    stagedAt.delete(this);
    this.#life.end();
  }
}

const PIXEL_CHUNK_BYTES = 4 << 20; // staged through a scratch buffer of at most this size (one row at least)

export class StagedPixels {
  #life;

  constructor(module, pixels, n) {
    const where = 'lab.stagePixels';
    if (!(pixels instanceof Uint8Array || pixels instanceof Uint8ClampedArray))
      throw new Error(`${where}: pixels = ${describe(pixels)} is not allowed: a Uint8Array of n × features bytes`);
    within(where, 'n', n, LIMITS.pixelRows, { required: true });
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
      const scratch = raw.buffers().scratch;
      for (let from = 0; from < n; from += chunk) {
        const count = Math.min(chunk, n - from);
        module.HEAPU8.set(pixels.subarray(from * features, (from + count) * features), scratch);
        if (!raw.addRows(count)) throw new Error(`${where}: the core refused rows ${from} to ${from + count - 1}`);
      }
      raw.releaseScratch();
    } catch (error) {
      raw.delete();
      throw error;
    }
    this.#life = new Lifetime(this, raw, 'these pixels were');
    this.n = n;
    this.features = features;
    this.nonzeros = nonzeros;
    stagedAt.set(this, { module, address: raw.buffers().pixels });
  }

  /** Frees the wasm memory behind these pixels; networks can no longer read them. Safe to call twice. */
  dispose() {
    stagedAt.delete(this);
    this.#life.end();
  }
}
