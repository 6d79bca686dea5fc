// A decision heatmap on a canvas: the predicted probability of class 1 over the plane, with the training
// points (circles) and test points (squares) on top, in the classes' colours (colors.js); heatmapKey says so.
import { COLOR, recordColors } from './colors.js';
import { element } from './dom.js';
import { speakable } from './speakable.js';
import { paintGrid } from './paint.js';

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const CLASS_RGB = [rgb(COLOR.class0), rgb(COLOR.class1)];
const CLASSES = [
  { meaning: 'class0', color: COLOR.class0 },
  { meaning: 'class1', color: COLOR.class1 },
];
/** Each class's point outline: white around the dark class, dark around the light one. */
const OUTLINE = ['#fff', COLOR.class0];

/** One point: a circle (training) or a square (held out), filled with its class' colour. */
function point(ctx, x, y, cls, square) {
  ctx.beginPath();
  if (square) ctx.rect(x - 3, y - 3, 6, 6);
  else ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
  ctx.fillStyle = COLOR[`class${cls}`];
  ctx.strokeStyle = OUTLINE[cls];
  ctx.lineWidth = 1;
  ctx.fill();
  ctx.stroke();
}

/** The colour of probability q of class 1: a class' colour where sure, fading to white where unsure (0.5). */
export function certaintyColor(q) {
  const strength = Number.isFinite(q) ? Math.abs(q - 0.5) * 2 : 0;
  const c = CLASS_RGB[q > 0.5 ? 1 : 0];
  return c.map((channel) => Math.round(255 - strength * 0.8 * (255 - channel)));
}

/** The key to every decision map: the classes' points and the shading between them. */
export function heatmapKey(box) {
  box.className = 'bnp-heatmap-key';
  const sample = (cls, square) => {
    const canvas = element('canvas');
    canvas.width = canvas.height = 12;
    canvas.setAttribute('aria-hidden', 'true');
    point(canvas.getContext('2d'), 6, 6, cls, square);
    return canvas;
  };
  const ramp = element('canvas', 'bnp-ramp');
  ramp.width = 120;
  ramp.height = 10;
  ramp.setAttribute('aria-hidden', 'true');
  const ctx = ramp.getContext('2d');
  for (let x = 0; x < 120; x++) {
    ctx.fillStyle = `rgb(${certaintyColor(x / 119).join(',')})`;
    ctx.fillRect(x, 0, 1, 10);
  }
  const item = (...parts) => {
    const span = element('span', 'bnp-key-item');
    span.append(...parts);
    return span;
  };
  box.replaceChildren(
    ...[0, 1].map((cls) => item(sample(cls, false), sample(cls, true), ` class ${cls}`)),
    element('span', null, '(● training, ■ held out)'),
    item('prediction ', ramp, ' (white: unsure)'),
  );
  recordColors(box, CLASSES);
  return box;
}

export class Heatmap {
  #canvas;
  #points = null;
  #layer = null; // the training and test points, drawn once per setPoints
  #label;
  #shares = [];

  constructor(container, { label }) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.width = 240;
    this.#canvas.height = 240;
    this.#canvas.className = 'heatmap';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', speakable(`${label}: no prediction yet`));
    this.#label = label;
    this.#canvas.bnpTable = () => ({ title: label, headers: ['prediction', 'share of the plane'], rows: this.#shares });
    recordColors(this.#canvas, CLASSES);
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
    for (const [set, square] of [
      [points.train, false],
      [points.test, true],
    ]) {
      for (let i = 0; i < set.n; i++) {
        const [px, py] = toPixel(set.x[2 * i], set.x[2 * i + 1]);
        point(ctx, px, py, set.y[i] === 1 ? 1 : 0, square);
      }
    }
  }

  /** probabilities: Float32Array [grid × grid], row 0 at the top. */
  update(probabilities) {
    const p = this.#points;
    if (!p || !probabilities) return;
    const ctx = this.#canvas.getContext('2d');
    paintGrid(ctx, probabilities, p.grid, certaintyColor); // white where the network is unsure
    // In words and numbers: how much of the plane the network gives to each class, and how much it is unsure of.
    let zero = 0,
      one = 0;
    for (const q of probabilities) {
      if (q < 0.4) zero++;
      else if (q > 0.6) one++;
    }
    const share = (n) => n / probabilities.length;
    // whole percents that add up to 100: the unsure share takes what the rounding of the others leaves
    const zeroPct = Math.round(100 * share(zero)),
      onePct = Math.min(100 - zeroPct, Math.round(100 * share(one)));
    const unsurePct = 100 - zeroPct - onePct;
    this.#shares = [
      ['class 0 (p < 0.4)', `${zeroPct}%`],
      ['unsure (0.4 to 0.6)', `${unsurePct}%`],
      ['class 1 (p > 0.6)', `${onePct}%`],
    ];
    this.#canvas.setAttribute(
      'aria-label',
      speakable(`${this.#label}: class 1 on ${onePct}% of the plane, class 0 on ${zeroPct}%, unsure on ${unsurePct}%`),
    );
    ctx.drawImage(this.#layer, 0, 0);
  }
}
