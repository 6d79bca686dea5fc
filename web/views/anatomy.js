// The anatomy of one hidden unit on the current mini-batch, one card per network: histograms of what goes
// in and out of batch normalization on one shared axis, the batch and running statistics, γ and β, and the
// four formulas worked through with the numbers of the first examples of the batch.
import { INK, STAGE_FILLS, netStyle } from './colors.js';
import { element } from './dom.js';
import { divergedMessage, fmt } from './format.js';
import { Histogram } from './histogram.js';

function rangeOf(...arrays) {
  let lo = Infinity,
    hi = -Infinity;
  for (const a of arrays)
    for (const v of a ?? []) if (Number.isFinite(v)) ((lo = Math.min(lo, v)), (hi = Math.max(hi, v)));
  if (!(lo <= hi)) return [-1, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

class AnatomyCard {
  constructor(container, net, heading) {
    this.net = net;
    this.root = element('section', 'anatomy-card');
    this.root.dataset.net = net.id;
    this.title = element(heading, 'anatomy-title', net.label);
    const normalized = net.batchNorm === 'after' ? 'a' : 'z';
    this.first = new Histogram(this.root, {
      label: net.batchNorm === 'none' ? 'histogram of z' : `histograms of ${normalized}, ẑ and z̃`,
    });
    this.second = new Histogram(this.root, {
      label: net.batchNorm === 'after' ? 'histogram of z' : 'histogram of a',
      height: 90,
    });
    this.stats = element('dl', 'stats');
    this.steps = element('table', 'steps');
    this.root.prepend(this.title);
    this.root.append(this.stats, this.steps);
    this.message = element('p', 'diverged');
    this.root.append(this.message);
    container.append(this.root);
    this.update({ diverged: null, anatomy: EMPTY }); // the empty frame, at its final size, before any batch
  }

  update(snapshot) {
    const { net } = this;
    this.message.textContent = snapshot.diverged !== null ? divergedMessage(snapshot.diverged) : '';
    const a = snapshot.anatomy;
    if (!a) return;
    this.title.textContent = a.layer ? `${net.label} — layer ${a.layer}, unit ${a.unit}` : net.label;
    const bn = net.batchNorm !== 'none';
    const input = net.batchNorm === 'after' ? a.a : a.z; // what batch norm normalizes
    const inputName = net.batchNorm === 'after' ? 'a' : 'z';
    // Every stage in the network's own colour; the stage is in the fill: z outlined, ẑ light, z̃ dark.
    const { meaning, color } = netStyle(net.id);
    const stage = (key) => ({ meaning, color, fill: STAGE_FILLS[key] });
    if (bn) {
      this.first.update(
        [
          { label: `${inputName} (into batch norm)`, ...stage('z'), values: input },
          { label: 'ẑ = (' + inputName + ' − μ)/√(σ² + ε)', ...stage('zHat'), values: a.zHat },
          { label: 'z̃ = γẑ + β', ...stage('zTilde'), values: a.zTilde },
        ],
        {
          range: rangeOf(input, a.zHat, a.zTilde),
          markers: [
            { at: a.batchMean, color: INK.color, label: 'μ_B' },
            { at: 0, color: INK.color, dash: [1, 2], label: '0' },
          ],
        },
      );
      const other = net.batchNorm === 'after' ? a.z : a.a;
      this.second.update(
        [
          {
            label: net.batchNorm === 'after' ? 'z (before the activation)' : 'a = f(z̃)',
            ...stage('a'),
            values: other,
          },
        ],
        { range: rangeOf(other) },
      );
    } else {
      this.first.update([{ label: 'z = w·x + b', ...stage('z'), values: a.z }], { range: rangeOf(a.z) });
      this.second.update([{ label: 'a = f(z)', ...stage('a'), values: a.a }], { range: rangeOf(a.a) });
    }
    const pairs = bn
      ? [
          ['μ_B', a.batchMean],
          ['σ²_B', a.batchVariance],
          ['γ', a.gamma],
          ['β', a.beta],
          ['running μ', a.runningMean],
          ['running σ²', a.runningVariance],
        ]
      : [
          ['mean of z', mean(a.z)],
          ['variance of z', variance(a.z)],
        ];
    this.stats.replaceChildren(...pairs.flatMap(([k, v]) => [element('dt', null, k), element('dd', null, fmt(v))]));
    this.#steps(a, bn, input, inputName);
  }

  #steps(a, bn, input, inputName) {
    const rows = Math.min(4, a.rows);
    const head = bn ? [inputName, `${inputName} − μ_B`, 'ẑ', 'z̃', outputHeading(this.net)] : ['z', 'a = f(z)'];
    // Short headings (long ones wrapped into three lines); the formulas go in the caption.
    const formulas = bn ? `: ẑ = (${inputName} − μ_B)/√(σ²_B + ε), z̃ = γẑ + β` : '';
    const caption = element('caption', null, `the first ${rows} examples of the batch${formulas}`);
    const header = element('tr');
    header.append(...head.map((h) => element('th', null, h)));
    const body = [];
    for (let i = 0; i < rows; i++) {
      const tr = element('tr');
      const cells =
        i >= input.length
          ? head.map(() => null) // the empty frame
          : bn
            ? [
                input[i],
                input[i] - a.batchMean,
                a.zHat[i],
                a.zTilde[i],
                this.net.batchNorm === 'after' ? a.zTilde[i] : a.a[i],
              ]
            : [a.z[i], a.a[i]];
      tr.append(...cells.map((v) => element('td', null, fmt(v))));
      body.push(tr);
    }
    this.steps.replaceChildren(caption, header, ...body);
  }
}

// What a card shows before the first mini-batch: empty histograms and tables of the final size.
const EMPTY = {
  layer: null,
  unit: null,
  rows: 4,
  z: [],
  zHat: [],
  zTilde: [],
  a: [],
  batchMean: null,
  batchVariance: null,
  runningMean: null,
  runningVariance: null,
  gamma: null,
  beta: null,
};

function outputHeading(net) {
  return net.batchNorm === 'after' ? 'to the next layer' : 'a = f(z̃)';
}
function mean(values) {
  return values?.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}
function variance(values) {
  if (!values?.length) return null;
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length;
}

export class Anatomy {
  #container;
  #cards = [];
  #heading;

  /** heading: the cards' heading element, one level below the panel's ('h4' in a figure, 'h3' on the page). */
  constructor(container, { heading = 'h4' } = {}) {
    this.#container = container;
    this.#heading = heading;
  }

  setNets(nets) {
    this.#container.replaceChildren();
    this.#cards = nets.map((net) => new AnatomyCard(this.#container, net, this.#heading));
  }

  update(snapshotNets) {
    snapshotNets.forEach((s, k) => this.#cards[k]?.update(s));
  }
}
