// One chart per hidden layer: the 15th, 50th and 85th percentiles of what its activation function receives,
// over training, a band per network in the network's colour.
import { netStyle, withAlpha } from './colors.js';
import { element } from './dom.js';
import { LineChart, rangeWithout } from './line-chart.js';

export class LayerBands {
  #container;
  #charts = [];

  constructor(container) {
    this.#container = container;
  }

  /** One chart per hidden layer (depth of them) for these networks; only rebuilt when either changes. */
  setNets(nets, depth) {
    const key = `${nets.map((n) => n.id).join()}/${depth}`;
    if (key === this.key) return;
    this.key = key;
    this.destroy();
    this.#charts = Array.from({ length: depth }, (_, l) => {
      const box = this.#container.appendChild(element('div', 'band-chart'));
      const series = nets.flatMap((net) =>
        ['p15', 'p50', 'p85'].map((p) => ({
          label: `${net.label} ${p}`,
          ...netStyle(net.id),
          dash: null,
          width: p === 'p50' ? 2 : 0.5,
        })),
      );
      const bands = nets.map((net, k) => [3 * k + 1, 3 * k + 3, withAlpha(netStyle(net.id).color, 0.2)]);
      return new LineChart(box, {
        title: `Hidden layer ${l + 1}: input to the activation (15/50/85th percentiles)`,
        yLabel: 'value',
        series,
        bands,
        height: 160,
        legend: false,
      });
    });
    this.nets = nets;
  }

  /**
   * column(name) → values for `${net}.layer${l}.${p}`, against steps. The y range is fitted to the networks
   * that have not diverged (a diverged network's last values, 10⁷ and more, would flatten the others).
   */
  update(steps, column, diverged = new Set()) {
    this.#charts.forEach((chart, l) => {
      const columns = this.nets.map((net) => ['p15', 'p50', 'p85'].map((p) => column(`${net.id}.layer${l}.${p}`)));
      chart.update(
        steps,
        columns.flat(),
        rangeWithout(
          columns,
          this.nets.map((net) => diverged.has(net.id)),
        ),
      );
    });
  }

  destroy() {
    for (const chart of this.#charts) chart.destroy();
    this.#charts = [];
    this.#container.replaceChildren();
  }
}
