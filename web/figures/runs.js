// The runs a figure holds: each run is one experiment in a worker session of its own (web/runtime/worker-pool.js).
// Most figures hold one; mnist holds two (the plain and the batch-normalized network, on two workers when the
// pool has them). This keeps each run's step, whether it plays and its latest snapshot, drops snapshots of an
// experiment that was replaced, and gives up on a worker that stops answering while it plays.
import { openSession } from '../runtime/worker-pool.js';

/** A playing run that posts nothing for this long has lost its worker (a frame trains at most 200 ms). */
const STALL_MS = 8000;

export class Runs {
  /**
   * on: { snapshot(message, run, index, advanced: steps since its last snapshot), ready(message, run),
   * answer(message), error(message, run), playingChanged() }.
   */
  constructor(on) {
    this.on = on;
    this.list = []; // { id, label, session, step, playing, latest, awaitingReady, heard, lost }
  }

  get length() {
    return this.list.length;
  }

  get playing() {
    return this.list.some((run) => run.playing);
  }

  /** Steps done, as one counter: the slowest run's. */
  get step() {
    return this.list.length ? Math.min(...this.list.map((run) => run.step)) : 0;
  }

  /** The slowest run's steps per second, from its latest snapshot (0 before any). */
  get stepsPerSecond() {
    return Math.min(...this.list.map((run) => run.latest?.stepsPerSecond ?? 0));
  }

  get lost() {
    return this.list.some((run) => run.lost);
  }

  /** Opens one session per spec ({ id, label }), each apart from the ones before: they train on different cores. */
  async openSessions(specs) {
    const sessions = [];
    for (const k of specs.keys())
      sessions.push(await openSession((message) => this.#receive(k, message), { apart: sessions }));
    return sessions;
  }

  /** Takes the opened sessions as this figure's runs. */
  adopt(specs, sessions) {
    this.list = specs.map((spec, k) => ({
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
  }

  /** (Re)builds every run's experiment: specs [{ experiment, options, shared }] in the runs' order. */
  open(specs, settings) {
    specs.forEach((spec, k) => {
      const run = this.list[k];
      if (!run) return;
      for (const [key, { bytes, compressed }] of Object.entries(spec.shared ?? {}))
        run.session.share(key, bytes, { compressed });
      run.step = 0;
      run.awaitingReady = true; // snapshots the old experiment already posted are dropped
      run.session.send({ type: 'open', experiment: spec.experiment, settings, options: spec.options });
    });
  }

  send(message) {
    for (const run of this.list) run.session.send(message);
  }

  /** Every run back to step 0; snapshots from before are dropped until the experiment answers. */
  reset() {
    for (const run of this.list) Object.assign(run, { step: 0, awaitingReady: true });
    this.send({ type: 'reset' });
  }

  /** Closes every session (a lost one is already closed by the pool). */
  close() {
    clearInterval(this.watchdog);
    this.watchdog = null;
    for (const run of this.list) if (!run.lost) run.session.close();
    this.list = [];
  }

  #receive(k, message) {
    const run = this.list[k];
    if (!run) return;
    run.heard = performance.now();
    switch (message.type) {
      case 'error':
        run.playing = false;
        run.lost ||= Boolean(message.lost);
        this.on.playingChanged();
        return this.on.error(
          run.label && this.list.length > 1 ? `${run.label}: ${message.message}` : message.message,
          run,
        );
      case 'ready':
        run.awaitingReady = false;
        return this.on.ready(message, run);
      case 'answer':
        return this.on.answer(message);
      case 'snapshot':
        return this.#snapshot(message, run, k);
    }
  }

  #snapshot(message, run, k) {
    if (run.awaitingReady) return;
    const advanced = Math.max(0, message.step - run.step); // steps done since the last snapshot
    run.step = message.step;
    run.playing = message.playing;
    run.latest = message;
    this.on.snapshot(message, run, k, advanced);
    this.on.playingChanged();
    this.#watch();
  }

  // While a run plays, a check every second that its worker still answers; one silent for STALL_MS is given
  // up (the pool replaces it, and the run reports an error that offers a restart).
  #watch() {
    if (this.watchdog || !this.playing) return;
    this.watchdog = setInterval(() => {
      const now = performance.now();
      for (const run of this.list)
        if (run.playing && !run.lost && now - run.heard > STALL_MS)
          run.session.retire(
            `training stopped answering at step ${run.step.toLocaleString('en')} (its worker quit); restart to train again`,
          );
      if (!this.playing) (clearInterval(this.watchdog), (this.watchdog = null));
    }, 1000);
  }
}
