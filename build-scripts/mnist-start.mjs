#!/usr/bin/env node
// What build-scripts/make-mnist-fixture.py trains PyTorch from: the paper's networks' initial weights and the
// mini-batches, exactly as the project makes them (web/worker/paper.js), written to a folder:
//   start.json   { seed, steps, layers, batch, lr, sigma, momentum, eps, layout }  (layout: the core's blocks)
//   weights.f32  the plain network's initial parameters in the core's layout (weights D×H, biases; the
//                batch-normalized network has the same weights and biases, γ = 1, β = 0)
//   batches.u32  [steps × batch] indices into the 60,000 training digits, step after step
//   node build-scripts/mnist-start.mjs --seed 1 --steps 3000 --out DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLab } from '../web/lib/lab.js';
import { MNIST_DATA } from '../web/lib/mnist.js';
import { PaperNetwork, PAPER, nextExample } from '../web/worker/paper.js';
import { batchSampler } from '../web/worker/sampler.js';

const option = (name, fallback) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;
const seed = Number(option('--seed', '1')),
  steps = Number(option('--steps', '3000')),
  out = option('--out');
if (!out || !Number.isInteger(seed) || !Number.isInteger(steps) || steps < 1) {
  console.error('usage: node build-scripts/mnist-start.mjs --seed S --steps N --out DIR');
  process.exit(2);
}
const lab = await createLab();
const noDigits = { train: { n: 0 }, test: { blocks: [], n: 0 } };
const [plain, bn] = ['none', 'before'].map((batchNorm) => new PaperNetwork(lab, noDigits, { batchNorm, seed }));
const weights = plain.net.parameters();
// The batch-normalized network starts from the same weights and biases (block by block).
for (const block of plain.net.layout()) {
  const other = bn.net.layout().find((b) => b.layer === block.layer && b.name === block.name);
  const a = weights.subarray(block.offset, block.offset + block.rows * block.cols);
  const b = bn.net.parameters().subarray(other.offset, other.offset + block.rows * block.cols);
  if (a.some((v, i) => v !== b[i]))
    throw new Error(`layer ${block.layer} ${block.name} differs between the two networks`);
}
const random = batchSampler(seed);
const batches = new Uint32Array(steps * PAPER.batch);
for (let i = 0; i < batches.length; i++) batches[i] = nextExample(random, MNIST_DATA.full.train);
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'start.json'),
  JSON.stringify(
    {
      seed,
      steps,
      layers: PAPER.layers,
      batch: PAPER.batch,
      lr: PAPER.lr,
      sigma: PAPER.sigma,
      momentum: 0.1,
      eps: 1e-5,
      layout: plain.net.layout(),
    },
    null,
    1,
  ),
);
writeFileSync(join(out, 'weights.f32'), weights);
writeFileSync(join(out, 'batches.u32'), batches);
console.log(
  `[mnist-start] seed ${seed}: ${weights.length} parameters, ${steps} mini-batches of ${PAPER.batch} → ${out}`,
);
