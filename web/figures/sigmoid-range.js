// What γ and β are for: frozen at (1, 0), every normalized unit is centred at zero, and on data centred at the
// origin the network can then only compute functions with p(−x) = 1 − p(x); learned, they let each unit move.
import { netStyle, recordColors, withAlpha } from '../views/colors.js';
import { element, netTable } from '../views/dom.js';
import { percent } from '../views/format.js';
import { figureLegend } from '../views/legend.js';
import { speakable } from '../views/speakable.js';
import { Figure } from './figure.js';

const RANGE = [-6, 6];
const BINS = 48;
const AXIS = 15; // pixels under the plot for the tick labels

export class SigmoidRangeFigure extends Figure {
  build(body) {
    this.canvas = element('canvas', 'bnp-sigmoid');
    this.canvas.width = 560;
    this.canvas.height = this.height;
    this.canvas.style.height = `${this.height}px`;
    // Drawn at the size it is shown (× the screen's pixel ratio), so its labels stay legible in a narrow column.
    this.resizer = new ResizeObserver(([entry]) => {
      const ratio = globalThis.devicePixelRatio || 1;
      const width = Math.round(entry.contentRect.width * ratio);
      if (width < 1 || width === this.canvas.width) return;
      Object.assign(this.canvas, { width, height: Math.round(this.height * ratio) });
      this.schedule();
    });
    this.resizer.observe(this.canvas);
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'the sigmoid curve with histograms of its inputs: no data yet');
    this.bins = [];
    this.canvas.bnpTable = () => ({
      title: 'sigmoid inputs u per bin (the outermost bins count everything beyond ±6)',
      headers: ['from', 'to', ...this.bins.map(([label]) => label)],
      rows: this.bins.length
        ? Array.from({ length: BINS }, (_, b) => [
            RANGE[0] + ((RANGE[1] - RANGE[0]) * b) / BINS,
            RANGE[0] + ((RANGE[1] - RANGE[0]) * (b + 1)) / BINS,
            ...this.bins.map(([, counts]) => counts[b]),
          ])
        : [],
    });
    recordColors(
      this.canvas,
      this.entry.nets.map((net) => netStyle(net.id)),
    );
    // The key: each network's histogram (filled, or an outline dashed as its line), and what u is.
    const legend = figureLegend(element('div'), this.entry.nets);
    const key = element(
      'p',
      'bnp-key',
      'u: the input of a hidden sigmoid unit, z̃ = γẑ + β (with γ, β frozen at 1 and 0, ẑ itself). Bars: how many of all hidden units’ ' +
        'inputs on the training set fall at each u; the outermost bins also count everything beyond ±6. ' +
        'Shaded: saturated, |u| > 3 (darker) and near-linear, |u| < 1 (lighter).',
    );
    this.readout = element('table', 'bnp-table');
    body.append(legend, this.canvas, key, this.readout);
  }

  draw(s) {
    const ctx = this.canvas.getContext('2d');
    const ratio = this.canvas.height / this.height; // device pixels per CSS pixel
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const width = this.canvas.width / ratio,
      height = this.height - AXIS; // the bottom AXIS pixels hold the u axis
    ctx.clearRect(0, 0, width, this.height);
    const toX = (u) => ((u - RANGE[0]) / (RANGE[1] - RANGE[0])) * width;
    // near-linear zone |u| < 1 and saturated zones |u| > 3
    ctx.fillStyle = '#f4f4f4';
    ctx.fillRect(toX(-1), 0, toX(1) - toX(-1), height);
    ctx.fillStyle = '#e2e2e2';
    ctx.fillRect(0, 0, toX(-3), height);
    ctx.fillRect(toX(3), 0, width - toX(3), height);
    const table = [];
    s.nets.forEach((net) => {
      if (!net.activationInput) return;
      const counts = new Array(BINS).fill(0);
      table.push([net.label, counts]);
      for (const u of net.activationInput) {
        const b = Math.floor(((u - RANGE[0]) / (RANGE[1] - RANGE[0])) * BINS);
        counts[Math.max(0, Math.min(BINS - 1, b))]++;
      }
      const top = Math.max(...counts);
      // In the network's colour and dash: a solid network's bars filled, a dashed one's outlined only.
      const { color, dash } = netStyle(net.id);
      ctx.strokeStyle = color;
      ctx.fillStyle = dash ? 'transparent' : withAlpha(color, 1 / 3);
      ctx.setLineDash(dash ?? []);
      ctx.lineWidth = dash ? 1.5 : 1;
      counts.forEach((c, b) => {
        if (!c) return;
        const h = (c / top) * height * 0.6;
        ctx.fillRect((b / BINS) * width + 1, height - h, width / BINS - 2, h);
        ctx.strokeRect((b / BINS) * width + 1, height - h, width / BINS - 2, h);
      });
      ctx.setLineDash([]);
    });
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let px = 0; px <= width; px += 2) {
      const u = RANGE[0] + (px / width) * (RANGE[1] - RANGE[0]);
      const y = height - (1 / (1 + Math.exp(-u))) * (height - 8) - 4;
      px ? ctx.lineTo(px, y) : ctx.moveTo(px, y);
    }
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.fillStyle = '#555';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText('near-linear', toX(-0.9), 12);
    ctx.fillText('saturated', 4, 12);
    ctx.textAlign = 'center';
    // the outermost bins count everything beyond ±6, and say so
    const ticks = [
      [-6, '≤ −6'],
      [-3, '−3'],
      [-1, '−1'],
      [0, '0'],
      [1, '+1'],
      [3, '+3'],
      [6, '≥ +6'],
    ];
    for (const [u, text] of ticks) {
      const half = ctx.measureText(text).width / 2;
      ctx.fillText(text, Math.min(width - half - 1, Math.max(half + 1, toX(u))), height + AXIS - 3);
    }
    ctx.textAlign = 'start';
    this.bins = table;
    const pct = (v) => percent(v, 0);
    this.canvas.setAttribute(
      'aria-label',
      speakable(
        `Where the sigmoid inputs u sit at step ${s.step.toLocaleString('en')}: ` +
          s.nets
            .map(
              (net) =>
                `${net.label}, ${pct(net.linearShare)} near-linear (|u| < 1), ${pct(net.saturatedShare)} saturated (|u| > 3)`,
            )
            .join('; '),
      ),
    );
    netTable(
      this.readout,
      `sigmoid inputs of all hidden units, step ${s.step.toLocaleString('en')}`,
      ['network', 'inputs with |u| < 1', 'inputs with |u| > 3', 'test accuracy'],
      s.nets,
      (net) => netStyle(net.id).color,
      (net) => [percent(net.linearShare, 0), percent(net.saturatedShare, 0), percent(net.testAccuracy, 0)],
    );
  }

  destroyDrawing() {
    this.resizer.disconnect();
  }
}
