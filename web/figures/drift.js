// Ioffe & Szegedy (2015), Figure 1 (b, c), on toy data: one last-hidden-layer unit's input over training.
import { NET_COLORS } from '../views/colors.js';
import { LineChart } from '../views/line-chart.js';
import { Figure, element } from './figure.js';

export class DriftFigure extends Figure {
  static title = 'Why it helps: the inputs of later layers stop drifting';
  static explain =
    'The 15th, 50th and 85th percentiles of what one sigmoid in the last hidden layer receives, over training. ' +
    'Without batch norm this distribution wanders as the layers below learn, so the unit keeps chasing a moving ' +
    'target; with it, the distribution holds still (after Ioffe & Szegedy, 2015, Figure 1).';
  static controls = ['unit', 'lr'];
  static overrides = { activation: 'sigmoid', depth: 3, width: 8, dataset: 'spiral', lr: 0.5, speed: 10, layer: 3 };

  build(body) {
    this.charts = element('div', 'bnp-charts');
    body.append(this.charts);
  }

  options() {
    return { snapshot: { heatmap: false, unitBand: true } };
  }

  ready({ nets }) {
    this.nets = nets;
    this.destroyDrawing();
    this.series = nets.map((net) => {
      const box = element('div', 'bnp-chart');
      this.charts.append(box);
      const color = NET_COLORS[net.id];
      const chart = new LineChart(box, {
        title: net.label, yLabel: 'input to the unit', height: this.height, legend: false,
        series: [{ label: '15th', color, width: 1 }, { label: '50th', color, width: 2 }, { label: '85th', color, width: 1 }],
        bands: [[1, 3, color + '33']],
      });
      return { chart, steps: [], p15: [], p50: [], p85: [] };
    });
  }

  record(s) {
    if (!this.series) return;
    s.nets.forEach((net, k) => {
      const line = this.series[k];
      if (!line || !net.unitBand || (line.steps.length && s.step <= line.steps.at(-1))) return;
      line.steps.push(s.step);
      for (const p of ['p15', 'p50', 'p85']) line[p].push(net.unitBand[p]);
    });
  }

  resetDrawing() {
    for (const line of this.series ?? []) for (const key of ['steps', 'p15', 'p50', 'p85']) line[key] = [];
  }

  draw() {
    for (const line of this.series ?? []) line.chart.update(line.steps, [line.p15, line.p50, line.p85]);
  }

  destroyDrawing() {
    for (const line of this.series ?? []) line.chart.destroy();
    this.charts?.replaceChildren();
  }
}
