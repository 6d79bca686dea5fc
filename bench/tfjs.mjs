// The reference networks in TensorFlow.js 4.22 (bench/node_modules), one backend per process:
//   node bench/tfjs.mjs cpu|wasm SECONDS   → one JSON line per network
// Keras-style layers, the same shapes and initial weight spread; a step is optimizer.minimize over the loss.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { batchOf, bestWindow } from './wasm.mjs';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const [backend = 'cpu', secondsText = '1.5'] = process.argv.slice(2);
const seconds = Number(secondsText);

if (backend === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  // A plain directory path: in node the backend reads the .wasm from disk with it.
  wasm.setWasmPaths(dist + '/');
}
await tf.setBackend(backend);
await tf.ready();

const { networks } = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'networks.json'), 'utf8'));
for (const spec of networks) {
  const model = tf.sequential();
  const init = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1, seed: 1 });
  spec.layers.slice(1).forEach((units, l) => {
    const hidden = l < spec.layers.length - 2;
    model.add(
      tf.layers.dense({ units, inputShape: l === 0 ? [spec.layers[0]] : undefined, kernelInitializer: init() }),
    );
    if (!hidden) return;
    if (spec.batchNorm === 'before') model.add(tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 }));
    model.add(tf.layers.activation({ activation: spec.activation }));
  });
  const { x: xs, y: ys } = batchOf(spec);
  const O = spec.layers.at(-1);
  const x = tf.tensor2d(xs, [spec.batch, spec.layers[0]]),
    y = tf.tensor2d(ys, [spec.batch, O]);
  const optimizer = tf.train.sgd(0.1);
  const lossOf = () => {
    const logits = model.apply(x, { training: true });
    return O > 1 ? tf.losses.softmaxCrossEntropy(y, logits) : tf.losses.sigmoidCrossEntropy(y, logits);
  };
  const step = () => tf.dispose(optimizer.minimize(lossOf, true));
  for (let i = 0; i < 5; i++) step();
  const { best, steps } = bestWindow(step, seconds);
  console.log(JSON.stringify({ name: spec.name, stepsPerSecond: best, steps }));
  tf.dispose([x, y]);
  model.dispose();
}
