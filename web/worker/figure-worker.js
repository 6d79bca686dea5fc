// The one Web Worker behind the page and every embedded figure. It owns the wasm networks; several figures
// may share it, each through its own session. Sessions that are playing take turns, one frame each, and
// post snapshots (transferable arrays) at most every 40 ms. The main thread never trains.
//   in:  { type: 'init', wasmBinary }                       once, before anything else (the page fetched the bytes)
//        { type: 'open', session, kind, values, options }   (re)builds a session's experiment
//        { type: 'play' | 'pause' | 'step' | 'reset' | 'close', session }
//        { type: 'view', session, values }                  view-only changes (layer, unit, speed)
//        { type: 'probe-batch-of-one', session }            what a batch of 1 does in training mode
//   out: { session, type: 'ready', ...describe } | { session, type: 'snapshot', …, playing, stepsPerSecond }
//        { session, type: 'error', message } | { session, type: 'answer', message }
import { instantiateLab } from '../lib/lab-core.js';
import { InputScaleExperiment } from './experiments/input-scale.js';
import { LrSweepExperiment } from './experiments/lr-sweep.js';
import { TrainingExperiment } from './experiments/training.js';

const KINDS = { training: TrainingExperiment, 'lr-sweep': LrSweepExperiment, 'input-scale': InputScaleExperiment };
const FRAME_MS = 40;
const BUSY_MS = 200;  // one frame trains at most this long, so pause and new settings are heard promptly

let lab = null;
let labReady = null;
const sessions = new Map();  // id → { experiment, values, kind, options, playing, recent, lastPost }
let timer = null;
let turn = 0;

function send(session, message, transfer = []) {
  postMessage({ session, ...message }, transfer);
}

function fail(id, error) {
  const s = sessions.get(id);
  if (s) s.playing = false;
  send(id, { type: 'error', message: error?.message ?? String(error) });
}

function post(id, s) {
  const now = performance.now();
  s.recent.push([now, s.experiment.step]);
  while (s.recent.length > 2 && now - s.recent[0][0] > 1000) s.recent.shift();
  const [t0, step0] = s.recent[0];
  const stepsPerSecond = now > t0 ? ((s.experiment.step - step0) * 1000) / (now - t0) : 0;
  const { message, transfer } = s.experiment.snapshot();
  s.lastPost = now;
  send(id, { type: 'snapshot', ...message, playing: s.playing, stepsPerSecond }, transfer);
}

// Round-robin over the playing sessions: one frame of one session per timer tick.
function tick() {
  timer = null;
  const playing = [...sessions.entries()].filter(([, s]) => s.playing);
  if (!playing.length) return;
  const [id, s] = playing[turn++ % playing.length];
  try {
    const more = s.experiment.frame(s.values.speed ?? 5, BUSY_MS);
    if (!more) s.playing = false;
    post(id, s);
  } catch (error) {
    fail(id, error);
  }
  schedule();
}

function schedule() {
  if (timer !== null) return;
  const playing = [...sessions.values()].filter((s) => s.playing);
  if (!playing.length) return;
  // With one session, pace frames to ~25 per second; with several, interleave as fast as they come.
  const wait = playing.length === 1 ? Math.max(0, FRAME_MS - (performance.now() - playing[0].lastPost)) : 0;
  timer = setTimeout(tick, wait);
}

function open(id, { kind, values, options }) {
  const Kind = KINDS[kind];
  if (!Kind) throw new Error(`unknown experiment '${kind}': allowed are ${Object.keys(KINDS).join(', ')}`);
  sessions.get(id)?.experiment.dispose();
  const s = { kind, values, options, experiment: new Kind(lab, values, options), playing: false, recent: [], lastPost: 0 };
  sessions.set(id, s);
  send(id, { type: 'ready', ...s.experiment.describe() });
  post(id, s);
}

onmessage = async ({ data }) => {
  if (data.type === 'init') {
    labReady = instantiateLab(data.wasmBinary).then((created) => (lab = created));
    labReady.catch(() => {});
    return;
  }
  labReady ??= Promise.reject(new Error('the worker was not given the WebAssembly core'));
  const id = data.session;
  try {
    await labReady;
  } catch (error) {
    return fail(id, error);
  }
  const s = sessions.get(id);
  try {
    switch (data.type) {
      case 'open':
        open(id, data);
        break;
      case 'reset':
        if (s) open(id, s);
        break;
      case 'view':
        if (!s) break;
        s.values = data.values;
        s.experiment.view(data.values);
        if (!s.playing) post(id, s);
        break;
      case 'play':
        if (s && !s.playing) {
          s.playing = true;
          s.recent.length = 0;
          schedule();
        }
        break;
      case 'pause':
        if (s) {
          s.playing = false;
          post(id, s);
        }
        break;
      case 'step':
        if (s && !s.playing) {
          s.experiment.frame(1, BUSY_MS);
          post(id, s);
        }
        break;
      case 'close':
        s?.experiment.dispose();
        sessions.delete(id);
        break;
      case 'probe-batch-of-one':
        send(id, { type: 'answer', message: batchOfOne() });
        break;
    }
  } catch (error) {
    fail(id, error);
  }
};

// Asks the core to train a batch-normalized network on one example and returns what it says.
function batchOfOne() {
  const net = lab.network({ layers: [2, 4, 1], batchNorm: 'before' });
  try {
    net.trainStep([0.5, -0.5], [1], 1);
    return 'trained (unexpected)';
  } catch (error) {
    return error.message;
  } finally {
    net.dispose();
  }
}
