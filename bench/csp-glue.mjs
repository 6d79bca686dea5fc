// What the CSP-safe build costs: the same core with Embind's two kinds of JavaScript glue — the shipped one
// (-sDYNAMIC_EXECUTION=0: no new Function, works under a strict Content-Security-Policy) and the default one
// (functions made with new Function) — timed in alternating pairs in one process, so that this machine's
// swings fall on both alike. Reports, per glue, the median over the pairs of: the cost of one call from JS
// into the core that does almost nothing (network.setLearningRate), and a training step of the smallest and of
// the MNIST network. The eval glue is built once into build/wasm-eval.
//   node bench/csp-glue.mjs [--pairs N]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLab } from '../web/lib/lab.js';
import { benchWasm, bestWindow, labWithGlue } from './wasm.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const pairsAt = process.argv.indexOf('--pairs');
const PAIRS = pairsAt > 0 ? Number(process.argv[pairsAt + 1]) : 15;
const log = (message) => console.error(`[csp-glue] ${message}`);

const evalBuild = join(root, 'build/wasm-eval');
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
if (!existsSync(join(evalBuild, 'CMakeCache.txt'))) {
  log('configuring the wasm build with the eval glue (build/wasm-eval, once)');
  const configure = ['cmake', '-S', root, '-B', evalBuild, '-DCMAKE_BUILD_TYPE=Release'];
  spawnSync('emcmake', [...configure, '-DBNP_DYNAMIC_EXECUTION=ON', `-DBNP_WASM_OUT=${evalBuild}/out`], {
    stdio: 'inherit',
    env,
  });
}
if (spawnSync('cmake', ['--build', evalBuild, '-j', '2'], { stdio: 'inherit', env }).status !== 0)
  throw new Error('the wasm build with the eval glue failed');

const networks = JSON.parse(readFileSync(join(here, 'networks.json'), 'utf8')).networks.filter((n) =>
  ['toy-bn', 'mnist-bn'].includes(n.name),
);
const glues = {
  'CSP-safe (shipped)': await createLab(),
  'eval (new Function)': await labWithGlue(join(evalBuild, 'out')),
};

/** µs per call of `fn`, best 0.2 s window over `seconds`. */
const microseconds = (fn, seconds) => 1e6 / bestWindow(fn, seconds).best;

async function measure(lab) {
  const row = {};
  const tiny = lab.network({ layers: [1, 1], optimizer: { name: 'sgd', lr: 0.1 } });
  row.call = microseconds(() => tiny.setLearningRate(0.1), 0.4);
  tiny.dispose();
  for (const { name, stepsPerSecond } of await benchWasm(networks, 0.6, lab)) row[name] = 1e6 / stepsPerSecond;
  return row;
}

const samples = Object.fromEntries(Object.keys(glues).map((g) => [g, []]));
for (let pair = 1; pair <= PAIRS; pair++) {
  const order = pair % 2 ? Object.keys(glues) : Object.keys(glues).reverse();
  for (const glue of order) samples[glue].push(await measure(glues[glue]));
  log(`pair ${pair} of ${PAIRS}`);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const columns = ['call', ...networks.map((n) => n.name)];
const table = Object.fromEntries(
  Object.entries(samples).map(([glue, rows]) => [
    glue,
    Object.fromEntries(columns.map((c) => [c, median(rows.map((r) => r[c]))])),
  ]),
);
const [safe, evalGlue] = Object.values(table);
const fmt = (us) => (us < 1 ? `${(us * 1000).toFixed(0)} ns` : `${us.toFixed(us < 100 ? 2 : 1)} µs`);
console.log(`\nEmbind glue, median of ${PAIRS} alternating pairs (best 0.2 s window each), this machine:\n`);
console.log(`| glue | one call into the core | ${networks.map((n) => `${n.name} step`).join(' | ')} |`);
console.log(`| --- | ---: | ${networks.map(() => '---:').join(' | ')} |`);
for (const [glue, row] of Object.entries(table))
  console.log(`| ${glue} | ${columns.map((c) => fmt(row[c])).join(' | ')} |`);
console.log(
  `| difference | ${columns.map((c) => `${safe[c] >= evalGlue[c] ? '+' : '−'}${fmt(Math.abs(safe[c] - evalGlue[c]))} (${((safe[c] / evalGlue[c] - 1) * 100).toFixed(1)}%)`).join(' | ')} |`,
);
