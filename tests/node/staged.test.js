// Rows staged once in wasm memory (lab.stage) and the selective probe: the same numbers as the copying paths,
// checked against them and against a column cut by hand; bad uses refused with clear messages.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { defaults } from '../../web/state/settings.js';
import { Trainer } from '../../web/worker/trainer.js';

let lab;
before(async () => {
  lab = await createLab();
});

const options = {
  layers: [2, 6, 5, 1],
  activation: 'tanh',
  batchNorm: 'before',
  seed: 3,
  optimizer: { name: 'sgd', lr: 0.2 },
};

test('training and predicting from staged rows gives exactly what copied rows give', () => {
  const { x, y, n } = lab.dataset('xor', { n: 40, seed: 2 });
  const copied = lab.network(options),
    staged = lab.network(options);
  const rows = lab.stage(x, n);
  assert.equal(rows.n, 40);
  assert.equal(rows.features, 2);
  for (let step = 0; step < 20; step++) assert.equal(staged.trainStep(rows, y), copied.trainStep(x, y, n));
  assert.deepEqual(staged.parameters(), copied.parameters());
  for (const mode of ['eval', 'batch'])
    assert.deepEqual(staged.predict(rows, { mode }), copied.predict(x, n, { mode }));
  assert.equal(staged.computeGradients(rows, y), copied.computeGradients(x, y, n));
  assert.deepEqual(staged.gradients(), copied.gradients());
  // Rewritten in place, as a trainer does with each mini-batch.
  const moved = x.map((v) => v + 0.5);
  rows.write(moved);
  assert.deepEqual(staged.predict(rows), copied.predict(moved, n));
  rows.dispose();
  copied.dispose();
  staged.dispose();
});

test('staged rows: bad uses are refused, naming what is wrong', () => {
  const net = lab.network(options);
  assert.throws(() => lab.stage([1, 2, 3], 2), /x has 3 values, which is not n = 2 rows/);
  assert.throws(() => lab.stage([1, NaN], 1), /x\[1\] = NaN is not allowed/);
  assert.throws(() => lab.stage([1, 2], 0), /n = 0 is not allowed/);
  const three = lab.stage([1, 2, 3, 4, 5, 6], 2);
  assert.throws(() => net.predict(three), /the staged rows have 3 features, but this network takes 2 inputs/);
  const two = lab.stage([1, 2, 3, 4], 2);
  assert.throws(() => net.trainStep(two, [1, 0], 3), /n = 3 does not match the 2 staged rows/);
  // A refused write changes nothing: the rows still hold what they held.
  const before = net.predict(two);
  assert.throws(() => two.write([1, 2, Infinity, 4]), /x\[2\] = Infinity is not allowed/);
  assert.throws(() => two.write([1, 2, 1e39, 4]), /x\[2\] = 1e\+39 is not allowed/);
  assert.deepEqual(net.predict(two), before);
  two.dispose();
  assert.throws(() => net.predict(two), /these staged rows were disposed/);
  assert.throws(() => two.write([1, 2, 3, 4]), /these rows were disposed/);
  three.dispose();
  net.dispose();
});

test("probe with a unit copies that unit's column and its statistics; fields limits what is copied", () => {
  const net = lab.network(options);
  const { x, y, n } = lab.dataset('circle', { n: 16, seed: 1 });
  net.trainStep(x, y, n);
  const full = net.probe(1);
  const one = net.probe(1, { unit: 3 });
  for (const field of ['z', 'zHat', 'zTilde', 'a']) {
    assert.equal(one[field].length, n);
    for (let i = 0; i < n; i++) assert.equal(one[field][i], full[field][i * 5 + 3]);
  }
  for (const stat of ['batchMean', 'batchVariance', 'runningMean', 'runningVariance', 'gamma', 'beta'])
    assert.equal(one[stat], full[stat][3]);
  const only = net.probe(0, { fields: ['zTilde'] });
  assert.equal(only.zTilde.length, n * 6);
  assert.equal(only.z, undefined);
  assert.equal(only.gamma, undefined);
  assert.throws(() => net.probe(1, { unit: 5 }), /unit = 5 is not allowed: a unit index from 0 to 4/);
  assert.throws(
    () => net.probe(1, { fields: ['zz'] }),
    /fields names "zz": allowed are z, zHat, zTilde, a, statistics/,
  );
  assert.throws(() => net.probe(1, { fields: ['constructor'] }), /fields names "constructor"/);
  net.dispose();
});

test('a measure reads the same numbers whatever else a snapshot asks for, and in whatever order', () => {
  const trainer = new Trainer(lab, { ...defaults(), depth: 3, width: 5, third: true });
  trainer.trainSteps(60);
  const view = { layer: 2, unit: 3 };
  const alone = trainer.measure(['anatomy'], view).message.nets;
  const all = trainer.measure(
    ['curves', 'boundary', 'unitBand', 'evalVsBatch', 'saturation', 'layerBands', 'anatomy'],
    view,
  ).message.nets;
  const again = trainer.measure(['unitBand', 'anatomy', 'curves'], view).message.nets;
  for (let k = 0; k < alone.length; k++) {
    assert.deepEqual(all[k].anatomy, alone[k].anatomy);
    assert.deepEqual(again[k].anatomy, alone[k].anatomy);
    assert.deepEqual(again[k].unitBand, all[k].unitBand);
    assert.equal(again[k].testAccuracy, all[k].testAccuracy);
  }
  assert.throws(() => trainer.measure(['toString']), /unknown measure 'toString'/);
  trainer.dispose();
});

// [n × features] bytes, about `share` of them non-zero (1 … 255), from a small LCG.
function pixelRows(n, features, share, seed) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Uint8Array.from({ length: n * features }, () => (next() < share ? 1 + Math.floor(next() * 255) : 0));
}
const pixelNet = {
  layers: [30, 7, 5, 3],
  activation: 'sigmoid',
  batchNorm: 'before',
  loss: 'softmax-cross-entropy',
  seed: 5,
};

test('staged pixels picked by row number train and predict exactly as their floats p / 255 do (mostly zeros, and too dense to skip them)', () => {
  for (const share of [0.2, 0.8]) {
    const n = 25,
      features = 30;
    const bytes = pixelRows(n, features, share, 7);
    const pixels = lab.stagePixels(bytes, n);
    assert.equal(pixels.n, 25);
    assert.equal(pixels.features, 30);
    assert.equal(pixels.nonzeros, bytes.filter((b) => b !== 0).length);
    const copied = lab.network(pixelNet),
      picked = lab.network(pixelNet);
    for (let step = 0; step < 12; step++) {
      const rows = Array.from({ length: 8 }, (_, i) => (step * 5 + i * 3) % n); // repeats allowed
      const x = Float32Array.from(
        rows.flatMap((r) => Array.from(bytes.subarray(r * features, (r + 1) * features), (p) => p / 255)),
      );
      const y = rows.map((r) => r % 3);
      assert.equal(
        picked.trainStep(pixels, y, rows),
        copied.trainStep(x, y, rows.length),
        `share ${share}, step ${step}`,
      );
    }
    assert.deepEqual(picked.parameters(), copied.parameters());
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const x = Float32Array.from(bytes, (p) => p / 255);
    assert.deepEqual(picked.predict(pixels, all), copied.predict(x, n));
    assert.deepEqual(picked.predict(pixels, all, { mode: 'batch' }), copied.predict(x, n, { mode: 'batch' }));
    assert.equal(
      picked.computeGradients(pixels, [0, 1], [3, 4]),
      copied.computeGradients(x.subarray(90, 150), [0, 1], 2),
    );
    assert.deepEqual(picked.gradients(), copied.gradients());
    pixels.dispose();
    copied.dispose();
    picked.dispose();
  }
});

test("staged data belong to the Lab that staged them: another Lab's networks refuse them", async () => {
  const other = await createLab();
  const net = other.network(pixelNet);
  const pixels = lab.stagePixels(pixelRows(4, 30, 0.3, 2), 4);
  const rows = lab.stage(new Float32Array(2 * 30), 2);
  const own = other.stagePixels(pixelRows(4, 30, 0.3, 2), 4); // at the same address in its own memory, likely
  assert.throws(() => net.trainStep(pixels, [0, 1], [0, 1]), /x: these staged pixels belong to another Lab/);
  assert.throws(() => net.predict(rows), /x: these staged rows belong to another Lab/);
  assert.equal(net.steps, 0);
  assert.ok(Number.isFinite(net.trainStep(own, [0, 1], [0, 1])));
  for (const d of [net, pixels, rows, own]) d.dispose();
});

test('staged pixels: bad uses are refused, naming what is wrong, and change nothing', () => {
  assert.throws(() => lab.stagePixels([1, 2], 1), /pixels = .* is not allowed: a Uint8Array of n × features bytes/);
  assert.throws(() => lab.stagePixels(new Float32Array(4), 2), /a Uint8Array of n × features bytes/);
  assert.throws(() => lab.stagePixels(new Uint8Array(5), 2), /pixels has 5 bytes, which is not n = 2 rows/);
  assert.throws(() => lab.stagePixels(new Uint8Array(4), 1.5), /n = 1.5 is not allowed/);
  assert.throws(() => lab.stagePixels(new Uint8Array(0), 1), /pixels has 0 bytes/);
  const pixels = lab.stagePixels(pixelRows(4, 30, 0.3, 2), 4);
  const net = lab.network(pixelNet);
  net.trainStep(pixels, [0, 1], [0, 1]);
  const before = net.parameters();
  assert.throws(() => net.trainStep(pixels, [0, 1], [0, 4]), /rows\[1\] = 4 is not allowed: a row number from 0 to 3/);
  assert.throws(() => net.trainStep(pixels, [0, 1], [0, -1]), /rows\[1\] = -1 is not allowed/);
  assert.throws(() => net.trainStep(pixels, [0, 1], [0.5, 1]), /rows\[0\] = 0.5 is not allowed/);
  assert.throws(
    () => net.trainStep(pixels, [0, 1], 2),
    /rows = 2 is not allowed: with staged pixels, an array of the row numbers/,
  );
  assert.throws(() => net.trainStep(pixels, [0, 1], []), /rows = .* is not allowed/);
  assert.throws(() => net.trainStep(pixels, [0, 7], [0, 1]), /y\[1\] = 7 is not allowed/);
  assert.throws(() => net.trainStep(pixels, [0], [1]), /nothing to normalize/);
  assert.throws(() => net.predict(pixels, [9]), /rows\[0\] = 9 is not allowed/);
  assert.deepEqual(net.parameters(), before);
  assert.throws(
    () => net.trainStep(pixels, new Array(70000).fill(0), new Int32Array(70000)),
    /rows has 70000 row numbers, which is too many: at most 65536/,
  );
  assert.throws(
    () => lab.stagePixels(new Uint8Array(4), 0),
    /n = 0 is not allowed: the number of rows is a whole number from 1 to 1000000/,
  );
  assert.throws(
    () => lab.stagePixels(new Uint8Array(2 * 8193), 2),
    /features = 8193 is not allowed: a whole number from 1 to 8192/,
  );
  const wide = lab.stagePixels(new Uint8Array(2 * 31), 2);
  assert.throws(() => net.predict(wide, [0]), /the staged pixels have 31 features, but this network takes 30 inputs/);
  wide.dispose();
  pixels.dispose();
  pixels.dispose(); // twice is fine
  assert.throws(() => net.trainStep(pixels, [0, 1], [0, 1]), /these staged pixels were disposed/);
  net.dispose();
});
