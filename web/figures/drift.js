// Ioffe & Szegedy (2015), Figure 1 (b, c), on toy data: one last-hidden-layer unit's input over training.
// The settings are the figure's own (DRIFT_SETTINGS), where both networks learn; its claim is tested in
// tests/node/why.test.js.
import { History } from '../runtime/history.js';
import { NET_COLORS } from '../views/colors.js';
import { element } from '../views/dom.js';
import { percentileChart, sharedRange } from '../views/line-chart.js';
import { DRIFT_SETTINGS } from '../worker/experiments/why.js';
import { netsFor } from '../worker/trainer.js';
import { Figure } from './figure.js';

const BAND = ['p15', 'p50', 'p85'];

export class DriftFigure extends Figure {
  static title = 'The first explanation: steadier inputs for later layers';
  static explain =
    'The 15th, 50th and 85th percentiles of what one sigmoid in the last hidden layer receives over the training ' +
    'set, while two networks that both learn the task (two layers of 8 sigmoids, Xavier initial weights) train. ' +
    'Without batch norm the band starts narrow and spreads and slides as the layer below learns; in our runs (five ' +
    'seeds, 3,000 steps) it moved 4 to 14 times its own mean width. With batch norm it is wide from the start and ' +
    "moves 2 to 3.5 times its width — it still moves, since γ and β learn too. The mnist figure shows the paper's " +
    'own version (Ioffe & Szegedy, 2015, Figure 1).';
  static controls = ['unit', 'lr'];
  static overrides = { ...DRIFT_SETTINGS, speed: 20 };
  static measures = ['unitBand'];

  build(body) {
    const charts = body.appendChild(element('div', 'bnp-charts'));
    this.history = new History();
    this.nets = netsFor(this.settings);
    this.charts = this.nets.map((net) => {
      return percentileChart(charts.appendChild(element('div', 'bnp-chart')), {
        title: net.label,
        yLabel: 'input to the unit',
        color: NET_COLORS[net.id],
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
