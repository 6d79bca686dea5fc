#!/usr/bin/env node
// Where one training step of the paper's MNIST network goes, in wasm under node: the core's kernels on their
// own (bench/profile/step_profile.cpp, compiled here with em++ to build/profile/), then what the JavaScript
// around them adds per step (the mini-batch's row numbers drawn, the trainStep call, and the test-set
// evaluation at checkpoints, spread over the 500 steps between them). The same kernel build also runs in a
// Web Worker in headless Chromium, for a second column (the page's whole step is bench/mnist.mjs's).
//   node bench/step-profile.mjs   (after npm run build or npm test's set-up)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launch, serve } from '../tests/browser/helpers.js';
import { createLab } from '../web/lib/lab.js';
import { loadMnist } from '../build-scripts/mnist-files.mjs';
import { PaperNetwork, PAPER, prepareDigits } from '../web/worker/paper.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build/profile');
mkdirSync(out, { recursive: true });
const sources = [
  'activation',
  'batch_norm',
  'dense',
  'gemm',
  'loss',
  'optimizer',
  'rng',
  'check',
  'sparse',
  'pixels',
].map((f) => join(root, 'cpp/src', `${f}.cpp`));
const compiled = spawnSync(
  'em++',
  [
    '-std=c++17',
    '-O3',
    '-msimd128',
    '-fno-exceptions',
    `-I${join(root, 'cpp/include')}`,
    '-I/usr/include/eigen3',
    join(root, 'bench/profile/step_profile.cpp'),
    ...sources,
    '-o',
    join(out, 'step_profile.cjs'),
    '-sENVIRONMENT=node,worker',
    '-sSINGLE_FILE=1',
  ],
  { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } },
);
if (compiled.status !== 0) throw new Error(`em++ failed:\n${compiled.stderr}`);
const parse = (text) => JSON.parse(text.split('\n').find((l) => l.startsWith('{')));
const ran = spawnSync(process.execPath, [join(out, 'step_profile.cjs')], { encoding: 'utf8' });
const kernels = parse(ran.stdout);

// The same build as a worker script in Chromium (served as .js); it prints its JSON to the console.
const web = join(out, 'web');
mkdirSync(web, { recursive: true });
copyFileSync(join(out, 'step_profile.cjs'), join(web, 'step_profile.js'));
writeFileSync(join(web, 'index.html'), '<!doctype html><title>step profile</title>');
const server = await serve(web);
const browser = await launch();
let inChromium;
try {
  const page = await browser.newPage();
  const printed = new Promise((resolve) => page.on('console', (m) => m.text().startsWith('{') && resolve(m.text())));
  await page.goto(`${server.url}index.html`);
  await page.evaluate(() => void new Worker('step_profile.js'));
  inChromium = parse(await printed);
} finally {
  await browser.close();
  await server.close();
}

const lab = await createLab();
const digits = prepareDigits(lab, await loadMnist('full'));
const timed = (work, count) => {
  work();
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) work();
    best = Math.min(best, ((performance.now() - t0) / count) * 1000);
  }
  return best;
};
const js = {};
for (const batchNorm of ['none', 'before']) {
  const run = new PaperNetwork(lab, digits, { batchNorm, checkpointEvery: 1e9 });
  run.train(200);
  const gather = timed(() => run.drawBatch(), 4000);
  const trainStep = timed(() => run.net.trainStep(run.digits.train.pixels, run.y, run.rows), 400);
  const checkpoint = timed(() => run.checkpoint(), 2) / 1000; // ms
  js[batchNorm] = { whole: gather + trainStep, trainStep, gather, checkpoint };
  run.dispose();
}
const rows = kernels.parts.filter((p) => p.times > 0).map((p) => [p.what, p.microseconds]);
const sparse = kernels.parts.filter((p) => p.times === 0).map((p) => [p.what, p.microseconds]);
console.log(
  "\nOne training step of the paper's MNIST network with batch norm (784-100-100-100-10 sigmoid, batch 60), wasm, this machine:\n",
);
console.log('| part | µs per step in node | its kernels in a Chromium worker |\n| --- | ---: | ---: |');
const chromium = new Map(inChromium.parts.map((p) => [p.what, p.microseconds]));
const inStep = [...sparse, ...rows.filter(([w]) => !/^784→100 (forward product|weight gradient)/.test(w))];
for (const [what, us] of inStep) console.log(`| ${what} | ${us.toFixed(0)} | ${chromium.get(what).toFixed(0)} |`);
const sum = (list) => list.reduce((a, us) => a + us, 0);
console.log(
  `| **kernels in all** | **${sum(inStep.map(([, us]) => us)).toFixed(0)}** | **${sum(inStep.map(([w]) => chromium.get(w))).toFixed(0)}** |`,
);
console.log(
  `| trainStep through the JS API (row numbers in, checks, the kernels) | ${js.before.trainStep.toFixed(0)} | |`,
);
console.log(`| drawing the mini-batch's row numbers and labels (JS) | ${js.before.gather.toFixed(0)} | |`);
console.log(
  `| test-set evaluation (10,000 digits) every 500 steps, per step | ${((js.before.checkpoint * 1000) / PAPER.checkpointEvery).toFixed(0)} (${js.before.checkpoint.toFixed(0)} ms each) | |`,
);
console.log(
  `| **a step in all** | **${(js.before.whole + (js.before.checkpoint * 1000) / PAPER.checkpointEvery).toFixed(0)}** | |`,
);
console.log(
  `\nThe same first layer as dense products (for comparison): forward ${rows.find(([w]) => w.startsWith('784→100 forward'))[1].toFixed(0)} µs, weight gradient ${rows.find(([w]) => w.startsWith('784→100 weight'))[1].toFixed(0)} µs.`,
);
console.log(
  `Without batch norm: trainStep ${js.none.trainStep.toFixed(0)} µs, drawing the batch ${js.none.gather.toFixed(0)} µs, evaluation ${js.none.checkpoint.toFixed(0)} ms.`,
);
