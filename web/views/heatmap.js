// A decision heatmap on a canvas: the predicted probability of class 1 over the plane, with the training
// points (filled) and test points (ringed) on top.
import { CLASS_COLORS } from './colors.js';
import { paintGrid } from './paint.js';

export class Heatmap {
  #canvas;
  #points = null;

  constructor(container, { label }) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = 240;
    this.#canvas.height = 240;
    this.#canvas.className = 'heatmap';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', label);
    container.append(this.#canvas);
  }

  /** points: { train: {x, y, n}, test: {x, y, n}, scale, grid, extent } as the trainer gives them. */
  setPoints(points) {
    this.#points = points;
  }

  /** probabilities: Float32Array [grid × grid], row 0 at the top. */
  update(probabilities) {
    const p = this.#points;
    if (!p || !probabilities) return;
    const ctx = this.#canvas.getContext('2d');
    const size = this.#canvas.width;
    paintGrid(ctx, probabilities, p.grid, (q) => {
      // Fade to white near 0.5, where the network is unsure.
      const strength = Number.isFinite(q) ? Math.abs(q - 0.5) * 2 : 0;
      const c = q > 0.5 ? CLASS_COLORS.one : CLASS_COLORS.zero;
      return c.map((channel) => Math.round(255 - strength * 0.6 * (255 - channel)));
    });
    const toPixel = (x1, x2) => [((x1 / p.scale + p.extent) / (2 * p.extent)) * size, ((p.extent - x2) / (2 * p.extent)) * size];
    for (const [set, ringed] of [[p.train, false], [p.test, true]]) {
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
}
