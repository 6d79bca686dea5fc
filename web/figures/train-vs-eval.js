// At test time the running averages of μ and σ² stand in for the batch's own: test accuracy with them, with
// the test set's own statistics and with statistics recomputed from the training set (precise batch norm);
// and one unit's batch variance against its running average, with and without the average's start-up weight.
import { History } from '../runtime/history.js';
import { MODE_DASHES, style } from '../views/colors.js';
import { button, element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { withoutStartWeight } from '../worker/metrics.js';
import { Figure } from './figure.js';

export class TrainVsEvalFigure extends Figure {
  build(body) {
    // One network, so one colour (batch norm's); which statistics a line uses is in its dash and marker.
    const running = { label: 'running averages (used at test time)', ...style('batchNorm', MODE_DASHES.running) };
    const own = {
      label: "the batch's own μ and σ² (training mode)",
      ...style('batchNorm', MODE_DASHES.training),
      width: 1.5,
    };
    const recomputed = {
      label: 'recomputed from the training set (precise batch norm)',
      ...style('batchNorm', MODE_DASHES.recomputed),
      width: 2.5,
    };
    const unbiased = {
      label: 'running average without its start-up weight',
      ...style('batchNorm', MODE_DASHES.unbiased),
    };
    seriesLegend(body.appendChild(element('div')), [running, own, recomputed, unbiased]);
    const charts = body.appendChild(element('div', 'bnp-charts'));
    const box = () => charts.appendChild(element('div', 'bnp-chart'));
    this.accuracyChart = new LineChart(box(), {
      title: 'Test accuracy',
      yLabel: 'accuracy',
      yRange: [0, 1],
      height: this.height,
      legend: false,
      series: [running, { ...own, label: 'the test set as one batch' }, recomputed],
    });
    this.statsChart = new LineChart(box(), {
      title: `σ² of layer ${this.settings.layer}, unit ${this.settings.unit}`,
      yLabel: 'σ²',
      height: this.height,
      legend: false,
      series: [
        { ...own, label: 'batch σ²_B' },
        { ...running, label: 'running σ²' },
        { ...unbiased, label: 'running σ² without its start-up weight' },
      ],
    });
    const one = body.appendChild(element('div', 'bnp-note'));
    one.append(
      element(
        'p',
        null,
        'And a batch of one? Its mean is the example itself and its variance 0, so every unit would output β ' +
          'whatever the input: training mode refuses it, as PyTorch does. At test time one example is fine, because the running averages are used.',
      ),
      button('Try training on a batch of one', () => this.sendAll({ type: 'action', name: 'train-on-one-example' })),
    );
    this.answerBox = one.appendChild(element('p', 'bnp-answer'));
    this.history = new History();
  }

  answer({ message }) {
    this.answerBox.textContent = `The core answers: “${message}”`;
  }

  record(s) {
    const net = s.nets[0];
    if (!net) return;
    this.history.add(s.step, {
      eval: net.testAccuracy,
      batch: net.testAccuracyBatch,
      recomputed: net.testAccuracyRecomputed,
      batchVariance: net.anatomy?.batchVariance,
      runningVariance: net.anatomy?.runningVariance,
      unbiasedVariance: net.anatomy
        ? withoutStartWeight(net.anatomy.runningVariance, s.step, this.settings.momentum)
        : null,
    });
  }

  resetDrawing() {
    this.history.clear();
  }

  draw() {
    const h = this.history;
    this.accuracyChart.update(h.steps, [h.get('eval'), h.get('batch'), h.get('recomputed')]);
    this.statsChart.update(h.steps, [h.get('batchVariance'), h.get('runningVariance'), h.get('unbiasedVariance')]);
  }

  destroyDrawing() {
    this.accuracyChart.destroy();
    this.statsChart.destroy();
  }
}
