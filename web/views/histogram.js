// Histograms on one shared axis (canvas), so shifts and rescalings between the series show as movement along the
// same ruler; within each bin the series stand side by side. Each series: { label, color, values }.
export class Histogram {
  #canvas;
  #caption;
  #width = 320; // CSS width, from a ResizeObserver: reading clientWidth while drawing would force a layout

  constructor(container, { label, height = 130 }) {
    this.#canvas = document.createElement('canvas');
    this.#canvas.height = height;
    this.#canvas.width = 320;
    this.#canvas.className = 'histogram';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', label);
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
      ctx.fillStyle = s.color + '66';
      ctx.strokeStyle = s.color;
      counts[k].forEach((c, b) => {
        if (!c) return;
        const x = (b / bins) * width + k * slot,
          h = (c / top) * (height - pad - 4);
        ctx.fillRect(x + 0.5, height - pad - h, Math.max(1, slot - 1), h);
        ctx.strokeRect(x + 0.5, height - pad - h, Math.max(1, slot - 1), h);
      });
    });
    for (const m of markers) {
      if (!(m.at >= lo && m.at <= hi)) continue;
      ctx.strokeStyle = m.color;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(toX(m.at), 0);
      ctx.lineTo(toX(m.at), height - pad);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = '#444';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(formatTick(lo), 2, height - 4);
    const right = formatTick(hi);
    ctx.fillText(right, width - ctx.measureText(right).width - 2, height - 4);
    if (lo < 0 && hi > 0) ctx.fillText('0', toX(0) - 3, height - 4);
    this.#caption.replaceChildren(
      ...series.map((s) => {
        const item = document.createElement('span');
        item.style.setProperty('--swatch', s.color);
        item.textContent = s.label;
        return item;
      }),
    );
  }
}

function formatTick(v) {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toFixed(2)));
}
