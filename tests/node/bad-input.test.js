// Every option is validated: a bad one throws an Error naming the option, the value and what is allowed,
// and the object it was given to stays usable.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';

let lab;
before(async () => {
  lab = await createLab();
});

// [what is tried, call, words the message must contain]
const networkCases = [
  ['unknown option', { layrs: [2, 1] }, /unknown option 'layrs': allowed are layers, activation/],
  ['options not an object', 'big', /options must be an object, got "big"/],
  ['layers not an array', { layers: 3 }, /layers = 3 is not allowed: an array of layer sizes/],
  ['one size only', { layers: [3] }, /layers = \[3\] is not allowed: give at least two sizes/],
  ['zero units', { layers: [2, 0, 1] }, /layers\[1\] = 0 is not allowed: each size is a whole number from 1 to 8192/],
  ['negative units', { layers: [2, -3, 1] }, /layers\[1\] = -3 is not allowed/],
  ['fractional units', { layers: [2, 2.5, 1] }, /layers\[1\] = 2.5 is not allowed: each size is a whole number/],
  ['NaN units', { layers: [2, NaN, 1] }, /layers\[1\] = NaN is not allowed/],
  ['string units', { layers: [2, '8', 1] }, /layers\[1\] = "8" is not allowed/],
  ['too wide', { layers: [2, 10000, 1] }, /layers\[1\] = 10000 is not allowed/],
  [
    'too deep',
    { layers: Array(70).fill(4) },
    /layers has 70 sizes: at most 66 are allowed \(inputs, up to 64 hidden layers, outputs\)/,
  ],
  ['absurd size', { layers: [8192, 8192, 8192, 1] }, /needs \d+ parameters: at most 16777216 are allowed/],
  [
    'unknown activation',
    { activation: 'swish' },
    /activation 'swish' is unknown: allowed are sigmoid, tanh, relu, linear/,
  ],
  ['activation not a string', { activation: 3 }, /activation = 3 is not allowed: it must be a name/],
  ['unknown placement', { batchNorm: 'middle' }, /batchNorm 'middle' is unknown: allowed are none, before, after/],
  [
    'unknown loss',
    { loss: 'hinge' },
    /loss 'hinge' is unknown: allowed are softmax-cross-entropy, binary-cross-entropy, mse/,
  ],
  ['softmax with one output', { loss: 'softmax-cross-entropy' }, /needs at least 2 outputs/],
  ['unknown optimizer', { optimizer: 'rmsprop' }, /optimizer 'rmsprop' is unknown: allowed are sgd, momentum, adam/],
  [
    'unknown optimizer key',
    { optimizer: { name: 'sgd', learningRate: 1 } },
    /unknown option 'learningRate': allowed are name, lr, momentum, beta1, beta2, eps, weightDecay/,
  ],
  [
    'NaN learning rate',
    { optimizer: { name: 'sgd', lr: NaN } },
    /optimizer.lr = NaN is not allowed: a number from 1e-9 to 1000/,
  ],
  ['infinite learning rate', { optimizer: { name: 'sgd', lr: Infinity } }, /optimizer.lr = Infinity is not allowed/],
  ['negative learning rate', { optimizer: { name: 'adam', lr: -0.1 } }, /optimizer.lr = -0.1 is not allowed/],
  [
    'string learning rate',
    { optimizer: { name: 'sgd', lr: '0.1' } },
    /optimizer.lr = "0.1" is not allowed: it must be a number/,
  ],
  ['beta2 of 1', { optimizer: { name: 'adam', beta2: 1 } }, /optimizer.beta2 = 1 is not allowed/],
  [
    'negative weight decay',
    { optimizer: { name: 'sgd', weightDecay: -0.1 } },
    /optimizer.weightDecay = -0.1 is not allowed: a number from 0 to 1/,
  ],
  [
    'NaN weight decay',
    { optimizer: { name: 'momentum', weightDecay: NaN } },
    /optimizer.weightDecay = NaN is not allowed/,
  ],
  ['weight decay above 1', { optimizer: { name: 'adam', weightDecay: 2 } }, /optimizer.weightDecay = 2 is not allowed/],
  [
    'string weight decay',
    { optimizer: { name: 'sgd', weightDecay: '0.01' } },
    /optimizer.weightDecay = "0.01" is not allowed: it must be a number/,
  ],
  ['unknown init', { init: 'zeros' }, /init 'zeros' is unknown: allowed are gaussian, xavier, he/],
  [
    'negative sigma',
    { init: { name: 'gaussian', sigma: -1 } },
    /init.sigma = -1 is not allowed: a number from 1e-6 to 10/,
  ],
  ['zero eps', { eps: 0 }, /eps = 0 is not allowed: a number from 1e-12 to 1/],
  ['momentum above 1', { momentum: 2 }, /momentum = 2 is not allowed: a number from 0 to 1/],
  ['negative seed', { seed: -1 }, /seed = -1 is not allowed: a whole number from 0 to 2\^53 - 1/],
  ['fractional seed', { seed: 0.5 }, /seed = 0.5 is not allowed/],
  ['affine not boolean', { affine: 'yes' }, /affine = "yes" is not allowed: it must be true or false/],
  [
    'both normalizations',
    { batchNorm: 'before', layerNorm: 'after' },
    /batchNorm = 'before' and layerNorm = 'after' are not allowed together: choose one normalization/,
  ],
  [
    'unknown layer-norm placement',
    { layerNorm: 'sideways' },
    /layerNorm 'sideways' is unknown: allowed are none, before, after/,
  ],
  ['layer norm not a string', { layerNorm: true }, /layerNorm = true is not allowed: it must be a name/],
  [
    'negative noise',
    { batchNorm: 'before', noise: -1 },
    /noise = -1 is not allowed: a number from 0 \(no noise\) to 10/,
  ],
  ['NaN noise', { batchNorm: 'before', noise: NaN }, /noise = NaN is not allowed/],
  ['noise as text', { batchNorm: 'before', noise: 'lots' }, /noise = "lots" is not allowed: it must be a number/],
  ['noise without a normalization', { noise: 0.5 }, /noise = 0.5 needs a normalization to follow/],
  [
    'centering not boolean',
    { batchNorm: 'before', centering: 0 },
    /centering = 0 is not allowed: it must be true or false/,
  ],
  [
    'neither half of the normalization',
    { layerNorm: 'before', centering: false, scaling: false },
    /centering = false and scaling = false are not allowed together: keep at least one half/,
  ],
  [
    'renorm as text',
    { batchNorm: 'before', renorm: 'yes' },
    /renorm = "yes" is not allowed: true, false or \{ rMax, dMax \}/,
  ],
  ['renorm without batch norm', { layerNorm: 'before', renorm: true }, /renorm needs batch norm/],
  [
    'renorm rMax below 1',
    { batchNorm: 'before', renorm: { rMax: 0.5 } },
    /renorm.rMax = 0.5 is not allowed: a number from 1 \(batch norm\) to 100/,
  ],
  ['renorm with an unknown key', { batchNorm: 'before', renorm: { rmax: 3 } }, /rmax/],
  ['scaling only without a normalization', { centering: false }, /centering = false needs a normalization to apply to/],
];

for (const [name, options, message] of networkCases) {
  test(`lab.network refuses ${name}`, () => {
    assert.throws(
      () => lab.network(options),
      (error) => error instanceof Error && message.test(error.message) && error.message.startsWith('lab.network: '),
    );
  });
}

test('network calls refuse bad rows and stay usable', () => {
  const net = lab.network({ layers: [2, 4, 1], batchNorm: 'before' });
  const x = new Float32Array(8),
    y = new Float32Array([0, 1, 0, 1]);
  const calls = [
    [() => net.trainStep(x, y, 1), /n = 1 is not allowed with batch norm in training mode/],
    [() => net.trainStep(x, y, 0), /n = 0 is not allowed/],
    [() => net.trainStep(x, y, -4), /n = -4 is not allowed/],
    [() => net.trainStep(x, y, 2.5), /n = 2.5 is not allowed/],
    [() => net.trainStep(x, y, NaN), /n = NaN is not allowed/],
    [() => net.trainStep(x, y, 1e9), /n = 1000000000 is not allowed/],
    [() => net.trainStep(x, y, 5), /x has 8 values, but n × inputs = 5 × 2 needs exactly 10/],
    [
      () => net.trainStep(new Float32Array(8).fill(NaN), y, 4),
      /x\[0\] = NaN is not allowed: every value must be a finite number/,
    ],
    [() => net.trainStep(x, [0, 1, Infinity, 0], 4), /y\[2\] = Infinity is not allowed/],
    [() => net.trainStep('abc', y, 4), /x must be an array or typed array of numbers, got "abc"/],
    [() => net.trainStep(x, y.subarray(0, 3), 4), /y has 3 values, but n × outputs = 4 × 1 needs exactly 4/],
    [() => net.predict(x, 4, { mode: 'train' }), /mode "train" is unknown: allowed are eval/],
    [() => net.predict(x, 1, { mode: 'batch' }), /n = 1 is not allowed with batch norm/],
    [() => net.predict(x, 4, { moed: 'eval' }), /unknown option 'moed'/],
    [() => net.probe(5), /layer = 5 is not allowed: a layer index from 0 to 1/],
    [() => net.probe('0'), /layer = "0" is not allowed/],
    [() => net.setParameters(new Float32Array(3)), /values has 3 values, but the parameter count needs exactly/],
  ];
  for (const [call, message] of calls) assert.throws(call, message);
  // Still usable: it trains and predicts after every refusal.
  assert.ok(Number.isFinite(net.trainStep(x, y, 4)));
  assert.equal(net.predict(x.subarray(0, 2), 1).length, 1);
  net.dispose();
});

test('softmax class indices out of range are refused', () => {
  const net = lab.network({ layers: [2, 3], loss: 'softmax-cross-entropy' });
  assert.throws(
    () => net.trainStep(new Float32Array(4), [0, 3], 2),
    /y\[1\] = 3 is not allowed: a class index from 0 to 2/,
  );
  assert.throws(() => net.trainStep(new Float32Array(4), [0, 0.5], 2), /y\[1\] = 0.5 is not allowed/);
  net.dispose();
});

test('lab.batchNorm refuses bad options and calls', () => {
  assert.throws(() => lab.batchNorm({}), /features is missing/);
  assert.throws(() => lab.batchNorm({ features: 0 }), /features = 0 is not allowed: a whole number from 1 to 8192/);
  assert.throws(() => lab.batchNorm({ features: 3, eps: -1 }), /eps = -1 is not allowed/);
  assert.throws(() => lab.batchNorm({ features: 3, momentum: NaN }), /momentum = NaN is not allowed/);
  assert.throws(() => lab.batchNorm({ features: 3, size: 2 }), /unknown option 'size'/);
  const bn = lab.batchNorm({ features: 2 });
  assert.throws(() => bn.backward(new Float32Array(4)), /backward needs a training-mode forward first/);
  assert.throws(() => bn.forward(new Float32Array(2), 1), /n = 1 is not allowed in training mode/);
  assert.throws(() => bn.forward(new Float32Array(4), 2, { training: 'yes' }), /training = "yes" is not allowed/);
  assert.throws(() => (bn.gamma = [1]), /gamma has 1 values, but features needs exactly 2/);
  assert.throws(
    () => (bn.runningVariance = [1, -1]),
    /runningVariance\[1\] = -1 is not allowed: a variance is 0 or more/,
  );
  assert.deepEqual(
    Array.from(bn.forward([1, 2, 3, 4], 2)).map((v) => Math.round(v)),
    [-1, -1, 1, 1],
  );
  assert.throws(
    () => bn.backward([1, 2]),
    /dy has 2 values, but the last forward's n × features = 2 × 2 needs exactly 4/,
  );
  bn.dispose();
});

test('lab.layerNorm refuses bad options and calls', () => {
  assert.throws(() => lab.layerNorm({}), /lab.layerNorm: features is missing/);
  assert.throws(() => lab.layerNorm({ features: 0 }), /features = 0 is not allowed: a whole number from 1 to 8192/);
  assert.throws(() => lab.layerNorm({ features: 3, eps: 2 }), /eps = 2 is not allowed: a number from 1e-12 to 1/);
  assert.throws(
    () => lab.layerNorm({ features: 3, momentum: 0.1 }),
    /unknown option 'momentum': allowed are features, eps/,
  );
  const ln = lab.layerNorm({ features: 2 });
  assert.throws(() => ln.backward([1, 2]), /backward needs a forward first/);
  assert.throws(() => ln.forward([1, 2, 3], 2), /x has 3 values, but n × features = 2 × 2 needs exactly 4/);
  assert.throws(() => ln.forward([1, 2]), /n is missing/);
  assert.throws(() => (ln.gamma = [1, NaN]), /gamma\[1\] = NaN is not allowed/);
  // One row alone is fine: its two values go to −1 and +1 (up to ε).
  assert.deepEqual(
    Array.from(ln.forward([3, 5], 1)).map((v) => Math.round(v * 1000) / 1000),
    [-1, 1],
  );
  assert.throws(
    () => ln.backward([1, 2, 3]),
    /dy has 3 values, but the last forward's n × features = 1 × 2 needs exactly 2/,
  );
  ln.dispose();
  assert.throws(() => ln.forward([1, 2], 1), /this layer was disposed/);
});

test('lab.dataset and the statistics refuse bad options', () => {
  assert.throws(() => lab.dataset('moons'), /dataset 'moons' is unknown: allowed are circle, xor, gauss, spiral/);
  assert.throws(() => lab.dataset(), /name is missing/);
  assert.throws(
    () => lab.dataset('circle', { n: 1 }),
    /n = 1 is not allowed: a whole number of examples from 2 to 100000/,
  );
  assert.throws(() => lab.dataset('circle', { n: 1e7 }), /n = 10000000 is not allowed/);
  assert.throws(() => lab.dataset('circle', { noise: -0.1 }), /noise = -0.1 is not allowed: a number from 0 to 1/);
  assert.throws(
    () => lab.dataset('circle', { scale: 1e5 }),
    /scale = 100000 is not allowed: a number from 0.0001 to 10000/,
  );
  assert.throws(() => lab.dataset('circle', { scale: NaN }), /scale = NaN is not allowed/);
  assert.throws(() => lab.histogram([1, 2], { bins: 0 }), /bins = 0 is not allowed/);
  assert.throws(() => lab.histogram([1, 2], { lo: 2, hi: 1 }), /lo = 2, hi = 1 is not allowed/);
  assert.throws(() => lab.percentiles([1, 2], [50, 101]), /ps\[1\] = 101 is not allowed: a number from 0 to 100/);
});

test('createLab explains a wasm load failure', async () => {
  await assert.rejects(
    createLab({ wasmUrl: new URL('file:///nonexistent/bnp_core.wasm') }),
    /createLab: could not load the WebAssembly core from file:\/\/\/nonexistent\/bnp_core.wasm/,
  );
  await assert.rejects(
    createLab({ wasmBinary: new Uint8Array([0, 1, 2, 3]) }),
    /createLab: the WebAssembly core did not start/,
  );
});

test('numbers the core stores as float32 must be finite there: 1e39 is refused wherever it would become Infinity', () => {
  const net = lab.network({ layers: [2, 3, 1], batchNorm: 'before' });
  const before = net.parameters();
  const values = Array.from(before);
  values[1] = 1e39;
  assert.throws(
    () => net.setParameters(values),
    /network.setParameters: values\[1\] = 1e\+39 is not allowed: every value must be a finite number as a 32-bit float/,
  );
  assert.deepEqual(net.parameters(), before);
  assert.throws(() => net.trainStep([1e39, 0, 0, 0], [0, 1], 2), /x\[0\] = 1e\+39 is not allowed/);
  const direction = new Float64Array(net.parameterCount).fill(1e39);
  assert.throws(
    () => net.gradientsAt([0, 0, 1, 1], [0, 1], 2, { direction }),
    /direction\[0\] = 1e\+39 is not allowed/,
  );
  assert.throws(
    () => net.gradientsAt([0, 0, 1, 1], [0, 1], 2, { direction: new Float32Array(net.parameterCount), step: 1e39 }),
    /step = 1e\+39 is not allowed: it is beyond what a 32-bit float holds/,
  );
  net.dispose();
  const bn = lab.batchNorm({ features: 2 });
  assert.throws(() => (bn.gamma = [1e39, 1]), /gamma\[0\] = 1e\+39 is not allowed/);
  assert.throws(() => (bn.runningVariance = [1e39, 1]), /runningVariance\[0\] = 1e\+39 is not allowed/);
  assert.deepEqual(Array.from(bn.gamma), [1, 1]);
  assert.deepEqual(Array.from(bn.runningVariance), [1, 1]);
  bn.dispose();
  assert.throws(
    () => lab.histogram([1, 2], { lo: -1e39, hi: 1e39 }),
    /lab.histogram: lo = -1e\+39 is not allowed: it is beyond what a 32-bit float holds/,
  );
  assert.throws(
    () => lab.histogram([1, 2], { lo: 1, hi: 1 + 1e-10 }),
    /lo = 1, hi = 1.0000000001 is not allowed: two finite numbers with lo < hi \(as 32-bit floats\)/,
  );
  assert.throws(
    () => lab.percentiles([1, 1e39], [50]),
    /values\[1\] = 1e\+39 is not allowed: it is beyond what a 32-bit float holds/,
  );
});

test('array elements must be numbers: strings, null, holes, BigInts and DataViews are refused by name', () => {
  const cases = [
    [
      () => lab.histogram(['1', '2', '3']),
      /lab.histogram: values\[0\] = "1" is not allowed: every value must be a number/,
    ],
    [() => lab.histogram([1, null, 3]), /values\[1\] = null is not allowed/],
    [() => lab.histogram([1, , 3]), /values\[1\] = undefined is not allowed/], // eslint-disable-line no-sparse-arrays
    [() => lab.percentiles(['3', '1', '2'], [50]), /lab.percentiles: values\[0\] = "3" is not allowed/],
    [
      () => lab.histogram(new BigInt64Array(3)),
      /values must be an array or typed array of numbers, got a BigInt64Array of length 3/,
    ],
    [() => lab.percentiles(new BigUint64Array(2), [50]), /got a BigUint64Array of length 2/],
    [
      () => lab.histogram(new DataView(new ArrayBuffer(8))),
      /values must be an array or typed array of numbers, got a DataView of 8 bytes/,
    ],
    [() => lab.percentiles([1, 2], ['50']), /ps\[0\] = "50" is not allowed/],
    // A DataView of percentiles was read as an empty list (an empty answer, no error).
    [
      () => lab.percentiles([1, 2], new DataView(new ArrayBuffer(8))),
      /ps must be an array of numbers from 0 to 100, got a DataView of 8 bytes/,
    ],
  ];
  for (const [call, message] of cases) assert.throws(call, message);
  const net = lab.network({ layers: [2, 1] });
  assert.throws(
    () => net.trainStep(new BigInt64Array(2), [1], 1),
    /x must be an array or typed array of numbers, got a BigInt64Array of length 2/,
  );
  assert.throws(
    () => net.trainStep([1, 2], new BigInt64Array(1), 1),
    /y must be an array or typed array of numbers, got a BigInt64Array/,
  );
  assert.throws(() => net.trainStep([1, '2'], [1], 1), /x\[1\] = "2" is not allowed/);
  assert.throws(
    // eslint-disable-next-line no-sparse-arrays
    () => lab.network({ layers: [2, , 1] }),
    /layers\[1\] is missing: each size is a whole number from 1 to 8192/,
  );
  net.dispose();
  // NaN is a number: percentiles skip it (numpy's nanpercentile), the histogram counts it in no bin.
  assert.deepEqual(Array.from(lab.percentiles([1, NaN, 3], [50])), [2]);
  assert.deepEqual(Array.from(lab.histogram([0.1, NaN, 0.9], { lo: 0, hi: 1, bins: 2 })), [1, 1]);
});

test('missing arguments are named as missing, not read as 0', () => {
  const net = lab.network({ layers: [2, 3, 1] });
  assert.throws(() => net.probe(), /network.probe: layer is missing: a layer index from 0 to 1/);
  assert.throws(() => net.trainStep([1, 2], [1]), /network.trainStep: n is missing: the number of rows/);
  assert.throws(() => net.predict([1, 2]), /network.predict: n is missing/);
  assert.throws(() => net.gradientsAt([1, 2], [1], 1), /direction is missing/);
  net.dispose();
  const bn = lab.batchNorm({ features: 2 });
  assert.throws(() => bn.forward([1, 2, 3, 4]), /batchNorm.forward: n is missing/);
  bn.dispose();
});

test('a refused call changes nothing: the last pass, the statistics and the parameters stay as they were', () => {
  const net = lab.network({ layers: [2, 3, 1], batchNorm: 'before', seed: 3 });
  const x = [0.5, -1, 2, 0.25],
    y = [1, 0];
  net.trainStep(x, y, 2);
  const snapshot = () => ({
    parameters: Array.from(net.parameters()),
    probe: JSON.stringify(net.probe(0)),
    steps: net.steps,
  });
  const was = snapshot();
  // Each refusal below comes with more rows than the buffers hold, which used to grow (and zero) them first.
  const big = 64,
    bigX = new Float32Array(big * 2),
    bigY = new Float32Array(big);
  const badX = bigX.slice();
  badX[17] = NaN;
  const badY = bigY.slice();
  badY[40] = Infinity;
  const refusals = [
    () => net.trainStep(badX, bigY, big),
    () => net.trainStep(bigX, badY, big),
    () => net.trainStep(bigX, bigY.subarray(1), big),
    () => net.predict(badX, big),
    () => net.computeGradients(bigX, [...bigY.subarray(1), 'a'], big),
  ];
  for (const call of refusals) {
    assert.throws(call);
    assert.deepEqual(snapshot(), was);
  }
  assert.ok(Number.isFinite(net.trainStep(bigX, bigY, big)), 'and it still trains on them once they are right');
  const bn = lab.batchNorm({ features: 2 });
  bn.forward([1, 2, 3, 5], 2);
  const layer = () => ({
    xHat: Array.from(bn.xHat),
    mean: Array.from(bn.runningMean),
    variance: Array.from(bn.runningVariance),
    back: JSON.stringify(bn.backward([1, 0, 0, 1])),
  });
  const bnWas = layer();
  const badRows = new Float32Array(200);
  badRows[150] = NaN;
  assert.throws(() => bn.forward(badRows, 100), /x\[150\] = NaN is not allowed/);
  assert.deepEqual(layer(), bnWas);
  bn.dispose();
  net.dispose();
});
