// Layer normalization and noise injection in whole networks, checked against values computed here by hand
// from what probe() reports (the PyTorch fixtures check the arithmetic; these check the wiring).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';

let lab;
before(async () => {
  lab = await createLab();
});

const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('a layer-normalized layer: each example normalized over its own units, the same in training and at test time', () => {
  const net = lab.network({ layers: [2, 5, 1], layerNorm: 'before', activation: 'tanh', seed: 4 });
  const { x, y, n } = lab.dataset('circle', { n: 12, seed: 3 });
  for (let s = 0; s < 5; s++) net.trainStep(x, y, n);
  const eval_ = net.predict(x, n);
  const p = net.probe(0);
  assert.equal(p.layerNorm, true);
  assert.equal(p.batchNorm, false);
  assert.equal(p.runningMean, null); // nothing to keep between batches
  for (let i = 0; i < n; i++) {
    const row = Array.from(p.z.subarray(i * 5, i * 5 + 5));
    const mean = row.reduce((a, b) => a + b, 0) / 5;
    const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / 5;
    close(p.rowMean[i], mean, 1e-5, `row ${i} mean`);
    close(p.rowVariance[i], variance, 1e-5, `row ${i} variance`);
    for (let j = 0; j < 5; j++) {
      const zHat = (row[j] - mean) / Math.sqrt(variance + 1e-5);
      close(p.zHat[i * 5 + j], zHat, 1e-4, `ẑ[${i}, ${j}]`);
      close(p.zTilde[i * 5 + j], p.gamma[j] * zHat + p.beta[j], 1e-4, `z̃[${i}, ${j}]`);
    }
  }
  assert.deepEqual(net.predict(x, n, { mode: 'batch' }), eval_);
  // One example at a time gives what the whole batch gave it, and training on one example is allowed.
  assert.deepEqual(net.predict(x.subarray(4, 6), 1)[0], eval_[2]);
  assert.ok(Number.isFinite(net.trainStep(x.subarray(0, 2), y.subarray(0, 1), 1)));
  net.dispose();
});

test('injected noise: a scale in [1, 1 + a] and a shift in [−a, a] per unit, redrawn every step, in training only', () => {
  const a = 0.8;
  const options = { layers: [2, 6, 1], batchNorm: 'before', activation: 'tanh', seed: 5 };
  const noisy = lab.network({ ...options, noise: a }),
    quiet = lab.network(options);
  const { x, y, n } = lab.dataset('xor', { n: 16, seed: 2 });
  const draws = [];
  for (let s = 0; s < 4; s++) {
    noisy.trainStep(x, y, n);
    const p = noisy.probe(0);
    for (let j = 0; j < 6; j++) {
      assert.ok(p.noiseScale[j] >= 1 && p.noiseScale[j] <= 1 + a, `scale ${p.noiseScale[j]}`);
      assert.ok(p.noiseShift[j] >= -a && p.noiseShift[j] <= a, `shift ${p.noiseShift[j]}`);
    }
    draws.push(Array.from(p.noiseShift));
  }
  assert.notDeepEqual(draws[0], draws[1]);
  // The same seed and step draw the same noise: a twin network repeats the first step's draw exactly.
  const twin = lab.network({ ...options, noise: a });
  twin.trainStep(x, y, n);
  const first = twin.probe(0, { fields: ['statistics'] });
  assert.deepEqual(Array.from(first.noiseShift), draws[0]);
  // Before its step, the activation input was moved: u = s·(γẑ + β) + m with the step's γ, β (1 and 0 at first).
  const fresh = lab.network({ ...options, noise: a });
  fresh.computeGradients(x, y, n);
  const q = fresh.probe(0);
  for (let j = 0; j < 6; j++)
    for (let i = 0; i < n; i++)
      close(q.zTilde[i * 6 + j], q.noiseScale[j] * q.zHat[i * 6 + j] + q.noiseShift[j], 1e-5, `u[${i}, ${j}]`);
  // Predictions never carry noise: after one, z̃ is exactly γẑ + β again.
  noisy.predict(x, n, { mode: 'batch' });
  const r = noisy.probe(0);
  for (let j = 0; j < 6; j++)
    for (let i = 0; i < n; i++)
      close(r.zTilde[i * 6 + j], r.gamma[j] * r.zHat[i * 6 + j] + r.beta[j], 1e-6, `z̃[${i}, ${j}]`);
  assert.equal(quiet.probe(0).noiseScale, null); // a network without noise has none to report
  for (const net of [noisy, quiet, twin, fresh]) net.dispose();
});

test('gradientsAt: the gradient at θ + t·d, computed by a copy set to those parameters, and nothing disturbed', () => {
  const options = {
    layers: [2, 6, 5, 1],
    batchNorm: 'before',
    activation: 'tanh',
    seed: 8,
    optimizer: { name: 'momentum', lr: 0.1 },
  };
  const net = lab.network(options),
    untouched = lab.network(options),
    moved = lab.network(options);
  const { x, y, n } = lab.dataset('spiral', { n: 24, seed: 4 });
  for (let s = 0; s < 10; s++) [net, untouched].forEach((m) => m.trainStep(x, y, n));
  const theta = net.parameters();
  const direction = Array.from(theta, (_, i) => Math.sin(i));
  const { loss, gradients } = net.gradientsAt(x, y, n, { direction, step: 0.05 });
  moved.setParameters(theta.map((v, i) => v + 0.05 * direction[i]));
  assert.ok(Math.abs(loss - moved.computeGradients(x, y, n)) < 1e-6, 'loss');
  const expected = moved.gradients();
  for (let i = 0; i < expected.length; i++) close(gradients[i], expected[i], 1e-6, `gradient ${i}`);
  assert.deepEqual(net.parameters(), theta);
  // Running statistics and the momentum buffer are as before: the next steps match a twin's exactly.
  for (let s = 0; s < 3; s++) assert.equal(net.trainStep(x, y, n), untouched.trainStep(x, y, n));
  assert.deepEqual(net.parameters(), untouched.parameters());
  assert.throws(
    () => net.gradientsAt(x, y, n, { direction: [1, 2] }),
    /direction has 2 values, but the parameter count needs exactly/,
  );
  assert.throws(() => net.gradientsAt(x, y, n, {}), /direction is missing/);
  for (const m of [net, untouched, moved]) m.dispose();
});

test('setLearningRate: the next steps use the new rate, the optimizer keeps its state, a refused rate changes nothing', () => {
  const options = { layers: [2, 5, 1], batchNorm: 'before', seed: 6, optimizer: { name: 'momentum', lr: 0.3 } };
  const changed = lab.network(options),
    born = lab.network({ ...options, optimizer: { name: 'momentum', lr: 0.05 } });
  const { x, y, n } = lab.dataset('circle', { n: 20, seed: 1 });
  changed.setLearningRate(0.05);
  for (let s = 0; s < 5; s++) assert.equal(changed.trainStep(x, y, n), born.trainStep(x, y, n));
  assert.throws(() => changed.setLearningRate(-1), /optimizer.lr = -1 is not allowed: a number from 1e-9 to 1000/);
  assert.throws(() => changed.setLearningRate('fast'), /lr = "fast" is not allowed/);
  for (let s = 0; s < 5; s++) assert.equal(changed.trainStep(x, y, n), born.trainStep(x, y, n));
  assert.deepEqual(changed.parameters(), born.parameters());
  changed.dispose();
  born.dispose();
});

test('batch norm over 9 features (wasm takes four at a time in SIMD, the last one alone): forward, backward, running statistics and eval against double precision here, with offsets of 10⁴ and spreads of 10⁻²', () => {
  const n = 7,
    H = 9;
  // x [7 × 9]: columns 1, 5 and 8 at 10⁴ ± 10⁻² (float32 keeps ~3 digits of the spread: the sums must be in
  // double for x̂ to keep them), the others spread over ±3; dy [7 × 9]
  const x = Float32Array.from({ length: n * H }, (_, k) => {
    const i = Math.floor(k / H),
      j = k % H;
    return [1, 5, 8].includes(j) ? 10000 + 0.01 * Math.sin(3 * i + j) : 3 * Math.cos(1.7 * i + 0.9 * j) + 0.1 * j;
  });
  const dy = Float32Array.from({ length: n * H }, (_, k) => Math.sin(0.37 * k + 1));
  const gamma = Float32Array.from({ length: H }, (_, j) => 0.5 + 0.1 * j),
    beta = Float32Array.from({ length: H }, (_, j) => 0.2 - 0.05 * j);
  const eps = 1e-5,
    momentum = 0.1;
  const bn = lab.batchNorm({ features: H, eps, momentum });
  bn.gamma = gamma;
  bn.beta = beta;
  const y = bn.forward(x, n);
  const { dx, dgamma, dbeta } = bn.backward(dy);
  for (let j = 0; j < H; j++) {
    const col = Array.from({ length: n }, (_, i) => x[i * H + j]),
      g = Array.from({ length: n }, (_, i) => dy[i * H + j]);
    const mean = col.reduce((a, b) => a + b, 0) / n;
    const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const rstd = 1 / Math.sqrt(variance + eps);
    const xhat = col.map((v) => (v - mean) * rstd);
    const sumDy = g.reduce((a, b) => a + b, 0),
      sumDyXhat = g.reduce((a, b, i) => a + b * xhat[i], 0);
    close(dbeta[j], sumDy, 1e-5, `dβ[${j}]`);
    close(dgamma[j], sumDyXhat, 1e-5, `dγ[${j}]`);
    for (let i = 0; i < n; i++) {
      close(y[i * H + j], gamma[j] * xhat[i] + beta[j], 1e-5, `y[${i}, ${j}]`);
      const want = (gamma[j] * rstd * (n * g[i] - sumDy - xhat[i] * sumDyXhat)) / n;
      close(dx[i * H + j], want, 2e-5 * Math.max(1, Math.abs(want)), `dx[${i}, ${j}]`);
    }
    close(bn.runningMean[j], momentum * mean, 1e-3, `running mean[${j}]`); // from 0; 10⁴ in float32: ~1e-3
    close(bn.runningVariance[j], 1 - momentum + (momentum * variance * n) / (n - 1), 1e-5, `running variance[${j}]`);
  }
  // Eval mode with running statistics set here: x̂ = (x − r_μ)/√(r_σ² + ε)
  const rm = Float32Array.from({ length: H }, (_, j) => (j % 2 ? 0.3 * j : -0.2 * j)),
    rv = Float32Array.from({ length: H }, (_, j) => 0.5 + 0.25 * j);
  bn.runningMean = rm;
  bn.runningVariance = rv;
  const small = x.map((v, k) => ([1, 5, 8].includes(k % H) ? v - 10000 : v));
  const ye = bn.forward(small, n, { training: false });
  for (let k = 0; k < n * H; k++) {
    const j = k % H;
    close(ye[k], gamma[j] * ((small[k] - rm[j]) / Math.sqrt(rv[j] + eps)) + beta[j], 1e-5, `eval y[${k}]`);
  }
  bn.dispose();
});

test('batch norm gives each feature the same numbers, to the bit, whether wasm computes it in a SIMD lane or alone', () => {
  // The 9-feature layer takes features 0 … 7 four at a time and feature 8 alone; a 1-feature layer takes its
  // one feature alone. Fed one column at a time, the 1-feature layer must reproduce every column exactly.
  const n = 6,
    H = 9;
  const x = Float32Array.from({ length: n * H }, (_, k) => 2 * Math.sin(0.7 * k) + (k % H) * 1e3);
  const dy = Float32Array.from({ length: n * H }, (_, k) => Math.cos(0.3 * k));
  const all = lab.batchNorm({ features: H });
  all.gamma = Float32Array.from({ length: H }, (_, j) => 1 + 0.1 * j);
  const y = all.forward(x, n);
  const { dx, dgamma } = all.backward(dy);
  const yEval = all.forward(x, n, { training: false });
  for (let j = 0; j < H; j++) {
    const one = lab.batchNorm({ features: 1 });
    one.gamma = [1 + 0.1 * j];
    const column = (a) => Float32Array.from({ length: n }, (_, i) => a[i * H + j]);
    assert.deepEqual(one.forward(column(x), n), column(y), `y, feature ${j}`);
    const b = one.backward(column(dy));
    assert.deepEqual(b.dx, column(dx), `dx, feature ${j}`);
    assert.equal(b.dgamma[0], dgamma[j], `dγ, feature ${j}`);
    assert.deepEqual(one.forward(column(x), n, { training: false }), column(yEval), `eval, feature ${j}`);
    one.dispose();
  }
  all.dispose();
});

test("the sigmoid is fast_math.h's, to the bit, in SIMD lanes and alone: against the same float32 steps written out here", () => {
  const f = Math.fround;
  // exp_approx and sigmoid_approx of cpp/include/bnp/fast_math.h, every operation rounded to float32
  const expApprox = (x) => {
    x = f(x < -87 ? -87 : x > 88 ? 88 : x);
    const shifter = 12582912;
    const shifted = f(f(x * f(1.4426950408889634)) + shifter);
    const nn = f(shifted - shifter);
    let r = f(x - f(nn * 0.693359375));
    r = f(r - f(nn * f(-2.1219444e-4)));
    let p = f(1.98756915e-4);
    for (const c of [1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1])
      p = f(f(p * r) + f(c));
    const y = f(f(f(f(p * r) * r) + r) + 1);
    return f(y * 2 ** nn); // 2^n: exact
  };
  const sigmoid = (z) => f(1 / f(1 + expApprox(-z)));
  // 7 units × 5 rows = 35 values: eight groups of four in SIMD, three alone
  const net = lab.network({ layers: [2, 7, 1], activation: 'sigmoid', init: { name: 'gaussian', sigma: 10 }, seed: 3 });
  const x = Float32Array.from({ length: 10 }, (_, k) => Math.sin(1.3 * k) * (k % 3 === 0 ? 12 : 0.5));
  net.predict(x, 5);
  const { z, a } = net.probe(0, { fields: ['z', 'a'] });
  assert.ok(z.some((v) => v < -87) || z.some((v) => Math.abs(v) > 10), 'some inputs far out');
  for (let k = 0; k < z.length; k++) assert.equal(a[k], sigmoid(z[k]), `σ(${z[k]})`);
  net.dispose();
});

test('one half of the normalization: RMSNorm divides each example by the root mean square of its units and has no β; centering-only batch norm subtracts the batch mean and keeps the spread', () => {
  const { x, y, n } = lab.dataset('circle', { n: 12, seed: 5 });
  const rms = lab.network({
    layers: [2, 5, 1],
    layerNorm: 'before',
    centering: false,
    seed: 6,
    init: { name: 'xavier' },
  });
  for (let s = 0; s < 5; s++) rms.trainStep(x, y, n);
  rms.predict(x, n);
  const p = rms.probe(0);
  for (let i = 0; i < n; i++) {
    const row = Array.from(p.z.subarray(i * 5, i * 5 + 5));
    const scale = 1 / Math.sqrt(row.reduce((a, b) => a + b * b, 0) / 5 + 1e-5);
    for (let j = 0; j < 5; j++) close(p.zHat[i * 5 + j], row[j] * scale, 1e-5, `ẑ[${i}, ${j}]`);
  }
  const beta = rms.layout().find((b) => b.name === 'beta');
  const theta = rms.parameters();
  for (let j = 0; j < 5; j++) assert.equal(theta[beta.offset + j], 0, 'β stays 0 through training');
  rms.dispose();

  const centred = lab.network({ layers: [2, 4, 1], batchNorm: 'before', scaling: false, seed: 7 });
  centred.trainStep(x, y, n);
  centred.predict(x, n, { mode: 'batch' });
  const q = centred.probe(0);
  for (let j = 0; j < 4; j++) {
    const column = Array.from({ length: n }, (_, i) => q.z[i * 4 + j]);
    const mean = column.reduce((a, b) => a + b, 0) / n;
    for (let i = 0; i < n; i++) close(q.zHat[i * 4 + j], column[i] - mean, 1e-5, `ẑ[${i}, ${j}]`);
  }
  centred.dispose();
});

test('batch renormalization: with rMax 1 and dMax 0 it is batch norm step for step; with the clips open a training pass normalizes as eval mode does', () => {
  const { x, y, n } = lab.dataset('circle', { n: 32, seed: 8 });
  const options = { layers: [2, 6, 6, 1], batchNorm: 'before', seed: 9, init: { name: 'xavier' }, momentum: 0.3 };
  const plain = lab.network(options),
    closed = lab.network({ ...options, renorm: { rMax: 1, dMax: 0 } });
  // (to float rounding: batch norm multiplies by 1/σ_B in SIMD lanes, renormalization divides by σ_B)
  for (let s = 0; s < 5; s++) close(closed.trainStep(x, y, n), plain.trainStep(x, y, n), 1e-6, `step ${s}`);
  plain.dispose();
  closed.dispose();
  // r = σ_B/σ and d = (μ_B − μ)/σ unclipped turn (x − μ_B)/σ_B into (x − μ)/σ: eval mode's x̂, in every layer.
  const open = lab.network({ ...options, renorm: { rMax: 100, dMax: 100 } });
  for (let s = 0; s < 5; s++) open.trainStep(x, y, n);
  open.computeGradients(x, y, n); // a training pass that leaves the running statistics as they are
  const training = [0, 1].map((layer) => open.probe(layer).zHat);
  open.predict(x, n);
  [0, 1].forEach((layer) => {
    const evaluated = open.probe(layer).zHat;
    for (let k = 0; k < evaluated.length; k++)
      close(training[layer][k], evaluated[k], 2e-4, `layer ${layer}, value ${k}`);
  });
  open.dispose();
});
