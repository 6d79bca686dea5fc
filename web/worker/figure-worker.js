// The one Web Worker behind the page and every embedded figure. It owns the wasm networks; several figures
// may share it, each through its own session. Sessions that are playing take turns, one frame each, and
// post snapshots (transferable arrays); see tick(). The main thread never trains.
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
import { MnistExperiment } from './experiments/mnist.js';
import { TrainingExperiment } from './experiments/training.js';

const KINDS = { training: TrainingExperiment, 'lr-sweep': LrSweepExperiment, 'input-scale': InputScaleExperiment, mnist: MnistExperiment };
const FRAME_MS = 40;
const BUSY_MS = 200;  // one frame trains at most this long, so pause and new settings are heard promptly
const PER_WORKER = 4;  // sessions that may each post every FRAME_MS before they start sharing that rate

let lab = null;
let labReady = null;
const sessions = new Map();  // id → { experiment, values, kind, options, playing, recent, lastStart }
let timer = null;

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
  send(id, { type: 'snapshot', ...message, playing: s.playing, stepsPerSecond }, transfer);
}

// The playing sessions take turns, the one that posted longest ago first. Each worker posts at most about
// 25 snapshots a second in all, shared among its playing sessions, so the page's main thread has a bounded
// amount of drawing to do however many figures it holds.
function tick() {
  timer = null;
  const next = due();
  if (!next) return;
  const [id, s] = next;
  s.lastStart = performance.now();
  try {
    const more = s.experiment.frame(s.values.speed ?? 5, BUSY_MS);
    if (!more) s.playing = false;
    post(id, s);
  } catch (error) {
    fail(id, error);
  }
  schedule();
}

function due() {
  let best = null;
  for (const entry of sessions) if (entry[1].playing && (!best || entry[1].lastStart < best[1].lastStart)) best = entry;
  return best;
}

function schedule() {
  if (timer !== null) return;
  const next = due();
  if (!next) return;
  const playing = [...sessions.values()].filter((s) => s.playing).length;
  // Frames start FRAME_MS apart (long frames, such as MNIST's, follow each other at once).
  const wait = next[1].lastStart + FRAME_MS * Math.max(1, playing / PER_WORKER) - performance.now();
  timer = setTimeout(tick, Math.max(0, wait));
}

function open(id, { kind, values, options }) {
  const Kind = KINDS[kind];
  if (!Kind) throw new Error(`unknown experiment '${kind}': allowed are ${Object.keys(KINDS).join(', ')}`);
  sessions.get(id)?.experiment.dispose();
  const s = { kind, values, options, experiment: new Kind(lab, values, options), playing: false, recent: [], lastStart: 0 };
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
