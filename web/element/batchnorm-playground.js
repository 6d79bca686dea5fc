// <batchnorm-playground figure="…"> — one figure of the story, for any page: shadow DOM for isolated styles,
// configured by attributes, training only while on screen, started in turn with the other figures.
//   figure    input-scale | compare | anatomy | sigmoid-range | placement | drift | train-vs-eval | lr-sweep
//   dataset   circle | xor | gauss | spiral
//   seed      a whole number
//   autoplay  present: start training when it comes into view
//   controls  comma-separated setting names to show (e.g. "lr,batch"), or "none"
//   height    chart height in CSS pixels (120 … 800)
// It never reads or writes the URL, so any number of figures can share a page.
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

import { AnatomyFigure } from '../figures/anatomy.js';
import { CompareFigure } from '../figures/compare.js';
import { DriftFigure } from '../figures/drift.js';
import { InputScaleFigure } from '../figures/input-scale.js';
import { LrSweepFigure } from '../figures/lr-sweep.js';
import { PlacementFigure } from '../figures/placement.js';
import { SigmoidRangeFigure } from '../figures/sigmoid-range.js';
import { TrainVsEvalFigure } from '../figures/train-vs-eval.js';
import { BY_KEY, SETTINGS, constrain, defaults, parseValue } from '../state/settings.js';
import figureCss from './figure.css?inline';

export const FIGURES = {
  'input-scale': InputScaleFigure,
  compare: CompareFigure,
  anatomy: AnatomyFigure,
  'sigmoid-range': SigmoidRangeFigure,
  placement: PlacementFigure,
  drift: DriftFigure,
  'train-vs-eval': TrainVsEvalFigure,
  'lr-sweep': LrSweepFigure,
};

const TAG = 'batchnorm-playground';

/** Reads the attributes: { Figure, values, controls, height, autoplay, notices } or { error }. */
export function readAttributes(get) {
  const name = (get('figure') ?? 'compare').trim();
  const Figure = FIGURES[name];
  if (!Figure) return { error: `${TAG}: figure="${name}" is not one of ${Object.keys(FIGURES).join(', ')}` };
  const notices = [];
  const values = { ...defaults(), ...Figure.overrides };
  for (const key of ['dataset', 'seed']) {
    const text = get(key);
    if (text === null) continue;
    const { value, notice } = parseValue(BY_KEY[key], text);
    values[key] = value;
    if (notice) notices.push(notice);
  }
  let controls;
  const list = get('controls');
  if (list !== null) {
    controls = list.trim() === 'none' || list.trim() === '' ? [] : list.split(',').map((k) => k.trim());
    const unknown = controls.filter((k) => !BY_KEY[k]);
    if (unknown.length) return { error: `${TAG}: controls="${list}" names ${unknown.map((k) => `"${k}"`).join(', ')}, which is not a setting; allowed are ${SETTINGS.map((s) => s.key).join(', ')}, or none` };
  }
  let height = 220;
  const heightText = get('height');
  if (heightText !== null) {
    const h = Number(heightText);
    height = Number.isFinite(h) ? Math.round(Math.min(800, Math.max(120, h))) : 220;
    if (height !== h) notices.push(`height = "${heightText.slice(0, 20)}" is not a number from 120 to 800; using ${height}`);
  }
  return { Figure, values: constrain(values, notices), controls, height, autoplay: get('autoplay') !== null, notices };
}

export class BatchnormPlayground extends HTMLElement {
  static observedAttributes = ['figure', 'dataset', 'seed', 'autoplay', 'controls', 'height'];
  #figure = null;
  #observer = null;
  #started = false;

  /** Training steps this figure has done so far (off screen it does none). */
  get work() {
    return this.#figure?.work ?? 0;
  }

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#teardown();
  }

  attributeChangedCallback() {
    if (this.isConnected && this.shadowRoot) this.#render();
  }

  #teardown() {
    this.#observer?.disconnect();
    this.#figure?.destroy();
    this.#figure = null;
    this.#started = false;
  }

  #render() {
    this.#teardown();
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = uplotCss + figureCss;
    shadow.replaceChildren(style);
    const read = readAttributes((name) => this.getAttribute(name));
    if (read.error) {
      const message = document.createElement('p');
      message.className = 'bnp-error';
      message.setAttribute('role', 'alert');
      message.textContent = read.error;
      shadow.append(message);
      return;
    }
    if (read.notices.length) {
      const list = document.createElement('ul');
      list.className = 'bnp-notices';
      list.append(...read.notices.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
      shadow.append(list);
    }
    const figure = new read.Figure(shadow, read);
    this.#figure = figure;
    this.dataset.figure = Object.keys(FIGURES).find((k) => FIGURES[k] === read.Figure);
    this.#observer = new IntersectionObserver(([entry]) => {
      figure.setShown(entry.isIntersecting);
      if (entry.isIntersecting && !this.#started) {
        this.#started = true;
        figure.start().then(() => (this.dataset.drawn = ''));
      }
    }, { rootMargin: '100px 0px' });
    this.#observer.observe(this);
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, BatchnormPlayground);
