// At test time the running averages of μ and σ² stand in for the batch's own.
import { LineChart } from '../views/line-chart.js';
import { Figure, button, element } from './figure.js';

export class TrainVsEvalFigure extends Figure {
  static title = 'Training mode and test time';
  static explain =
    'While training, each unit is normalized with its own batch\'s μ and σ². A trained network must answer for one ' +
    'example at a time, so it keeps running averages of both (each step moves them by the momentum) and uses those ' +
    'instead. Small batches give noisy statistics; a small momentum gives averages that lag behind.';
  static controls = ['batch', 'momentum', 'lr'];
  static overrides = { speed: 5 };

  options() {
    return { nets: [{ id: 'before', label: 'batch norm on z', batchNorm: 'before' }], snapshot: { heatmap: false, evalVsBatch: true } };
  }

  build(body) {
    this.charts = element('div', 'bnp-charts');
    const one = element('div', 'bnp-note');
    one.append(
      element('p', null, 'And a batch of one? Its mean is the example itself and its variance 0, so every unit would output β ' +
        'whatever the input: training mode refuses it, as PyTorch does. At test time one example is fine, because the running averages are used.'),
      button('Try training on a batch of one', () => this.session?.send({ type: 'probe-batch-of-one' })),
    );
    this.answerBox = element('p', 'bnp-answer');
    one.append(this.answerBox);
    body.append(this.charts, one);
  }

  answer(text) {
    this.answerBox.textContent = `The core answers: “${text}”`;
  }

  ready() {
    this.destroyDrawing();
    const accuracy = element('div', 'bnp-chart'), stats = element('div', 'bnp-chart');
    this.charts.append(accuracy, stats);
    this.accuracyChart = new LineChart(accuracy, {
      title: 'Test accuracy', yLabel: 'accuracy', yRange: [0, 1], height: this.height,
      series: [{ label: 'running averages (test time)', color: '#0072B2' }, { label: 'the test set\'s own batch statistics', color: '#CC79A7', dash: [6, 4] }],
    });
    this.statsChart = new LineChart(stats, {
      title: 'Layer 1, unit 1: μ of each batch and its running average', yLabel: 'μ', height: this.height,
      series: [{ label: 'batch μ_B', color: '#999999', width: 1 }, { label: 'running μ', color: '#0072B2' }],
    });
    this.resetDrawing();
  }

  resetDrawing() {
    this.lines = { steps: [], eval: [], batch: [], batchMean: [], runningMean: [] };
  }

  record(s) {
    const net = s.nets[0];
    if (!this.lines || !net || (this.lines.steps.length && s.step <= this.lines.steps.at(-1))) return;
    const a = net.anatomy;
    this.lines.steps.push(s.step);
    this.lines.eval.push(net.testAccuracy ?? null);
    this.lines.batch.push(net.testAccuracyBatch ?? null);
    this.lines.batchMean.push(a?.batchMean ?? null);
    this.lines.runningMean.push(a?.runningMean ?? null);
  }

  draw() {
    if (!this.lines) return;
    const l = this.lines;
    this.accuracyChart.update(l.steps, [l.eval, l.batch]);
    this.statsChart.update(l.steps, [l.batchMean, l.runningMean]);
  }

  destroyDrawing() {
    this.accuracyChart?.destroy();
    this.statsChart?.destroy();
    this.charts?.replaceChildren();
  }
}
