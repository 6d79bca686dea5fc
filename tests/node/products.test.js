// The wasm matrix kernels (4×8 register tiles, packed strips, 4-column and single-column remainders, 256-deep
// chunks, the weights' 4 × 4 block transposition for the backward product) on shapes that use every path,
// checked through whole-network gradients against a float64 reference written here in plain JavaScript: an
// MLP with tanh and mean squared error, forward and backward by hand.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { assertClose } from './fixtures.js';

let lab;
before(async () => {
  lab = await createLab();
});

/** Gradients of mean((f(x) − y)²) for an MLP with tanh hidden layers, in float64; layout as the core's. */
function referenceGradients(params, layout, layers, x, y, n) {
  const L = layers.length - 1;
  const block = (l, name) => layout.find((b) => b.layer === l && b.name === name);
  const acts = [Float64Array.from(x)];
  for (let l = 0; l < L; l++) {
    const D = layers[l],
      H = layers[l + 1],
      W = block(l, 'weight').offset,
      B = block(l, 'bias').offset;
    const out = new Float64Array(n * H);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < H; j++) {
        let z = params[B + j];
        for (let k = 0; k < D; k++) z += acts[l][i * D + k] * params[W + k * H + j];
        out[i * H + j] = l < L - 1 ? Math.tanh(z) : z;
      }
    acts.push(out);
  }
  const grads = new Float64Array(params.length);
  const O = layers[L];
  let delta = acts[L].map((v, k) => (2 * (v - y[k])) / (n * O));
  for (let l = L - 1; l >= 0; l--) {
    const D = layers[l],
      H = layers[l + 1],
      W = block(l, 'weight').offset,
      B = block(l, 'bias').offset;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < H; j++) {
        grads[B + j] += delta[i * H + j];
        for (let k = 0; k < D; k++) grads[W + k * H + j] += acts[l][i * D + k] * delta[i * H + j];
      }
    if (l === 0) break;
    const next = new Float64Array(n * D);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < D; k++) {
        let s = 0;
        for (let j = 0; j < H; j++) s += delta[i * H + j] * params[W + k * H + j];
        next[i * D + k] = s * (1 - acts[l][i * D + k] ** 2);
      }
    delta = next;
  }
  return grads;
}

test('network gradients match a float64 reference on shapes that reach every kernel path', () => {
  // 300 inputs (a 256-deep chunk and a remainder), widths 263 (rows of B long enough to be packed; 8-column
  // tiles, a 4-column and single columns) and 37, 10 outputs, 23 rows (4-row tiles and single rows). The
  // backward products through 263 → 37 and 37 → 10 transpose the weights in 4 × 4 blocks with row and
  // column remainders (263 = 65·4 + 3, 37 = 9·4 + 1, 10 = 2·4 + 2).
  const layers = [300, 263, 37, 10],
    n = 23;
  const net = lab.network({ layers, activation: 'tanh', loss: 'mse', init: { name: 'gaussian', sigma: 0.1 }, seed: 4 });
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  const x = Float32Array.from({ length: n * layers[0] }, random);
  const y = Float32Array.from({ length: n * layers.at(-1) }, random);
  const params = net.parameters().map((v) => (v === 0 ? random() * 0.1 : v));
  net.setParameters(params);
  net.computeGradients(x, y, n);
  const expected = referenceGradients(params, net.layout(), layers, x, y, n);
  const scale = Math.max(...expected.map(Math.abs));
  assertClose(net.gradients(), expected, { atol: 1e-5 * scale, rtol: 1e-3, what: 'gradients' });
  net.dispose();
});

// Rows whose entries are zero with probability `zeroShare` (as MNIST's margins), from a seeded generator.
function mostlyZeroRows(n, D, zeroShare, seed) {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Float32Array.from({ length: n * D }, () => (random() < zeroShare ? 0 : random() - 0.5));
}

test("the first layer skips zero inputs: the dense path's sums bit for bit, and gradients as the reference", () => {
  // 64 inputs; 37 units: one strip of 9 vectors (36 columns) and a single column; 61 units: two strips of the
  // sparse kernel (7 and 8 vectors) and a single column.
  for (const H of [37, 61]) {
    const layers = [64, H, 10];
    const net = lab.network({
      layers,
      activation: 'tanh',
      loss: 'mse',
      init: { name: 'gaussian', sigma: 0.3 },
      seed: 5,
    });
    const sparse = mostlyZeroRows(8, 64, 0.8, 11); // 80% zeros: the sparse path
    // The same 8 rows and 8 rows without zeros: 40% zeros, so the dense path. predict() treats rows one by one
    // (no batch norm here), so the first 8 rows of both must come out the same — exactly, as the sparse path
    // adds the same terms in the same order and leaves out only the exact zeros.
    const mixed = new Float32Array(16 * 64);
    mixed.set(sparse);
    mixed.set(mostlyZeroRows(8, 64, 0, 12), 8 * 64);
    const params = net.parameters().map((v, i) => (v === 0 ? ((i % 7) - 3) * 0.1 : v)); // biases too
    net.setParameters(params);
    const a = net.predict(sparse, 8);
    const z = net.probe(0, { fields: ['z'] }).z; // [8 × H]
    const b = net.predict(mixed, 16).subarray(0, 8 * 10);
    assert.deepEqual(Array.from(a), Array.from(b));
    // And the first layer's z against float32 sums written out here: Σ_k x·w over k ascending, then + b.
    const W = net.layout().find((l) => l.layer === 0 && l.name === 'weight').offset;
    const B = net.layout().find((l) => l.layer === 0 && l.name === 'bias').offset;
    for (let r = 0; r < 8; r++)
      for (let j = 0; j < H; j++) {
        let sum = 0;
        for (let k = 0; k < 64; k++) sum = Math.fround(sum + Math.fround(sparse[r * 64 + k] * params[W + k * H + j]));
        assert.equal(z[r * H + j], Math.fround(sum + params[B + j]), `z[${r}, ${j}]`);
      }
    // The weight gradient over the sparse rows, against the float64 reference.
    let seed = 9;
    const y = Float32Array.from(
      { length: 8 * 10 },
      () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5,
    );
    net.computeGradients(sparse, y, 8);
    const expected = referenceGradients(params, net.layout(), layers, sparse, y, 8);
    const scale = Math.max(...expected.map(Math.abs));
    assertClose(net.gradients(), expected, {
      atol: 1e-5 * scale,
      rtol: 1e-3,
      what: 'gradients over mostly-zero inputs',
    });
    net.dispose();
  }
});
