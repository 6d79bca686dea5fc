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
// this file chooses how training workers are made (index.js, embed.js), and imports it before the figures' code:
// the element is defined first, so if that code fails to load (a browser that cannot run it, a file that did
// not arrive) each element says so in its frame instead of staying blank.
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

import { element } from '../views/dom.js';
import { readAttributes } from './attributes.js';
import viewsCss from '../views/views.css?inline';
import figureCss from './figure.css?inline';

/**
 * The figures (name → { entry, View }), loaded once. In a separate file's build it is a chunk of its own; in the
 * one-file bundle it is already evaluated, or its evaluation threw — either way a failure rejects here.
 */
let figures = null;
const loadFigures = () =>
  (figures ??= import('../figures/registry.js').then((module) => {
    if (!module?.FIGURES) throw firstError ?? new Error('the figures did not load');
    return module.FIGURES;
  }));
// The first uncaught error after this module loaded: in the one-file bundle, what stopped the figures' code (the
// import above then only finds it missing).
let firstError = null;
globalThis.addEventListener?.('error', (event) => (firstError ??= event.error ?? new Error(event.message)));

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
  #figures = null; // the loaded figure table (loadFigures)
  #renders = 0; // a newer render makes an older one's late load do nothing

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
      const read = readAttributes((key) => this.getAttribute(key), this.#figures);
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
    const render = ++this.#renders;
    if (!this.#figures) {
      shadow.replaceChildren(element('p', 'bnp-loading', 'loading the figure…'));
      loadFigures().then(
        (loaded) => {
          this.#figures = loaded;
          if (render === this.#renders && this.isConnected) this.#render(restarted);
        },
        (error) => {
          if (render !== this.#renders) return;
          const message = element(
            'p',
            'bnp-error',
            `This figure could not start: its code failed to load (${error?.message ?? error}). Reloading the page may help; if not, this browser may not run it.`,
          );
          message.setAttribute('role', 'alert');
          shadow.replaceChildren(message);
        },
      );
      return;
    }
    shadow.replaceChildren();
    const read = readAttributes((name) => this.getAttribute(name), this.#figures);
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
