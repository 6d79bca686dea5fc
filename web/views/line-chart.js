// A line chart on a container (uPlot): x is the training step, one line per series. Knows nothing of
// networks: update() takes the x values and one array per series.
// uPlot's stylesheet is added by whoever hosts the chart: the page's document, or a figure's shadow root.
// First: uPlot reads navigator.language as it loads, and a tag Intl refuses would stop it (locale-guard.js).
import './locale-guard.js';
import uPlot from 'uplot';

import { INK, recordColors, withAlpha } from './colors.js';
import { movingAverage } from './moving-average.js';
import { speakable, spokenNumber as spoken } from './speakable.js';

// The y range for data without a fixed one: the data's own, widened to at least 10% of its magnitude (or 0.1)
// so that a flat line — every loss at ln 2 at step 0 — gets ticks that read differently.
function fitted(u, min, max) {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const span = Math.max(max - min, 0.1 * Math.max(Math.abs(min), Math.abs(max)), 0.1);
  const middle = (min + max) / 2,
    pad = span * 0.55;
  return [middle - pad, middle + pad];
}

const isPowerOf10 = (v) => v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
const decades = (u, splits) => splits.map((v) => (isPowerOf10(v) ? v : null));

// A log axis before it has positive data: one decade, so that uPlot never takes the log of 0.
const fittedLog = (u, min, max) => (min > 0 && max > 0 ? logRange([[min, max]]) : [0.1, 1]);

// An x axis with nothing on it yet still shows its scale (0 to 100 steps) rather than no axis at all; one x
// value gets the hundred after it, as uPlot gives it.
const emptyFirst = (u, min, max) =>
  min === null || max === null || !Number.isFinite(min) ? [0, 100] : min === max ? [min, min + 100] : [min, max];

/**
 * A series' marker ('dot' filled, 'ring' open) drawn at about a dozen of its points — at every point of a sweep
 * of up to 23 — staggered by the series' place k so that two series' markers do not sit on each other.
 */
function spacedMarkers(s, k) {
  return {
    show: true,
    size: 7,
    width: 1.5,
    fill: s.marker === 'dot' ? s.color : '#fff',
    filter: (u, index) => {
      const n = u.data[index]?.length ?? 0;
      const every = Math.max(1, Math.floor(n / 12));
      const out = [];
      for (let i = (k * 3) % every; i < n; i += every) if (Number.isFinite(u.data[index][i])) out.push(i);
      return out;
    },
  };
}

/** Tick labels that fit the axis at any magnitude: 20000000 reads "2e7", 0.00001 "1e-5". */
export function tickLabel(v) {
  if (v === null) return ''; // a log axis leaves some of its ticks unlabelled
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return Number(v.toPrecision(2)).toExponential().replace('e+', 'e');
  return v.toLocaleString('en', { maximumSignificantDigits: 6 });
}

/**
 * One y range for a chart, or for several that are to be compared: fitted to every finite value of all their
 * columns — except values more than 100 median absolute deviations from the median (a network blowing up:
 * 10¹² among values of ±2), which run off the chart instead of flattening everything else.
 */
export function sharedRange(columns) {
  const values = [];
  for (const column of columns) for (const v of column) if (Number.isFinite(v)) values.push(v);
  if (!values.length) return null;
  // The median and the median absolute deviation from at most ~1,000 evenly spaced values (cheap every frame).
  const stride = Math.max(1, Math.floor(values.length / 1000));
  const sample = values.filter((_, i) => i % stride === 0).sort((a, b) => a - b);
  const median = (sorted) => sorted[Math.floor((sorted.length - 1) / 2)];
  const m = median(sample);
  const reach =
    100 * Math.max(median(sample.map((v) => Math.abs(v - m)).sort((a, b) => a - b)), 0.01 * Math.abs(m), 1e-9);
  let lo = Infinity,
    hi = -Infinity;
  for (const v of values) if (Math.abs(v - m) <= reach) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  return fitted(null, lo, hi);
}

/**
 * A log axis's range: the whole decades that hold the positive values (null when there are none). uPlot's log
 * ticks assume a range that starts at a power of 10.
 */
export function logRange(columns) {
  let lo = Infinity,
    hi = -Infinity;
  for (const column of columns)
    for (const v of column) if (Number.isFinite(v) && v > 0) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  return lo <= hi
    ? [10 ** Math.floor(Math.log10(lo)), 10 ** Math.max(Math.ceil(Math.log10(hi)), Math.floor(Math.log10(lo)) + 1)]
    : null;
}

/**
 * The range of `groups` (one list of columns per network) without the ones `leftOut` marks (networks that
 * diverged); null — fit everything — when none or all are left out.
 */
export function rangeWithout(groups, leftOut) {
  const kept = groups.filter((_, k) => !leftOut[k]);
  return kept.length && kept.length < groups.length ? sharedRange(kept.flat()) : null;
}

/** The columns a chart draws: as given, or each followed by its moving average (a smoothed chart). */
const drawnColumns = ({ columns, averages }) => (averages ? columns.flatMap((c, k) => [c, averages[k]]) : columns);

export class LineChart {
  #plot;
  #container;
  #observer;
  #fixedRange;
  #words;
  #data = { xs: [], columns: [] };
  #smooth;
  #held = null; // a smoothed chart's y range, which only widens
  #pending = 0; // the animation frame that applies a new width
  #logY;

  /**
   * series: [{ label, color, dash, width }]; yRange, xRange: [min, max] or null to fit the data; bands: [[i, j, fill]]
   * fills between series i and j (1-based, as uPlot counts them after the x column); xTicks: the x values to
   * label (e.g. the batch sizes of a log axis), else uPlot's choice; logY: a log-scale y axis (positive values).
   * smooth: a window of that many points — each series is then drawn twice, its values faint and thin, their
   * moving average over the window on top, and the y axis fits the averages and, when linear, only ever widens
   * (so a claim reads at a glance and the axis holds still); names and tables then carry both.
   */
  constructor(
    container,
    {
      title,
      yLabel,
      series,
      yRange = null,
      xRange = null,
      height = 200,
      bands = [],
      legend = true,
      xLabel = 'step',
      logX = false,
      logY = false,
      xTicks = null,
      smooth = 0,
    },
  ) {
    this.#container = container;
    this.#smooth = smooth;
    const given = series;
    if (smooth)
      series = given.flatMap((s) => [
        {
          ...s,
          label: `${s.label}, each value`,
          color: withAlpha(s.color ?? INK.color, 0.35),
          width: 1,
          dash: undefined,
          marker: undefined,
        },
        { ...s, label: `${s.label}, average of ${smooth}` },
      ]);
    this.#fixedRange = Boolean(yRange);
    this.#logY = logY;
    const options = {
      title,
      width: 320, // the ResizeObserver below sets the real width after layout: reading it here would force one per chart
      height,
      cursor: { drag: { x: false, y: false } },
      legend: { live: false, show: legend },
      // (smoothed, series k is drawn twice: the band goes between the averages, the second of each pair)
      bands: bands.map(([i, j, fill]) => ({ series: smooth ? [2 * i, 2 * j] : [i, j], fill })),
      scales: {
        x: { time: false, ...(logX ? { distr: 3 } : {}), range: xRange ?? (logX ? undefined : emptyFirst) },
        y: logY ? { distr: 3, log: 10, range: yRange ?? fittedLog } : { range: yRange ?? fitted },
      },
      // Short charts get ticks closer together, so their y axis still reads at three or more values.
      axes: [
        {
          label: xLabel,
          size: 36,
          // a log axis: grid lines at the powers of 10 only (uPlot draws one at every 2…9 too)
          ...(logX && !xTicks ? { grid: { filter: decades }, ticks: { filter: decades } } : {}),
          ...(xTicks
            ? {
                splits: () => xTicks,
                filter: (u, splits) => splits,
                values: (u, ticks) => ticks.map((t) => (t === null ? '' : String(t))),
              }
            : {}),
        },
        {
          label: yLabel,
          size: 48,
          space: height < 200 ? 24 : 30,
          values: (u, ticks) => ticks.map(tickLabel),
          // a log axis: ticks and grid lines at the powers of 10 only
          ...(logY ? { filter: decades, grid: { filter: decades }, ticks: { filter: decades } } : {}),
        },
      ],
      series: [
        { label: xLabel },
        ...series.map((s, k) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 2,
          dash: s.dash,
          // no markers on lines, but for a single point (step 0 before Play), which a line cannot show, and
          // for series with a marker of their own (colors.js): about a dozen along the line
          points: s.points ?? (s.marker ? spacedMarkers(s, k) : { show: (u) => u.data[0].length === 1, size: 6 }),
          paths: s.paths,
        })),
      ],
    };
    this.#plot = new uPlot(options, [[], ...series.map(() => [])], container);
    recordColors(container, series);
    // For screen readers the chart is one image whose name says what it shows now, in numbers (see #describe).
    // In the chart's name, symbols in words; a series with `said` ('blew up') says that instead of its value.
    this.#words = {
      title: title ?? yLabel,
      xLabel,
      labels: given.map((s) => s.label),
      drawn: series.map((s) => s.label),
      said: given.map((s) => s.said ?? null),
    };
    container.setAttribute('role', 'img');
    container.bnpTable = () => this.table();
    container.setAttribute('aria-label', `${this.#words.title}: no data yet`);
    // The new size is applied in the next frame, not inside the observer's callback: resizing the plot there
    // changes the container's content while the browser is still delivering sizes, which Firefox and WebKit
    // report as "ResizeObserver loop completed with undelivered notifications".
    this.#observer = new ResizeObserver(([entry]) => {
      const width = Math.max(200, Math.floor(entry.contentRect.width));
      cancelAnimationFrame(this.#pending);
      this.#pending = requestAnimationFrame(() => {
        if (width !== this.#plot.width) this.#plot.setSize({ width, height });
      });
    });
    this.#observer.observe(container);
  }

  /** New data; range: [lo, hi] for the y axis (charts that are compared side by side share one), else sharedRange(columns). */
  update(xs, columns, range = null) {
    const averages = this.#smooth ? columns.map((c) => movingAverage(c, this.#smooth)) : null;
    this.#data = { xs, columns, averages };
    const fit = averages ?? columns; // a smoothed chart's axis and name follow its averages
    if (!this.#fixedRange)
      range ??= this.#logY ? logRange(fit) : averages ? this.#widening(xs, sharedRange(fit)) : sharedRange(fit);
    this.#plot.batch(() => {
      // one redraw for both
      this.#plot.setData([xs, ...drawnColumns(this.#data)]);
      if (range) this.#plot.setScale('y', { min: range[0], max: range[1] });
    });
    const { min, max } = this.#plot.scales.y,
      shown = `${min},${max}`;
    if (this.#container.dataset.yRange !== shown) this.#container.dataset.yRange = shown; // what the axis shows, for tests
    const label = this.#describe(xs, fit);
    if (this.#container.getAttribute('aria-label') !== label) this.#container.setAttribute('aria-label', label);
  }

  /** What the chart shows as a table (the figure's "numbers" panel and CSV): { title, headers, rows }. */
  table() {
    const { title, xLabel, drawn } = this.#words;
    const { xs } = this.#data;
    const all = drawnColumns(this.#data);
    return { title, headers: [xLabel, ...drawn], rows: xs.map((x, i) => [x, ...all.map((c) => c[i] ?? null)]) };
  }

  /** The y range, widened when the data leave it (with a tenth to spare) and never narrowed, but on a restart. */
  #widening(xs, range) {
    if (!range) return null;
    // a restart: the data went back to an earlier step (a history thinned to every other point is not one)
    const held = this.#held;
    if (!held || !xs.length || xs.at(-1) < held.last) {
      this.#held = { range, last: xs.at(-1) ?? 0 };
      return range;
    }
    held.last = xs.at(-1);
    const [lo, hi] = held.range;
    if (range[0] >= lo && range[1] <= hi) return held.range;
    const spare = 0.1 * (Math.max(hi, range[1]) - Math.min(lo, range[0]));
    held.range = [range[0] < lo ? range[0] - spare : lo, range[1] > hi ? range[1] + spare : hi];
    return held.range;
  }

  /**
   * "Title. At step 1,200: no batch norm 0.41, batch norm 0.08." — each series' last value, where it has one.
   * A chart over something else than the step (a sweep: learning rate, batch size, depth) has few points, and
   * each matters: it says them all, "At learning rate 0.01: …; at 0.1: …".
   */
  #describe(xs, columns) {
    const { title, xLabel, labels, said } = this.#words;
    const averaged = this.#smooth ? ` (averages over ${this.#smooth} points)` : '';
    const name = (text) => speakable(text);
    if (!xs.length) return name(`${title}: no data yet`);
    const value = (k, v) => (said[k] ? said[k] : spoken(v));
    if (xLabel !== 'step') {
      // a sweep: every point when there are few; else eight spread over it, the numbers panel having all
      const all = xs.map((x, i) => i);
      const picked =
        all.length <= 8
          ? all
          : [...new Set(Array.from({ length: 8 }, (_, j) => Math.round((j * (all.length - 1)) / 7)))];
      const points = picked.map((i) => {
        const values = labels.map((label, k) => [label, k, columns[k]?.[i]]).filter(([, , v]) => Number.isFinite(v));
        return values.length
          ? `${spoken(xs[i])}: ${values.map(([label, k, v]) => `${label} ${value(k, v)}`).join(', ')}`
          : null;
      });
      const shown = points.filter(Boolean);
      const more =
        picked.length < all.length ? ` (${picked.length} of ${all.length} points; the numbers panel has all)` : '';
      return name(`${title}. ${shown.length ? `At ${xLabel} ${shown.join('; at ')}` : 'No values yet'}${more}.`);
    }
    const values = labels
      .map((label, k) => {
        const column = columns[k] ?? [];
        let i = column.length - 1;
        while (i >= 0 && !Number.isFinite(column[i])) i--;
        return i < 0
          ? null
          : `${label} ${value(k, column[i])}${i < xs.length - 1 ? ` (at ${xLabel} ${spoken(xs[i])})` : ''}`;
      })
      .filter(Boolean);
    return name(
      `${title}${averaged}. At ${xLabel} ${spoken(xs.at(-1))}: ${values.length ? values.join(', ') : 'no values yet'}.`,
    );
  }

  destroy() {
    this.#observer.disconnect();
    cancelAnimationFrame(this.#pending);
    delete this.#container.bnpTable; // no table from a chart that is gone
    this.#plot.destroy();
    this.#container.replaceChildren();
  }
}

/** Test accuracy against the batch size, on a log axis with the sizes as its ticks (batch-size, mismatch). */
export function accuracyByBatchChart(container, { sizes, series, height }) {
  return new LineChart(container, {
    title: 'Test accuracy after the same number of steps',
    xLabel: 'batch size',
    yLabel: 'test accuracy',
    logX: true,
    xRange: [1.6, 320],
    xTicks: sizes,
    height,
    yRange: [0.4, 1],
    legend: false,
    series,
  });
}

/** The 15th, 50th and 85th percentiles of one network's values over training: three lines, the band between filled. */
export function percentileChart(container, { title, yLabel = 'p15 / p50 / p85', meaning, color, height }) {
  return new LineChart(container, {
    title,
    yLabel,
    height,
    legend: false,
    series: [
      { label: '15th', meaning, color, width: 1 },
      { label: '50th', meaning, color, width: 2 },
      { label: '85th', meaning, color, width: 1 },
    ],
    bands: [[1, 3, withAlpha(color, 0.2)]],
  });
}
