// Training only γ and β on real digits: the paper's MNIST network with batch norm (784-100-100-100-10 sigmoid,
// small Gaussian initial weights) three times from one start on the same mini-batches — everything trained, only
// γ and β, and as many other parameters chosen at random (Frankle et al.'s control) — test accuracy every 500
// steps (and at 0, 100 … 400). One run per network, on the worker pool, like the mnist figure.
import { History } from '../runtime/history.js';
import { mnistBytes } from '../runtime/loaders.js';
import { netStyle } from '../views/colors.js';
import { element } from '../views/dom.js';
import { figureLegend } from '../views/legend.js';
import { percent } from '../views/format.js';
import { LineChart } from '../views/line-chart.js';
import { Figure } from './figure.js';

export const DIGIT_STEPS = 3000;

export class GammaBetaDigitsFigure extends Figure {
  build(body) {
    figureLegend(body.appendChild(element('div')), this.entry.nets);
    this.progressText = body.appendChild(element('p', 'bnp-counter', `${DIGIT_STEPS.toLocaleString('en')} steps`));
    const box = body.appendChild(element('div', 'bnp-chart'));
    this.summary = body.appendChild(element('p', 'bnp-summary', '\u00a0'));
    this.chart = new LineChart(box, {
      title: 'Test accuracy on 2,000 held-out digits',
      yLabel: 'accuracy',
      height: this.height,
      yRange: [0, 1],
      legend: false,
      series: this.entry.nets.map((n) => ({ label: n.label, ...netStyle(n.id) })),
    });
    this.resetDrawing();
  }

  resetDrawing() {
    this.checkpoints = Object.fromEntries(this.entry.nets.map((n) => [n.id, new History(Infinity)]));
  }

  /** The digits, fetched once per page; each worker gets them once. */
  async prepare() {
    this.progressText.textContent = 'loading the digits…';
    this.digits = await mnistBytes().catch((error) => {
      this.progressText.textContent = 'the digits could not be loaded (see below)';
      throw error;
    });
    this.progressText.textContent = `${DIGIT_STEPS.toLocaleString('en')} steps`;
  }

  runSpecs() {
    const shared = { mnist: { bytes: this.digits, compressed: false } };
    return this.entry.nets.map((n) => ({
      id: n.id,
      label: n.label,
      experiment: this.entry.experiment,
      options: { batchNorm: n.batchNorm, data: 'small', totalSteps: DIGIT_STEPS, trainable: n.trainable ?? 'all' },
      shared,
    }));
  }

  histories() {
    return this.checkpoints;
  }

  record(message, id) {
    for (const c of message.checkpoints) this.checkpoints[id].add(c.step, { accuracy: c.testAccuracy });
  }

  playLabel() {
    return this.step >= DIGIT_STEPS ? 'Done' : 'Play';
  }

  draw() {
    const histories = this.entry.nets.map((n) => this.checkpoints[n.id]);
    const longest = histories.reduce((a, b) => (b.steps.length > a.steps.length ? b : a));
    this.chart.update(
      longest.steps,
      histories.map((h) => {
        const accuracy = h.get('accuracy'); // once per history, not once per point
        return longest.steps.map((_, i) => accuracy[i] ?? null);
      }),
    );
    const last = (h) => h.get('accuracy').at(-1);
    if (histories.every((h) => h.steps.length))
      this.summary.textContent =
        `Test accuracy at step ${Math.min(...histories.map((h) => h.steps.at(-1))).toLocaleString('en')}: ` +
        this.entry.nets.map((n, k) => `${n.label} ${percent(last(histories[k]), 0)}`).join(', ') +
        ' (chance: 10%).';
  }

  destroyDrawing() {
    this.chart.destroy();
  }
}
