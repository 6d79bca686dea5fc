// Histograms on one shared axis (canvas), so shifts and rescalings between the series show as movement along the
// same ruler; within each bin the series stand side by side. Each series: { label, meaning, color, fill,
// values }: fill 0…1 is the bars' opacity (0: outline only), which tells stages of one network apart.
import { recordColors, withAlpha } from './colors.js';
import { speakable, spokenNumber as spoken } from './speakable.js';

export class Histogram {
  #canvas;
  #caption;
  #width = 320; // CSS width, from a ResizeObserver: reading clientWidth while drawing would force a layout
  #label;
  #last = null; // what the last update drew: { labels, counts, lo, hi, bins }, for the numbers panel

  constructor(container, { label, height = 130 }) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.height = height;
    this.#canvas.width = 320;
    this.#canvas.className = 'histogram';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', speakable(`${label}: no data yet`));
    this.#label = label;
    this.#canvas.bnpTable = () => this.#tableOf(this.#last);
    this.#caption = document.createElement('div');
    this.#caption.className = 'legend';
    container.append(this.#canvas, this.#caption);
    new ResizeObserver(([entry]) => (this.#width = Math.max(200, Math.round(entry.contentRect.width)))).observe(
      this.#canvas,
    );
  }

  /** range: [lo, hi] shared by every series; markers: [{ at, color, label }] vertical lines. */
  update(series, { range, bins = 24, markers = [] }) {
    const canvas = this.#canvas;
    if (canvas.width !== this.#width) canvas.width = this.#width;
    const ctx = canvas.getContext('2d');
    const { width, height } = canvas;
    const pad = 18;
    ctx.clearRect(0, 0, width, height);
    const [lo, hi] = range;
    const toX = (v) => ((v - lo) / (hi - lo)) * width;
    const counts = series.map((s) => {
      const c = new Array(bins).fill(0);
      for (const v of s.values ?? []) {
        if (!(v >= lo && v <= hi)) continue;
        c[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++;
      }
      return c;
    });
    const top = Math.max(1, ...counts.flat());
    // The series side by side within each bin, so that two that coincide (ẑ and z̃ while γ = 1, β = 0) both show.
    const slot = width / bins / series.length;
    series.forEach((s, k) => {
      ctx.fillStyle = withAlpha(s.color, s.fill ?? 0.4);
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.fill === 0 ? 1.5 : 1;
      counts[k].forEach((c, b) => {
        if (!c) return;
        const x = (b / bins) * width + k * slot,
          h = (c / top) * (height - pad - 4);
        ctx.fillRect(x + 0.5, height - pad - h, Math.max(1, slot - 1), h);
        ctx.strokeRect(x + 0.5, height - pad - h, Math.max(1, slot - 1), h);
      });
    });
    ctx.font = '11px system-ui, sans-serif';
    markers.forEach((m, row) => {
      if (!(m.at >= lo && m.at <= hi)) return;
      ctx.strokeStyle = m.color;
      ctx.setLineDash(m.dash ?? [3, 3]);
      ctx.beginPath();
      ctx.moveTo(toX(m.at), 0);
      ctx.lineTo(toX(m.at), height - pad);
      ctx.stroke();
      ctx.setLineDash([]);
      if (m.label) {
        // named at its top, inside the canvas: one row per marker, so two that sit close (μ_B near 0) stay
        // readable, on white over the bars
        const w = ctx.measureText(m.label).width;
        const x = Math.min(width - w - 1, Math.max(1, toX(m.at) + 3)),
          y = 10 + 13 * row;
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(x - 1, y - 10, w + 2, 13);
        ctx.fillStyle = m.color;
        ctx.fillText(m.label, x, y);
      }
    });
    ctx.fillStyle = '#444';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(formatTick(lo), 2, height - 4);
    const right = formatTick(hi);
    ctx.fillText(right, width - ctx.measureText(right).width - 2, height - 4);
    if (lo < 0 && hi > 0) ctx.fillText('0', toX(0) - 3, height - 4);
    recordColors(canvas, series);
    // For screen readers and the numbers panel: each series' mean and spread, and the counts per bin.
    const described = series.map((s) => `${s.label}: ${summary(s.values)}`).join('; ');
    const name = speakable(`${this.#label}. ${described}.`);
    if (canvas.getAttribute('aria-label') !== name) canvas.setAttribute('aria-label', name);
    this.#last = { labels: series.map((s) => s.label), counts, lo, hi, bins };
    this.#caption.replaceChildren(
      ...series.map((s) => {
        const item = document.createElement('span');
        item.style.setProperty('--swatch', s.color);
        item.style.setProperty('--swatch-fill', withAlpha(s.color, s.fill ?? 0.4));
        item.textContent = s.label;
        return item;
      }),
    );
  }

  /** The counts per bin of the last update, as the numbers panel shows them. */
  #tableOf(last) {
    if (!last) return { title: this.#label, headers: ['from', 'to'], rows: [] };
    const { labels, counts, lo, hi, bins } = last;
    const edge = (b) => lo + ((hi - lo) * b) / bins;
    return {
      title: this.#label,
      headers: ['from', 'to', ...labels],
      rows: Array.from({ length: bins }, (_, b) => [edge(b), edge(b + 1), ...counts.map((c) => c[b])]),
    };
  }
}

function formatTick(v) {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toFixed(2)));
}

/** "mean 0.012, standard deviation 1.01, from -2.3 to 2.1 (32 values)" */
function summary(values) {
  const finite = Array.from(values ?? []).filter(Number.isFinite);
  if (!finite.length) return 'no values';
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / finite.length);
  return `mean ${spoken(mean)}, standard deviation ${spoken(sd)}, from ${spoken(Math.min(...finite))} to ${spoken(Math.max(...finite))} (${finite.length} values)`;
}
