// Batch norm needs a batch: test accuracy against the batch size for a plain, a batch-normalized and a
// layer-normalized network, and batch norm's gap between training mode and test time.
import { NET_COLORS } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { percent } from '../views/format.js';
import { LineChart } from '../views/line-chart.js';
import { BATCH_SIZES, BATCH_SIZE_SETTINGS, NORMALIZATIONS } from '../worker/experiments/batch-size.js';
import { Figure } from './figure.js';

const COLORS = { plain: NET_COLORS.plain, before: NET_COLORS.before, layer: NET_COLORS.layer };

export class BatchSizeFigure extends Figure {
  static title = 'Small batches: where batch norm breaks and layer norm does not';
  static explain =
    'Batch norm normalizes each unit with the mean and variance of the current batch, so it needs a batch. Here ' +
    'three networks — plain, batch norm, layer norm (each example normalized over its own units) — train for the ' +
    'same number of steps at each batch size. At these defaults, in our runs over five seeds, batch norm at a batch of 2 stays at chance ' +
    '(46–50% test accuracy; with two examples every normalized value is exactly ±1) while the other two reach 80–96%; ' +
    'at 4, its training-mode predictions on the test set (each batch of 4 normalized with its own statistics) are ' +
    '10–22 points worse than its test-time ones; from 32 on the three agree within a few points. (The largest batch, 256, is cut to the 200 training points.)';
  static kind = 'batch-size';
  static trains = false;
  static autorun = true;
  static controls = ['dataset', 'lr'];
  static overrides = BATCH_SIZE_SETTINGS;

  build(body) {
    const series = [
      ...NORMALIZATIONS.map((n) => ({ label: n.label, color: COLORS[n.id], marker: 'dot' })),
      { label: 'batch norm, training mode on the test set', color: NET_COLORS.before, dash: [6, 4] },
    ];
    seriesLegend(body.appendChild(element('div')), series);
    this.box = body.appendChild(element('div', 'bnp-chart'));
    this.summary = body.appendChild(element('p', 'bnp-summary', '\u00a0'));
    this.chart = new LineChart(this.box, {
      title: 'Test accuracy after the same number of steps',
      xLabel: 'batch size',
      yLabel: 'test accuracy',
      logX: true,
      xRange: [1.6, 320],
      xTicks: BATCH_SIZES,
      height: this.height,
      yRange: [0.4, 1],
      legend: false,
      series: [
        ...NORMALIZATIONS.map((n) => ({
          label: n.label,
          color: COLORS[n.id],
          points: { show: true, size: 6, fill: COLORS[n.id] },
        })),
        { label: 'batch norm, training mode on the test set', color: NET_COLORS.before, dash: [6, 4], width: 1 },
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
        ? `training at ${r.length} of ${s.sizes.length} batch sizes…`
        : `At a batch of 2: ${at('plain')} without normalization, ${at('before')} with batch norm, ${at('layer')} with layer norm (${s.steps} steps each).`;
  }

  destroyDrawing() {
    this.chart.destroy();
  }
}
