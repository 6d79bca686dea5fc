// The paper's experiment on real digits: the data file, and a short run showing both of Figure 1's points.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { PIXELS, parseMnist } from '../../web/lib/mnist.js';
import { MnistRun, prepareDigits } from '../../web/worker/paper.js';

const file = new URL('../../web/lib/generated/mnist.bin', import.meta.url);
let lab, data, digits;
before(async () => {
  lab = await createLab();
  data = parseMnist(readFileSync(file));
  digits = prepareDigits(lab, data, { testCount: 500 });
});

test('the data: 8,000 training and 2,000 test digits, every class present, pixels 0 … 255', () => {
  assert.equal(data.train.n, 8000);
  assert.equal(data.test.n, 2000);
  assert.equal(data.train.pixels.length, 8000 * PIXELS);
  for (const part of [data.train, data.test]) {
    const counts = new Array(10).fill(0);
    for (const label of part.labels) counts[label]++;
    assert.equal(counts.reduce((a, b) => a + b, 0), part.n);
    // MNIST's classes are roughly balanced (about 10% each; the 10,000 digits hold 892 … 1,135 per class).
    for (const c of counts) assert.ok(c > 0.07 * part.n && c < 0.13 * part.n, `class counts ${counts}`);
  }
  let min = 255, max = 0, sum = 0;
  for (const p of data.train.pixels) (min = Math.min(min, p)), (max = Math.max(max, p)), (sum += p);
  assert.equal(min, 0);
  assert.equal(max, 255);
  // MNIST is mostly background: the mean pixel is about 0.13 of full ink.
  const mean = sum / data.train.pixels.length / 255;
  assert.ok(mean > 0.1 && mean < 0.16, `mean ${mean}`);
});

test('a damaged data file is refused with a clear message', () => {
  assert.throws(() => parseMnist(new Uint8Array(100)), /not in the expected format/);
  const bytes = readFileSync(file);
  assert.throws(() => parseMnist(bytes.subarray(0, bytes.length - 1)), /damaged/);
});

// Movement of the percentile band over training, relative to its width: the summed absolute changes of
// p15, p50 and p85 between consecutive checkpoints, divided by the mean of p85 − p15.
function movement(checkpoints) {
  let moved = 0, width = 0;
  for (let i = 1; i < checkpoints.length; i++)
    for (const k of ['p15', 'p50', 'p85']) moved += Math.abs(checkpoints[i].percentiles[k] - checkpoints[i - 1].percentiles[k]);
  for (const c of checkpoints) width += (c.percentiles.p85 - c.percentiles.p15) / checkpoints.length;
  return moved / width;
}

test('1,500 steps: batch norm is ahead at equal steps, and its sigmoid inputs move less', () => {
  // Measured for seeds 1–5 (test accuracy at step 1,500, plain / BN): .712/.932, .714/.918, .664/.920,
  // .738/.926, .720/.916 — the smallest lead 0.19, so a 0.1 margin; band movement plain / BN: 3.1/0.95,
  // 3.4/0.86, 3.6/1.2, 6.4/1.5, 3.2/1.0 — at least 2.9× apart, so "more than 1.5×".
  for (const seed of [1, 2]) {
    const runs = Object.fromEntries(['none', 'before'].map((batchNorm) => {
      const run = new MnistRun(lab, digits, { batchNorm, seed, checkpointEvery: 100 });
      run.train(1500);
      run.dispose();
      return [batchNorm, run];
    }));
    const [plain, bn] = [runs.none.checkpoints, runs.before.checkpoints];
    assert.equal(plain.length, 15);
    for (let i = 2; i < plain.length; i++)
      assert.ok(bn[i].testAccuracy > plain[i].testAccuracy, `seed ${seed}, step ${plain[i].step}: ${bn[i].testAccuracy} vs ${plain[i].testAccuracy}`);
    assert.ok(bn.at(-1).testAccuracy > plain.at(-1).testAccuracy + 0.1);
    assert.ok(movement(plain) > 1.5 * movement(bn), `seed ${seed}: movement ${movement(plain)} vs ${movement(bn)}`);
  }
});
