// What the page and the curve figures both show for each network: its decision heatmap with a caption (a
// colour swatch, its name, its test accuracy) and a line that says when it diverged; and the train/test
// series of its learning curves.
import { NET_COLORS } from './colors.js';
import { element } from './dom.js';
import { divergedMessage } from './format.js';
import { Heatmap } from './heatmap.js';

/** Loss or accuracy lines: per network, train solid and test dashed, in the network's colour. */
export function curveSeries(nets) {
  return nets.flatMap((net) => [
    { label: `${net.label}, train`, color: NET_COLORS[net.id] },
    { label: `${net.label}, test`, color: NET_COLORS[net.id], dash: [6, 4] },
  ]);
}

export class BoundaryCard {
  constructor(container, net) {
    const figure = element('figure', 'boundary');
    figure.dataset.net = net.id;
    const caption = figure.appendChild(element('figcaption'));
    const swatch = element('span', 'swatch');
    swatch.style.background = NET_COLORS[net.id];
    this.accuracy = element('span', 'accuracy');
    caption.append(swatch, `${net.label} `, this.accuracy);
    this.map = new Heatmap(figure, { label: `decision regions of the network with ${net.label}` });
    this.diverged = figure.appendChild(element('p', 'diverged'));
    container.append(figure);
  }

  /** The training and test points drawn over the map. */
  setPoints(points) {
    this.map.setPoints(points);
  }

  /** s: this network's part of a snapshot (the map is redrawn when it carries a boundary). */
  update(s) {
    if (s.boundary) this.map.update(s.boundary);
    this.accuracy.textContent = Number.isFinite(s.testAccuracy)
      ? `test accuracy ${(100 * s.testAccuracy).toFixed(1)}%`
      : '';
    this.diverged.textContent = s.diverged !== null ? divergedMessage(s.diverged) : '';
  }
}
