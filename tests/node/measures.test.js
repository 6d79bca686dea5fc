// The "why does it work" measures (web/worker/measures.js), each recomputed here another way: with copies of
// the network set to the moved parameters, instead of gradientsAt.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { defaults } from '../../web/state/settings.js';
import { PROBE_STEPS } from '../../web/worker/measures.js';
import { bandMovement } from '../../web/worker/metrics.js';
import { Trainer } from '../../web/worker/trainer.js';

let lab;
before(async () => {
  lab = await createLab();
});

const settings = {
  ...defaults(),
  dataset: 'xor',
  depth: 3,
  width: 6,
  activation: 'tanh',
  init: 'xavier',
  lr: 0.2,
  batch: 16,
  seed: 3,
};
const nets = [
  { id: 'plain', label: 'plain', batchNorm: 'none' },
  { id: 'before', label: 'batch norm', batchNorm: 'before' },
  { id: 'noisy', label: 'noisy batch norm', batchNorm: 'before', noise: 0.5 },
];

// The gradient of `twin` (a copy with parameters `params`) on the trainer's last mini-batch.
function gradientOf(twin, params, trainer) {
  twin.setParameters(params);
  const loss = twin.computeGradients(trainer.xBatch, trainer.yBatch, trainer.batch);
  return { loss, g: twin.gradients() };
}
const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

test("covariate shift: the gradient of each layer's weights before and after the layers below step", () => {
  const trainer = new Trainer(lab, settings, nets.slice(0, 2));
  trainer.trainSteps(40);
  const shifts = trainer.measure(['covariateShift']).message.nets;
  trainer.networks.forEach((network, k) => {
    // A copy that has taken the same 40 steps (same running statistics), set to the moved parameters.
    const copy = new Trainer(lab, settings, [nets[k]]);
    copy.trainSteps(40);
    const theta = network.net.parameters();
    const { g } = gradientOf(copy.networks[0].net, theta, copy);
    const layout = network.net.layout();
    assert.equal(shifts[k].covariateShift.length, settings.depth - 1);
    for (const { layer, l2, cosine } of shifts[k].covariateShift) {
      const moved = Float32Array.from(theta);
      for (const b of layout)
        if (b.layer < layer - 1)
          for (let i = b.offset; i < b.offset + b.rows * b.cols; i++) moved[i] -= settings.lr * g[i];
      const g2 = gradientOf(copy.networks[0].net, moved, copy).g;
      const w = layout.find((b) => b.layer === layer - 1 && b.name === 'weight');
      const G = Array.from(g.subarray(w.offset, w.offset + w.rows * w.cols)),
        G2 = Array.from(g2.subarray(w.offset, w.offset + w.rows * w.cols));
      const expectedL2 = norm(G.map((v, i) => v - G2[i]));
      const expectedCos = G.reduce((s, v, i) => s + v * G2[i], 0) / (norm(G) * norm(G2));
      assert.ok(
        Math.abs(l2 - expectedL2) <= 1e-5 + 1e-3 * expectedL2,
        `${network.id} layer ${layer}: ${l2} vs ${expectedL2}`,
      );
      assert.ok(
        Math.abs(cosine - expectedCos) <= 1e-4,
        `${network.id} layer ${layer}: cos ${cosine} vs ${expectedCos}`,
      );
    }
    copy.dispose();
  });
  trainer.dispose();
});

test('smoothness: losses and gradients along the gradient at multiples of the learning rate', () => {
  const trainer = new Trainer(lab, settings, nets);
  trainer.trainSteps(30);
  const measured = trainer.measure(['smoothness']).message.nets;
  trainer.networks.forEach((network, k) => {
    const copy = new Trainer(lab, settings, [nets[k]]);
    copy.trainSteps(30);
    const theta = network.net.parameters();
    const { loss: loss0, g } = gradientOf(copy.networks[0].net, theta, copy);
    const losses = [loss0],
      changes = [];
    let beta = 0;
    for (const multiple of PROBE_STEPS) {
      const eta = multiple * settings.lr;
      const at = gradientOf(
        copy.networks[0].net,
        theta.map((v, i) => v - eta * g[i]),
        copy,
      );
      const change = norm(Array.from(g, (v, i) => v - at.g[i]));
      losses.push(at.loss);
      changes.push(change);
      beta = Math.max(beta, change / (eta * norm(Array.from(g))));
    }
    const s = measured[k].smoothness;
    const near = (a, b, what) =>
      assert.ok(Math.abs(a - b) <= 1e-5 + 2e-3 * Math.abs(b), `${network.id} ${what}: ${a} vs ${b}`);
    near(s.lossMin, Math.min(...losses), 'lowest loss');
    near(s.lossMax, Math.max(...losses), 'highest loss');
    near(s.gradientChangeMax, Math.max(...changes), 'largest gradient change');
    near(s.beta, beta, 'β');
    copy.dispose();
  });
  trainer.dispose();
});

test('band movement: summed |change| of p15, p50, p85 over the mean width, by hand', () => {
  // Moves: (1 + 0 + 1) then (0 + 2 + 0) = 4; widths 2, 2, 2 → mean 2; 4 / 2 = 2.
  const bands = [
    { p15: 0, p50: 1, p85: 2 },
    { p15: 1, p50: 1, p85: 3 },
    { p15: 1, p50: 3, p85: 3 },
  ];
  assert.equal(bandMovement(bands), 2);
  assert.equal(bandMovement([bands[0], bands[0]]), 0);
});
