// Object lifetimes and wasm memory: dispose(), and results that stay valid when wasm memory grows.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';

let lab;
before(async () => {
  lab = await createLab();
});

test('a disposed network refuses further calls; dispose twice is harmless', () => {
  const net = lab.network({ layers: [2, 3, 1] });
  net.dispose();
  net.dispose();
  assert.throws(() => net.trainStep([0, 0, 1, 1], [0, 1], 2), /network.trainStep: this network was disposed/);
  assert.throws(() => net.parameters(), /this network was disposed/);
  const bn = lab.batchNorm({ features: 1 });
  bn.dispose();
  assert.throws(() => bn.gamma, /batchNorm.gamma: this layer was disposed/);
});

test('results survive wasm memory growth, and training goes on correctly after it', () => {
  const data = lab.dataset('xor', { n: 40, seed: 2 });
  const a = lab.network({ layers: [2, 8, 1], batchNorm: 'before', seed: 3 });
  const b = lab.network({ layers: [2, 8, 1], batchNorm: 'before', seed: 3 });
  for (let i = 0; i < 10; i++) a.trainStep(data.x, data.y, 40), b.trainStep(data.x, data.y, 40);
  const before = a.predict(data.x, 40);
  const probe = a.probe(0);
  const params = a.parameters();
  const copy = Float32Array.from(before);
  // Grow wasm memory: a network with ~16 M parameters needs far more than the initial 32 MB.
  const big = lab.network({ layers: [4000, 4000, 10], loss: 'softmax-cross-entropy' });
  assert.deepEqual(before, copy, 'a returned array kept its values');
  assert.equal(probe.z.length, 40 * 8);
  assert.ok(probe.z.every(Number.isFinite));
  assert.deepEqual(a.parameters(), params);
  // Both networks keep training in lockstep after the growth (their internal pointers were refreshed).
  for (let i = 0; i < 10; i++) assert.equal(a.trainStep(data.x, data.y, 40), b.trainStep(data.x, data.y, 40));
  // A larger batch on a after the growth re-reserves its buffers.
  const wide = lab.dataset('xor', { n: 400, seed: 2 });
  assert.ok(Number.isFinite(a.trainStep(wide.x, wide.y, 400)));
  big.dispose();
  a.dispose();
  b.dispose();
});
