// Santurkar et al.'s experiment (2018, Fig. 2) on our networks: batch norm with noise injected after it, so
// that every layer's inputs move at every step, trained beside plain batch norm and no batch norm.
import { History } from '../runtime/history.js';
import { netStyle } from '../views/colors.js';
import { element } from '../views/dom.js';
import { percentileChart, sharedRange } from '../views/line-chart.js';
import { CurvesFigure } from './curves.js';

const BAND = ['p15', 'p50', 'p85'];

export class NoisyBnFigure extends CurvesFigure {
  build(body) {
    super.build(body);
    const charts = body.appendChild(element('div', 'bnp-charts'));
    this.bands = new History();
    this.bandCharts = this.entry.nets.map((net) =>
      percentileChart(charts.appendChild(element('div', 'bnp-chart')), {
        title: `${net.label}: a last-layer unit's input in training`,
        ...netStyle(net.id),
        height: this.height,
      }),
    );
  }

  record(s) {
    super.record(s);
    const values = {};
    for (const net of s.nets) for (const p of BAND) values[`${net.id}.${p}`] = net.trainingBand?.[p];
    if (s.nets.some((net) => net.trainingBand)) this.bands.add(s.step, values);
  }

  histories() {
    return { main: this.history, bands: this.bands };
  }

  resetDrawing() {
    super.resetDrawing();
    this.bands?.clear();
  }

  draw(s) {
    super.draw(s);
    const columns = this.entry.nets.map((net) => BAND.map((p) => this.bands.get(`${net.id}.${p}`)));
    const range = sharedRange(columns.flat()); // one scale for the three bands
    this.entry.nets.forEach((net, k) => this.bandCharts[k].update(this.bands.steps, columns[k], range));
  }

  destroyDrawing() {
    super.destroyDrawing();
    for (const chart of this.bandCharts ?? []) chart.destroy();
  }
}
