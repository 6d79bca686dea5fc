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
  for (let i = 0; i < 10; i++) (a.trainStep(data.x, data.y, 40), b.trainStep(data.x, data.y, 40));
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

test('wasm memory stays flat over long training once the first steps have run', () => {
  const data = lab.dataset('spiral', { n: 256, seed: 3 });
  const net = lab.network({ layers: [2, 32, 32, 1], batchNorm: 'before', optimizer: 'adam' });
  const batch = (i) => [
    data.x.subarray((i % 8) * 64, (i % 8) * 64 + 64),
    data.y.subarray((i % 8) * 32, (i % 8) * 32 + 32),
  ];
  for (let i = 0; i < 20; i++) (net.trainStep(...batch(i), 32), net.predict(data.x, 256), net.probe(1));
  const [memory, heap] = [lab.memoryBytes, lab.heapBytesInUse];
  for (let i = 0; i < 20000; i++) {
    net.trainStep(...batch(i), 32);
    if (i % 100 === 0) (net.predict(data.x, 256), net.probe(1), net.parameters());
  }
  assert.equal(lab.memoryBytes, memory);
  assert.equal(lab.heapBytesInUse, heap, 'not one byte more in use on the heap');
  // The measure can see an allocation: a new network raises it.
  const other = lab.network({ layers: [2, 3, 1] });
  assert.ok(lab.heapBytesInUse > heap);
  other.dispose();
  net.dispose();
});
