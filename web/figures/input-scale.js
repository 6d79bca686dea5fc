// Why normalize inputs at all: the cost over two weights of a tiny linear model, and the path gradient
// descent takes across it, when one input is up to 10⁴ times larger than the other.
import { INK, recordColors } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { paintGrid } from '../views/paint.js';
import { Figure } from './figure.js';

export class InputScaleFigure extends Figure {
  build(body) {
    this.canvas = element('canvas', 'bnp-contours');
    this.canvas.width = this.canvas.height = 320;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute(
      'aria-label',
      'cost contours over the two weights with the gradient-descent path: not yet run',
    );
    this.canvas.bnpTable = () => ({
      title: 'gradient descent’s path over the two weights',
      headers: ['point', 'w₁', 'w₂'],
      rows: (this.path ?? []).map(([a, b], i) => [i, a, b]),
    });
    recordColors(this.canvas, [INK]);
    const legend = seriesLegend(element('div'), [
      { label: 'gradient descent’s path', ...INK, width: 2 },
      { label: 'the minimum', ...INK, marker: 'dot', line: false },
    ]);
    const key = element(
      'p',
      'bnp-key',
      'Shading: the cost, darker where lower, one shade per half decade above its minimum.',
    );
    this.readout = element('p', 'bnp-readout');
    this.readout.setAttribute('aria-live', 'polite');
    body.append(legend, this.canvas, key, this.readout);
  }

  ready({ view }) {
    this.view = view;
  }

  draw(s) {
    if (!this.view || !s.grid) return;
    const ctx = this.canvas.getContext('2d');
    const size = this.canvas.width;
    // Filled contours: log10(cost − minimum) in bands of half a decade, darker towards the minimum.
    let lo = Infinity,
      hi = -Infinity;
    for (const v of s.grid) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
    paintGrid(
      ctx,
      s.grid,
      s.size,
      (v) => {
        const dark = 1 - (hi > lo ? (Math.floor(v * 2) / 2 - lo) / (hi - lo) : 0);
        const grey = Math.round(252 - 110 * dark); // greys: a colour would mean a network (colors.js)
        return [grey, grey, grey];
      },
      { smooth: false },
    );
    const { w1, w2 } = this.view;
    const toPixel = ([a, b]) => [((a - w1[0]) / (w1[1] - w1[0])) * size, ((w2[1] - b) / (w2[1] - w2[0])) * size];
    // The path in the lab's annotation ink over a white halo, the minimum a ringed dot (the legend shows both).
    ctx.beginPath();
    s.path.forEach((w, i) => {
      const [x, y] = toPixel(w);
      i ? ctx.lineTo(x, y) : ctx.moveTo(x, y);
    });
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 5;
    ctx.stroke();
    ctx.strokeStyle = INK.color;
    ctx.lineWidth = 2;
    ctx.stroke();
    const [bx, by] = toPixel(s.best);
    ctx.fillStyle = INK.color;
    ctx.strokeStyle = '#fff';
    ctx.beginPath();
    ctx.arc(bx, by, 4.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#333';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText('w₁ →', size - 34, size - 6);
    ctx.fillText('↑ w₂', 4, 14);
    const ratio = s.curvatures[0] / s.curvatures[1];
    const estimate = Number(s.estimated.toPrecision(2)).toLocaleString('en');
    this.readout.textContent =
      (s.converged
        ? `Gradient descent reached the minimum in ${s.steps.toLocaleString('en')} steps`
        : `Gradient descent stopped at ${s.steps.toLocaleString('en')} steps, short of the minimum; at its pace it would need about ${estimate}`) +
      ` (step size ${s.lr.toPrecision(2)} = 1/λ_max, half the largest stable one; the valley is ${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toLocaleString('en')} times steeper one way than the other).`;
    this.canvas.dataset.steps = String(s.steps);
    this.path = s.path;
    this.canvas.setAttribute(
      'aria-label',
      `Cost contours over the two weights, and gradient descent's path: ${s.steps.toLocaleString('en')} steps, ` +
        `${s.converged ? 'reaching' : 'stopping short of'} the minimum at w1 = ${s.best[0].toPrecision(3)}, w2 = ${s.best[1].toPrecision(3)}`,
    );
  }
}
