// Allocation failure is an ordinary error: with the WebAssembly memory filled to its 2 GB limit, whatever needs
// more memory is refused with a message saying how much, nothing is left half-built or leaked, the Lab and the
// networks it already has keep working, and once memory is freed the same calls succeed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createLab } from 'batchnorm-playground';

test('with wasm memory full, a network, larger batches and statistics are refused; everything else works on', async () => {
  const lab = await createLab(); // a Lab of its own: this test fills its memory
  const small = lab.network({ layers: [2, 4, 1], batchNorm: 'before', seed: 1 });
  const mid = lab.network({ layers: [784, 100, 10], batchNorm: 'before', loss: 'softmax-cross-entropy', seed: 1 });
  const wideBn = lab.batchNorm({ features: 1000 });
  const x2 = new Float32Array([0, 1, 1, 0]),
    y2 = new Float32Array([1, 0]);
  small.trainStep(x2, y2, 2);

  // Fill: blocks of 256 MB, then of 8 MB, until the core refuses — each refusal names what it needed.
  const filler = [];
  for (const rows of [65536, 2048]) {
    const block = new Float32Array(rows * 1024);
    for (;;) {
      try {
        filler.push(lab.stage(block, rows));
      } catch (error) {
        assert.match(
          error.message,
          /^lab.stage: staging [\d,]+ numbers needs [\d.]+ MB more; the WebAssembly memory limit is 2 GB, and [\d,]+ MB are in use/,
        );
        break;
      }
      assert.ok(filler.length < 400, 'the memory limit was never reached');
    }
  }
  assert.ok(lab.memoryBytes > 1.9 * 2 ** 30, `memory reached ${lab.memoryBytes} bytes`);
  const heap = lab.heapBytesInUse;

  const refusals = [
    // (4,003 × 4,000 + 4,001 × 1) parameters × 4 copies (θ, gradient, Adam's two moments) × 4 B ≈ 244 MiB
    [
      () => lab.network({ layers: [4000, 4000, 1], optimizer: 'adam' }),
      /lab.network: this network needs 244 MB more; the WebAssembly memory limit is 2 GB/,
    ],
    // 9,000 rows × (784 inputs + 2 × 10 targets and outputs + 6 × 100 hidden + 3 × 10 output-layer floats) × 4 B = 49.2 MiB,
    // and the index of the inputs' non-zeros (for the sparse first layer): room for half the 9,000 × 784 inputs
    // plus 784, each with a column, a row and two values (4 × 3,528,784 × 4 B), and 9,001 + 2 × 784 + 1 starts
    // (4 B each) = 53.9 MiB: 103 MiB in all.
    [
      () => mid.trainStep(new Float32Array(9000 * 784), new Float32Array(9000), 9000),
      /network.trainStep: n = 9000 rows needs 103 MB more/,
    ],
    [() => mid.predict(new Float32Array(9000 * 784), 9000), /network.predict: n = 9000 rows needs/],
    [() => lab.histogram(new Float32Array(4e6)), /lab.histogram: these values needs 15 MB more/],
    [() => lab.percentiles(new Float32Array(4e6), [50]), /lab.percentiles: these values needs 31 MB more/],
    [() => wideBn.forward(new Float32Array(2000 * 1000), 2000), /batchNorm.forward: n = 2000 rows needs 38 MB more/],
  ];
  for (const [call, message] of refusals) {
    assert.throws(call, message);
    assert.equal(lab.heapBytesInUse, heap, `nothing allocated or leaked by a refusal (${message})`);
  }
  // What exists works on: training, predicting, new small objects.
  const before = small.parameters();
  assert.ok(Number.isFinite(small.trainStep(x2, y2, 2)));
  assert.notDeepEqual(small.parameters(), before);
  assert.equal(mid.predict(new Float32Array(2 * 784), 2).length, 20);
  const tiny = lab.network({ layers: [2, 1] });
  assert.equal(tiny.predict([1, 2], 1).length, 1);
  tiny.dispose();
  assert.equal(lab.dataset('circle', { n: 50 }).n, 50);

  // Freed, the same calls succeed.
  for (const rows of filler) rows.dispose();
  const big = lab.network({ layers: [4000, 4000, 1], optimizer: 'adam' });
  assert.equal(big.parameterCount, 4000 * 4000 + 4000 + 4000 + 1);
  big.dispose();
  assert.ok(Number.isFinite(mid.trainStep(new Float32Array(9000 * 784), new Float32Array(9000), 9000)));
  assert.equal(lab.histogram(new Float32Array(4e6), { lo: -1, hi: 1, bins: 2 })[1], 4e6);
  assert.equal(wideBn.forward(new Float32Array(2000 * 1000), 2000).length, 2e6);
  for (const object of [small, mid, wideBn]) object.dispose();
});
