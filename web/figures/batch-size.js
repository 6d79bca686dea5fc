// Batch norm needs a batch: test accuracy against the batch size for a plain, a batch-normalized and a
// layer-normalized network, and batch norm's gap between training mode and test time.
import { MODE_DASHES, netStyle, style } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { percent } from '../views/format.js';
import { accuracyByBatchChart } from '../views/line-chart.js';
import { BATCH_SIZES, NORMALIZATIONS } from '../worker/experiments/batch-size.js';
import { Figure } from './figure.js';

const TRAINING_MODE = {
  label: 'batch norm, training mode on the test set',
  ...style('batchNorm', MODE_DASHES.training),
};

export class BatchSizeFigure extends Figure {
  build(body) {
    const series = [
      ...NORMALIZATIONS.map((n) => ({ label: n.label, ...netStyle(n.id), marker: 'dot' })),
      TRAINING_MODE,
    ];
    seriesLegend(body.appendChild(element('div')), series);
    this.box = body.appendChild(element('div', 'bnp-chart'));
    this.summary = body.appendChild(element('p', 'bnp-summary', '\u00a0'));
    this.chart = accuracyByBatchChart(this.box, {
      sizes: BATCH_SIZES,
      height: this.height,
      series: [
        ...NORMALIZATIONS.map((n) => ({ label: n.label, ...netStyle(n.id), marker: 'dot' })),
        { ...TRAINING_MODE, width: 1 },
      ],
    });
    this.chart.update([], NORMALIZATIONS.map(() => []).concat([[]]));
  }

  draw(s) {
    const r = s.results;
    const of = (id, key) => r.map((x) => x.nets.find((n) => n.id === id)?.[key] ?? null);
    this.chart.update(
      r.map((x) => x.batch),
      [...NORMALIZATIONS.map((n) => of(n.id, 'testAccuracy')), of('before', 'trainingModeAccuracy')],
    );
    const two = r.find((x) => x.batch === 2);
    const at = (id) => percent(two?.nets.find((n) => n.id === id)?.testAccuracy, 0);
    this.summary.textContent =
      r.length < s.sizes.length
        ? this.waiting
          ? `Not run yet: Play trains at ${s.sizes.length} batch sizes.`
          : `training at ${r.length} of ${s.sizes.length} batch sizes…`
        : `At a batch of 2: ${at('plain')} without normalization, ${at('before')} with batch norm, ${at('layer')} with layer norm (${s.steps} steps each).`;
  }

  destroyDrawing() {
    this.chart.destroy();
  }
}
