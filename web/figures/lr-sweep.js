// Batch norm tolerates larger learning rates: the loss after a fixed number of steps, for learning rates
// spread over four and a half decades, plain vs batch norm, with the runs that blew up marked; and how many
// ReLUs each network has left dead (never active on any of the data's points).

import { INK, netStyle } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { SWEEP_RATES } from '../worker/experiments/lr-sweep.js';
import { Figure } from './figure.js';

const CEILING = 2; // where diverged runs are drawn; larger finite losses are drawn there too
const GOOD = 0.3; // a loss that means the network has learned the task
const RATE_RANGE = [SWEEP_RATES[0] / 1.5, SWEEP_RATES.at(-1) * 1.5];
const PLAIN = netStyle('plain'),
  BN = netStyle('before');

/** The dead units of a run, all layers together (null: not a ReLU network, or the run blew up). */
const deadTotal = (run) => (run.dead ? run.dead.reduce((a, b) => a + b, 0) : null);

export class LrSweepFigure extends Figure {
  build(body) {
    const legend = seriesLegend(element('div'), [
      { label: 'no batch norm', ...PLAIN, marker: 'dot' },
      { label: 'batch norm', ...BN, marker: 'dot' },
      { label: 'blew up (drawn at the top)', ...INK, marker: 'ring', line: false },
    ]);
    const charts = element('div', 'bnp-charts');
    this.box = charts.appendChild(element('div', 'bnp-chart'));
    this.deadBox = charts.appendChild(element('div', 'bnp-chart'));
    this.summary = element('p', 'bnp-summary', '\u00a0');
    body.append(legend, charts, this.summary);
    this.buildChart(this.settings.sweepSteps ?? 300);
  }

  ready({ steps }) {
    this.buildChart(steps); // the activation may have changed too: the dead-unit chart says whether it applies
  }

  buildChart(steps) {
    this.steps = steps;
    this.chart?.destroy();
    this.deadChart?.destroy();
    const rings = { show: true, size: 9, fill: '#fff' }; // open circles at the top: blown-up runs
    this.chart = new LineChart(this.box, {
      title: `Loss after ${steps} steps`,
      xLabel: 'learning rate',
      yLabel: 'loss',
      logX: true,
      xRange: RATE_RANGE, // the whole sweep from the start, so the axis holds still as points arrive
      height: this.height,
      yRange: [0, CEILING * 1.05],
      legend: false,
      series: [
        { label: 'no batch norm', ...PLAIN, marker: 'dot' },
        { label: 'batch norm', ...BN, marker: 'dot' },
        { label: 'no batch norm', said: 'blew up', ...PLAIN, points: rings, paths: () => null },
        { label: 'batch norm', said: 'blew up', ...BN, points: rings, paths: () => null },
      ],
    });
    this.chart.update([], [[], [], [], []]);
    const units = this.settings.depth * this.settings.width;
    this.deadChart = new LineChart(this.deadBox, {
      title:
        this.settings.activation === 'relu'
          ? `Dead ReLUs after ${steps} steps (of ${units})`
          : `Dead units: only ReLUs die (these are ${this.settings.activation})`,
      xLabel: 'learning rate',
      yLabel: 'units never active',
      logX: true,
      xRange: RATE_RANGE,
      height: this.height,
      yRange: [0, units],
      legend: false,
      series: [
        { label: 'no batch norm', ...PLAIN, marker: 'dot' },
        { label: 'batch norm', ...BN, marker: 'dot' },
      ],
    });
    this.deadChart.update([], [[], []]);
  }

  draw(s) {
    if (!this.chart) return;
    const r = s.results;
    // A run blew up when its loss became infinite or NaN, or ended above CEILING (worse than guessing).
    const blewUp = (run) => run.diverged !== null || run.loss > CEILING;
    const finite = (run) => (blewUp(run) ? null : run.loss);
    const marker = (run, lift) => (blewUp(run) ? CEILING * lift : null); // plain a little lower, so both show
    const rates = r.map((x) => x.lr);
    this.chart.update(rates, [
      r.map((x) => finite(x.plain)),
      r.map((x) => finite(x.bn)),
      r.map((x) => marker(x.plain, 0.94)),
      r.map((x) => marker(x.bn, 1)),
    ]);
    this.deadChart.update(rates, [r.map((x) => deadTotal(x.plain)), r.map((x) => deadTotal(x.bn))]);
    this.summary.textContent =
      r.length === s.rates.length
        ? summary(r, s.steps)
        : this.waiting
          ? `Not run yet: Play trains at ${s.rates.length} learning rates, ${s.steps} steps each.`
          : `training ${r.length} of ${s.rates.length} learning rates…`;
  }

  destroyDrawing() {
    this.chart?.destroy();
    this.deadChart?.destroy();
  }
}

/**
 * The learning rates at which each network learned (loss under GOOD), and at the largest rate where only batch
 * norm did, what the plain network's loss and dead units were.
 */
function summary(results, steps) {
  const good = (run) => run.diverged === null && run.loss < GOOD;
  const span = (key) => {
    const rates = results.filter((x) => good(x[key])).map((x) => x.lr);
    return rates.length ? `${rates[0]} to ${rates.at(-1)}` : 'none of them';
  };
  let text = `Learning rates that brought the loss under ${GOOD} in ${steps} steps: ${span('plain')} without batch norm, ${span('bn')} with it.`;
  const onlyBn = results.filter((x) => good(x.bn) && !good(x.plain)).at(-1);
  if (onlyBn?.plain.dead && onlyBn.bn.dead) {
    const per = (dead) => dead.join(', ');
    text +=
      ` At ${onlyBn.lr}, the plain network ended at loss ${onlyBn.plain.loss.toFixed(2)} with ${per(onlyBn.plain.dead)} ` +
      `dead ReLUs in its layers 1 to ${onlyBn.plain.dead.length}; batch norm at ${onlyBn.bn.loss.toFixed(2)} with ${per(onlyBn.bn.dead)}.`;
  }
  return text;
}
