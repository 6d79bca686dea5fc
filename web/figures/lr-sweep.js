// Batch norm tolerates larger learning rates: the loss after a fixed number of steps, for learning rates
// spread over four and a half decades, plain vs batch norm, with the runs that blew up marked.

import { NET_COLORS } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { Figure } from './figure.js';

const CEILING = 2; // where diverged runs are drawn; larger finite losses are drawn there too
const GOOD = 0.3; // a loss that means the network has learned the task

export class LrSweepFigure extends Figure {
  build(body) {
    const legend = seriesLegend(element('div'), [
      { label: 'no batch norm', color: NET_COLORS.plain, marker: 'dot' },
      { label: 'batch norm', color: NET_COLORS.before, marker: 'dot' },
      { label: 'blew up (drawn at the top)', color: '#57606a', marker: 'ring', line: false },
    ]);
    this.box = element('div', 'bnp-chart');
    this.summary = element('p', 'bnp-summary', '\u00a0');
    body.append(legend, this.box, this.summary);
    this.buildChart(this.settings.sweepSteps ?? 300);
  }

  ready({ steps }) {
    if (steps !== this.steps) this.buildChart(steps);
  }

  buildChart(steps) {
    this.steps = steps;
    this.chart?.destroy();
    const dots = (color) => ({ show: true, size: 7, fill: color, stroke: color });
    const rings = { show: true, size: 9, fill: '#fff' }; // open circles at the top: blown-up runs
    this.chart = new LineChart(this.box, {
      title: `Loss after ${steps} steps`,
      xLabel: 'learning rate',
      yLabel: 'loss',
      logX: true,
      height: this.height,
      yRange: [0, CEILING * 1.05],
      legend: false,
      series: [
        { label: 'no batch norm', color: NET_COLORS.plain, points: dots(NET_COLORS.plain) },
        { label: 'batch norm', color: NET_COLORS.before, points: dots(NET_COLORS.before) },
        { label: 'no batch norm: blew up', color: NET_COLORS.plain, points: rings, paths: () => null },
        { label: 'batch norm: blew up', color: NET_COLORS.before, points: rings, paths: () => null },
      ],
    });
    this.chart.update([], [[], [], [], []]);
  }

  draw(s) {
    if (!this.chart) return;
    const r = s.results;
    // A run blew up when its loss became infinite or NaN, or ended above CEILING (worse than guessing).
    const blewUp = (run) => run.diverged !== null || run.loss > CEILING;
    const finite = (run) => (blewUp(run) ? null : run.loss);
    const marker = (run, lift) => (blewUp(run) ? CEILING * lift : null); // plain a little lower, so both show
    this.chart.update(
      r.map((x) => x.lr),
      [
        r.map((x) => finite(x.plain)),
        r.map((x) => finite(x.bn)),
        r.map((x) => marker(x.plain, 0.94)),
        r.map((x) => marker(x.bn, 1)),
      ],
    );
    // The learning rates that got the loss under GOOD: a range for each network.
    const span = (key) => {
      const good = r.filter((x) => x[key].diverged === null && x[key].loss < GOOD).map((x) => x.lr);
      return good.length ? `${good[0]} to ${good.at(-1)}` : 'none of them';
    };
    this.summary.textContent =
      r.length < s.rates.length
        ? `training ${r.length} of ${s.rates.length} learning rates…`
        : `Learning rates that brought the loss under ${GOOD} in ${s.steps} steps: ${span('plain')} without batch norm, ${span('bn')} with it.`;
  }

  destroyDrawing() {
    this.chart?.destroy();
  }
}
