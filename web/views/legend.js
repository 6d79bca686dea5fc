// One legend per figure: colour = network (the same colours everywhere), line style = what is measured (for
// example solid for the training points, dashed for held-out ones), drawn as the lines themselves.
import { NET_COLORS, NET_DASHES } from './colors.js';
import { element } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

// A short line of `color` with uPlot's dash pattern, as it appears in the charts; marker: 'dot' or 'ring' on it
// (line: false for a marker alone, as the lr-sweep draws blown-up runs).
function sample(color, dash, { marker = null, line: drawLine = true } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, 'stroke-width': 2.5 }))
    line.setAttribute(k, v);
  if (dash) line.setAttribute('stroke-dasharray', dash.join(' '));
  if (drawLine) svg.append(line);
  if (marker) {
    const dot = document.createElementNS(SVG, 'circle');
    for (const [k, v] of Object.entries({
      cx: 14,
      cy: 5,
      r: 3.5,
      stroke: color,
      'stroke-width': 1.5,
      fill: marker === 'dot' ? color : '#fff',
    }))
      dot.setAttribute(k, v);
    svg.append(dot);
  }
  return svg;
}

/** A legend for charts whose lines are not one per network: entries [{ label, color, dash, marker, line }]. */
export function seriesLegend(box, entries) {
  box.className = 'bnp-legend';
  box.replaceChildren(
    ...entries.map(({ label, color, dash = null, ...style }) => {
      const item = element('span', 'bnp-legend-item');
      item.append(sample(color, dash, style), element('span', null, label));
      return item;
    }),
  );
  return box;
}

/**
 * Fills `box` with the legend: one entry per network (its colour, a solid line) and, when `styles` are
 * given ([{ label, dash }]), one entry per line style in grey.
 */
export function figureLegend(box, nets, styles = []) {
  return seriesLegend(box, [
    ...nets.map((net) => ({ label: net.label, color: NET_COLORS[net.id] ?? '#555', dash: NET_DASHES[net.id] ?? null })),
    ...styles.map((style) => ({ label: style.label, color: '#57606a', dash: style.dash })),
  ]);
}

/** The line styles of learning curves. */
export const TRAIN_TEST = [
  { label: 'training points', dash: null },
  { label: 'held-out points', dash: [6, 4] },
];
