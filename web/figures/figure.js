// What every embeddable figure has: a title and a short explanation, a toolbar (play, pause, step, reset and
// a step counter) when it trains, the few controls its point needs, a drawing area, and a status line for
// errors. It talks to a worker session; subclasses say what to train and how to draw it.
import { constrain, rebuilds } from '../state/settings.js';
import { Controls } from '../views/controls.js';
import { openSession, startInTurn } from '../element/runtime.js';

let figureCount = 0;

// One drawing loop for every figure on the page: each animation frame draws at most two of the figures with
// new data (oldest request first, and no more once 8 ms are spent; painting their canvases costs as much
// again); the rest wait for the next frame. However many figures a page holds, the main thread keeps its
// frame rate and each figure simply redraws less often.
const waiting = new Set();
let looping = false;
const DRAW_BUDGET_MS = 8;
const DRAWS_PER_FRAME = 2;
function requestDraw(figure) {
  waiting.add(figure);
  if (looping) return;
  looping = true;
  requestAnimationFrame(drawSome);
}
function drawSome() {
  const started = performance.now();
  let drawn = 0;
  for (const figure of waiting) {
    if (drawn++ === DRAWS_PER_FRAME || performance.now() - started > DRAW_BUDGET_MS) break;
    waiting.delete(figure);
    figure.drawNow();
  }
  if (waiting.size) requestAnimationFrame(drawSome);
  else looping = false;
}

export class Figure {
  static title = '';
  static explain = '';
  static kind = 'training';
  static trains = true;
  /** Runs as soon as it is on screen (quick, finite experiments), without waiting for Play. */
  static autorun = false;
  static controls = [];
  /** Settings this figure changes from the page's defaults. */
  static overrides = {};

  constructor(container, { values, controls, height = 220, autoplay = false }) {
    this.values = values;
    this.height = height;
    this.autoplay = autoplay;
    this.work = 0;         // training steps done for this figure, ever: what "doing work" means
    this.lastStep = 0;
    this.latest = null;
    this.playing = false;
    this.shown = false;
    this.wanted = autoplay || this.constructor.autorun;  // should it play while on screen?
    this.id = `f${++figureCount}`;
    const Self = this.constructor;
    const root = element('figure', 'bnp-figure');
    root.append(element('h3', 'bnp-title', Self.title), element('p', 'bnp-explain', Self.explain));
    if (Self.trains) root.append(this.#toolbar());
    const controlsBox = element('div', 'bnp-controls');
    const keys = controls ?? Self.controls;
    if (keys.length) {
      this.controls = new Controls(controlsBox, { keys, idPrefix: this.id, onChange: (key, value) => this.change(key, value) });
      this.controls.set(this.values);
    }
    this.body = element('div', 'bnp-body');
    this.status = element('p', 'bnp-status');
    this.status.setAttribute('role', 'status');
    root.append(controlsBox, this.body, this.status);
    container.append(root);
    this.build(this.body);
  }

  #toolbar() {
    const bar = element('div', 'bnp-toolbar');
    this.playButton = button('Play', () => this.toggle());
    this.playButton.setAttribute('aria-pressed', 'false');
    this.counter = element('span', 'bnp-counter', 'step 0');
    bar.append(this.playButton, button('Step', () => this.session?.send({ type: 'step' })), button('Reset', () => this.reset()), this.counter);
    return bar;
  }

  /** Opens the worker session and draws the first frame (called once, when the figure first shows). */
  start() {
    return startInTurn(() => new Promise((resolve) => {
      this.firstFrame = resolve;
      openSession((message) => this.receive(message)).then(
        (session) => {
          this.session = session;
          this.open();
        },
        (error) => {
          this.fail(error.message);
          resolve();
        },
      );
    }));
  }

  open() {
    this.lastStep = 0;
    this.session?.send({ type: 'open', kind: this.constructor.kind, values: this.values, options: this.options(this.values) });
    if (this.wanted && this.shown) this.session?.send({ type: 'play' });
  }

  /** Worker options for this figure's experiment (nets to compare, snapshot extras). */
  options() {
    return {};
  }

  change(key, value) {
    this.values = constrain({ ...this.values, [key]: value });
    this.controls?.set(this.values);
    if (rebuilds(key)) this.open();
    else this.session?.send({ type: 'view', values: this.values });
  }

  toggle() {
    this.wanted = !this.playing;
    this.session?.send({ type: this.playing ? 'pause' : 'play' });
  }

  reset() {
    this.session?.send({ type: 'reset' });
    this.lastStep = 0;
    this.resetDrawing?.();
    if (this.wanted && this.shown) this.session?.send({ type: 'play' });
  }

  /** Called by the element as the figure scrolls in and out of view: off screen, nothing trains. */
  setShown(shown) {
    this.shown = shown;
    if (!this.session) return;
    if (!shown && this.playing) this.session.send({ type: 'pause' });
    if (shown && this.wanted && !this.playing) this.session.send({ type: 'play' });
    if (shown) this.schedule();
  }

  receive(message) {
    if (message.type === 'error') return this.fail(message.message);
    if (message.type === 'ready') return this.ready(message);
    if (message.type === 'answer') return this.answer?.(message.message);
    if (message.type !== 'snapshot') return;
    if (message.step > this.lastStep) this.work += message.step - this.lastStep;
    this.lastStep = message.step;
    this.latest = message;
    this.playing = message.playing;
    this.record?.(message);
    if (this.playButton) {
      this.playButton.textContent = this.playing ? 'Pause' : 'Play';
      this.playButton.setAttribute('aria-pressed', String(this.playing));
    }
    this.schedule();
  }

  schedule() {
    if (this.latest) requestDraw(this);
  }

  drawNow() {
    if (!this.shown && this.drawn) return;
    if (this.counter) this.counter.textContent = `step ${this.latest.step.toLocaleString('en')}`;
    this.draw(this.latest);
    this.drawn = true;
    this.firstFrame?.();
    this.firstFrame = null;
  }

  fail(message) {
    this.status.textContent = message;
    this.status.dataset.error = '';
    this.playing = false;
    this.firstFrame?.();
  }

  destroy() {
    waiting.delete(this);
    this.session?.close();
    this.destroyDrawing?.();
  }

  // Subclasses: build(body), ready(description), draw(snapshot), and optionally record(snapshot) (every
  // snapshot, drawn or not), resetDrawing(), answer(text).
  build() {}
  ready() {}
  draw() {}
}

export function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(label, onClick) {
  const b = element('button', null, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/**
 * A table with one row per network: a coloured name cell, then cells(net) → texts, under `headings`
 * (the first heading names the network column).
 */
export function netTable(table, caption, headings, nets, color, cells) {
  const head = element('tr');
  head.append(...headings.map((h) => element('th', null, h)));
  const rows = nets.map((net) => {
    const tr = element('tr');
    const name = element('td', null, net.label);
    name.style.borderLeft = `4px solid ${color(net)}`;
    tr.append(name, ...cells(net).map((text) => element('td', null, text)));
    return tr;
  });
  table.replaceChildren(element('caption', null, caption), head, ...rows);
}

export const percent = (v, digits = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}%` : '—');
