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
