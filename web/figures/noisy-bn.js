// Santurkar et al.'s experiment (2018, Fig. 2) on our networks: batch norm with noise injected after it, so
// that every layer's inputs move at every step, trained beside plain batch norm and no batch norm.
import { History } from '../runtime/history.js';
import { NET_COLORS } from '../views/colors.js';
import { element } from '../views/dom.js';
import { percentileChart, sharedRange } from '../views/line-chart.js';
import { WHY_NETS, WHY_SETTINGS } from '../worker/experiments/why.js';
import { CurvesFigure } from './curves.js';

const BAND = ['p15', 'p50', 'p85'];

export class NoisyBnFigure extends CurvesFigure {
  static title = 'Noise after batch norm: inputs that never hold still, training that still goes fast';
  static explain =
    "If batch norm helped by keeping each layer's inputs steady, shaking them on purpose should undo the benefit. " +
    'The third network adds, after every batch-norm unit and at every step, a random scale (1 to 2) and shift (−1 to 1), ' +
    'a size of our choosing. Below: what one last-layer unit receives over the current mini-batch during training. In ' +
    "our runs (five seeds, to step 1,000) its band moves 2 to 5 times as much as plain batch norm's, yet in the first " +
    '100 steps it learns as fast (mean training loss 0.15 for both, 0.34 without batch norm). Santurkar et al. (2018) ' +
    'found the same on their networks.';
  static controls = ['lr', 'seed'];
  static overrides = { ...WHY_SETTINGS, speed: 5 };
  static measures = ['curves', 'trainingBand'];

  options() {
    return { nets: WHY_NETS, measures: this.constructor.measures };
  }

  build(body) {
    super.build(body);
    const charts = body.appendChild(element('div', 'bnp-charts'));
    this.bands = new History();
    this.bandCharts = WHY_NETS.map((net) =>
      percentileChart(charts.appendChild(element('div', 'bnp-chart')), {
        title: `${net.label}: a last-layer unit's input in training`,
        color: NET_COLORS[net.id],
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
    const columns = WHY_NETS.map((net) => BAND.map((p) => this.bands.get(`${net.id}.${p}`)));
    const range = sharedRange(columns.flat()); // one scale for the three bands
    WHY_NETS.forEach((net, k) => this.bandCharts[k].update(this.bands.steps, columns[k], range));
  }

  destroyDrawing() {
    super.destroyDrawing();
    for (const chart of this.bandCharts ?? []) chart.destroy();
  }
}
