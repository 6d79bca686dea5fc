// The one building block of the page and of every embeddable figure: a title and a short explanation, a
// toolbar (play, pause, step, reset and a step counter) when it trains, the controls its point needs, a
// drawing area and a status line. It holds one or more runs — each a worker session with one experiment —
// starts in turn with the other figures once it is first on screen, trains only while shown, and draws
// through the page's shared draw loop. Subclasses say what to run (runs(), options()) and how to draw it.
//
// Hooks for subclasses: build(body) makes the views (they draw an empty frame before any data);
// ready(description, runId) after an experiment was (re)built; record(snapshot, runId) for every snapshot,
// drawn or not; draw(latest) when the loop lets it draw; resetDrawing(); answer(message) for an action's
// answer; prepare() (async) before the sessions open; destroyDrawing().
import { startInTurn } from '../runtime/start-queue.js';
import { openSession } from '../runtime/worker-pool.js';
import { BY_KEY, constrain, parseValue, rebuilds, withDataset } from '../state/settings.js';
import { Controls } from '../views/controls.js';
import { button, element } from '../views/dom.js';
import { cancelDraw, requestDraw } from './draw-loop.js';
import { watchVisibility } from './visibility.js';

let figureCount = 0;
/** A playing run that posts nothing for this long has lost its worker (a frame trains at most 200 ms). */
const STALL_MS = 8000;

/** The caption behind an "About this figure" toggle (compact figures). */
function folded(text) {
  const details = element('details', 'bnp-about');
  details.append(element('summary', null, 'About this figure'), element('p', 'bnp-explain', text));
  return details;
}

export class Figure {
  static title = '';
  static explain = '';
  /** The worker experiment (web/worker/training-worker.js, KINDS) behind the default run. */
  static kind = 'training';
  static trains = true;
  /** Runs as soon as it is on screen (quick, finite experiments), without waiting for Play. */
  static autorun = false;
  /** The page is always "on screen": it trains wherever the reader has scrolled. */
  static alwaysShown = false;
  static controls = [];
  /** Settings this figure changes from the page's defaults. */
  static overrides = {};
  /** The measures (web/worker/measures.js) a 'training' experiment puts in each snapshot. */
  static measures = ['curves'];

  /**
   * settings: the figure's settings; controls: setting names to show (default the class's); height: height
   * of each chart and heatmap; autoplay: train when shown; compact: the caption folded behind "About this
   * figure"; parts: existing elements to use instead of making them ({ root, toolbar, status, notices, and
   * what a subclass needs}: the page passes its own).
   */
  constructor(container, { settings, controls, height = 220, autoplay = false, compact = false, parts = {} }) {
    const Self = this.constructor;
    this.settings = settings;
    this.height = height;
    this.work = 0; // training steps done for this figure, ever: what "doing work" means
    this.latest = null;
    this.shown = false;
    this.wanted = autoplay || Self.autorun; // should it play while on screen?
    this.id = `f${++figureCount}`;
    // One run per experiment the figure holds, each in a worker session of its own:
    // { id, session, step, playing, latest, awaitingReady }. Most figures have one; mnist has two.
    this.runStates = [];
    this.panels = new Set(); // names of watched panels that are on screen
    this.stops = []; // visibility watches to end on destroy
    this.firstDrawn = new Promise((resolve) => (this.firstFrame = resolve));

    const root = parts.root ?? element('figure', 'bnp-figure');
    this.root = root;
    if (!parts.root)
      root.append(
        element('h3', 'bnp-title', Self.title),
        compact ? folded(Self.explain) : element('p', 'bnp-explain', Self.explain),
      );
    root.style.setProperty('--bnp-height', `${height}px`); // heatmaps and contour plots are no taller than the charts
    if (Self.trains) this.#toolbar(parts.toolbar ?? root.appendChild(element('div', 'bnp-toolbar')));
    this.controlsBox = parts.root ? null : root.appendChild(element('div', 'bnp-controls'));
    this.controls = this.buildControls(this.controlsBox, controls ?? Self.controls, parts);
    this.body = parts.root ? root : root.appendChild(element('div', 'bnp-body'));
    this.status = parts.status ?? root.appendChild(element('p', 'bnp-status'));
    this.status.setAttribute('role', 'status');
    this.noticeBox = parts.notices ?? null;
    if (!parts.root) container.append(root);
    this.showSettings();
    this.build(this.body);

    if (Self.alwaysShown) {
      this.setShown(true);
    } else {
      this.stops.push(watchVisibility(root, (shown) => this.setShown(shown)));
    }
  }

  // Buttons found in the toolbar by data-role (the page declares its own in HTML), made where missing.
  #toolbar(bar) {
    const find = (role, make) => {
      const found = bar.querySelector(`[data-role="${role}"]`);
      if (found) return found;
      const made = bar.appendChild(make());
      made.dataset.role = role;
      return made;
    };
    const take = (role, label, onClick) => {
      const b = find(role, () => button(label, () => {}));
      b.addEventListener('click', onClick);
      return b;
    };
    this.playButton = take('play', 'Play', () => this.toggle());
    this.playButton.setAttribute('aria-pressed', 'false');
    take('step', 'Step', () => this.sendAll({ type: 'step' }));
    take('reset', 'Reset', () => this.reset());
    const counter = bar.querySelector('[data-role="counter"]');
    this.counterPrefix = counter ? '' : 'step ';
    this.counter = counter ?? find('counter', () => element('span', 'bnp-counter', 'step 0'));
    this.rate = bar.querySelector('[data-role="rate"]');
  }

  /** The figure's controls: one row of the named settings (the page's figure puts its own in its panels). */
  buildControls(box, keys) {
    if (!box || !keys.length) return [];
    return [new Controls(box, { keys, idPrefix: this.id, onChange: (key, value) => this.change(key, value) })];
  }

  showSettings() {
    for (const c of this.controls) c.set(this.settings);
  }

  /** Shows other controls (setting names; undefined: the figure's own), training on as it was. */
  setControls(keys) {
    if (!this.controlsBox) return;
    this.controlsBox.replaceChildren();
    this.controls = this.buildControls(this.controlsBox, keys ?? this.constructor.controls);
    this.showSettings();
  }

  /** Autoplay switched on: it plays while shown (switched off, a playing figure plays on until paused). */
  setAutoplay(on) {
    if (!on || this.wanted) return;
    this.wanted = true;
    if (this.shown && this.runStates.length) this.sendAll({ type: 'play' });
  }

  /**
   * The runs this figure holds: [{ id, kind, options, shared }]; shared: { key: { bytes, compressed } } the
   * worker needs (compressed: gzip bytes it unpacks).
   */
  runs() {
    return [{ id: 'main', kind: this.constructor.kind, options: this.options() }];
  }

  /** Worker options of the default run's experiment ('training' ones take the measures to snapshot). */
  options() {
    return this.constructor.kind === 'training' ? { measures: this.constructor.measures } : {};
  }

  /** Opens the sessions and draws the first frame (called once, when the figure first shows). */
  start() {
    if (this.starting) return this.starting;
    this.starting = startInTurn(async () => {
      if (this.destroyed) return; // torn down while waiting for its turn
      try {
        await this.prepare();
        const specs = this.runs();
        // One after another, each apart from the ones before: runs that train together use different cores.
        const sessions = [];
        for (const k of specs.keys())
          sessions.push(await openSession((message) => this.#receive(k, message), { apart: sessions }));
        if (this.destroyed) return sessions.forEach((s) => s.close());
        this.runStates = specs.map((spec, k) => ({
          id: spec.id,
          label: spec.label ?? null,
          session: sessions[k],
          step: 0,
          playing: false,
          latest: null,
          awaitingReady: true,
          heard: performance.now(),
          lost: false,
        }));
        this.open();
      } catch (error) {
        this.fail(error.message);
        this.starting = null; // the next time it scrolls into view, it tries again
        return;
      }
      await this.firstDrawn;
    });
    return this.starting;
  }

  async prepare() {}

  /** (Re)builds every run's experiment with the current settings. */
  open() {
    this.runs().forEach((spec, k) => {
      const run = this.runStates[k];
      if (!run) return;
      for (const [key, { bytes, compressed }] of Object.entries(spec.shared ?? {}))
        run.session.share(key, bytes, { compressed });
      run.step = 0;
      run.awaitingReady = true; // snapshots the old experiment already posted are dropped
      run.session.send({ type: 'open', kind: spec.kind, settings: this.settings, options: spec.options });
    });
    this.resetDrawing();
    this.schedule(); // show the reset at once (counter at 0, empty curves), not when the new experiment answers
    if (this.wanted && this.shown) this.sendAll({ type: 'play' });
  }

  sendAll(message) {
    for (const run of this.runStates) run.session.send(message);
  }

  /** A reader changed one setting: rebuild if it must, else tell the experiments what the view needs. */
  change(key, value) {
    // A typed value (the seed's number field) is checked like one from the address: clamped, with a notice.
    const notices = [];
    const checked = parseValue(BY_KEY[key], String(value));
    if (checked.notice) notices.push(checked.notice);
    const next =
      key === 'dataset' ? withDataset(this.settings, checked.value) : { ...this.settings, [key]: checked.value };
    this.settings = constrain(next, notices);
    // Said next to the control that was changed (the page's top box is for the address's values).
    const shown = this.controls.some((c) => c.notice(key, notices.join(' ')));
    if (!shown) this.notify(notices);
    this.showSettings();
    this.changed();
    if (this.restarts(key)) this.open();
    else this.sendAll({ type: 'view', settings: this.settings });
  }

  /** Does a change of `key` rebuild this figure's experiments? A live setting does not, in training experiments. */
  restarts(key) {
    return rebuilds(key) && !(BY_KEY[key]?.live && this.constructor.kind === 'training');
  }

  /** Replaces all settings at once (the page's address changed): rebuilds only if a rebuilding one differs. */
  apply(settings, notices = []) {
    const rebuild = Object.keys(settings).some((k) => settings[k] !== this.settings[k] && this.restarts(k));
    this.settings = settings;
    this.notify(notices);
    this.showSettings();
    if (rebuild) this.open();
    else this.sendAll({ type: 'view', settings });
  }

  /** After a reader's change (the page writes its address). */
  changed() {}

  /** Notices about settings that were not allowed, where the figure shows them (the page: by its settings). */
  notify(notices) {
    if (!this.noticeBox) return;
    this.noticeBox.replaceChildren(...notices.map((text) => element('li', null, text)));
    this.noticeBox.hidden = notices.length === 0;
  }

  get playing() {
    return this.runStates.some((run) => run.playing);
  }

  /** Steps done, as one counter: the slowest run's. */
  get step() {
    return this.runStates.length ? Math.min(...this.runStates.map((run) => run.step)) : 0;
  }

  toggle() {
    this.wanted = !this.playing;
    this.sendAll({ type: this.playing ? 'pause' : 'play' });
  }

  reset() {
    for (const run of this.runStates) Object.assign(run, { step: 0, awaitingReady: true });
    this.resetDrawing();
    this.schedule();
    this.sendAll({ type: 'reset' });
    if (this.wanted && this.shown) this.sendAll({ type: 'play' });
  }

  /** On and off screen (from the shared observer): off screen, nothing trains; first shown, it starts. */
  setShown(shown) {
    this.shown = shown;
    if (shown && !this.starting) this.start();
    if (!this.runStates.length) return;
    if (!shown && this.playing) this.sendAll({ type: 'pause' });
    if (shown && this.wanted && !this.playing) this.sendAll({ type: 'play' });
    if (shown) this.schedule();
  }

  /** Watches a panel inside the figure: panelShown(name) says whether it is on screen now. */
  watchPanel(panel, name) {
    this.stops.push(
      watchVisibility(panel, (shown) => {
        if (shown) this.panels.add(name);
        else this.panels.delete(name);
        this.panelsChanged();
        this.schedule();
      }),
    );
  }

  panelShown(name) {
    return this.panels.has(name);
  }

  panelsChanged() {}

  #receive(k, message) {
    const run = this.runStates[k];
    if (!run) return;
    run.heard = performance.now();
    switch (message.type) {
      case 'error':
        run.playing = false;
        run.lost ||= Boolean(message.lost);
        this.#showPlaying();
        return this.fail(run.label && this.runStates.length > 1 ? `${run.label}: ${message.message}` : message.message);
      case 'ready':
        run.awaitingReady = false;
        return this.ready(message, run.id);
      case 'answer':
        return this.answer(message);
      case 'snapshot':
        if (run.awaitingReady) return;
        if (message.step > run.step) this.work += message.step - run.step;
        run.step = message.step;
        run.playing = message.playing;
        run.latest = message;
        if (k === 0) this.latest = message;
        this.record(message, run.id);
        this.#showPlaying();
        this.#watch();
        return this.schedule();
    }
  }

  #showPlaying() {
    if (!this.playButton) return;
    this.playButton.textContent = this.playing ? 'Pause' : this.playLabel();
    this.playButton.setAttribute('aria-pressed', String(this.playing));
  }

  // While a run plays, a check every second that its worker still answers; one silent for STALL_MS is given
  // up (the pool replaces it) and the figure says so and offers a restart.
  #watch() {
    if (this.watchdog || !this.playing) return;
    this.watchdog = setInterval(() => {
      const now = performance.now();
      for (const run of this.runStates)
        if (run.playing && !run.lost && now - run.heard > STALL_MS)
          run.session.retire(
            `training stopped answering at step ${run.step.toLocaleString('en')} (its worker quit); restart to train again`,
          );
      if (!this.playing) (clearInterval(this.watchdog), (this.watchdog = null));
    }, 1000);
  }

  /** What the play button says while paused. */
  playLabel() {
    return 'Play';
  }

  schedule() {
    if (this.latest) requestDraw(this);
  }

  drawNow() {
    if (!this.shown && this.drawn) return;
    if (this.counter) this.counter.textContent = `${this.counterPrefix}${this.step.toLocaleString('en')}`;
    if (this.rate) {
      const rate = Math.min(...this.runStates.map((run) => run.latest?.stepsPerSecond ?? 0));
      this.rate.textContent = this.playing ? `${Math.round(rate).toLocaleString('en')} steps/s` : 'paused';
    }
    this.draw(this.latest);
    this.drawn = true;
    this.firstFrame();
  }

  /** The histories this figure draws from, by name (most keep one `history`; some keep more). */
  histories() {
    return this.history ? { main: this.history } : {};
  }

  /**
   * What the figure shows, as plain numbers: the step, the latest snapshot of its first run, and every drawn
   * history as { steps, columns }. For tests that check a caption's claim, and for anyone quoting a figure.
   */
  readings() {
    const plain = (value) =>
      JSON.parse(JSON.stringify(value ?? null, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
    const histories = Object.fromEntries(
      Object.entries(this.histories()).map(([name, h]) => [
        name,
        { steps: [...h.steps], columns: Object.fromEntries(h.columns) },
      ]),
    );
    return plain({ step: this.step, settings: this.settings, latest: this.latest, histories });
  }

  /** Says why training stopped, with a way on: Resume where the experiment still exists, else Restart. */
  fail(message) {
    this.status.textContent = message;
    this.status.dataset.error = '';
    if (this.constructor.trains && this.runStates.length) {
      const lost = this.runStates.some((run) => run.lost);
      const action = button(lost ? 'Restart' : 'Resume', () => (lost ? this.restart() : this.resume()));
      action.className = 'bnp-recover';
      this.status.append(' ', action);
    }
    this.firstFrame();
  }

  #clearStatus() {
    this.status.replaceChildren();
    delete this.status.dataset.error;
  }

  /** Plays every run again after an error (each experiment keeps its step). */
  resume() {
    this.#clearStatus();
    this.wanted = true;
    this.sendAll({ type: 'play' });
  }

  /** New sessions (on a new worker where the old one was lost) and new experiments, from step 0. */
  restart() {
    this.#clearStatus();
    for (const run of this.runStates) if (!run.lost) run.session.close();
    this.runStates = [];
    this.starting = null;
    this.wanted = true;
    return this.start();
  }

  destroy() {
    this.destroyed = true;
    clearInterval(this.watchdog);
    cancelDraw(this);
    for (const stop of this.stops) stop();
    for (const run of this.runStates) run.session.close();
    this.runStates = [];
    this.destroyDrawing();
  }

  build() {}
  ready() {}
  record() {}
  draw() {}
  resetDrawing() {}
  answer() {}
  destroyDrawing() {}
}
