// What the page says about its default start (web/index.html: the note over the learning curves and the
// layers panel), measured at the page's defaults over seeds 1–5: the plain network waits at ln 2 because
// its last hidden layer's inputs start as a thin line at 0, escapes later; batch norm learns at once, its
// inputs about 2 apart (15th–85th percentile) from step 0; from Xavier's weights the plain network learns too.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { createLab } from 'batchnorm-playground';
import { defaults } from '../../web/state/settings.js';
import { Trainer, netsFor } from '../../web/worker/trainer.js';

const SEEDS = [1, 2, 3, 4, 5];
let lab;
before(async () => {
  lab = await createLab();
});

/** Per seed, per checkpoint: { plain, bn } each { loss, widths: p85 − p15 per hidden layer }. */
function run(init, checkpoints) {
  return SEEDS.map((seed) => {
    const settings = { ...defaults(), seed, init };
    const trainer = new Trainer(lab, settings, netsFor(settings));
    const out = {};
    for (const at of checkpoints) {
      trainer.trainSteps(at - trainer.step);
      const nets = trainer.measure(['curves', 'layerBands']).message.nets;
      const of = (net) => ({ loss: net.trainLoss, widths: net.layers.map((b) => b.p85 - b.p15) });
      out[at] = {
        plain: of(nets.find((n) => n.batchNorm === 'none')),
        bn: of(nets.find((n) => n.batchNorm !== 'none')),
      };
    }
    trainer.dispose();
    return out;
  });
}

test('the page’s default: the plain network waits at ln 2 with its last layer’s inputs a thin line, then escapes; batch norm learns at once', () => {
  // Measured: plain loss at 500 .693 .692 .665 .685 .691, at 1,500 .693 .107 .045 .067 .096, at 2,000 (seed 1)
  // .680, at 3,000 .180 .066 .024 .040 .015; last band width at 0 .036 .034 .022 .034 .019, at 250 .027–.043;
  // batch norm at 250 .083 .136 .060 .088 .067; its bands at 0 2.09–2.48 wide.
  const runs = run('gaussian', [0, 250, 500, 1500, 2000, 3000]);
  for (const [k, r] of runs.entries()) {
    const seed = SEEDS[k];
    for (const at of [0, 250]) {
      const width = r[at].plain.widths.at(-1);
      assert.ok(width >= 0.015 && width <= 0.05, `seed ${seed}, step ${at}: last band ${width}`);
    }
    assert.ok(r[500].plain.loss > 0.65, `seed ${seed}: plain ${r[500].plain.loss} at step 500`);
    assert.ok(r[250].bn.loss < 0.15, `seed ${seed}: batch norm ${r[250].bn.loss} at step 250`);
    for (const w of r[0].bn.widths) assert.ok(w > 1.8 && w < 2.7, `seed ${seed}: batch norm band ${w} at step 0`);
    assert.ok(
      r[3000].plain.widths.at(-1) > 0.4,
      `seed ${seed}: plain last band ${r[3000].plain.widths.at(-1)} at 3,000`,
    );
  }
  const escaped = runs.filter((r) => r[1500].plain.loss < 0.12).length;
  assert.ok(escaped >= 4, `${escaped} of 5 escaped by step 1,500`);
  assert.ok(
    runs.every((r) => r[1500].plain.loss < 0.12 || r[2000].plain.loss > 0.6),
    'the late one waits till 2,000',
  );
});

test('the page’s fair race: from Xavier’s weights the plain network learns at once too, and catches up by step 500', () => {
  // Measured: plain at 250 .157 .135 .448 .147 .291, at 500 .088 .085 .074 .080 .039; batch norm at 500
  // .104 .083 .064 .077 .031.
  const runs = run('xavier', [250, 500]);
  for (const [k, r] of runs.entries()) {
    assert.ok(r[250].plain.loss < 0.5, `seed ${SEEDS[k]}: plain ${r[250].plain.loss} at step 250`);
    assert.ok(r[500].plain.loss < r[500].bn.loss + 0.03, `seed ${SEEDS[k]}: ${r[500].plain.loss} vs ${r[500].bn.loss}`);
  }
});
