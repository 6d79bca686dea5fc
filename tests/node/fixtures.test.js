// The wasm core through the JS API against PyTorch's numbers and the independent RNG (tests/fixtures):
// the same fixtures the native tests use, so native and wasm agree with each other through them.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { assertClose, loadFixtures } from './fixtures.js';

let lab;
before(async () => {
  lab = await createLab();
});

test('batch-norm layer matches PyTorch: forward, backward, running statistics, eval', () => {
  for (const c of loadFixtures('batch_norm.txt')) {
    const t = c.tensors;
    const n = t.x.rows,
      features = t.x.cols;
    const bn = lab.batchNorm({ features, eps: Number(c.text.eps), momentum: Number(c.text.momentum) });
    bn.gamma = t.gamma.values;
    bn.beta = t.beta.values;
    const y = bn.forward(t.x.values, n);
    const scale = c.name === 'offset' ? 100 : 1; // x̂ = (x − μ)·100 there; see the native test
    assertClose(y, t.y.values, { what: `${c.name} y` });
    const { dx, dgamma, dbeta } = bn.backward(t.dy.values);
    assertClose(dx, t.dx.values, { atol: 2e-5 * scale, what: `${c.name} dx` });
    assertClose(dgamma, t.dgamma.values, { what: `${c.name} dgamma` });
    assertClose(dbeta, t.dbeta.values, { what: `${c.name} dbeta` });
    assertClose(bn.runningMean, t.running_mean.values, { what: `${c.name} running mean` });
    assertClose(bn.runningVariance, t.running_var.values, { what: `${c.name} running variance` });
    assertClose(bn.forward(t.x.values, n, { training: false }), t.y_eval.values, { what: `${c.name} eval` });
    bn.dispose();
  }
});

test('batch norm in eval mode matches PyTorch where ε matters: running variances of 0 to 4e-3 against ε of 1e-5 and 1e-3', () => {
  for (const c of loadFixtures('batch_norm_eval.txt')) {
    const t = c.tensors;
    const n = t.x.rows,
      features = t.x.cols;
    const bn = lab.batchNorm({ features, eps: Number(c.text.eps) });
    bn.gamma = t.gamma.values;
    bn.beta = t.beta.values;
    bn.runningMean = t.running_mean.values;
    bn.runningVariance = t.running_var.values;
    assertClose(bn.forward(t.x.values, n, { training: false }), t.y_eval.values, { what: `${c.name} eval` });
    bn.dispose();
  }
});

test('layer norm forward and backward match PyTorch, also for a large offset and for one example alone', () => {
  for (const c of loadFixtures('layer_norm.txt')) {
    const t = c.tensors;
    const n = t.x.rows;
    const ln = lab.layerNorm({ features: t.x.cols, eps: Number(c.text.eps) });
    ln.gamma = t.gamma.values;
    ln.beta = t.beta.values;
    const scale = c.name === 'offset' ? 100 : 1; // x̂ = (x − μ)·100: float32's rounding of x bounds agreement
    assertClose(ln.forward(t.x.values, n), t.y.values, { atol: 2e-5 * scale, what: `${c.name} y` });
    const { dx, dgamma, dbeta } = ln.backward(t.dy.values);
    assertClose(dx, t.dx.values, { atol: 2e-5 * scale, what: `${c.name} dx` });
    assertClose(dgamma, t.dgamma.values, { atol: 2e-5 * scale, what: `${c.name} dgamma` });
    assertClose(dbeta, t.dbeta.values, { what: `${c.name} dbeta` });
    ln.dispose();
  }
});

test('network training step matches PyTorch for every activation, placement and loss in the fixtures', () => {
  for (const c of loadFixtures('network.txt')) {
    const t = c.tensors;
    const layerNorm = c.text.norm === 'layer';
    const net = lab.network({
      layers: c.text.layers.split(',').map(Number),
      activation: c.text.activation,
      batchNorm: layerNorm ? 'none' : c.text.batchNorm,
      layerNorm: layerNorm ? c.text.batchNorm : 'none',
      loss: c.text.loss,
      optimizer: { name: 'sgd', lr: Number(c.text.lr) },
    });
    net.setParameters(t.params.values);
    const n = t.x.rows;
    const loss = net.trainStep(t.x.values, t.targets.values, n);
    assert.ok(
      Math.abs(loss - t.loss.values[0]) <= 1e-5 * (1 + Math.abs(t.loss.values[0])),
      `${c.name}: loss ${loss} vs ${t.loss.values[0]}`,
    );
    assertClose(net.gradients(), t.grads.values, { what: `${c.name} gradients` });
    assertClose(net.parameters(), t.params_after.values, { what: `${c.name} parameters after the step` });
    const last = net.probe(net.layerCount - 1);
    assertClose(last.a, t.output.values, { what: `${c.name} output` });
    if (t.running_mean_0) {
      const first = net.probe(0);
      assertClose(first.runningMean, t.running_mean_0.values, { what: `${c.name} running mean` });
      assertClose(first.runningVariance, t.running_var_0.values, { what: `${c.name} running variance` });
    }
    assertClose(net.predict(t.x.values, n), t.eval_output.values, { what: `${c.name} eval output` });
    net.dispose();
  }
});

test('softmax targets may be given as class indices', () => {
  const c = loadFixtures('network.txt').find((k) => k.text.loss === 'softmax-cross-entropy');
  const t = c.tensors;
  const make = () =>
    lab.network({
      layers: c.text.layers.split(',').map(Number),
      activation: c.text.activation,
      batchNorm: c.text.batchNorm,
      loss: c.text.loss,
    });
  const oneHot = make(),
    indices = make();
  oneHot.setParameters(t.params.values);
  indices.setParameters(t.params.values);
  const O = t.targets.cols,
    n = t.x.rows;
  const labels = Array.from({ length: n }, (_, i) => t.targets.values.slice(i * O, i * O + O).indexOf(1));
  assert.equal(indices.trainStep(t.x.values, labels, n), oneHot.trainStep(t.x.values, t.targets.values, n));
});

test('RNG and initial weights match the independent implementation (so native and wasm agree)', () => {
  const [, init] = loadFixtures('rng.txt');
  const net = lab.network({ layers: [3, 4, 2], seed: 7, init: { name: 'gaussian', sigma: 0.1 }, loss: 'mse' });
  const params = net.parameters();
  const [w0, , w1] = net.layout();
  assertClose(params.subarray(w0.offset, w0.offset + 12), init.tensors.weight0.values, {
    atol: 1e-8,
    rtol: 1e-6,
    what: 'weight0',
  });
  assertClose(params.subarray(w1.offset, w1.offset + 8), init.tensors.weight1.values, {
    atol: 1e-8,
    rtol: 1e-6,
    what: 'weight1',
  });
});

test('same seed gives the same run; another seed another run', () => {
  const run = (seed) => {
    const data = lab.dataset('spiral', { n: 50, seed: 4 });
    const net = lab.network({ layers: [2, 6, 6, 1], batchNorm: 'before', seed });
    const losses = [];
    for (let i = 0; i < 30; i++) losses.push(net.trainStep(data.x, data.y, 50));
    net.dispose();
    return losses;
  };
  assert.deepEqual(run(5), run(5));
  assert.notDeepEqual(run(5), run(6));
});

test("optimizers through a network: weight decay and a learning rate changed mid-run follow PyTorch's rules", () => {
  // PyTorch's rules, written out here in float64 from the gradients the network reports: d = g + λθ; SGD
  // θ ← θ − lr·d; momentum v ← μv + d, θ ← θ − lr·v (lr outside the velocity, so a new rate acts at once);
  // Adam m ← β₁m + (1 − β₁)d, v ← β₂v + (1 − β₂)d², θ ← θ − lr·m̂/(√v̂ + ε). The rate changes after step 2.
  // (tests/fixtures/optimizer.txt has PyTorch's own numbers for these rules; the native tests use them.)
  const { x, y, n } = lab.dataset('circle', { n: 16, seed: 2 });
  const rates = [0.1, 0.1, 0.3, 0.02, 0.02];
  for (const [name, lambda] of [
    ['sgd', 0.05],
    ['momentum', 0],
    ['momentum', 0.05],
    ['adam', 0.05],
  ]) {
    const lr0 = name === 'adam' ? rates[0] / 10 : rates[0];
    const net = lab.network({
      layers: [2, 4, 1],
      batchNorm: 'before',
      seed: 3,
      optimizer: { name, lr: lr0, momentum: 0.9, weightDecay: lambda },
    });
    const P = net.parameterCount;
    const v = new Float64Array(P),
      m = new Float64Array(P);
    rates.forEach((rate, k) => {
      const lr = name === 'adam' ? rate / 10 : rate;
      net.setLearningRate(lr);
      const theta = net.parameters();
      net.trainStep(x, y, n);
      const g = net.gradients();
      const expected = Array.from(theta, (p, i) => {
        const d = g[i] + lambda * p;
        if (name === 'sgd') return p - lr * d;
        if (name === 'momentum') return p - lr * (v[i] = 0.9 * v[i] + d);
        m[i] = 0.9 * m[i] + 0.1 * d;
        v[i] = 0.999 * v[i] + 0.001 * d * d;
        const t = k + 1;
        return p - (lr * (m[i] / (1 - 0.9 ** t))) / (Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8);
      });
      assertClose(net.parameters(), expected, { what: `${name}, λ = ${lambda}, step ${k + 1} at lr ${lr}` });
    });
    net.dispose();
  }
});

test('recomputeStatistics (precise batch norm) matches the float64 reference, from rows and from staged rows', () => {
  for (const c of loadFixtures('precise_bn.txt')) {
    const t = c.tensors;
    const m = Number(c.text.batch);
    const options = { layers: c.text.layers.split(',').map(Number), activation: c.text.activation };
    for (const staged of [false, true]) {
      const net = lab.network({ ...options, batchNorm: c.text.batchNorm, loss: 'mse' });
      net.setParameters(t.params.values);
      const before = net.parameters();
      const rows = staged ? lab.stage(t.x.values, t.x.rows) : null;
      const batches = staged
        ? net.recomputeStatistics(rows, { batch: m })
        : net.recomputeStatistics(t.x.values, t.x.rows, { batch: m });
      assert.equal(batches, Math.floor(t.x.rows / m));
      for (let l = 0; l < net.layerCount - 1; l++) {
        const probe = net.probe(l, { fields: ['statistics'] });
        assertClose(probe.runningMean, t[`running_mean_${l}`].values, { what: `${c.name} layer ${l} mean` });
        assertClose(probe.runningVariance, t[`running_var_${l}`].values, { what: `${c.name} layer ${l} variance` });
      }
      assert.deepEqual(net.parameters(), before, 'the parameters are untouched');
      rows?.dispose();
      net.dispose();
    }
  }
  // Refused, naming what is wrong, and changing nothing.
  const net = lab.network({ layers: [2, 3, 1], batchNorm: 'before', seed: 1 });
  const plain = lab.network({ layers: [2, 3, 1] });
  const x = new Float32Array(8).fill(0.5);
  const variance = net.probe(0, { fields: ['statistics'] }).runningVariance;
  assert.throws(
    () => net.recomputeStatistics(x, 4, { batch: 1 }),
    /batch = 1 is not allowed: a batch of 2 to 65536 rows/,
  );
  assert.throws(() => net.recomputeStatistics(x, 4, { batch: 5 }), /the 4 rows hold no whole batch of 5/);
  assert.throws(() => net.recomputeStatistics(x, 4, {}), /batch is missing/);
  assert.throws(
    () => net.recomputeStatistics([1, 2, NaN, 4, 5, 6, 7, 8], 4, { batch: 2 }),
    /x\[2\] = NaN is not allowed/,
  );
  assert.throws(() => plain.recomputeStatistics(x, 4, { batch: 2 }), /has no batch norm/);
  assert.deepEqual(net.probe(0, { fields: ['statistics'] }).runningVariance, variance);
  net.dispose();
  plain.dispose();
});

test('setTrainable: frozen parameters keep their values; the trained ones follow their optimizer, by hand', () => {
  const { x, y, n } = lab.dataset('circle', { n: 16, seed: 4 });
  for (const name of ['sgd', 'adam']) {
    const lr = name === 'adam' ? 0.01 : 0.1;
    const net = lab.network({
      layers: [2, 5, 4, 1],
      batchNorm: 'before',
      seed: 2,
      optimizer: { name, lr, weightDecay: 0.01 },
    });
    // Train only γ and β (Frankle et al.'s setting), as layout() names them.
    const mask = new Uint8Array(net.parameterCount);
    for (const b of net.layout())
      if (b.name === 'gamma' || b.name === 'beta') mask.fill(1, b.offset, b.offset + b.rows * b.cols);
    net.setTrainable(mask);
    const start = net.parameters();
    const m = new Float64Array(net.parameterCount),
      v = new Float64Array(net.parameterCount);
    for (let t = 1; t <= 4; t++) {
      const theta = net.parameters();
      net.trainStep(x, y, n);
      const g = net.gradients();
      const expected = Array.from(theta, (p, i) => {
        if (!mask[i]) return p;
        const d = g[i] + 0.01 * p;
        if (name === 'sgd') return p - lr * d;
        m[i] = 0.9 * m[i] + 0.1 * d;
        v[i] = 0.999 * v[i] + 0.001 * d * d;
        return p - (lr * (m[i] / (1 - 0.9 ** t))) / (Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8);
      });
      assertClose(net.parameters(), expected, { what: `${name}, step ${t}` });
    }
    const after = net.parameters();
    for (let i = 0; i < mask.length; i++) if (!mask[i]) assert.equal(after[i], start[i], `frozen parameter ${i} moved`);
    assert.ok(
      after.some((p, i) => mask[i] && p !== start[i]),
      'γ and β moved',
    );
    // null trains everything again.
    net.setTrainable(null);
    const before = net.parameters();
    net.trainStep(x, y, n);
    assert.ok(
      net.parameters().some((p, i) => !mask[i] && p !== before[i]),
      'the weights move again',
    );
    net.dispose();
  }
  const net = lab.network({ layers: [2, 3, 1] });
  const P = net.parameterCount;
  assert.throws(
    () => net.setTrainable([1, 0]),
    new RegExp(`mask has 2 values, but the parameter count needs exactly ${P}`),
  );
  assert.throws(
    () => net.setTrainable(new Array(P).fill(2)),
    /mask\[0\] = 2 is not allowed: 1 or true \(train\), 0 or false \(freeze\)/,
  );
  assert.throws(() => net.setTrainable('gamma'), /mask = "gamma" is not allowed/);
  assert.throws(() => net.setTrainable(undefined), /mask = undefined is not allowed/);
  net.dispose();
});
