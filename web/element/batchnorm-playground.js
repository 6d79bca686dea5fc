// <batchnorm-playground figure="…"> — one figure of the story, for any page: shadow DOM for isolated styles,
// configured by attributes; the figure itself trains only while on screen and starts in turn with the others.
//   figure    a name from the figure table (web/state/figures.js), e.g. compare
//   dataset   circle | xor | gauss | spiral
//   seed      a whole number
//   autoplay  present: start training when it comes into view
//   controls  comma-separated setting names to show (e.g. "lr,batch"), or "none"
//   height    height of each chart and heatmap in CSS pixels (120 … 800)
//   compact   present: the caption folds behind "About this figure" (for a column whose text explains it)
// It never reads or writes the URL, so any number of figures can share a page. The entry point that imports
// this file chooses how training workers are made (index.js, embed.js).
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

import { FIGURES } from '../figures/registry.js';
import { element } from '../views/dom.js';
import { readAttributes } from './attributes.js';
import viewsCss from '../views/views.css?inline';
import figureCss from './figure.css?inline';

/**
 * The figures' styles as one constructed style sheet shared by every element: unlike a <style> element, it
 * needs no 'unsafe-inline' in a page's Content-Security-Policy (style-src).
 */
let styles = null;
function figureStyles() {
  if (!styles) {
    styles = new CSSStyleSheet();
    styles.replaceSync(uplotCss + viewsCss + figureCss);
  }
  return styles;
}

export class BatchnormPlayground extends HTMLElement {
  static observedAttributes = ['figure', 'dataset', 'seed', 'autoplay', 'controls', 'height', 'compact'];
  #figure = null;

  /** Training steps this figure has done so far (off screen it does none). */
  get work() {
    return this.#figure?.work ?? 0;
  }

  /** What the figure shows now, as plain numbers (step, latest snapshot, drawn histories), or null before it starts. */
  readings() {
    return this.#figure?.readings() ?? null;
  }

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#teardown();
  }

  // controls and autoplay apply to the running figure; any other change builds it anew, and it says so.
  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || !this.shadowRoot || before === after) return;
    if (this.#figure && (name === 'controls' || name === 'autoplay')) {
      const read = readAttributes((key) => this.getAttribute(key), FIGURES);
      if (!read.error) {
        if (name === 'controls') this.#figure.setControls(read.controls);
        else this.#figure.setAutoplay(read.autoplay);
        return;
      }
    }
    this.#render(`${name} changed, so the figure started again`);
  }

  #teardown() {
    this.#figure?.destroy();
    this.#figure = null;
  }

  #render(restarted = null) {
    this.#teardown();
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [figureStyles()];
    shadow.replaceChildren();
    const read = readAttributes((name) => this.getAttribute(name), FIGURES);
    if (read.error) {
      const message = shadow.appendChild(element('p', 'bnp-error', read.error));
      message.setAttribute('role', 'alert');
      return;
    }
    const notices = restarted ? [...read.notices, restarted] : read.notices;
    if (notices.length) {
      const list = shadow.appendChild(element('ul', 'bnp-notices'));
      list.append(...notices.map((text) => element('li', null, text)));
    }
    const figure = new read.View(shadow, read).mount();
    this.#figure = figure;
    this.dataset.figure = read.name;
    figure.firstDrawn.then(() => {
      if (this.#figure === figure) this.dataset.drawn = '';
    });
  }
}

if (!customElements.get('batchnorm-playground')) customElements.define('batchnorm-playground', BatchnormPlayground);
