// One legend per figure: colour = what a line is (colors.js: the same colour means the same thing
// everywhere), line style = how it is measured (for example the training points wide and faint, the
// held-out points dashed), drawn as the lines themselves.
import { INK, netStyle, recordColors } from './colors.js';
import { element } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

// A short line of `color` with uPlot's dash pattern and width, as it appears in the charts; marker: 'dot' or
// 'ring' on it (line: false for a marker alone, as the lr-sweep draws blown-up runs).
function sample(color, dash, { marker = null, line: drawLine = true, width = 2.5, faint = false } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'line');
  for (const [k, v] of Object.entries({ x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, 'stroke-width': width }))
    line.setAttribute(k, v);
  if (faint) line.setAttribute('stroke-opacity', '0.6');
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

/**
 * A legend for charts whose lines are not one per network: entries [{ label, meaning, color, dash, marker,
 * line, width, faint }] (meaning and color from colors.js).
 */
export function seriesLegend(box, entries) {
  box.className = 'bnp-legend';
  box.replaceChildren(
    ...entries.map(({ label, color, dash = null, meaning: _meaning, ...look }) => {
      const item = element('span', 'bnp-legend-item');
      item.append(sample(color, dash, look), element('span', null, label));
      return item;
    }),
  );
  recordColors(box, entries);
  return box;
}

/**
 * Fills `box` with the legend: one entry per network (its colour and dash) and, when `styles` are given
 * ([{ label, dash, width, faint }]), one entry per line style in grey.
 */
export function figureLegend(box, nets, styles = []) {
  seriesLegend(box, [
    ...nets.map((net) => ({ label: net.label, ...netStyle(net.id) })),
    ...styles.map((look) => ({ ...INK, ...look })),
  ]);
  // The line styles after a word that says they are styles, not networks (in grey, they could pass for one).
  if (styles.length) box.children[nets.length].before(element('span', 'bnp-legend-styles', 'line styles:'));
  return box;
}

/** The line styles of learning curves: the training points wide and faint, the held-out points dashed over them. */
export const TRAIN_TEST = [
  { label: 'training points', dash: null, width: 4, faint: true },
  { label: 'held-out points', dash: [6, 4], width: 1.5 },
];
