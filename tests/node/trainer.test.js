// The worker's training logic without a worker: lockstep, snapshots, divergence.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { defaults, networkOptions } from '../../web/state/settings.js';
import { GRID, Trainer } from '../../web/worker/trainer.js';

let lab;
before(async () => {
  lab = await createLab();
});

test('the networks start from the same weights and see the same mini-batches', () => {
  const values = { ...defaults(), third: true };
  const trainer = new Trainer(lab, values);
  const weights = trainer.networks.map(({ net }) =>
    net
      .layout()
      .filter((b) => b.name === 'weight')
      .map((b) => Array.from(net.parameters().subarray(b.offset, b.offset + b.rows * b.cols))),
  );
  assert.deepEqual(weights[0], weights[1]);
  assert.deepEqual(weights[0], weights[2]);
  // A second trainer's plain network, fed the batches the first trainer draws, follows exactly the same path.
  const twin = lab.network(networkOptions(values, 'none'));
  for (let s = 0; s < 50; s++) {
    trainer.trainSteps(1);
    assert.equal(twin.trainStep(trainer.xBatch, trainer.yBatch, trainer.batch), trainer.networks[0].loss);
  }
  twin.dispose();
  trainer.dispose();
});

test('anatomy: a snapshot holds the measures asked for (metrics, bands, heatmaps) and ẑ, z̃ of the chosen unit follow the formulas', () => {
  const trainer = new Trainer(lab, { ...defaults(), depth: 3, width: 5 });
  trainer.trainSteps(100);
  const { message, transfer } = trainer.measure(['curves', 'boundary', 'layerBands', 'anatomy'], { layer: 2, unit: 4 });
  assert.equal(message.step, 100);
  for (const n of message.nets) {
    assert.ok(n.trainAccuracy >= 0 && n.trainAccuracy <= 1);
    assert.equal(n.boundary.length, GRID * GRID);
    assert.equal(n.layers.length, 3);
    assert.ok(n.layers.every((b) => b.p15 <= b.p50 && b.p50 <= b.p85));
    assert.equal(n.anatomy.layer, 2);
    assert.equal(n.anatomy.unit, 4);
    assert.equal(n.anatomy.z.length, 32);
  }
  const bn = message.nets[1].anatomy;
  // ẑ of the chosen unit has mean 0 and variance σ²/(σ² + ε) over the batch.
  const mean = bn.zHat.reduce((s, v) => s + v, 0) / 32;
  const variance = bn.zHat.reduce((s, v) => s + (v - mean) ** 2, 0) / 32;
  assert.ok(Math.abs(mean) < 1e-5);
  assert.ok(Math.abs(variance - bn.batchVariance / (bn.batchVariance + 1e-5)) < 1e-4);
  for (let i = 0; i < 32; i++) assert.ok(Math.abs(bn.zTilde[i] - (bn.gamma * bn.zHat[i] + bn.beta)) < 1e-5);
  assert.ok(transfer.length >= 4);
  trainer.dispose();
});

test('a diverging network stops while the other trains on', () => {
  const trainer = new Trainer(lab, {
    ...defaults(),
    dataset: 'gauss',
    activation: 'linear',
    init: 'he',
    lr: 3,
    scale: 100,
  });
  trainer.trainSteps(300);
  const [plain, bn] = trainer.measure(['curves']).message.nets;
  assert.ok(plain.diverged > 0 && plain.diverged < 100);
  assert.equal(bn.diverged, null);
  assert.ok(bn.testAccuracy > 0.9);
  trainer.dispose();
});

test('a batch larger than the training set is reduced, with a note', () => {
  const trainer = new Trainer(lab, { ...defaults(), examples: 100, split: 50, batch: 200 });
  assert.equal(trainer.batch, 50);
  assert.deepEqual(trainer.notes, ['batch size 200 is more than the 50 training examples; using 50']);
  trainer.dispose();
});
