// Every figure, at its own defaults, in headless Chromium: after Play (or on its own, for the figures that run at
// once) it shows what its caption claims. Each check recomputes the caption's quantities from the numbers the
// figure draws (element.readings()) and compares them with the bounds in its table entry (web/state/figures.js),
// set from the ranges measured over five seeds by the node test the entry names; the time from opening the page to the claim being on screen is printed (not asserted:
// speed is measured in benchmarks) and written to test-artifacts/claims.json, with a screenshot of each figure
// at that moment (test-artifacts/claim-NAME.png).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { FIGURE_BY_NAME, FIGURE_NAMES } from '../../web/state/figures.js';
import { bandMovement } from '../../web/worker/metrics.js';
import { artifactPath, launch, openPage, root, serve } from './helpers.js';

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
/** The row of a history nearest to `step` (the figure keeps one row per snapshot, a few steps apart). */
const near = (history, step) =>
  history.steps.reduce((best, s, i) => (Math.abs(s - step) < Math.abs(history.steps[best] - step) ? i : best), 0);
const at = (history, column, step) => history.columns[column][near(history, step)];
/** The band `prefix`.p15/p50/p85 of a drawn history, sampled every `every` steps to `upTo`, and how far it moved. */
function movement(history, prefix, every, upTo) {
  const rows = [];
  for (let s = every; s <= upTo; s += every) rows.push(near(history, s));
  return bandMovement(
    rows.map((i) => Object.fromEntries(['p15', 'p50', 'p85'].map((p) => [p, history.columns[`${prefix}.${p}`][i]]))),
  );
}

// For each figure of the table: when its claim can be read (done; default: at the entry's claim.step), and what
// it measures on screen, by the names of the entry's claim.bounds (web/state/figures.js), which say what is allowed.
const CLAIMS = {
  'input-scale': {
    done: (r) => r.latest?.steps > 0,
    measure: (r) => ({ 'steps at scale 100': r.latest.converged ? r.latest.steps : r.latest.estimated }),
    // The caption's control: normalizing crosses the bowl in a few steps.
    async then(page, selector) {
      await page.check(`${selector} input[type=checkbox]`);
      await page.waitForFunction(
        (s) =>
          document.querySelector(s).readings()?.settings.normalize &&
          document.querySelector(s).readings().latest.converged,
        selector,
      );
      return { 'steps once normalized': await page.$eval(selector, (e) => e.readings().latest.steps) };
    },
  },
  compare: {
    measure: (r) => ({
      'plain training loss at 500': at(r.histories.main, 'plain.trainLoss', 500),
      'batch norm training loss at 250': at(r.histories.main, 'before.trainLoss', 250),
    }),
  },
  anatomy: {
    done: (r) => r.step >= 50 && r.latest?.nets.some((n) => n.anatomy?.zHat),
    measure(r) {
      const a = r.latest.nets.find((n) => n.anatomy?.zHat).anatomy;
      const m = mean(a.z),
        v = mean(a.z.map((z) => (z - m) ** 2));
      let worst = 0;
      a.z.forEach((z, i) => {
        const zHat = (z - m) / Math.sqrt(v + a.eps);
        worst = Math.max(worst, Math.abs(zHat - a.zHat[i]), Math.abs(a.gamma * zHat + a.beta - a.zTilde[i]));
      });
      return {
        'largest difference from ẑ and z̃ computed by hand': worst,
        'mean of ẑ': mean(a.zHat),
        'mean of ẑ²': mean(a.zHat.map((z) => z * z)),
      };
    },
  },
  'sigmoid-range': {
    measure(r) {
      const accuracy = (id) => r.latest.nets.find((n) => n.id === id).testAccuracy;
      return {
        'test accuracy, γ and β learned': accuracy('learned'),
        'test accuracy, γ and β frozen': accuracy('frozen'),
      };
    },
  },
  placement: {
    measure(r) {
      // "Both pass 95% test accuracy by step 1,000": the best each reached up to then.
      const h = r.histories.main;
      const best = (id) =>
        Math.max(...h.columns[`${id}.testAccuracy`].filter((v, i) => v !== null && h.steps[i] <= 1000));
      assert.deepEqual(
        r.latest.nets.map((n) => n.id),
        ['plain', 'before', 'after'],
      );
      return {
        'best test accuracy to 1,000, on z': best('before'),
        'best test accuracy to 1,000, on a': best('after'),
      };
    },
  },
  drift: {
    measure: (r) => ({
      'band movement / width, plain ÷ batch norm':
        movement(r.histories.main, 'plain', 100, 3000) / movement(r.histories.main, 'before', 100, 3000),
    }),
  },
  'train-vs-eval': {
    measure(r) {
      const h = r.histories.main;
      const largestGap = (to) =>
        Math.max(...h.columns.batch.map((b, i) => b - h.columns[to][i]).filter(Number.isFinite));
      return {
        'largest accuracy gap, own statistics − running averages': largestGap('eval'),
        'largest accuracy gap, own statistics − recomputed statistics': largestGap('recomputed'),
        'running σ² at step 100': at(h, 'runningVariance', 100),
      };
    },
  },
  'lr-sweep': {
    done: (r) => Boolean(r.latest?.results) && r.latest.results.length === r.latest.rates.length,
    measure(r) {
      const good = (key) =>
        Math.max(...r.latest.results.filter((x) => x[key].diverged === null && x[key].loss < 0.3).map((x) => x.lr));
      const at = r.latest.results.find((x) => x.lr === 2.2);
      return {
        'largest rate with loss < 0.3, batch norm ÷ plain': good('bn') / good('plain'),
        'loss at lr 2.2, plain': at.plain.loss,
        'dead ReLUs in the last hidden layer at lr 2.2, plain': at.plain.dead.at(-1),
        'most dead ReLUs in any layer at lr 2.2, batch norm': Math.max(...at.bn.dead),
        'loss at lr 2.2, batch norm': at.bn.loss,
      };
    },
  },
  mnist: {
    done: (r) => ['plain', 'batchNorm'].every((id) => r.histories[id]?.steps.includes(1000)),
    measure(r) {
      const accuracy = (id, step) => r.histories[id].columns.accuracy[r.histories[id].steps.indexOf(step)];
      const lead = (step) => accuracy('batchNorm', step) - accuracy('plain', step);
      return {
        'test accuracy at 500, batch norm − plain': lead(500),
        'test accuracy at 1,000, batch norm − plain': lead(1000),
      };
    },
  },
  'noisy-bn': {
    measure(r) {
      const loss = (id) => at(r.histories.main, `${id}.trainLoss`, 100);
      return {
        'training loss at 100, plain − batch norm': loss('plain') - loss('before'),
        'training loss at 100, plain − noisy': loss('plain') - loss('noisy'),
        'band movement, noisy ÷ batch norm':
          movement(r.histories.bands, 'noisy', 100, 1000) / movement(r.histories.bands, 'before', 100, 1000),
      };
    },
  },
  'covariate-shift': {
    measure(r) {
      const average = (k, id) => mean(r.histories.main.columns[`${k}.${id}`].filter((v) => v !== null));
      return {
        'mean ℓ2 shift, noisy ÷ batch norm': average(0, 'noisy') / average(0, 'before'),
        'mean cosine, batch norm − noisy': average(1, 'before') - average(1, 'noisy'),
      };
    },
  },
  smoothness: {
    measure(r) {
      const h = r.histories.main;
      const sharpness = (id, from, to) =>
        mean(h.columns[`0.${id}`].filter((v, i) => v !== null && h.steps[i] >= from && h.steps[i] <= to));
      return {
        'sharpness at step 0, batch norm ÷ plain': sharpness('before', 0, 0) / sharpness('plain', 0, 0),
        'mean sharpness from 100 to 500, plain ÷ batch norm':
          sharpness('plain', 100, 500) / sharpness('before', 100, 500),
      };
    },
  },
  mismatch: {
    done: (r) => Boolean(r.latest?.results) && r.latest.results.length === r.latest.sizes.length,
    measure(r) {
      const accuracy = (batch, id) =>
        r.latest.results.find((x) => x.batch === batch).nets.find((n) => n.id === id).testAccuracy;
      return {
        'test accuracy at batch 2, batch norm': accuracy(2, 'before'),
        'test accuracy at batch 2, batch renormalization': accuracy(2, 'renorm'),
        'test accuracy at batch 4, batch renormalization': accuracy(4, 'renorm'),
        'test accuracy at batch 2, layer norm': accuracy(2, 'layer'),
      };
    },
  },
  'scale-invariance': {
    measure(r) {
      const h = r.histories.main;
      const ratio = (k, id) => at(h, `${k}.${id}`, 2000) / at(h, `${k}.${id}`, 0);
      return {
        '‖W‖ at 2,000 ÷ at 0, batch norm': ratio(1, 'before'),
        '‖W‖ at 2,000 ÷ at 0, batch norm + weight decay': ratio(1, 'decay'),
        'effective learning rate at 2,000 ÷ at 0, batch norm + weight decay': ratio(2, 'decay'),
      };
    },
  },
  'center-scale': {
    measure(r) {
      const h = r.histories.main;
      return {
        'training loss at 300, batch norm': at(h, '0.before', 300),
        'training loss at 300, batch: scaling only': at(h, '0.scale', 300),
        'dead ReLUs at 300, batch norm': at(h, '1.before', 300),
        'training loss at 300, layer norm': at(h, '0.layer', 300),
      };
    },
  },
  depth: {
    done: (r) => Boolean(r.latest?.training) && r.latest.training.steps.at(-1) === r.latest.steps,
    measure(r) {
      const { results, training } = r.latest;
      const deepest = results.find((x) => x.depth === 48);
      const ratio = (id) => deepest[id].gradients[0] / deepest[id].gradients.at(-1);
      return {
        'first ÷ last hidden layer gradient at 48 layers, batch norm': ratio('bn'),
        'first ÷ last hidden layer gradient at 48 layers, plain': ratio('plain'),
        'training loss at step 500, 32 layers, plain − batch norm':
          training.plain.losses.at(-1) - training.bn.losses.at(-1),
      };
    },
  },
  'gamma-beta': {
    measure(r) {
      const accuracy = (id) => at(r.histories.main, `${id}.testAccuracy`, 2000);
      return {
        'test accuracy at 2,000, only γ and β': accuracy('gammaBeta'),
        'test accuracy at 2,000, everything trained − only γ and β': accuracy('all') - accuracy('gammaBeta'),
        'test accuracy at 2,000, random control': accuracy('random'),
      };
    },
  },
  'gamma-beta-digits': {
    done: (r) => ['all', 'gammaBeta', 'random'].every((id) => r.histories[id]?.steps.includes(3000)),
    measure(r) {
      const accuracy = (id) => r.histories[id].columns.accuracy[r.histories[id].steps.indexOf(3000)];
      return {
        'test accuracy at 3,000, everything trained': accuracy('all'),
        'test accuracy at 3,000, only γ and β': accuracy('gammaBeta'),
        'test accuracy at 3,000, only γ and β − random control': accuracy('gammaBeta') - accuracy('random'),
      };
    },
  },
  regularization: {
    measure(r) {
      const h = r.histories.main;
      const gap = (id) => at(h, `${id}.trainAccuracy`, 2000) - at(h, `${id}.testAccuracy`, 2000);
      return { 'train − test accuracy at 2,000, plain − batch norm': gap('plain') - gap('before') };
    },
  },
  'batch-size': {
    done: (r) => Boolean(r.latest?.results) && r.latest.results.length === r.latest.sizes.length,
    measure(r) {
      const two = r.latest.results.find((x) => x.batch === 2);
      const accuracy = (id) => two.nets.find((n) => n.id === id).testAccuracy;
      return {
        'test accuracy at batch 2, batch norm': accuracy('before'),
        'test accuracy at batch 2, plain': accuracy('plain'),
        'test accuracy at batch 2, layer norm': accuracy('layer'),
      };
    },
  },
};

/** Each measured quantity within the entry's bounds; the quantities measured are exactly the bounds' names. */
function checkBounds(name, measured) {
  const { bounds } = FIGURE_BY_NAME[name].claim;
  assert.deepEqual(Object.keys(measured).sort(), Object.keys(bounds).sort(), `${name}: measured what the table bounds`);
  for (const [quantity, [min, max]] of Object.entries(bounds))
    assert.ok(
      measured[quantity] >= min && measured[quantity] <= max,
      `${name}: ${quantity} = ${measured[quantity]}, allowed ${min} … ${max}`,
    );
  return Object.entries(measured)
    .map(([quantity, value]) => `${quantity} ${Number(value.toPrecision(3))}`)
    .join(', ');
}

test('every figure of the table has a claim check here, and nothing else does', () => {
  assert.deepEqual(Object.keys(CLAIMS).sort(), [...FIGURE_NAMES].sort());
});

let server, browser, dir;
before(async () => {
  // The one-file embed bundle (and the digits beside it), as a blogger copies it.
  dir = mkdtempSync(join(tmpdir(), 'bnp-claims-'));
  cpSync(join(root, 'dist', 'embed'), join(dir, 'js'), { recursive: true });
  for (const name of Object.keys(CLAIMS))
    writeFileSync(
      join(dir, `${name}.html`),
      `<!doctype html><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">
      <script type="module" src="js/batchnorm-playground.js"></script>
      <batchnorm-playground figure="${name}" autoplay></batchnorm-playground>`,
    );
  server = await serve(dir, { requireIndex: false });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const measured = {};
after(() => writeFileSync(artifactPath('claims.json'), JSON.stringify(measured, null, 2) + '\n'));

for (const [name, claim] of Object.entries(CLAIMS)) {
  const done = claim.done ?? ((r) => r.step >= FIGURE_BY_NAME[name].claim.step);
  test(`${name}: its caption's claim shows at its defaults`, async () => {
    const page = await openPage(browser, `${server.url}${name}.html`, { width: 1000, height: 1000 });
    const started = Date.now();
    const selector = 'batchnorm-playground';
    let readings;
    for (;;) {
      readings = await page.$eval(selector, (e) => e.readings());
      if (readings && done(readings)) break;
      assert.ok(Date.now() - started < 90000, `${name}: the claim's data never came (step ${readings?.step})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (Date.now() - started) / 1000;
    const values = { ...claim.measure(readings), ...(claim.then ? await claim.then(page, selector) : {}) };
    const shown = [checkBounds(name, values)];
    assert.equal(
      await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-status')?.textContent ?? ''),
      '',
      `${name} reports no error`,
    );
    assert.deepEqual(page.problems, []);
    measured[name] = { seconds, step: readings.step, shown: shown.join('; ') };
    await page.locator(selector).screenshot({ path: artifactPath(`claim-${name}.png`) });
    console.log(`${name}: ${seconds.toFixed(1)} s to step ${readings.step} — ${shown.join('; ')}`);
    await page.close();
  });
}
