// Where batch norm's train/test mismatch comes from, and the fixes: test accuracy against the batch size with
// the running averages, with statistics recomputed from the training set (precise batch norm), with batch
// renormalization, and for layer norm (no batch at all); batch norm's training-mode accuracy for comparison.
import { MODE_DASHES, netStyle, style } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { percent } from '../views/format.js';
import { accuracyByBatchChart } from '../views/line-chart.js';
import { BATCH_SIZES } from '../worker/experiments/batch-size.js';
import { Figure } from './figure.js';

const RING = { show: true, size: 11, width: 1.5, fill: 'rgba(0, 0, 0, 0)' }; // see-through: the dot under it shows
// Each line: which network, which of its accuracies, and how it is drawn.
// Batch norm's three lines share its colour; the mode is in the dash (colors.js: MODE_DASHES).
const LINES = [
  { id: 'before', key: 'testAccuracy', label: 'batch norm, running averages', ...netStyle('before') },
  {
    id: 'before',
    key: 'recomputedAccuracy',
    label: 'batch norm, recomputed statistics',
    ...style('batchNorm', MODE_DASHES.recomputed),
    ring: true, // drawn over the running averages' dots, which it often equals: a ring shows around the dot
  },
  {
    id: 'before',
    key: 'trainingModeAccuracy',
    label: 'batch norm, training mode on the test set',
    ...style('batchNorm', MODE_DASHES.training),
    width: 1.5,
    bare: true,
  },
  { id: 'renorm', key: 'testAccuracy', label: 'batch renormalization', ...netStyle('renorm') },
  { id: 'layer', key: 'testAccuracy', label: 'layer norm', ...netStyle('layer') },
];

export class MismatchFigure extends Figure {
  build(body) {
    seriesLegend(
      body.appendChild(element('div')),
      LINES.map(({ label, meaning, color, dash, bare, ring }) => ({
        label,
        meaning,
        color,
        dash,
        marker: bare ? undefined : ring ? 'ring' : 'dot',
      })),
    );
    this.box = body.appendChild(element('div', 'bnp-chart'));
    this.summary = body.appendChild(element('p', 'bnp-summary', '\u00a0'));
    this.chart = accuracyByBatchChart(this.box, {
      sizes: BATCH_SIZES,
      height: this.height,
      series: LINES.map(({ label, meaning, color, dash, width, bare, ring }) => ({
        label,
        meaning,
        color,
        dash,
        width,
        marker: bare ? undefined : 'dot',
        points: ring ? RING : undefined,
      })),
    });
    this.chart.update(
      [],
      LINES.map(() => []),
    );
  }

  draw(s) {
    const r = s.results;
    const of = (line) => r.map((x) => x.nets.find((n) => n.id === line.id)?.[line.key] ?? null);
    this.chart.update(
      r.map((x) => x.batch),
      LINES.map(of),
    );
    if (r.length < s.sizes.length) {
      this.summary.textContent = this.waiting
        ? `Not run yet: Play trains at ${s.sizes.length} batch sizes.`
        : `training at ${r.length} of ${s.sizes.length} batch sizes…`;
      return;
    }
    const at = (batch, id, key = 'testAccuracy') =>
      percent(r.find((x) => x.batch === batch)?.nets.find((n) => n.id === id)?.[key], 0);
    this.summary.textContent = [2, 4]
      .map(
        (batch) =>
          `At a batch of ${batch}: batch norm ${at(batch, 'before')} with running averages, ${at(batch, 'before', 'recomputedAccuracy')} recomputed, ${at(batch, 'before', 'trainingModeAccuracy')} in training mode; batch renormalization ${at(batch, 'renorm')}; layer norm ${at(batch, 'layer')}.`,
      )
      .join(' ');
  }

  destroyDrawing() {
    this.chart.destroy();
  }
}
