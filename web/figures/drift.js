// Ioffe & Szegedy (2015), Figure 1 (b, c), on toy data: one last-hidden-layer unit's input over training.
// Its settings (in its table entry) are ones where both networks learn.
import { History } from '../runtime/history.js';
import { netStyle } from '../views/colors.js';
import { element } from '../views/dom.js';
import { percentileChart, sharedRange } from '../views/line-chart.js';
import { netsFor } from '../worker/trainer.js';
import { Figure } from './figure.js';

const BAND = ['p15', 'p50', 'p85'];

export class DriftFigure extends Figure {
  build(body) {
    const charts = body.appendChild(element('div', 'bnp-charts'));
    this.history = new History();
    this.nets = netsFor(this.settings);
    this.charts = this.nets.map((net) => {
      return percentileChart(charts.appendChild(element('div', 'bnp-chart')), {
        title: net.label,
        yLabel: 'input to the unit',
        ...netStyle(net.id),
        height: this.height,
      });
    });
  }

  record(s) {
    const values = {};
    for (const net of s.nets) for (const p of BAND) values[`${net.id}.${p}`] = net.unitBand?.[p];
    if (s.nets.some((net) => net.unitBand)) this.history.add(s.step, values);
  }

  resetDrawing() {
    this.history.clear();
  }

  draw() {
    const columns = this.nets.map((net) => BAND.map((p) => this.history.get(`${net.id}.${p}`)));
    const range = sharedRange(columns.flat()); // one scale, so the two bands compare at a glance
    this.nets.forEach((net, k) => this.charts[k].update(this.history.steps, columns[k], range));
  }

  destroyDrawing() {
    for (const chart of this.charts) chart.destroy();
  }
}
