// Training steps per second of the reference networks in our wasm build, through the public JS API (the
// batch is written into wasm memory on every step, as a real caller does).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createLab, Lab } from '../web/lib/lab.js';

/** lab: the project's build by default (CSP-safe glue); labWithGlue() gives another build of the same core. */
export async function benchWasm(networks, seconds, lab) {
  lab ??= await createLab();
  const results = [];
  for (const spec of networks) {
    const net = lab.network({
      layers: spec.layers,
      activation: spec.activation,
      batchNorm: spec.batchNorm,
      loss: spec.loss,
      optimizer: { name: 'sgd', lr: 0.1 },
      init: { name: 'gaussian', sigma: 0.1 },
    });
    const { x, y } = batchOf(spec);
    for (let i = 0; i < 20; i++) net.trainStep(x, y, spec.batch);
    const { best, steps } = bestWindow(() => net.trainStep(x, y, spec.batch), seconds);
    results.push({ name: spec.name, stepsPerSecond: best, steps });
    net.dispose();
  }
  return results;
}

/** A fixed batch for a reference network: uniform inputs, alternating or one-hot targets. */
export function batchOf(spec) {
  const D = spec.layers[0],
    O = spec.layers.at(-1),
    n = spec.batch;
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x = Float32Array.from({ length: n * D }, random);
  const y = new Float32Array(n * O);
  for (let i = 0; i < n; i++) {
    if (O > 1) y[i * O + (i % O)] = 1;
    else y[i] = i % 2;
  }
  return { x, y };
}

/**
 * Runs `step` for about `seconds`, in windows of 0.2 s, and returns the best window's steps per second:
 * this machine's neighbours come and go, and the best window is the closest to what the code itself costs.
 */
export function bestWindow(step, seconds) {
  const start = performance.now();
  let best = 0,
    steps = 0;
  while (performance.now() - start < seconds * 1000 || steps < 3) {
    const window = performance.now();
    let count = 0;
    while (performance.now() - window < 200 || count < 2) {
      step();
      count++;
    }
    best = Math.max(best, count / ((performance.now() - window) / 1000));
    steps += count;
  }
  return { best, steps };
}

/** A Lab over another build of the core: dir holds its bnp_core.mjs (the glue) and bnp_core.wasm. */
export async function labWithGlue(dir) {
  const { default: createModule } = await import(pathToFileURL(`${dir}/bnp_core.mjs`).href);
  const wasmBinary = readFileSync(`${dir}/bnp_core.wasm`);
  return new Lab(await createModule({ wasmBinary, print: () => {}, printErr: () => {} }));
}
