// Figures that chart one measure per network over training: a History of the measure's values and one line
// chart per quantity, a line per network in its colour (covariate-shift, smoothness).
import { History } from '../runtime/history.js';
import { NET_COLORS } from '../views/colors.js';
import { element } from '../views/dom.js';
import { figureLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { WHY_NETS, WHY_SETTINGS } from '../worker/experiments/why.js';
import { Figure } from './figure.js';

export class MeasureLinesFigure extends Figure {
  static controls = ['lr', 'seed'];
  static overrides = { ...WHY_SETTINGS, speed: 5 };
  /** [{ title, yLabel, value(net) → number }]: one chart each. */
  static quantities = [];

  options() {
    return { nets: WHY_NETS, measures: this.constructor.measures };
  }

  build(body) {
    figureLegend(body.appendChild(element('div')), WHY_NETS);
    const charts = body.appendChild(element('div', 'bnp-charts'));
    this.history = new History();
    this.charts = this.constructor.quantities.map(
      (q) =>
        new LineChart(charts.appendChild(element('div', 'bnp-chart')), {
          title: q.title,
          yLabel: q.yLabel,
          height: this.height,
          yRange: q.yRange ?? null,
          legend: false,
          series: WHY_NETS.map((net) => ({ label: net.label, color: NET_COLORS[net.id] })),
        }),
    );
  }

  record(s) {
    const values = {};
    this.constructor.quantities.forEach((q, k) => {
      for (const net of s.nets) values[`${k}.${net.id}`] = q.value(net);
    });
    if (s.step > 0) this.history.add(s.step, values);
  }

  resetDrawing() {
    this.history?.clear();
  }

  draw() {
    this.charts.forEach((chart, k) =>
      chart.update(
        this.history.steps,
        WHY_NETS.map((net) => this.history.get(`${k}.${net.id}`)),
      ),
    );
  }

  destroyDrawing() {
    for (const chart of this.charts) chart.destroy();
  }
}

export const mean = (values) => (values?.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
