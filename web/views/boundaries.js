// What the page and the curve figures both show for each network: its decision heatmap with a caption (a
// colour swatch, its name, its test accuracy) and a line that says when it diverged; and the train/test
// series of its learning curves.
import { netStyle, withAlpha } from './colors.js';
import { element } from './dom.js';
import { divergedMessage } from './format.js';
import { Heatmap } from './heatmap.js';
import { TRAIN_TEST } from './legend.js';

/**
 * Loss or accuracy lines: per network, in the network's colour, the training points a wide faint line and the
 * held-out points dashed over it — so where the two coincide both still show.
 */
export function curveSeries(nets) {
  return nets.flatMap((net) => {
    const { meaning, color, marker } = netStyle(net.id);
    return [
      { label: `${net.label}, train`, meaning, color: withAlpha(color, 0.6), width: 4 },
      { label: `${net.label}, test`, meaning, color, dash: TEST_DASH, width: 1.5, marker },
    ];
  });
}
const TEST_DASH = TRAIN_TEST[1].dash;

export class BoundaryCard {
  constructor(container, net) {
    const figure = element('figure', 'boundary');
    figure.dataset.net = net.id;
    const caption = figure.appendChild(element('figcaption'));
    const swatch = element('span', 'swatch'); // a short line in its colour (squares mean held-out points)
    swatch.style.background = netStyle(net.id).color;
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
