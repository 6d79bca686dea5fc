// The one building block of the page and of every embeddable figure. A figure is its table entry
// (web/state/figures.js) made visible: a frame (frame.js) around a view, the runs it trains (runs.js), and
// when it works: it starts in turn with the other figures once first on screen (runtime/start-queue.js),
// trains only while shown (visibility.js) and draws through the page's shared loop (draw-loop.js).
//
// Made in two steps, so that a view's own fields exist before any of its hooks runs:
//   const figure = new View(container, options).mount();
// Hooks for views: build(body) makes the drawing (an empty frame before any data); ready(description, runId)
// after an experiment was (re)built; record(snapshot, runId) for every snapshot, drawn or not; draw(latest)
// when the loop lets it draw; resetDrawing(); answer(message) for an action's answer; prepare() (async) before
// the sessions open; destroyDrawing(); runSpecs() and options() for what to run, where the entry does not say it all.
import { startInTurn } from '../runtime/start-queue.js';
import { BY_KEY, constrain, parseValue, rebuilds, withDataset } from '../state/settings.js';
import { Controls } from '../views/controls.js';
import { cancelDraw, prefersReducedMotion, requestDraw } from './draw-loop.js';
import { Frame } from './frame.js';
import { Runs } from './runs.js';
import { watchVisibility } from './visibility.js';

let figureCount = 0;

export class Figure {
  /**
   * entry: the figure's table entry; settings: its settings; controls: setting names to show (default the
   * entry's); height: of each chart and heatmap; autoplay: train when shown; compact: the caption folded behind
   * "About this figure"; alwaysShown: trains wherever the reader has scrolled (the page); parts: existing
   * elements to use instead of making them ({ root, toolbar, status, notices }: the page passes its own).
   */
  constructor(
    container,
    { entry, settings, controls, height = 220, autoplay = false, compact = false, alwaysShown = false, parts = {} },
  ) {
    this.container = container;
    this.entry = entry;
    this.settings = settings;
    this.controlKeys = controls;
    this.height = height;
    this.compact = compact;
    this.alwaysShown = alwaysShown;
    this.parts = parts;
    this.work = 0; // training steps done for this figure, ever: what "doing work" means
    this.latest = null; // the first run's latest snapshot
    this.shown = false;
    // Should it play while on screen? With reduced motion nothing starts on its own: autoplay and the sweeps that
    // run at once wait for Play.
    this.wanted = !prefersReducedMotion() && (autoplay || Boolean(entry.autorun));
    // A sweep that runs on its own speaks when it is done (and at most every 15 s before): it was asked for by
    // scrolling to it. Others speak once the reader has pressed a button.
    this.engaged = Boolean(entry.autorun);
    this.id = `f${++figureCount}`;
    this.panels = new Set(); // names of watched panels that are on screen
    this.stops = []; // visibility watches to end on destroy
    this.firstDrawn = new Promise((resolve) => (this.firstFrame = resolve));
    this.runs = new Runs({
      snapshot: (message, run, k, advanced) => this.#snapshot(message, run, k, advanced),
      ready: (message, run) => this.ready(message, run.id),
      answer: (message) => this.answer(message),
      error: (message) => this.fail(message),
      playingChanged: () => {
        this.frame.showPlaying(this.playing, this.playLabel());
        if (this.playing) return;
        this.frame.numbers?.refresh();
        if (this.engaged) this.frame.numbers?.announce(() => this.spoken(), { now: true });
      },
    });
  }

  /** Builds the frame, the controls and the view, and starts watching whether it is on screen. */
  mount() {
    this.frame = new Frame(this.container, {
      entry: this.entry,
      settings: this.settings,
      height: this.height,
      compact: this.compact,
      parts: this.parts,
      toolbar: this.trains,
      actions: {
        play: () => this.toggle(),
        step: () => {
          this.engaged = true;
          this.sendAll({ type: 'step' });
        },
        reset: () => this.reset(),
      },
    });
    this.root = this.frame.root;
    this.body = this.frame.body;
    this.status = this.frame.status;
    this.controls = this.buildControls(this.frame.controlsBox, this.controlKeys ?? this.entry.controls);
    this.showSettings();
    this.build(this.body);
    if (this.alwaysShown) this.setShown(true);
    else this.stops.push(watchVisibility(this.root, (shown) => this.setShown(shown)));
    return this;
  }

  /** Does it train from Play (a toolbar), rather than run at once when shown? With reduced motion, all do. */
  get trains() {
    return !this.entry.autorun || prefersReducedMotion();
  }

  /**
   * The figure's controls: one row of the named settings (the page's figure puts its own in its panels); names of
   * the view's own controls (the entry's viewControls) are for the view to show (shows(name)).
   */
  buildControls(box, keys) {
    const settings = keys.filter((key) => !(this.entry.viewControls ?? []).includes(key));
    if (!box || !settings.length) return [];
    return [
      new Controls(box, { keys: settings, idPrefix: this.id, onChange: (key, value) => this.change(key, value) }),
    ];
  }

  /** Is the view's own control `name` to be shown: named in the controls attribute, or by default? */
  shows(name) {
    return (this.controlKeys ?? [...this.entry.controls, ...(this.entry.viewControls ?? [])]).includes(name);
  }

  showSettings() {
    for (const c of this.controls) c.set(this.settings);
    this.frame.showCaption(this.settings, (base) => {
      this.engaged = true;
      this.apply(base);
      this.changed();
    });
  }

  /** Shows other controls (setting names; undefined: the entry's), training on as it was. */
  setControls(keys) {
    const box = this.frame.controlsBox;
    if (!box) return;
    box.replaceChildren();
    this.controlKeys = keys;
    this.controls = this.buildControls(box, keys ?? this.entry.controls);
    this.showSettings();
    this.controlsChanged();
  }

  /** A hook for views with controls of their own (shows(name) has changed). */
  controlsChanged() {}

  /** Autoplay switched on: it plays while shown (switched off, a playing figure plays on until paused). */
  setAutoplay(on) {
    if (!on || this.wanted || prefersReducedMotion()) return;
    this.wanted = true;
    if (this.shown && this.runs.length) this.sendAll({ type: 'play' });
  }

  /**
   * The runs this figure holds: [{ id, label, experiment, options, shared }]; shared: { key: { bytes,
   * compressed } } the worker needs (compressed: gzip bytes it unpacks). Default: one run of the entry's experiment.
   */
  runSpecs() {
    return [{ id: 'main', experiment: this.entry.experiment, options: this.options() }];
  }

  /**
   * Worker options of the default run: the entry's networks where it names them, and for a 'training' experiment
   * the measures to snapshot.
   */
  options() {
    if (this.entry.experiment !== 'training') return this.entry.nets ? { nets: this.entry.nets } : {};
    return this.entry.nets
      ? { nets: this.entry.nets, measures: this.entry.measures }
      : { measures: this.entry.measures };
  }

  /** Opens the sessions and draws the first frame (called once, when the figure first shows). */
  start() {
    if (this.starting) return this.starting;
    this.starting = startInTurn(async () => {
      if (this.destroyed) return; // torn down while waiting for its turn
      try {
        await this.prepare();
        const specs = this.runSpecs();
        const sessions = await this.runs.openSessions(specs);
        if (this.destroyed) return sessions.forEach((s) => s.close());
        this.runs.adopt(specs, sessions);
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
    this.runs.open(this.runSpecs(), this.settings);
    this.resetDrawing();
    this.schedule(); // show the reset at once (counter at 0, empty curves), not when the new experiment answers
    if (this.wanted && this.shown) this.sendAll({ type: 'play' });
  }

  sendAll(message) {
    this.runs.send(message);
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
    return rebuilds(key) && !(BY_KEY[key]?.live && this.entry.experiment === 'training');
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

  notify(notices) {
    this.frame.notify(notices);
  }

  get playing() {
    return this.runs.playing;
  }

  /** Steps done, as one counter: the slowest run's. */
  get step() {
    return this.runs.step;
  }

  toggle() {
    this.engaged = true; // the reader asked: from now on, the live region says what changes
    this.wanted = !this.playing;
    this.sendAll({ type: this.playing ? 'pause' : 'play' });
  }

  reset() {
    this.engaged = true;
    this.runs.reset();
    this.resetDrawing();
    this.schedule();
    if (this.wanted && this.shown) this.sendAll({ type: 'play' });
  }

  /** On and off screen (from the shared observer): off screen, nothing trains; first shown, it starts. */
  setShown(shown) {
    this.shown = shown;
    if (shown && !this.starting) this.start();
    if (!this.runs.length) return;
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

  #snapshot(message, run, k, advanced) {
    this.work += advanced;
    if (k === 0) this.latest = message;
    this.record(message, run.id);
    this.schedule();
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
    this.frame.showProgress(this.step, this.playing, this.runs.stepsPerSecond);
    this.draw(this.latest);
    this.drawn = true;
    this.firstFrame();
    if (!this.playing) this.frame.numbers?.refresh(); // still while it trains, so a reader keeps their place
    // Once the reader has pressed a button: what the first chart shows, at once when training has stopped,
    // else at most every 15 s (Numbers.announce).
    if (this.engaged) this.frame.numbers?.announce(() => this.spoken(), { now: !this.playing });
  }

  /** What the live region says: the name of the first chart that carries numbers ("Loss. At step 300: …"). */
  spoken() {
    const chart = [...this.body.querySelectorAll('[role=img]')].find((e) => /\d/.test(e.getAttribute('aria-label')));
    return chart?.getAttribute('aria-label') ?? '';
  }

  /** Nothing has run, and it waits for Play (a sweep under reduced motion), which its summary says. */
  get waiting() {
    return !this.wanted && !this.playing && this.step === 0;
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
    const lost = this.runs.lost;
    const action =
      this.trains && this.runs.length
        ? { label: lost ? 'Restart' : 'Resume', onClick: () => (lost ? this.restart() : this.resume()) }
        : null;
    this.frame.showError(message, action);
    this.firstFrame();
  }

  /** Plays every run again after an error (each experiment keeps its step). */
  resume() {
    this.frame.clearStatus();
    this.wanted = true;
    this.sendAll({ type: 'play' });
  }

  /** New sessions (on a new worker where the old one was lost) and new experiments, from step 0. */
  restart() {
    this.frame.clearStatus();
    this.runs.close();
    this.starting = null;
    this.wanted = true;
    return this.start();
  }

  destroy() {
    this.destroyed = true;
    cancelDraw(this);
    for (const stop of this.stops) stop();
    this.runs.close();
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
