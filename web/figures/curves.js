// Figures built on learning curves: loss and accuracy of each network over training, optionally with the
// decision heatmaps and a table of where each network stands.
import { History } from '../app/history.js';
import { NET_COLORS } from '../views/colors.js';
import { BoundaryCard, curveSeries } from '../views/boundaries.js';
import { LineChart } from '../views/line-chart.js';
import { Figure, element, netTable, percent } from './figure.js';

export class CurvesFigure extends Figure {
  static heatmaps = false;
  static table = false;

  build(body) {
    this.charts = element('div', 'bnp-charts');
    this.maps = element('div', 'bnp-heatmaps');
    this.tableBox = element('table', 'bnp-table');
    body.append(this.charts, this.maps, this.tableBox);
  }

  ready({ points, nets }) {
    this.nets = nets;
    this.history = new History(nets.map((n) => n.id), this.values.depth);
    this.destroyDrawing();
    const series = curveSeries(nets);
    const loss = element('div', 'bnp-chart'), accuracy = element('div', 'bnp-chart');
    this.charts.append(loss, accuracy);
    this.lossChart = new LineChart(loss, { title: 'Loss', yLabel: 'loss', series, height: this.height });
    this.accuracyChart = new LineChart(accuracy, { title: 'Accuracy', yLabel: 'accuracy', series, yRange: [0, 1], height: this.height });
    this.heatmapViews = this.constructor.heatmaps ? nets.map((net) => new BoundaryCard(this.maps, net, points)) : [];
  }

  record(snapshot) {
    this.history?.add(snapshot);
  }

  resetDrawing() {
    if (this.nets) this.history = new History(this.nets.map((n) => n.id), this.values.depth);
  }

  draw(s) {
    if (!this.history) return;
    const columns = (measures) => this.nets.flatMap((net) => measures.map((m) => this.history.get(`${net.id}.${m}`)));
    this.lossChart.update(this.history.steps, columns(['trainLoss', 'testLoss']));
    this.accuracyChart.update(this.history.steps, columns(['trainAccuracy', 'testAccuracy']));
    s.nets.forEach((net, k) => this.heatmapViews[k]?.update(net));
    if (this.constructor.table) this.#table(s);
  }

  #table(s) {
    const loss = (net) => (net.diverged !== null ? `diverged at step ${net.diverged}` : Number.isFinite(net.testLoss) ? net.testLoss.toFixed(3) : '—');
    netTable(this.tableBox, `at step ${s.step.toLocaleString('en')}`, ['network', 'train accuracy', 'test accuracy', 'test loss'], s.nets,
      (net) => NET_COLORS[net.id], (net) => [percent(net.trainAccuracy), percent(net.testAccuracy), loss(net)]);
  }

  destroyDrawing() {
    this.lossChart?.destroy();
    this.accuracyChart?.destroy();
    this.charts?.replaceChildren();
    this.maps?.replaceChildren();
  }
}
