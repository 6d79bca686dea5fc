// A seeded fuzz test over every public function of the JS API: each argument (and each option key) in turn
// replaced by bad and edge values, then random mixtures of them. Every outcome is classified:
//   clear    an Error from that function ("where: …") naming one of its arguments or options
//   valid    a result, checked against a reference computed here (not by the code under test)
//   unclear  any other error (a TypeError, an Embind error, a message that names nothing)
//   silent   a result that the reference check rejects: a bad value accepted
//   broken   a refused call that changed the object's state or leaked heap, or an object unusable afterwards
// The test fails on any of the last three and prints a table of the counts.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';

let lab;
before(async () => {
  lab = await createLab();
});

// mulberry32: the test's own generator, so the cases are the same on every run.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Bad and edge values: wrong types, non-finite, beyond float32, fractional, huge, empty, exotic arrays.
const POOL = [
  undefined,
  null,
  NaN,
  Infinity,
  -Infinity,
  0,
  -1,
  1,
  2.5,
  1e39,
  -1e39,
  2 ** 31,
  1e9,
  '1',
  'abc',
  '',
  true,
  {},
  [],
  [1, 2],
  [NaN],
  ['1', '2'],
  // eslint-disable-next-line no-sparse-arrays
  [1, , 3],
  new Float32Array(0),
  new Float64Array([1e39, 0]),
  new BigInt64Array(2),
  new DataView(new ArrayBuffer(8)),
  Symbol('s'),
  1n,
  () => 1,
  { length: 2 },
  new Int32Array([1, 2, 3, 4]),
];

const f32 = (values) => Array.from(values, (v) => Math.fround(v));
const finite = (values) => Array.from(values).every(Number.isFinite);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** numpy.percentile (linear) of float32 values, NaN skipped: the reference for lab.percentiles. */
function percentileReference(values, ps) {
  const v = f32(values)
    .filter((x) => !Number.isNaN(x))
    .sort((a, b) => a - b);
  return ps.map((p) => {
    if (!v.length) return NaN;
    const position = (Math.fround(p) / 100) * (v.length - 1),
      below = Math.floor(position),
      above = Math.min(below + 1, v.length - 1);
    return Math.fround(v[below] + (position - below) * (v[above] - v[below]));
  });
}

/** The histogram the definition gives: float32 values in [lo, hi] counted in equal bins, the top edge in the last. */
function histogramReference(values, lo, hi, bins) {
  [lo, hi] = [Math.fround(lo), Math.fround(hi)];
  const counts = new Array(bins).fill(0),
    width = (hi - lo) / bins;
  for (const raw of values) {
    const v = Math.fround(raw);
    if (!(v >= lo && v <= hi)) continue;
    const position = (v - lo) / width;
    counts[position >= bins ? bins - 1 : Math.floor(position)]++;
  }
  return counts;
}

// Each public function: where (its messages' prefix), the names of its arguments, valid arguments, a call, a
// reference check of an accepted result, and what of its object's state a refusal must leave alone.
function functions() {
  const net = () => lab.network({ layers: [2, 3, 1], batchNorm: 'before', seed: 2 });
  const px4 = [0, 9, 0, 200, 7, 0, 0, 255]; // 4 rows of 2 pixels
  const x4 = [0.5, -1, 2, 0.25, -0.5, 1, 0, 3],
    y4 = [1, 0, 1, 0];
  const netState = (n) => ({ p: Array.from(n.parameters()), steps: n.steps });
  const bnState = (b) => ({ g: Array.from(b.gamma), m: Array.from(b.runningMean), v: Array.from(b.runningVariance) });
  return [
    {
      where: 'lab.network',
      names: [
        'options',
        'layers',
        'activation',
        'batchNorm',
        'layerNorm',
        'noise',
        'affine',
        'eps',
        'momentum',
        'loss',
        'optimizer',
        'init',
        'seed',
        'lr',
        'sigma',
        'name',
        'weightDecay',
      ],
      valid: () => [
        {
          layers: [2, 4, 1],
          activation: 'tanh',
          batchNorm: 'before',
          eps: 1e-5,
          momentum: 0.1,
          optimizer: { name: 'adam', lr: 0.01, weightDecay: 0.01 },
          init: { name: 'gaussian', sigma: 0.1 },
          seed: 1,
        },
      ],
      optionKeys: [
        'layers',
        'activation',
        'batchNorm',
        'eps',
        'momentum',
        'optimizer',
        'init',
        'seed',
        'noise',
        'affine',
      ],
      call: (target, [options]) => lab.network(options),
      check(made, [options]) {
        const layers = options?.layers ?? [2, 8, 8, 1];
        const ok =
          made.inputs === layers[0] &&
          made.outputs === layers.at(-1) &&
          finite(made.predict(new Float32Array(2 * made.inputs), 2));
        made.dispose();
        return ok;
      },
    },
    {
      where: 'lab.stage',
      names: ['x', 'n', 'rows'],
      valid: () => [x4, 4],
      call: (t, [x, n]) => lab.stage(x, n),
      check(rows, [x, n]) {
        const ok = rows.n === n && rows.features * n === x.length && finite(x);
        rows.dispose();
        return ok;
      },
    },
    {
      where: 'lab.stagePixels',
      names: ['pixels', 'n'],
      valid: () => [Uint8Array.from(px4), 4],
      call: (t, [pixels, n]) => lab.stagePixels(pixels, n),
      check(staged, [pixels, n]) {
        const ok =
          staged.n === n &&
          staged.features * n === pixels.length &&
          staged.nonzeros === Array.from(pixels).filter((p) => p !== 0).length;
        staged.dispose();
        return ok;
      },
    },
    {
      where: 'lab.batchNorm',
      names: ['options', 'features', 'eps', 'momentum'],
      valid: () => [{ features: 3, eps: 1e-3, momentum: 0.2 }],
      optionKeys: ['features', 'eps', 'momentum'],
      call: (t, [o]) => lab.batchNorm(o),
      check(layer, [o]) {
        const ok = layer.features === o.features && same(Array.from(layer.gamma), new Array(o.features).fill(1));
        layer.dispose();
        return ok;
      },
    },
    {
      where: 'lab.layerNorm',
      names: ['options', 'features', 'eps'],
      valid: () => [{ features: 3, eps: 1e-3 }],
      optionKeys: ['features', 'eps'],
      call: (t, [o]) => lab.layerNorm(o),
      check(layer, [o]) {
        const ok = layer.features === o.features;
        layer.dispose();
        return ok;
      },
    },
    {
      where: 'lab.dataset',
      names: ['name', 'dataset', 'options', 'n', 'noise', 'seed', 'scale'],
      valid: () => ['circle', { n: 20, noise: 0.1, seed: 3, scale: 2 }],
      optionKeys: ['n', 'noise', 'seed', 'scale'],
      call: (t, [name, o]) => lab.dataset(name, o),
      check: (d, [, o]) =>
        d.n === (o?.n ?? d.n) &&
        d.x.length === 2 * d.n &&
        Array.from(d.y).every((v) => v === 0 || v === 1) &&
        finite(d.x),
    },
    {
      where: 'lab.histogram',
      names: ['values', 'options', 'bins', 'lo', 'hi'],
      valid: () => [[0.1, 0.5, 0.9, 2], { bins: 4, lo: 0, hi: 1 }],
      optionKeys: ['bins', 'lo', 'hi'],
      call: (t, [values, o]) => lab.histogram(values, o),
      check(counts, [values, o]) {
        const finiteValues = Array.from(values).filter(Number.isFinite);
        const lo = o?.lo ?? (finiteValues.length ? Math.min(...finiteValues) : 0),
          hi = o?.hi ?? (finiteValues.length ? Math.max(...finiteValues) : 1);
        const [a, b] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
        return same(Array.from(counts), histogramReference(values, a, b, o?.bins ?? 20));
      },
    },
    {
      where: 'lab.percentiles',
      names: ['values', 'ps'],
      valid: () => [
        [3, 1, 2, NaN, 10],
        [0, 15, 50, 100],
      ],
      call: (t, [values, ps]) => lab.percentiles(values, ps),
      check: (out, [values, ps]) =>
        percentileReference(values, Array.from(ps)).every((r, i) =>
          Number.isNaN(r) ? Number.isNaN(out[i]) : Math.abs(out[i] - r) <= 1e-6 * Math.max(1, Math.abs(r)),
        ),
    },
    {
      where: 'network.trainStep',
      names: ['x', 'y', 'n'],
      make: net,
      state: netState,
      valid: () => [x4, y4, 4],
      call: (t, [x, y, n]) => t.trainStep(x, y, n),
      check: (loss) => Number.isFinite(loss) && loss >= 0,
    },
    {
      // trainStep on staged pixels picked by row number ('staged' stands for the target's own pixels); an
      // accepted step must give the loss of the same rows passed as floats p / 255 to a fresh network.
      where: 'network.trainStep',
      label: 'network.trainStep (pixels)',
      names: ['x', 'y', 'n', 'rows'],
      make: () => {
        const staged = { net: net(), pixels: lab.stagePixels(Uint8Array.from(px4), 4) };
        staged.dispose = () => (staged.net.dispose(), staged.pixels.dispose());
        return staged;
      },
      state: (t) => netState(t.net),
      valid: () => ['staged', y4, [3, 0, 2, 2]],
      call: (t, [x, y, rows]) => t.net.trainStep(x === 'staged' ? t.pixels : x, y, rows),
      check(loss, [x, y, rows]) {
        if (x !== 'staged') return false;
        const reference = net();
        const floats = Array.from(rows).flatMap((r) => [px4[2 * r] / 255, px4[2 * r + 1] / 255]);
        const expected = reference.trainStep(floats, y, rows.length);
        reference.dispose();
        return loss === expected;
      },
    },
    {
      where: 'network.computeGradients',
      names: ['x', 'y', 'n'],
      make: net,
      state: netState,
      valid: () => [x4, y4, 4],
      call: (t, [x, y, n]) => t.computeGradients(x, y, n),
      check: (loss, a, t) => Number.isFinite(loss) && finite(t.gradients()),
    },
    {
      where: 'network.gradientsAt',
      names: ['x', 'y', 'n', 'options', 'direction', 'step'],
      make: net,
      state: netState,
      optionSlot: 3,
      optionKeys: ['direction', 'step'],
      valid: () => [x4, y4, 4, { direction: new Array(19).fill(0.01), step: 0.5 }],
      call: (t, [x, y, n, o]) => t.gradientsAt(x, y, n, o),
      check: (r) => Number.isFinite(r.loss) && r.gradients.length === 19 && finite(r.gradients),
    },
    {
      where: 'network.predict',
      names: ['x', 'n', 'options', 'mode'],
      make: net,
      state: netState,
      optionKeys: ['mode'],
      optionSlot: 2,
      valid: () => [x4, 4, { mode: 'eval' }],
      call: (t, [x, n, o]) => t.predict(x, n, o),
      check: (out, [, n]) => out.length === n && finite(out) && Array.from(out).every((p) => p >= 0 && p <= 1),
    },
    {
      where: 'network.probe',
      names: ['layer', 'options', 'unit', 'fields'],
      make: () => {
        const n = net();
        n.predict(x4, 4);
        return n;
      },
      state: netState,
      optionKeys: ['unit', 'fields'],
      valid: () => [0, { unit: 1, fields: ['z', 'statistics'] }],
      call: (t, [layer, o]) => t.probe(layer, o),
      check: (p, [layer]) => p.layer === layer && p.rows === 4,
    },
    {
      where: 'network.setParameters',
      names: ['values'],
      make: net,
      state: netState,
      valid: () => [new Array(19).fill(0.25)],
      call: (t, [values]) => t.setParameters(values),
      check: (r, [values], t) => same(Array.from(t.parameters()), f32(values)),
    },
    {
      where: 'network.setLearningRate',
      names: ['lr'],
      make: net,
      state: netState,
      valid: () => [0.05],
      call: (t, [lr]) => t.setLearningRate(lr),
      check: (r, [lr]) => lr >= 1e-9 && lr <= 1000,
    },
    {
      where: 'stagedRows.write',
      names: ['x'],
      make: () => lab.stage(x4, 4),
      valid: () => [x4.map((v) => v + 1)],
      call: (t, [x]) => t.write(x),
      check: (r, [x]) => finite(x) && x.length === 8,
    },
    {
      where: 'batchNorm.forward',
      names: ['x', 'n', 'options', 'training'],
      make: () => lab.batchNorm({ features: 2 }),
      state: bnState,
      optionKeys: ['training'],
      optionSlot: 2,
      valid: () => [x4, 4, { training: true }],
      call: (t, [x, n, o]) => t.forward(x, n, o),
      check(y, [_x, n, o]) {
        if (o?.training === false) return y.length === 2 * n && finite(y);
        // Training mode: each column of y has mean 0 and variance σ²/(σ² + ε) of x's column (γ = 1, β = 0).
        return [0, 1].every((j) => {
          const col = (a) => Array.from({ length: n }, (_, i) => a[i * 2 + j]);
          const m = col(y).reduce((s, v) => s + v, 0) / n;
          return Math.abs(m) < 1e-4;
        });
      },
    },
    {
      where: 'batchNorm.backward',
      names: ['dy'],
      make: () => {
        const b = lab.batchNorm({ features: 2 });
        b.forward(x4, 4);
        return b;
      },
      state: bnState,
      valid: () => [[1, 0, 0, 1, 1, 1, 0, 0]],
      call: (t, [dy]) => t.backward(dy),
      check: (r) => r.dx.length === 8 && finite(r.dx) && finite(r.dgamma),
    },
    {
      where: 'batchNorm.gamma',
      names: ['gamma'],
      make: () => lab.batchNorm({ features: 2 }),
      state: bnState,
      valid: () => [[2, 3]],
      call: (t, [v]) => (t.gamma = v),
      check: (r, [v], t) => same(Array.from(t.gamma), f32(v)),
    },
    {
      where: 'batchNorm.runningVariance',
      names: ['runningVariance'],
      make: () => lab.batchNorm({ features: 2 }),
      state: bnState,
      valid: () => [[2, 3]],
      call: (t, [v]) => (t.runningVariance = v),
      check: (r, [v], t) => Array.from(v).every((x) => x >= 0) && same(Array.from(t.runningVariance), f32(v)),
    },
    {
      where: 'layerNorm.forward',
      names: ['x', 'n'],
      make: () => lab.layerNorm({ features: 2 }),
      valid: () => [x4, 4],
      call: (t, [x, n]) => t.forward(x, n),
      check: (y, [, n]) => y.length === 2 * n && finite(y),
    },
    {
      where: 'layerNorm.beta',
      names: ['beta'],
      make: () => lab.layerNorm({ features: 2 }),
      valid: () => [[0.5, -0.5]],
      call: (t, [v]) => (t.beta = v),
      check: (r, [v], t) => same(Array.from(t.beta), f32(v)),
    },
  ];
}

/** The cases of one function: each argument, then each option key, replaced by each pool value; then random mixtures. */
function casesOf(fn, rand, extra) {
  const cases = [];
  const valid = fn.valid();
  valid.forEach((_, slot) => {
    for (const bad of POOL) {
      const args = fn.valid();
      args[slot] = bad;
      cases.push(args);
    }
  });
  const optionSlot = fn.optionSlot ?? valid.findIndex((a) => a && typeof a === 'object' && !Array.isArray(a));
  for (const key of fn.optionKeys ?? [])
    for (const bad of POOL) {
      const args = fn.valid();
      args[optionSlot] = { ...args[optionSlot], [key]: bad };
      cases.push(args);
    }
  for (let k = 0; k < extra; k++) {
    const args = fn.valid();
    args.forEach((_, slot) => {
      if (rand() < 0.5) args[slot] = POOL[Math.floor(rand() * POOL.length)];
    });
    cases.push(args);
  }
  return cases;
}

test('fuzz: every public function answers bad and edge input with a clear error or a correct result', () => {
  const rand = random(20261204);
  const table = [];
  const problems = [];
  let total = 0;
  for (const fn of functions()) {
    const counts = { clear: 0, valid: 0, unclear: 0, silent: 0, broken: 0 };
    for (const args of casesOf(fn, rand, 10)) {
      total++;
      const target = fn.make?.() ?? null;
      const state = () => (target && fn.state ? fn.state(target) : null);
      const stateBefore = state(),
        heapBefore = lab.heapBytesInUse;
      let outcome,
        detail = '';
      try {
        const result = fn.call(target, args);
        outcome = fn.check(result, args, target) ? 'valid' : 'silent';
      } catch (error) {
        const named = fn.names.some((name) =>
          new RegExp(`(^|[^\\w])${name.replace(/[[\]]/g, '\\$&')}([^\\w]|$)`).test(error.message ?? ''),
        );
        outcome =
          error?.constructor === Error && error.message.startsWith(`${fn.where}: `) && named ? 'clear' : 'unclear';
        detail = `${error?.constructor?.name}: ${error?.message}`;
        if (outcome === 'clear' && (!same(state(), stateBefore) || lab.heapBytesInUse !== heapBefore))
          ((outcome = 'broken'), (detail += ' — and the refusal changed state or leaked'));
      }
      // Whatever happened, the object must still do its ordinary job.
      if (target && outcome !== 'broken') {
        try {
          fn.call(target, fn.valid());
        } catch (error) {
          ((outcome = 'broken'), (detail = `unusable afterwards: ${error.message}`));
        }
      }
      target?.dispose?.();
      counts[outcome]++;
      if (outcome === 'unclear' || outcome === 'silent' || outcome === 'broken')
        problems.push(`${fn.where}(${args.map((a) => describeArg(a)).join(', ')}) → ${outcome}: ${detail}`);
    }
    table.push({ function: fn.label ?? fn.where, ...counts });
  }
  console.log(`fuzz: ${total} cases\n` + formatTable(table));
  assert.ok(total >= 500, `${total} cases`);
  assert.deepEqual(problems, []);
});

function describeArg(a) {
  if (typeof a === 'symbol' || typeof a === 'bigint' || typeof a === 'function') return String(a);
  if (ArrayBuffer.isView(a)) return `${a.constructor.name}(${a.byteLength} bytes)`;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

function formatTable(rows) {
  const keys = Object.keys(rows[0]);
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (r) => keys.map((k, i) => String(r[k]).padEnd(width[i])).join('  ');
  return [line(Object.fromEntries(keys.map((k) => [k, k]))), ...rows.map(line)].join('\n');
}
