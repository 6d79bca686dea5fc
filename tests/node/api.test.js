// The JS API as a user meets it: training, prediction modes, probes, datasets and statistics.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';

let lab;
before(async () => {
  lab = await createLab();
});

const accuracy = (p, y) => p.reduce((s, v, i) => s + (v > 0.5 === (y[i] === 1) ? 1 : 0), 0) / y.length;

test('a small network learns the circle with and without batch norm', () => {
  const train = lab.dataset('circle', { n: 200, noise: 0.05, seed: 1 });
  for (const batchNorm of ['none', 'before', 'after']) {
    const net = lab.network({
      layers: [2, 8, 8, 1],
      activation: 'tanh',
      batchNorm,
      optimizer: { name: 'adam', lr: 0.02 },
      seed: 2,
    });
    for (let step = 0; step < 400; step++) net.trainStep(train.x, train.y, 200);
    assert.ok(accuracy(net.predict(train.x, 200), train.y) > 0.95, `${batchNorm} learned the circle`);
    net.dispose();
  }
});

test('probe shows z, ẑ = (z − μ)/√(σ² + ε), z̃ = γẑ + β and a = f(z̃) on the last batch', () => {
  const data = lab.dataset('gauss', { n: 16, seed: 3 });
  const net = lab.network({ layers: [2, 4, 1], activation: 'sigmoid', batchNorm: 'before', eps: 1e-5 });
  net.trainStep(data.x, data.y, 16);
  const p = net.probe(0);
  assert.equal(p.rows, 16);
  assert.equal(p.units, 4);
  for (let j = 0; j < 4; j++) {
    let mean = 0,
      variance = 0;
    for (let i = 0; i < 16; i++) mean += p.z[i * 4 + j] / 16;
    for (let i = 0; i < 16; i++) variance += (p.z[i * 4 + j] - mean) ** 2 / 16;
    assert.ok(Math.abs(p.batchMean[j] - mean) < 1e-5);
    assert.ok(Math.abs(p.batchVariance[j] - variance) < 1e-6 + 1e-4 * variance);
    for (let i = 0; i < 16; i++) {
      const k = i * 4 + j;
      const zHat = (p.z[k] - mean) / Math.sqrt(variance + 1e-5);
      assert.ok(Math.abs(p.zHat[k] - zHat) < 1e-3, `ẑ[${k}]`);
      // γ and β in the probe are after the step; z̃ was computed with the values before it, so check the shape:
      assert.ok(Math.abs(p.a[k] - 1 / (1 + Math.exp(-p.zTilde[k]))) < 1e-6, `a = σ(z̃) at ${k}`);
    }
  }
  // Running statistics moved from (0, 1) by momentum 0.1 toward the batch's (unbiased) statistics.
  for (let j = 0; j < 4; j++) assert.ok(Math.abs(p.runningMean[j] - 0.1 * p.batchMean[j]) < 1e-6);
  const plain = lab.network({ layers: [2, 4, 1] });
  plain.trainStep(data.x, data.y, 16);
  const q = plain.probe(0);
  assert.equal(q.zHat, null);
  assert.equal(q.gamma, null);
  assert.ok(q.a.every((v, k) => Math.abs(v - Math.tanh(q.z[k])) < 1e-6));
});

test('predict in eval mode uses running statistics; batch mode uses the rows given; neither moves them', () => {
  const data = lab.dataset('circle', { n: 32, seed: 4 });
  const net = lab.network({ layers: [2, 6, 1], batchNorm: 'before' });
  for (let i = 0; i < 5; i++) net.trainStep(data.x, data.y, 32);
  const running = net.probe(0).runningMean;
  const evalOut = net.predict(data.x, 32);
  const batchOut = net.predict(data.x, 32, { mode: 'batch' });
  assert.notDeepEqual(evalOut, batchOut);
  assert.deepEqual(net.probe(0).runningMean, running);
  // One row is fine in eval mode: each example is normalized by the running statistics alone.
  const one = net.predict(data.x.subarray(0, 2), 1);
  assert.ok(Math.abs(one[0] - evalOut[0]) < 1e-6);
});

test('the same initial weights with and without batch norm', () => {
  const plain = lab.network({ layers: [2, 5, 5, 1], seed: 9 });
  const bn = lab.network({ layers: [2, 5, 5, 1], seed: 9, batchNorm: 'before' });
  const weightsOf = (net) =>
    net
      .layout()
      .filter((b) => b.name === 'weight')
      .map((b) => Array.from(net.parameters().subarray(b.offset, b.offset + b.rows * b.cols)));
  assert.deepEqual(weightsOf(plain), weightsOf(bn));
});

test('frozen γ, β (affine: false) stay at (1, 0)', () => {
  const data = lab.dataset('xor', { n: 20 });
  const net = lab.network({ layers: [2, 4, 1], batchNorm: 'before', affine: false });
  for (let i = 0; i < 20; i++) net.trainStep(data.x, data.y, 20);
  const p = net.probe(0);
  assert.deepEqual(Array.from(p.gamma), [1, 1, 1, 1]);
  assert.deepEqual(Array.from(p.beta), [0, 0, 0, 0]);
});

test('a diverging network reports a non-finite loss instead of throwing', () => {
  const data = lab.dataset('circle', { n: 20, scale: 1e4 });
  const net = lab.network({ layers: [2, 8, 1], activation: 'relu', loss: 'mse', optimizer: { name: 'sgd', lr: 1000 } });
  let loss = 0;
  for (let i = 0; i < 50 && Number.isFinite(loss); i++) loss = net.trainStep(data.x, data.y, 20);
  assert.ok(!Number.isFinite(loss));
});

test('datasets: counts, balance, scale; statistics: histogram and percentiles', () => {
  const d = lab.dataset('spiral', { n: 101, seed: 1 });
  assert.equal(d.x.length, 202);
  assert.equal(d.y.length, 101);
  assert.equal(
    d.y.reduce((s, v) => s + v, 0),
    50,
  );
  const scaled = lab.dataset('spiral', { n: 101, seed: 1, scale: 100 });
  assert.ok(Math.abs(scaled.x[0] - 100 * d.x[0]) < 1e-4 * Math.abs(scaled.x[0]) + 1e-6);
  assert.equal(scaled.x[1], d.x[1]);
  assert.deepEqual(Array.from(lab.histogram([0, 0.1, 0.5, 0.99, 1, -0.5, 2], { bins: 4, lo: 0, hi: 1 })), [2, 0, 1, 2]);
  const p = lab.percentiles([10, 3, 1, 4, 2], [0, 15, 50, 85, 100]);
  [1, 1.6, 3, 6.4, 10].forEach((v, i) => assert.ok(Math.abs(p[i] - v) < 1e-6));
});
