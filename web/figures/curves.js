// The curves view (placement, regularization; compare, noisy-bn and the page build on it): loss and accuracy of
// each network over training, optionally with the decision heatmaps and a table of where each network stands.
// The charts exist from the start (an empty frame before Play); heatmap cards appear with the data points.
import { History } from '../runtime/history.js';
import { netsFor } from '../worker/trainer.js';
import { BoundaryCard, curveSeries } from '../views/boundaries.js';
import { heatmapKey } from '../views/heatmap.js';
import { netStyle } from '../views/colors.js';
import { element, netTable } from '../views/dom.js';
import { TRAIN_TEST, figureLegend } from '../views/legend.js';
import { divergedMessage, percent } from '../views/format.js';
import { LineChart, rangeWithout } from '../views/line-chart.js';
import { Figure } from './figure.js';

const CURVES = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'];

/** The history columns of one snapshot: `${net}.${measure}` for the curves and, when measured, the layer bands. */
export function curveValues(snapshot) {
  const values = {};
  for (const net of snapshot.nets) {
    for (const m of CURVES) values[`${net.id}.${m}`] = net[m];
    net.layers?.forEach((band, l) => {
      for (const p of ['p15', 'p50', 'p85']) values[`${net.id}.layer${l}.${p}`] = band[p];
    });
  }
  return values;
}

export class CurvesFigure extends Figure {
  /** The networks this figure compares (the worker trains the same list). */
  nets() {
    return this.options().nets ?? netsFor(this.settings);
  }

  /** Does it draw each network's decision regions (its measures include 'boundary')? */
  get heatmaps() {
    return this.options().measures.includes('boundary');
  }

  /** Where the charts, heatmaps and table go: the figure's body (the page gives its own panels). */
  slots(body) {
    const slots = {
      legend: element('div'),
      loss: element('div', 'bnp-chart'),
      accuracy: element('div', 'bnp-chart'),
      maps: element('div', 'bnp-heatmaps'),
      key: element('div'),
      table: element('table', 'bnp-table'),
    };
    const charts = element('div', 'bnp-charts');
    charts.append(slots.loss, slots.accuracy);
    body.append(slots.legend, charts, slots.maps, slots.key);
    if (this.entry.summaryTable) body.append(slots.table);
    return slots;
  }

  build(body) {
    this.history = new History();
    this.where = this.slots(body);
    this.buildCurves(this.nets());
  }

  /** The charts and heatmap cards for these networks, at their final size before any data arrives. */
  buildCurves(nets) {
    this.shownNets = nets;
    this.lossChart?.destroy();
    this.accuracyChart?.destroy();
    const series = curveSeries(nets);
    figureLegend(this.where.legend, nets, TRAIN_TEST);
    this.lossChart = new LineChart(this.where.loss, {
      title: 'Loss',
      yLabel: 'loss',
      series,
      smooth: this.entry.smooth ?? 0,
      height: this.height,
      legend: false,
    });
    this.accuracyChart = new LineChart(this.where.accuracy, {
      title: 'Accuracy',
      yLabel: 'accuracy',
      series,
      smooth: this.entry.smooth ?? 0,
      yRange: [0, 1],
      height: this.height,
      legend: false,
    });
    this.where.maps.replaceChildren();
    this.heatmapViews = this.heatmaps ? nets.map((net) => new BoundaryCard(this.where.maps, net)) : [];
    if (this.heatmaps) heatmapKey(this.where.key);
    else this.where.key.replaceChildren();
  }

  ready({ points, nets }) {
    if (nets.map((n) => n.id).join() !== this.shownNets.map((n) => n.id).join()) this.buildCurves(nets);
    for (const card of this.heatmapViews) card.setPoints(points);
  }

  record(snapshot) {
    this.history.add(snapshot.step, curveValues(snapshot));
  }

  resetDrawing() {
    this.history.clear();
  }

  /** The history's columns `${net}.${measure}` for every network, in the charts' series order. */
  columns(measures) {
    return this.shownNets.flatMap((net) => measures.map((m) => this.history.get(`${net.id}.${m}`)));
  }

  draw(s) {
    this.drawCurves();
    this.drawHeatmaps(s);
    if (this.entry.summaryTable) this.#table(s);
  }

  /** The ids of the networks that diverged by this snapshot: their values never set a chart's scale. */
  divergedNets(s) {
    return new Set(
      (s?.nets ?? []).filter((net) => net.diverged !== null && net.diverged !== undefined).map((net) => net.id),
    );
  }

  drawCurves() {
    const diverged = this.divergedNets(this.latest);
    const loss = this.shownNets.map((net) => ['trainLoss', 'testLoss'].map((m) => this.history.get(`${net.id}.${m}`)));
    this.lossChart.update(
      this.history.steps,
      loss.flat(),
      rangeWithout(
        loss,
        this.shownNets.map((net) => diverged.has(net.id)),
      ),
    );
    this.accuracyChart.update(this.history.steps, this.columns(['trainAccuracy', 'testAccuracy']));
  }

  drawHeatmaps(s) {
    s.nets.forEach((net, k) => this.heatmapViews[k]?.update(net));
  }

  #table(s) {
    const loss = (net) =>
      net.diverged !== null
        ? divergedMessage(net.diverged)
        : Number.isFinite(net.testLoss)
          ? net.testLoss.toFixed(3)
          : '—';
    netTable(
      this.where.table,
      `at step ${s.step.toLocaleString('en')}`,
      ['network', 'train accuracy', 'test accuracy', 'test loss'],
      s.nets,
      (net) => netStyle(net.id).color,
      (net) => [percent(net.trainAccuracy), percent(net.testAccuracy), loss(net)],
    );
  }

  destroyDrawing() {
    this.lossChart?.destroy();
    this.accuracyChart?.destroy();
  }
}
