// A line chart on a container (uPlot): x is the training step, one line per series. Knows nothing of
// networks: update() takes the x values and one array per series.
// uPlot's stylesheet is added by whoever hosts the chart: the page's document, or a figure's shadow root.
import uPlot from 'uplot';

// The y range for data without a fixed one: the data's own, widened to at least 10% of its magnitude (or 0.1)
// so that a flat line — every loss at ln 2 at step 0 — gets ticks that read differently.
function fitted(u, min, max) {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const span = Math.max(max - min, 0.1 * Math.max(Math.abs(min), Math.abs(max)), 0.1);
  const middle = (min + max) / 2, pad = span * 0.55;
  return [middle - pad, middle + pad];
}

/** One y range for several charts that are to be compared: fitted to every finite value of all their columns. */
export function sharedRange(columns) {
  let lo = Infinity, hi = -Infinity;
  for (const column of columns) for (const v of column) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  return lo <= hi ? fitted(null, lo, hi) : null;
}

export class LineChart {
  #plot;
  #container;
  #observer;

  /**
   * series: [{ label, color, dash, width }]; yRange, xRange: [min, max] or null to fit the data; bands: [[i, j, fill]]
   * fills between series i and j (1-based, as uPlot counts them after the x column).
   */
  constructor(container, { title, yLabel, series, yRange = null, xRange = null, height = 200, bands = [], legend = true, xLabel = 'step', logX = false }) {
    this.#container = container;
    const options = {
      title,
      width: 320,  // the ResizeObserver below sets the real width after layout: reading it here would force one per chart
      height,
      cursor: { drag: { x: false, y: false } },
      legend: { live: false, show: legend },
      bands: bands.map(([i, j, fill]) => ({ series: [i, j], fill })),
      scales: { x: { time: false, ...(logX ? { distr: 3 } : {}), ...(xRange ? { range: xRange } : {}) }, y: { range: yRange ?? fitted } },
      // Short charts get ticks closer together, so their y axis still reads at three or more values.
      axes: [{ label: xLabel, size: 36 }, { label: yLabel, size: 48, space: height < 200 ? 18 : 30 }],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width ?? 2, dash: s.dash, points: s.points ?? { show: false }, paths: s.paths }))],
    };
    this.#plot = new uPlot(options, [[], ...series.map(() => [])], container);
    this.#observer = new ResizeObserver(([entry]) => {
      const width = Math.max(200, Math.floor(entry.contentRect.width));
      if (width !== this.#plot.width) this.#plot.setSize({ width, height });
    });
    this.#observer.observe(container);
  }

  /** New data; range: [lo, hi] for the y axis (charts that are compared side by side share one), else fitted. */
  update(xs, columns, range = null) {
    this.#plot.batch(() => {  // one redraw for both
      this.#plot.setData([xs, ...columns]);
      if (range) this.#plot.setScale('y', { min: range[0], max: range[1] });
    });
  }

  destroy() {
    this.#observer.disconnect();
    this.#plot.destroy();
    this.#container.replaceChildren();
  }
}

/** The 15th, 50th and 85th percentiles of one network's values over training: three lines, the band between filled. */
export function percentileChart(container, { title, yLabel = 'p15 / p50 / p85', color, height }) {
  return new LineChart(container, {
    title, yLabel, height, legend: false,
    series: [{ label: '15th', color, width: 1 }, { label: '50th', color, width: 2 }, { label: '85th', color, width: 1 }],
    bands: [[1, 3, color + '33']],
  });
}
