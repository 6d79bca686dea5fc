// What the page and the curve figures both show for each network: its decision heatmap with a caption (a
// colour swatch, its name, its test accuracy) and a line that says when it diverged; and the train/test
// series of its learning curves.
import { NET_COLORS } from './colors.js';
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
  /** points: the training and test points to draw over the map (or later, with setPoints). */
  constructor(container, net, points = null) {
    const figure = document.createElement('figure');
    figure.className = 'boundary';
    figure.dataset.net = net.id;
    const caption = document.createElement('figcaption');
    const swatch = Object.assign(document.createElement('span'), { className: 'swatch' });
    swatch.style.background = NET_COLORS[net.id];
    this.accuracy = Object.assign(document.createElement('span'), { className: 'accuracy' });
    caption.append(swatch, `${net.label} `, this.accuracy);
    this.map = new Heatmap(figure, { label: `decision regions of the network with ${net.label}` });
    if (points) this.map.setPoints(points);
    this.diverged = Object.assign(document.createElement('p'), { className: 'diverged' });
    figure.prepend(caption);
    figure.append(this.diverged);
    container.append(figure);
  }

  setPoints(points) {
    this.map.setPoints(points);
  }

  /** s: this network's part of a snapshot; drawMap false skips the heatmap (off screen). */
  update(s, drawMap = true) {
    if (s.boundary && drawMap) this.map.update(s.boundary);
    this.accuracy.textContent = Number.isFinite(s.testAccuracy) ? `test accuracy ${(100 * s.testAccuracy).toFixed(1)}%` : '';
    this.diverged.textContent = s.diverged !== null ? divergedMessage(s.diverged) : '';
  }
}
