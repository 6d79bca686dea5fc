#!/usr/bin/env node
// What a snapshot costs in the worker: the measures the page asks for (curves, heatmaps, layer bands, the
// anatomy of one unit) and the drift figure's (one unit over the whole training set), for the page's default
// networks and a larger 6 × 32 stack; one lockstep training step for scale; and what opening the mnist figure
// costs once the digits are in a worker. Node, the same JS API the worker runs.
//   node bench/snapshot.mjs
import { readFileSync } from 'node:fs';

import { createLab } from '../web/lib/lab.js';
import { defaults } from '../web/state/settings.js';
import { MnistExperiment } from '../web/worker/experiments/mnist.js';
import { Trainer } from '../web/worker/trainer.js';

const lab = await createLab();
// Milliseconds per call: the best of five rounds of `reps` calls, after one warm-up call.
function time(fn, reps) {
  fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

const PAGE = ['curves', 'boundary', 'layerBands', 'anatomy'];
console.log('| networks | page snapshot | drift snapshot | one lockstep step |\n| --- | ---: | ---: | ---: |');
for (const [name, over] of [
  ['2-8-8-1 tanh ×3 (page default + third)', { third: true }],
  ['2-32×6-1 relu ×3', { depth: 6, width: 32, activation: 'relu', init: 'he', third: true }],
]) {
  const settings = { ...defaults(), ...over };
  const trainer = new Trainer(lab, settings);
  trainer.trainSteps(200);
  const page = time(() => trainer.measure(PAGE, { layer: 1, unit: 1 }), 60);
  const drift = time(() => trainer.measure(['unitBand'], { layer: settings.depth, unit: 1 }), 60);
  const step = time(() => trainer.trainSteps(1), 400);
  console.log(`| ${name} | ${page.toFixed(3)} ms | ${drift.toFixed(3)} ms | ${step.toFixed(4)} ms |`);
  trainer.dispose();
}
const env = {
  lab,
  shared: { mnist: readFileSync(new URL('../web/lib/generated/mnist.bin', import.meta.url)) },
  cache: {},
};
const open = () => new MnistExperiment(env, { ...defaults(), lr: 0.1 }, { batchNorm: 'before' }).dispose();
const t0 = performance.now();
open();
const first = performance.now() - t0;
const again = time(open, 5);
console.log(
  `\nmnist: first open in a worker ${first.toFixed(1)} ms (digits prepared once), every later open or reset ${again.toFixed(1)} ms`,
);
