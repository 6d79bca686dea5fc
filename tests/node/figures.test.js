// The computations behind the embeddable figures, without a browser: input-scale, lr-sweep, attributes.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { readAttributes } from '../../web/element/attributes.js';
import { FIGURE_BY_NAME, figureSettings } from '../../web/state/figures.js';
import { defaults } from '../../web/state/settings.js';
import { MAX_STEPS, bowl, descend } from '../../web/worker/experiments/input-scale.js';
import { LrSweepExperiment, SWEEP_RATES } from '../../web/worker/experiments/lr-sweep.js';
import { deadUnits } from '../../web/worker/metrics.js';

let lab;
before(async () => {
  lab = await createLab();
});

test('input-scale: steps to converge grow with the scale of x₁, and stay flat once inputs are normalized', () => {
  const steps = (scale, normalize) => descend(bowl({ scale, normalize })).steps;
  const raw = [1, 3, 10, 30, 100].map((s) => steps(s, false));
  for (let i = 1; i < raw.length; i++) assert.ok(raw[i] > 3 * raw[i - 1], `steps ${raw} should grow with the scale`);
  // The condition number is about scale², so at 10⁴ gradient descent cannot get there within the cap.
  const huge = descend(bowl({ scale: 1e4, normalize: false }));
  assert.equal(huge.steps, MAX_STEPS);
  assert.equal(huge.converged, false);
  const normalized = [1, 10, 100, 1e4].map((s) => steps(s, true));
  assert.ok(
    normalized.every((n) => n === normalized[0] && n < 10),
    `normalized: ${normalized}`,
  );
});

test('input-scale: past the cap, the estimated step count matches what descent really takes', () => {
  // At scale 100 descent converges in about 90,000 steps; stopped at 20,000, the estimate from the shallow
  // direction's rate must land near the real count (the shallow direction dominates long before the cap).
  const b = bowl({ scale: 100, normalize: false });
  const full = descend(b);
  assert.ok(full.converged);
  const capped = descend(b, 20000);
  assert.equal(capped.converged, false);
  assert.ok(
    Math.abs(capped.estimated - full.steps) <= 0.02 * full.steps,
    `estimated ${capped.estimated} vs ${full.steps}`,
  );
  // And the estimate keeps growing with the scale, where the cap would show a flat line.
  const estimates = [300, 1000, 1e4].map((scale) => descend(bowl({ scale, normalize: false })).estimated);
  for (let i = 1; i < estimates.length; i++) assert.ok(estimates[i] > 5 * estimates[i - 1], `estimates ${estimates}`);
});

test('input-scale: the bowl has the minimum and curvatures of the closed form', () => {
  // Σ ≈ diag(s², 1) for independent standard inputs, so the curvatures (eigenvalues of 2Σ) are ≈ 2s² and 2.
  const b = bowl({ scale: 100, normalize: false, n: 4000 });
  assert.ok(Math.abs(b.curvatures[0] / (2 * 100 ** 2) - 1) < 0.1);
  assert.ok(Math.abs(b.curvatures[1] / 2 - 1) < 0.1);
  // y = 0.8·u₁ + 0.6·u₂ + noise with x₁ = 100·u₁: the best weights are ≈ (0.008, 0.6).
  assert.ok(Math.abs(b.best[0] - 0.008) < 0.001 && Math.abs(b.best[1] - 0.6) < 0.05);
});

test('lr-sweep: at 2.2 the plain network stalls at ln 2 with its last hidden layer dead; batch norm keeps its ReLUs and learns', () => {
  // Measured over seeds 1–5: the largest learning rate reaching loss < 0.3 in 300 steps was 1 or 0.46 without
  // batch norm and 2.2 or 4.6 with it. At 2.2: plain loss .704 .694 .693 .706 .693 (finite: it did not blow up)
  // with dead ReLUs per layer [4,3,8,8] [1,2,4,8] [4,6,4,8] [0,5,5,8] [1,1,5,8] — its last layer all dead, every
  // seed; batch norm loss .113 .111 .075 .122 .055 with [0,1,0,1] [0,0,0,0] [2,1,1,1] [2,1,1,0] [0,0,0,0].
  for (const seed of [1, 2, 3, 4, 5]) {
    const sweep = new LrSweepExperiment({ lab }, { ...figureSettings(FIGURE_BY_NAME['lr-sweep'], defaults()), seed });
    while (sweep.frame());
    const { results } = sweep.snapshot().message;
    sweep.dispose();
    assert.equal(results.length, SWEEP_RATES.length);
    const largest = (key) =>
      Math.max(0, ...results.filter((r) => r[key].diverged === null && r[key].loss < 0.3).map((r) => r.lr));
    assert.ok(largest('bn') > largest('plain'), `seed ${seed}: ${largest('bn')} vs ${largest('plain')}`);
    // From 10 on both fail: losses of 0.72 or more (or diverged), 14 or more of the 32 ReLUs dead.
    for (const r of results.filter((x) => x.lr >= 10))
      for (const run of [r.plain, r.bn]) {
        assert.ok(run.diverged !== null || run.loss >= 0.72, `seed ${seed} at ${r.lr}: loss ${run.loss}`);
        if (run.dead) assert.ok(run.dead.reduce((a, b) => a + b, 0) >= 14, `seed ${seed} at ${r.lr}: dead ${run.dead}`);
      }
    const { plain, bn } = results.find((r) => r.lr === 2.2);
    assert.ok(Math.abs(plain.loss - Math.LN2) <= 0.02, `seed ${seed}: plain loss at 2.2 ${plain.loss}`);
    assert.equal(plain.dead.at(-1), 8, `seed ${seed}: plain's dead units at 2.2 ${plain.dead}`);
    assert.ok(Math.max(...bn.dead) <= 2 && bn.loss <= 0.15, `seed ${seed}: batch norm at 2.2 ${bn.loss} ${bn.dead}`);
  }
});

test('lr-sweep counts a ReLU as dead when it gives 0 for every point, per hidden layer, and only for ReLUs', () => {
  // [3 rows × 4 units]: unit 0 never above 0, unit 1 once, unit 2 always, unit 3 negative or 0 only → 2 dead.
  const a = Float32Array.from([0, 0, 1, 0, 0, 2, 3, -0, 0, 0, 1, 0]);
  assert.equal(deadUnits(a, 3, 4), 2);
  assert.equal(deadUnits(a, 1, 4), 3); // the first row alone: only unit 2 fires
  const settings = { ...figureSettings(FIGURE_BY_NAME['lr-sweep'], defaults()), seed: 1 };
  const relu = new LrSweepExperiment({ lab }, settings, { rates: [0.1], steps: 1 });
  relu.frame();
  assert.equal(relu.results[0].plain.dead.length, settings.depth, 'one count per hidden layer');
  relu.dispose();
  const tanh = new LrSweepExperiment({ lab }, { ...settings, activation: 'tanh' }, { rates: [0.1], steps: 1 });
  tanh.frame();
  assert.equal(tanh.results[0].plain.dead, null, 'tanh units have no dead state');
  tanh.dispose();
});

test('element attributes: bad figure or control names are errors; bad dataset, seed, height are notices', () => {
  const figures = {
    compare: { entry: { overrides: {} } },
    drift: { entry: { overrides: { activation: 'sigmoid' } } },
  };
  const read = (attributes) => readAttributes((name) => attributes[name] ?? null, figures);
  assert.match(read({ figure: 'nope' }).error, /figure="nope" is not one of compare, drift/);
  assert.match(read({ figure: 'constructor' }).error, /is not one of/);
  assert.match(
    read({ figure: 'compare', controls: 'lr,frob' }).error,
    /controls="lr,frob" names "frob", which is not a setting/,
  );
  const ok = read({ figure: 'drift', dataset: 'spiral', seed: '7', controls: 'lr, batch', autoplay: '' });
  assert.equal(ok.settings.activation, 'sigmoid');
  assert.equal(ok.settings.dataset, 'spiral');
  assert.equal(ok.settings.seed, 7);
  assert.deepEqual(ok.controls, ['lr', 'batch']);
  assert.equal(ok.autoplay, true);
  assert.deepEqual(ok.notices, []);
  const clamped = read({ dataset: '<img src=x>', seed: '-5', height: 'tall' });
  assert.deepEqual(clamped.notices, [
    'dataset = "<img src=x>" is not one of circle, xor, gauss, spiral; using circle',
    'seed = "-5" is outside 0 … 999999; using 0',
    'height = "tall" is not a number from 120 to 800; using 220',
  ]);
  assert.deepEqual(read({ controls: 'none' }).controls, []);
  // Names are looked up as own keys: what every object inherits is not a setting.
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
    assert.match(
      read({ figure: 'compare', controls: `lr,${name}` }).error,
      new RegExp(`names "${name}", which is not a setting`),
    );
});
