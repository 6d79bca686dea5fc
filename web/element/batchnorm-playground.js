// <batchnorm-playground figure="…"> — one figure of the story, for any page: shadow DOM for isolated styles,
// configured by attributes, training only while on screen, started in turn with the other figures.
//   figure    input-scale | compare | anatomy | sigmoid-range | placement | drift | train-vs-eval | lr-sweep | mnist
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
import { MnistFigure } from '../figures/mnist.js';
import { PlacementFigure } from '../figures/placement.js';
import { SigmoidRangeFigure } from '../figures/sigmoid-range.js';
import { TrainVsEvalFigure } from '../figures/train-vs-eval.js';
import { readAttributes } from './attributes.js';
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
  mnist: MnistFigure,
};

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
    const read = readAttributes((name) => this.getAttribute(name), FIGURES);
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

if (!customElements.get('batchnorm-playground')) customElements.define('batchnorm-playground', BatchnormPlayground);
