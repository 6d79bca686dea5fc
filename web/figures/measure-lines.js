// Figures that chart one measure per network over training: a History of the measure's values and one line
// chart per quantity (the entry's `quantities`), a line per network in its colour (covariate-shift, smoothness).
import { History } from '../runtime/history.js';
import { netStyle } from '../views/colors.js';
import { element } from '../views/dom.js';
import { figureLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { Figure } from './figure.js';

const SMOOTH = 9;

export class MeasureLinesFigure extends Figure {
  build(body) {
    figureLegend(body.appendChild(element('div')), this.entry.nets);
    const charts = body.appendChild(element('div', 'bnp-charts'));
    this.history = new History();
    this.charts = this.entry.quantities.map(
      (q) =>
        new LineChart(charts.appendChild(element('div', 'bnp-chart')), {
          title: q.title,
          yLabel: q.yLabel,
          height: this.height,
          yRange: q.yRange ?? null,
          logY: q.logY ?? false,
          smooth: SMOOTH, // measured every few steps, spiky: the average over 9 points carries the claim
          legend: false,
          series: this.entry.nets.map((net) => ({
            label: net.label,
            ...netStyle(net.id),
          })),
        }),
    );
  }

  record(s) {
    const values = {};
    this.entry.quantities.forEach((q, k) => {
      for (const net of s.nets) values[`${k}.${net.id}`] = q.value(net);
    });
    // From step 0 where the measure has a value there (smoothness does; covariate shift needs a step first).
    if (s.step > 0 || Object.values(values).some((v) => v !== null && v !== undefined))
      this.history.add(s.step, values);
  }

  resetDrawing() {
    this.history?.clear();
  }

  draw() {
    this.charts.forEach((chart, k) =>
      chart.update(
        this.history.steps,
        this.entry.nets.map((net) => this.history.get(`${k}.${net.id}`)),
      ),
    );
  }

  destroyDrawing() {
    for (const chart of this.charts) chart.destroy();
  }
}
