// What γ and β are for: with them frozen at (1, 0) every sigmoid input is pinned near N(0, 1), mostly in the
// sigmoid's near-linear middle; learned, they let each unit choose its own range.
import { NET_COLORS } from '../views/colors.js';
import { element, netTable } from '../views/dom.js';
import { percent } from '../views/format.js';
import { Figure } from './figure.js';

const RANGE = [-6, 6];
const BINS = 48;

export class SigmoidRangeFigure extends Figure {
  static title = 'γ and β: letting each unit choose its range';
  static explain =
    'Normalizing alone would hand every sigmoid inputs with mean 0 and variance 1 — mostly the middle stretch where a ' +
    'sigmoid is nearly a straight line, and a stack of straight lines is still a straight line. The learned stretch γ ' +
    'and shift β let each unit move into the curved parts when that helps. Both networks here normalize; one learns γ, β.';
  static controls = ['dataset', 'lr', 'layer'];
  static overrides = { activation: 'sigmoid', dataset: 'circle', noise: 0.05, depth: 2, width: 8, lr: 1, speed: 20 };

  options() {
    return {
      nets: [
        { id: 'learned', label: 'γ, β learned', batchNorm: 'before', affine: true },
        { id: 'frozen', label: 'γ, β frozen at (1, 0)', batchNorm: 'before', affine: false },
      ],
      measures: ['curves', 'saturation'],
    };
  }

  build(body) {
    this.canvas = element('canvas', 'bnp-sigmoid');
    this.canvas.width = 560;
    this.canvas.height = this.height;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'the sigmoid curve with histograms of its inputs for both networks');
    this.readout = element('table', 'bnp-table');
    body.append(this.canvas, this.readout);
  }

  draw(s) {
    const ctx = this.canvas.getContext('2d');
    const { width, height } = this.canvas;
    ctx.clearRect(0, 0, width, height);
    const toX = (u) => ((u - RANGE[0]) / (RANGE[1] - RANGE[0])) * width;
    // near-linear zone |u| < 1 and saturated zones |u| > 3
    ctx.fillStyle = '#f2f2f2';
    ctx.fillRect(toX(-1), 0, toX(1) - toX(-1), height);
    ctx.fillStyle = '#fbe9e7';
    ctx.fillRect(0, 0, toX(-3), height);
    ctx.fillRect(toX(3), 0, width - toX(3), height);
    s.nets.forEach((net) => {
      if (!net.activationInput) return;
      const counts = new Array(BINS).fill(0);
      for (const u of net.activationInput) {
        const b = Math.floor(((u - RANGE[0]) / (RANGE[1] - RANGE[0])) * BINS);
        counts[Math.max(0, Math.min(BINS - 1, b))]++;
      }
      const top = Math.max(...counts);
      ctx.strokeStyle = NET_COLORS[net.id];
      ctx.fillStyle = NET_COLORS[net.id] + '40';
      counts.forEach((c, b) => {
        if (!c) return;
        const h = (c / top) * height * 0.6;
        ctx.fillRect((b / BINS) * width + 1, height - h, width / BINS - 2, h);
        ctx.strokeRect((b / BINS) * width + 1, height - h, width / BINS - 2, h);
      });
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
    ctx.fillText(`${RANGE[0]}`, 2, height - 2);
    ctx.fillText(`+${RANGE[1]}`, width - 18, height - 2);
    netTable(this.readout, `sigmoid inputs of all hidden units, step ${s.step.toLocaleString('en')}`,
      ['network', 'inputs with |u| < 1', 'inputs with |u| > 3', 'test accuracy'], s.nets, (net) => NET_COLORS[net.id],
      (net) => [percent(net.linearShare, 0), percent(net.saturatedShare, 0), percent(net.testAccuracy, 0)]);
  }
}
