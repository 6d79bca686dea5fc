// Batch norm at initialization in deep networks: each hidden layer's gradient at the initial weights of the
// deepest network, how the first layer's gradient outgrows the last's with depth, the sharpness at step 0 against
// depth, and a network of TRAIN_DEPTH layers training with and without a warm-up of the learning rate (with the
// length of its first layer's weights, which its first steps change).
import { netStyle } from '../views/colors.js';
import { element } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { LineChart } from '../views/line-chart.js';
import { Figure } from './figure.js';

const NETS = [
  { id: 'plain', label: 'no batch norm', ...netStyle('plain') },
  { id: 'bn', label: 'batch norm', ...netStyle('bn') },
];
const TRAINED = [...NETS, { id: 'warm', label: 'batch norm, warm-up', ...netStyle('warm') }];

export class DepthFigure extends Figure {
  build(body) {
    const legend = seriesLegend(
      element('div'),
      TRAINED.map(({ label, meaning, color, dash }) => ({ label, meaning, color, dash })),
    );
    const charts = element('div', 'bnp-charts');
    this.boxes = Array.from({ length: 5 }, () => charts.appendChild(element('div', 'bnp-chart')));
    this.summary = element('p', 'bnp-summary', '\u00a0');
    body.append(legend, charts, this.summary);
    this.buildCharts({ depths: [], trainDepth: 32, steps: 500, warmup: 100 });
  }

  ready(description) {
    this.buildCharts(description);
  }

  buildCharts({ depths, trainDepth, steps, warmup }) {
    this.destroyDrawing();
    this.description = { depths, trainDepth, steps, warmup };
    const deepest = depths.at(-1) ?? 48;
    // marked: a dot at every point (a sweep over depths)
    const chart = (box, { marked, ...options }, nets = NETS) =>
      new LineChart(box, {
        height: this.height,
        legend: false,
        series: nets.map((n) => ({
          label: n.label,
          meaning: n.meaning,
          color: n.color,
          dash: n.dash,
          marker: marked ? 'dot' : undefined,
        })),
        ...options,
      });
    this.charts = [
      chart(this.boxes[0], {
        title: `Gradient of each layer's weights at the start, ${deepest} layers`,
        xLabel: 'hidden layer',
        yLabel: '‖∇W‖',
        logY: true,
      }),
      chart(this.boxes[1], {
        title: 'First layer’s gradient ÷ last hidden layer’s, at the start',
        xLabel: 'hidden layers',
        yLabel: 'ratio',
        logY: true,
        marked: true,
      }),
      chart(this.boxes[2], {
        title: 'Sharpness at step 0',
        xLabel: 'hidden layers',
        yLabel: 'max ‖Δ∇L‖ / ‖Δθ‖',
        logY: true,
        marked: true,
      }),
      chart(
        this.boxes[3],
        { title: `Training loss, ${trainDepth} layers (warm-up: ${warmup} steps)`, yLabel: 'loss', smooth: 15 },
        TRAINED,
      ),
      chart(
        this.boxes[4],
        { title: `Length of the first layer's weights, ${trainDepth} layers`, yLabel: '‖W₁‖', logY: true },
        TRAINED,
      ),
    ];
  }

  draw(s) {
    if (!this.charts) return;
    const r = s.results;
    const deepest = r.at(-1);
    const layers = deepest ? deepest.plain.gradients.map((_, i) => i + 1) : [];
    this.charts[0].update(
      layers,
      NETS.map((n) => deepest?.[n.id].gradients ?? []),
    );
    const depths = r.map((x) => x.depth);
    this.charts[1].update(
      depths,
      NETS.map((n) => r.map((x) => x[n.id].gradients[0] / x[n.id].gradients.at(-1))),
    );
    this.charts[2].update(
      depths,
      NETS.map((n) => r.map((x) => x[n.id].sharpness)),
    );
    const t = s.training;
    this.charts[3].update(
      t?.steps ?? [],
      TRAINED.map((n) => t?.[n.id].losses ?? []),
    );
    this.charts[4].update(
      t?.steps ?? [],
      TRAINED.map((n) => t?.[n.id].firstNorms ?? []),
    );
    this.summary.textContent = this.waiting
      ? 'Not run yet: Play measures the gradients at each depth, then trains the deep networks.'
      : summary(s);
  }

  destroyDrawing() {
    for (const c of this.charts ?? []) c.destroy();
    this.charts = null;
  }
}

/** The figure's numbers in a sentence: the explosion at the deepest depth, then the training so far. */
function summary(s) {
  const r = s.results;
  if (r.length < s.depths.length) return `measuring the gradients at depth ${r.length + 1} of ${s.depths.length}…`;
  const last = r.at(-1);
  const ratio = (id) => Number((last[id].gradients[0] / last[id].gradients.at(-1)).toPrecision(2)).toLocaleString('en');
  let text = `At ${last.depth} hidden layers, the first layer's gradient is ${ratio('bn')} times the last hidden layer's with batch norm, ${ratio('plain')} times without.`;
  const t = s.training;
  if (t) {
    const at = t.steps.length - 1;
    const loss = (id) => (t[id].losses[at] === null ? 'blown up' : t[id].losses[at].toFixed(2));
    text += ` Training loss at step ${t.steps[at]} (${t.depth} layers): ${loss('plain')} without batch norm, ${loss('bn')} with it, ${loss('warm')} with it and a warm-up.`;
  }
  return text;
}
