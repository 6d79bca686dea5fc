// Every figure, at its own defaults, in headless Chromium: after Play (or on its own, for the figures that run at
// once) it shows what its caption claims. Each check recomputes the caption's quantity from the numbers the figure
// draws (element.readings()) and compares it with the range measured over five seeds in tests/node/why.test.js
// and figures.test.js; the time from opening the page to the claim being on screen is printed (not asserted:
// speed is measured in benchmarks) and written to test-artifacts/claims.json, with a screenshot of each figure
// at that moment (test-artifacts/claim-NAME.png).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactPath, launch, openPage, root, serve } from './helpers.js';

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
/** The row of a history nearest to `step` (the figure keeps one row per snapshot, a few steps apart). */
const near = (history, step) =>
  history.steps.reduce((best, s, i) => (Math.abs(s - step) < Math.abs(history.steps[best] - step) ? i : best), 0);
const at = (history, column, step) => history.columns[column][near(history, step)];
/** Summed |change| of p15, p50, p85 between rows every `every` steps, over the band's mean width. */
function movement(history, prefix, every, upTo) {
  const rows = [];
  for (let s = every; s <= upTo; s += every) rows.push(near(history, s));
  const band = (i) => ['p15', 'p50', 'p85'].map((p) => history.columns[`${prefix}.${p}`][i]);
  let moved = 0,
    width = 0;
  for (let k = 1; k < rows.length; k++) band(rows[k]).forEach((v, j) => (moved += Math.abs(v - band(rows[k - 1])[j])));
  for (const i of rows) width += (band(i)[2] - band(i)[0]) / rows.length;
  return moved / width;
}

// For each figure: when its claim can be read (done), and the check of the claim (returns what it measured).
const CLAIMS = {
  'input-scale': {
    done: (r) => r.latest?.steps > 0,
    check(r) {
      const needed = r.latest.converged ? r.latest.steps : r.latest.estimated;
      assert.ok(needed > 50000 && needed < 150000, `about 90,000 steps at scale 100: ${needed}`);
      return `scale ${r.settings.scale}: ${Math.round(needed)} steps`;
    },
    // The caption's control: normalizing crosses the bowl in a few steps.
    async then(page, selector) {
      await page.check(`${selector} input[type=checkbox]`);
      await page.waitForFunction(
        (s) =>
          document.querySelector(s).readings()?.settings.normalize &&
          document.querySelector(s).readings().latest.steps <= 10,
        selector,
      );
      return 'normalized: ' + (await page.$eval(selector, (e) => e.readings().latest.steps)) + ' steps';
    },
  },
  compare: {
    done: (r) => r.step >= 500,
    check(r) {
      const h = r.histories.main;
      const plain = at(h, 'plain.trainLoss', 500),
        bn = at(h, 'before.trainLoss', 250);
      assert.ok(plain >= 0.6, `plain training loss at step 500 still near ln 2: ${plain}`);
      assert.ok(bn <= 0.2, `batch norm's training loss at step 250: ${bn}`);
      return `train loss plain ${plain.toFixed(2)} at 500, batch norm ${bn.toFixed(2)} at 250`;
    },
  },
  anatomy: {
    done: (r) => r.step >= 50 && r.latest?.nets.some((n) => n.anatomy?.zHat),
    check(r) {
      const a = r.latest.nets.find((n) => n.anatomy?.zHat).anatomy;
      const m = mean(a.z),
        v = mean(a.z.map((z) => (z - m) ** 2));
      let worst = 0;
      a.z.forEach((z, i) => {
        const zHat = (z - m) / Math.sqrt(v + a.eps);
        worst = Math.max(worst, Math.abs(zHat - a.zHat[i]), Math.abs(a.gamma * zHat + a.beta - a.zTilde[i]));
      });
      assert.ok(worst < 1e-4, `ẑ = (z − μ)/√(σ² + ε) and z̃ = γẑ + β on the shown batch: largest difference ${worst}`);
      assert.ok(Math.abs(mean(a.zHat)) < 1e-4 && Math.abs(mean(a.zHat.map((z) => z * z)) - 1) < 1e-2);
      return `batch of ${a.z.length}: ẑ and z̃ match by hand within ${worst.toExponential(1)}`;
    },
  },
  'sigmoid-range': {
    done: (r) => r.step >= 2000,
    check(r) {
      const [learned, frozen] = ['learned', 'frozen'].map((id) => r.latest.nets.find((n) => n.id === id).testAccuracy);
      assert.ok(learned >= 0.95 && frozen <= 0.7, `test accuracy learned ${learned}, frozen ${frozen}`);
      return `test accuracy learned ${learned}, frozen ${frozen}`;
    },
  },
  placement: {
    done: (r) => r.step >= 1000,
    check(r) {
      // "Both pass 95% test accuracy by step 1,000": the best each reached up to then.
      const h = r.histories.main;
      const acc = (id) =>
        Math.max(...h.columns[`${id}.testAccuracy`].filter((v, i) => v !== null && h.steps[i] <= 1000));
      const ids = r.latest.nets.map((n) => n.id);
      assert.deepEqual(ids, ['plain', 'before', 'after']);
      for (const id of ['before', 'after'])
        assert.ok(acc(id) >= 0.95, `${id}, best test accuracy to step 1,000: ${acc(id)}`);
      return ids.map((id) => `${id} ${acc(id)}`).join(', ');
    },
  },
  drift: {
    done: (r) => r.step >= 3000,
    check(r) {
      const h = r.histories.main;
      const plain = movement(h, 'plain', 100, 3000),
        bn = movement(h, 'before', 100, 3000);
      assert.ok(plain >= 1.2 * bn, `band movement / width: plain ${plain}, batch norm ${bn}`);
      return `movement/width plain ${plain.toFixed(1)}, batch norm ${bn.toFixed(1)}`;
    },
  },
  'train-vs-eval': {
    done: (r) => r.step >= 400,
    check(r) {
      const h = r.histories.main;
      const gaps = h.columns.batch.map((b, i) => b - h.columns.eval[i]);
      const largest = Math.max(...gaps.filter(Number.isFinite));
      assert.ok(
        largest >= 0.3,
        `largest gap between the test set's own statistics and the running averages: ${largest}`,
      );
      return `largest gap ${largest.toFixed(2)} (at step ${h.steps[gaps.indexOf(largest)]})`;
    },
  },
  'lr-sweep': {
    done: (r) => Boolean(r.latest?.results) && r.latest.results.length === r.latest.rates.length,
    check(r) {
      const good = (key) =>
        r.latest.results.filter((x) => x[key].diverged === null && x[key].loss < 0.3).map((x) => x.lr);
      const plain = Math.max(...good('plain')),
        bn = Math.max(...good('bn'));
      assert.ok(bn > plain, `largest learning rate with loss < 0.3: batch norm ${bn}, plain ${plain}`);
      return `largest good rate plain ${plain}, batch norm ${bn}`;
    },
  },
  mnist: {
    done: (r) => ['plain', 'batchNorm'].every((id) => r.histories[id]?.steps.includes(1000)),
    check(r) {
      const acc = (id, step) => r.histories[id].columns.accuracy[r.histories[id].steps.indexOf(step)];
      for (const step of [500, 1000])
        assert.ok(
          acc('batchNorm', step) > acc('plain', step) + 0.1,
          `step ${step}: ${acc('batchNorm', step)} vs ${acc('plain', step)}`,
        );
      return `test accuracy at 1,000: plain ${acc('plain', 1000)}, batch norm ${acc('batchNorm', 1000)}`;
    },
  },
  'noisy-bn': {
    done: (r) => r.step >= 1000,
    check(r) {
      const loss = (id) => at(r.histories.main, `${id}.trainLoss`, 100);
      assert.ok(
        loss('noisy') <= loss('plain') - 0.1 && loss('before') <= loss('plain') - 0.1,
        `training loss at 100: plain ${loss('plain')}, batch norm ${loss('before')}, noisy ${loss('noisy')}`,
      );
      const noisy = movement(r.histories.bands, 'noisy', 100, 1000),
        bn = movement(r.histories.bands, 'before', 100, 1000);
      assert.ok(noisy >= 1.5 * bn, `band movement: noisy ${noisy}, batch norm ${bn}`);
      return `loss at 100 plain ${loss('plain').toFixed(2)}, bn ${loss('before').toFixed(2)}, noisy ${loss('noisy').toFixed(2)}; movement noisy ${noisy.toFixed(1)} vs bn ${bn.toFixed(1)}`;
    },
  },
  'covariate-shift': {
    done: (r) => r.step >= 1000,
    check(r) {
      const h = r.histories.main;
      const shift = (id) => mean(h.columns[`0.${id}`].filter((v) => v !== null));
      assert.ok(
        shift('noisy') >= 1.5 * shift('before'),
        `mean ℓ2 shift noisy ${shift('noisy')}, batch norm ${shift('before')}`,
      );
      return `mean shift noisy ${shift('noisy').toFixed(3)}, batch norm ${shift('before').toFixed(3)}, plain ${shift('plain').toFixed(3)}`;
    },
  },
  smoothness: {
    done: (r) => r.step >= 500,
    check(r) {
      const h = r.histories.main;
      const beta = (id) => mean(h.columns[`0.${id}`].filter((v, i) => v !== null && h.steps[i] <= 500));
      assert.ok(
        beta('plain') >= 1.2 * beta('before'),
        `mean β to step 500: plain ${beta('plain')}, batch norm ${beta('before')}`,
      );
      return `mean β to 500 plain ${beta('plain').toFixed(2)}, batch norm ${beta('before').toFixed(2)}`;
    },
  },
  regularization: {
    done: (r) => r.step >= 2000,
    check(r) {
      const h = r.histories.main;
      const gap = (id) => at(h, `${id}.trainAccuracy`, 2000) - at(h, `${id}.testAccuracy`, 2000);
      assert.ok(
        gap('before') < gap('plain') - 0.05,
        `train − test at 2,000: plain ${gap('plain')}, batch norm ${gap('before')}`,
      );
      return `train − test at 2,000 plain ${gap('plain').toFixed(2)}, batch norm ${gap('before').toFixed(2)}`;
    },
  },
  'batch-size': {
    done: (r) => Boolean(r.latest?.results) && r.latest.results.length === r.latest.sizes.length,
    check(r) {
      const two = r.latest.results.find((x) => x.batch === 2);
      const acc = (id) => two.nets.find((n) => n.id === id).testAccuracy;
      assert.ok(
        acc('before') <= 0.55 && acc('plain') >= 0.75 && acc('layer') >= 0.75,
        `batch 2: plain ${acc('plain')}, batch norm ${acc('before')}, layer norm ${acc('layer')}`,
      );
      return `batch 2: plain ${acc('plain')}, batch norm ${acc('before')}, layer norm ${acc('layer')}`;
    },
  },
};

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
  test(`${name}: its caption's claim shows at its defaults`, async () => {
    const page = await openPage(browser, `${server.url}${name}.html`, { width: 1000, height: 1000 });
    const started = Date.now();
    const selector = 'batchnorm-playground';
    let readings;
    for (;;) {
      readings = await page.$eval(selector, (e) => e.readings());
      if (readings && claim.done(readings)) break;
      assert.ok(Date.now() - started < 90000, `${name}: the claim's data never came (step ${readings?.step})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (Date.now() - started) / 1000;
    const shown = [claim.check(readings)];
    if (claim.then) shown.push(await claim.then(page, selector));
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
