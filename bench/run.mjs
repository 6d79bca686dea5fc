#!/usr/bin/env node
// npm run bench: training steps per second (best 0.2 s window of each run) of the reference networks (bench/networks.json) — our core native
// and in wasm (node), TensorFlow.js 4.22 in node (cpu and wasm backends), and PyTorch on one thread on OpenBLAS
// when Debian's python3-torch is installed — in interleaved rounds, medians, then the ratios of the project's
// speed targets (docs/performance.md lists them).
//   node bench/run.mjs [--seconds S] [--rounds R] [--json results.json]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { benchWasm } from './wasm.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const seconds = Number(option('--seconds', '2'));
const { networks } = JSON.parse(readFileSync(join(here, 'networks.json'), 'utf8'));
const log = (message) => console.error(`[bench] ${message}`);

function jsonLines(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24, ...options });
  if (result.status !== 0) {
    log(
      `${command} ${args.join(' ')} failed: ${(result.stderr || result.error?.message || '').trim().split('\n').at(-1)}`,
    );
    return null;
  }
  return result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

const ROUNDS = Number(option('--rounds', '3'));
const columns = ['native', 'wasm', 'tfjs-wasm', 'tfjs-cpu', 'pytorch'];
const samples = Object.fromEntries(networks.map((n) => [n.name, Object.fromEntries(columns.map((c) => [c, []]))]));
const record = (column, rows) => rows?.forEach((r) => samples[r.name][column].push(r.stepsPerSecond));

if (!existsSync(join(here, 'node_modules/@tensorflow/tfjs'))) {
  log('installing TensorFlow.js 4.22 into bench/node_modules (once)');
  spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}

// PyTorch at its best here: on OpenBLAS (Debian's python3-torch otherwise runs on the unoptimized reference
// BLAS, about 15× slower on these networks), and with OpenBLAS free to pick its kernels for this CPU: machines
// of this kind set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which pin older ones. They are unset for the
// PyTorch run only.
const torchPython = '/usr/bin/python3';
const hasTorch = spawnSync(torchPython, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const installed = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
if (hasTorch && !installed('libopenblas0-openmp')) {
  if (process.getuid?.() === 0) {
    log('installing libopenblas0-openmp, so PyTorch runs on OpenBLAS (apt-get)');
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libopenblas0-openmp'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    log(
      'PyTorch would run on the reference BLAS: install OpenBLAS for a fair column (sudo apt-get install libopenblas0-openmp)',
    );
  }
}
const torchEnv = { ...process.env };
delete torchEnv.OPENBLAS_CORETYPE;
delete torchEnv.OPENBLAS_L2_SIZE;
let blas = null;
if (!hasTorch)
  log(
    'PyTorch not installed (apt-get install python3-torch libopenblas0-openmp to measure it here): ratios to it are left out',
  );

// Rounds, each running every implementation once in turn, so a neighbour's load on this machine falls on all
// of them alike; the table shows each one's median over the rounds.
for (let round = 1; round <= ROUNDS; round++) {
  log(`round ${round} of ${ROUNDS}: native (g++ -O3 -march=native)`);
  const nativeBin = join(root, 'build/native/bench/native/bench_native');
  for (const n of networks)
    record(
      'native',
      jsonLines(nativeBin, [
        n.name,
        n.layers.join(','),
        n.activation,
        n.batchNorm,
        n.loss,
        String(n.batch),
        String(seconds),
      ]),
    );
  log(`round ${round}: wasm in node (this project, through the JS API)`);
  record('wasm', await benchWasm(networks, seconds));
  for (const backend of ['wasm', 'cpu']) {
    log(`round ${round}: TensorFlow.js 4.22, ${backend} backend`);
    record(`tfjs-${backend}`, jsonLines(process.execPath, [join(here, 'tfjs.mjs'), backend, String(seconds)]));
  }
  if (hasTorch) {
    log(`round ${round}: PyTorch, one thread`);
    const lines = jsonLines(torchPython, [join(here, 'torch_bench.py'), String(seconds)], { env: torchEnv });
    blas = lines?.find((l) => l.blas) ?? blas;
    record(
      'pytorch',
      lines?.filter((l) => l.name),
    );
  }
}
if (blas)
  log(
    `PyTorch's BLAS: ${blas.blas.library} — ${blas.blas.config}${blas.blas.kernels ? ` (kernels: ${blas.blas.kernels})` : ''}`,
  );

const median = (values) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const table = Object.fromEntries(
  networks.map((n) => [n.name, Object.fromEntries(columns.map((c) => [c, median(samples[n.name][c])]))]),
);
const fmt = (v) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a, b) => (a && b ? a / b : undefined);
const lines = [];
lines.push(`| network | ${columns.join(' | ')} | wasm/tfjs-wasm | wasm/pytorch | native/wasm |`);
lines.push(`| --- | ${columns.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
for (const [name, row] of Object.entries(table)) {
  const r = [ratio(row.wasm, row['tfjs-wasm']), ratio(row.wasm, row.pytorch), ratio(row.native, row.wasm)];
  lines.push(
    `| ${name} | ${columns.map((c) => fmt(row[c])).join(' | ')} | ${r.map((v) => (v === undefined ? '—' : v.toFixed(2) + '×')).join(' | ')} |`,
  );
}
console.log(
  `\nTraining steps per second (higher is better), median of ${ROUNDS} interleaved rounds on this machine:\n`,
);
console.log(lines.join('\n'));
if (blas)
  console.log(
    `\nPyTorch ${'(one thread)'} on ${blas.blas.config}${blas.blas.kernels ? `, kernels ${blas.blas.kernels}` : ''}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for its run.`,
  );

// The project's speed targets, checked against this run.
const tfjsGoal = { 'mnist-bn': 18, 'toy-bn': 100 };
const pytorchGoal = { 'mnist-bn': 0.63, 'toy-bn': 10, 'wide-bn': 0.25 };
const wasmOf = (name) => table[name].wasm;
const targets = [
  ...Object.entries(tfjsGoal).map(([name, goal]) => [
    name,
    `wasm ≥ ${goal}× tfjs-wasm`,
    ratio(wasmOf(name), table[name]['tfjs-wasm']),
    goal,
  ]),
  ...Object.entries(pytorchGoal).map(([name, goal]) => [
    name,
    `wasm ≥ ${goal}× pytorch (one thread, OpenBLAS)`,
    ratio(wasmOf(name), table[name].pytorch),
    goal,
  ]),
  ['mnist-bn', 'stretch: wasm ≥ 0.75× pytorch', ratio(wasmOf('mnist-bn'), table['mnist-bn'].pytorch), 0.75],
  ...networks.map((n) => [
    n.name,
    'wasm at most 2× slower than native',
    ratio(wasmOf(n.name), table[n.name].native),
    0.5,
  ]),
];
console.log('\nTargets:');
for (const [name, what, value, goal] of targets)
  console.log(
    `  ${value === undefined ? '  ?' : value >= goal ? ' ok' : 'MISS'}  ${name}: ${what}${value === undefined ? ' (not measured)' : ` — ${value.toFixed(2)}×`}`,
  );

const out = option('--json');
if (out)
  writeFileSync(
    out,
    JSON.stringify({ date: new Date().toISOString(), seconds, rounds: ROUNDS, blas, table, samples }, null, 2),
  );
