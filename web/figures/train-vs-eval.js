// At test time the running averages of μ and σ² stand in for the batch's own: test accuracy both ways, and
// one unit's batch mean against its running average.
import { History } from '../runtime/history.js';
import { button, element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { TRAIN_VS_EVAL_SETTINGS } from '../worker/experiments/why.js';
import { Figure } from './figure.js';

export class TrainVsEvalFigure extends Figure {
  static title = 'Training mode and test time';
  static explain =
    "While training, each unit is normalized with its own batch's μ and σ². A trained network must answer for one " +
    'example at a time, so it keeps running averages of both and uses those instead. Each step moves the averages by ' +
    "the momentum — here 0.01, Keras' default (its 0.99 is the weight of the old average; PyTorch counts the newest " +
    "batch's). So slow, the averages lag behind the learning weights: in our runs (five seeds) test accuracy with them " +
    "stays at chance for the first 100 steps while the test set's own statistics already give 81–97%, and the gap " +
    "stays above 10 points until step 275–320. Move the momentum to 0.1, PyTorch's default: the gap lasts 5 to 20 steps. Smaller " +
    'batches make the batch μ noisier; at a batch of 2 every normalized value is ±1 and nothing is learned.';
  static controls = ['batch', 'momentum', 'lr'];
  static overrides = { ...TRAIN_VS_EVAL_SETTINGS, speed: 5 };

  options() {
    return {
      nets: [{ id: 'before', label: 'batch norm on z', batchNorm: 'before' }],
      measures: ['curves', 'anatomy', 'evalVsBatch'],
    };
  }

  build(body) {
    const running = { label: 'running averages (used at test time)', color: '#0072B2' };
    const own = { label: "the batch's own μ and σ² (training mode)", color: '#CC79A7', dash: [6, 4] };
    seriesLegend(body.appendChild(element('div')), [running, own]);
    const charts = body.appendChild(element('div', 'bnp-charts'));
    const box = () => charts.appendChild(element('div', 'bnp-chart'));
    this.accuracyChart = new LineChart(box(), {
      title: 'Test accuracy',
      yLabel: 'accuracy',
      yRange: [0, 1],
      height: this.height,
      legend: false,
      series: [running, { ...own, label: 'the test set as one batch' }],
    });
    this.statsChart = new LineChart(box(), {
      title: `μ of layer ${this.settings.layer}, unit ${this.settings.unit}`,
      yLabel: 'μ',
      height: this.height,
      legend: false,
      series: [
        { ...own, label: 'batch μ_B', width: 1 },
        { ...running, label: 'running μ' },
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
      batchMean: net.anatomy?.batchMean,
      runningMean: net.anatomy?.runningMean,
    });
  }

  resetDrawing() {
    this.history.clear();
  }

  draw() {
    const h = this.history;
    this.accuracyChart.update(h.steps, [h.get('eval'), h.get('batch')]);
    this.statsChart.update(h.steps, [h.get('batchMean'), h.get('runningMean')]);
  }

  destroyDrawing() {
    this.accuracyChart.destroy();
    this.statsChart.destroy();
  }
}
