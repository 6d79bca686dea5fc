#!/usr/bin/env node
// npm run bench: training steps per second (best 0.2 s window of each run) of the reference networks (bench/networks.json) — our core native
// and in wasm (node), TensorFlow.js 4.22 in node (cpu and wasm backends), and PyTorch on one thread when
// Debian's python3-torch is installed — all in one run, then the ratios of the project's speed targets
// (the README's Benchmark section lists them).
//   node bench/run.mjs [--seconds S] [--json results.json]
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
    log(`${command} ${args.join(' ')} failed: ${(result.stderr || result.error?.message || '').trim().split('\n').at(-1)}`);
    return null;
  }
  return result.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

const table = Object.fromEntries(networks.map((n) => [n.name, {}]));
const record = (column, rows) => rows?.forEach((r) => (table[r.name][column] = r.stepsPerSecond));

log('native (g++ -O3 -march=native)');
const nativeBin = join(root, 'build/native/bench/native/bench_native');
for (const n of networks)
  record('native', jsonLines(nativeBin, [n.name, n.layers.join(','), n.activation, n.batchNorm, n.loss, String(n.batch), String(seconds)]));

log('wasm in node (this project, through the JS API)');
record('wasm', await benchWasm(networks, seconds));

if (!existsSync(join(here, 'node_modules/@tensorflow/tfjs'))) {
  log('installing TensorFlow.js 4.22 into bench/node_modules (once)');
  spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}
for (const backend of ['wasm', 'cpu']) {
  log(`TensorFlow.js 4.22, ${backend} backend`);
  record(`tfjs-${backend}`, jsonLines(process.execPath, [join(here, 'tfjs.mjs'), backend, String(seconds)]));
}

const torchPython = '/usr/bin/python3';
if (spawnSync(torchPython, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) {
  log('PyTorch, one thread');
  record('pytorch', jsonLines(torchPython, [join(here, 'torch_bench.py'), String(seconds)]));
} else {
  log('PyTorch not installed (apt-get install python3-torch to measure it here): ratios to it are left out');
}

// PyTorch (native, one thread, on OpenBLAS) as measured once on a machine of this kind when the targets were
// set. Debian's python3-torch here runs on whatever BLAS is installed, so the targets are checked against both.
const referencePyTorch = { 'mnist-bn': 2000, 'toy-bn': 7000, 'wide-bn': 240 };
for (const [name, value] of Object.entries(referencePyTorch)) table[name]['pytorch (reference)'] = value;

const columns = ['native', 'wasm', 'tfjs-wasm', 'tfjs-cpu', 'pytorch', 'pytorch (reference)'];
const fmt = (v) => (v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a, b) => (a && b ? a / b : undefined);
const lines = [];
lines.push(`| network | ${columns.join(' | ')} | wasm/tfjs-wasm | wasm/pytorch | native/wasm |`);
lines.push(`| --- | ${columns.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
for (const [name, row] of Object.entries(table)) {
  const r = [ratio(row.wasm, row['tfjs-wasm']), ratio(row.wasm, row.pytorch), ratio(row.native, row.wasm)];
  lines.push(`| ${name} | ${columns.map((c) => fmt(row[c])).join(' | ')} | ${r.map((v) => (v === undefined ? '—' : v.toFixed(2) + '×')).join(' | ')} |`);
}
console.log('\nTraining steps per second (higher is better), one run on this machine:\n');
console.log(lines.join('\n'));

// The project's speed targets, checked against this run.
const tfjsGoal = { 'mnist-bn': 10, 'toy-bn': 100 };
const pytorchGoal = { 'mnist-bn': 0.5, 'toy-bn': 10, 'wide-bn': 0.4 };
const wasmOf = (name) => table[name].wasm;
const targets = [
  ...Object.entries(tfjsGoal).map(([name, goal]) => [name, `wasm ≥ ${goal}× tfjs-wasm`, ratio(wasmOf(name), table[name]['tfjs-wasm']), goal]),
  ...Object.entries(pytorchGoal).map(([name, goal]) => [name, `wasm ≥ ${goal}× pytorch (here)`, ratio(wasmOf(name), table[name].pytorch), goal]),
  ...Object.entries(pytorchGoal).map(([name, goal]) => [name, `wasm ≥ ${goal}× pytorch (reference, ${referencePyTorch[name]}/s)`, ratio(wasmOf(name), referencePyTorch[name]), goal]),
  ...networks.map((n) => [n.name, 'wasm at most 2× slower than native', ratio(wasmOf(n.name), table[n.name].native), 0.5]),
];
console.log('\nTargets:');
for (const [name, what, value, goal] of targets)
  console.log(`  ${value === undefined ? '  ?' : value >= goal ? ' ok' : 'MISS'}  ${name}: ${what}${value === undefined ? ' (not measured)' : ` — ${value.toFixed(2)}×`}`);

const out = option('--json');
if (out) writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), seconds, table }, null, 2));
