// A decision heatmap on a canvas: the predicted probability of class 1 over the plane, with the training
// points (filled) and test points (ringed) on top.
import { CLASS_COLORS } from './colors.js';
import { paintGrid } from './paint.js';

export class Heatmap {
  #canvas;
  #points = null;
  #layer = null; // the training and test points, drawn once per setPoints

  constructor(container, { label }) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = 240;
    this.#canvas.height = 240;
    this.#canvas.className = 'heatmap';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', label);
    container.append(this.#canvas);
  }

  /**
   * points: { train: {x, y, n}, test: {x, y, n}, scale, grid, extent } as the trainer gives them. They are
   * drawn once onto a layer of their own, which every update then copies over the map.
   */
  setPoints(points) {
    this.#points = points;
    const size = this.#canvas.width;
    this.#layer ??= Object.assign(document.createElement('canvas'), { width: size, height: size });
    const ctx = this.#layer.getContext('2d');
    ctx.clearRect(0, 0, size, size);
    const toPixel = (x1, x2) => [
      ((x1 / points.scale + points.extent) / (2 * points.extent)) * size,
      ((points.extent - x2) / (2 * points.extent)) * size,
    ];
    for (const [set, ringed] of [
      [points.train, false],
      [points.test, true],
    ]) {
      for (let i = 0; i < set.n; i++) {
        const [px, py] = toPixel(set.x[2 * i], set.x[2 * i + 1]);
        const c = set.y[i] === 1 ? CLASS_COLORS.one : CLASS_COLORS.zero;
        ctx.beginPath();
        ctx.arc(px, py, 3, 0, 2 * Math.PI);
        ctx.fillStyle = ringed ? '#fff' : `rgb(${c.join(',')})`;
        ctx.strokeStyle = ringed ? `rgb(${c.join(',')})` : '#fff';
        ctx.lineWidth = ringed ? 1.5 : 1;
        ctx.fill();
        ctx.stroke();
      }
    }
  }

  /** probabilities: Float32Array [grid × grid], row 0 at the top. */
  update(probabilities) {
    const p = this.#points;
    if (!p || !probabilities) return;
    const ctx = this.#canvas.getContext('2d');
    paintGrid(ctx, probabilities, p.grid, (q) => {
      // Fade to white near 0.5, where the network is unsure.
      const strength = Number.isFinite(q) ? Math.abs(q - 0.5) * 2 : 0;
      const c = q > 0.5 ? CLASS_COLORS.one : CLASS_COLORS.zero;
      return c.map((channel) => Math.round(255 - strength * 0.6 * (255 - channel)));
    });
    ctx.drawImage(this.#layer, 0, 0);
  }
}
