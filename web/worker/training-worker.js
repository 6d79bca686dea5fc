// The one Web Worker behind the page and every figure: it owns the wasm networks and trains them, so the
// main thread never does. Several figures may share it, each through its own session; the playing sessions
// take turns, one frame each, and post snapshots (with transferable arrays); see tick().
// The protocol, every message there is:
//   in   { type: 'init', wasmBinary }                            once, first (the page fetched the bytes)
//        { type: 'data', key, bytes, compressed }                data that experiments share, once per worker
//                                                                (compressed: gzip, unpacked here before any use)
//        { type: 'open', session, experiment, settings, options } (re)builds a session's experiment (EXPERIMENTS)
//        { type: 'play' | 'pause' | 'step' | 'reset' | 'close', session }
//        { type: 'view', session, settings, measures? }          view-only changes (layer, unit, speed, measures)
//        { type: 'action', session, name }                       asks the experiment something (its act(name))
//        { type: 'ping' }                                        is this worker alive? (the pool, before it
//                                                                hands a silent worker a new session)
//   out  { session, type: 'ready', ...describe() }               after open and reset
//        { session, type: 'snapshot', step, …, playing, stepsPerSecond }
//        { session, type: 'answer', name, message }              the answer to an action
//        { session, type: 'error', message, fatal }          fatal: the core trapped; the pool retires the worker
//        { type: 'pong' }                                        the answer to a ping
import { gunzip } from '../lib/gunzip.js';
import { instantiateLab } from '../lib/lab-core.js';
import { EXPERIMENTS } from './experiments/index.js';

const FRAME_MS = 40;
const BUSY_MS = 200; // one frame trains at most this long, so pause and new settings are heard promptly
const PER_WORKER = 4; // sessions that may each post every FRAME_MS before they start sharing that rate

// What experiments receive: the Lab, data shared by key ('data' messages), and a cache they fill once per
// worker (e.g. the digits prepared for training).
const env = { lab: null, shared: {}, cache: {} };
let labReady = null;
let sharedReady = Promise.resolve(); // compressed data being unpacked; later messages wait for it
const sessions = new Map(); // id → { name, experiment, settings, options, playing, recent, lastStart }
let timer = null;

function send(session, message, transfer = []) {
  postMessage({ session, ...message }, transfer);
}

// An error ends the session's playing; a WebAssembly trap (an abort in the core) ends the whole worker's
// usefulness, since every later call would fail: the pool retires it (fatal) and figures restart elsewhere.
function fail(id, error) {
  const s = sessions.get(id);
  if (s) s.playing = false;
  send(id, {
    type: 'error',
    message: error?.message ?? String(error),
    fatal: error instanceof WebAssembly.RuntimeError,
  });
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

// The playing sessions take turns, the one that posted longest ago first. A session posts at most every
// FRAME_MS (25 a second); past PER_WORKER playing sessions a worker stretches that interval, so it posts at
// most about 100 snapshots a second in all and the page's main thread has a bounded amount of drawing to do
// however many figures it holds.
function tick() {
  timer = null;
  const next = due();
  if (!next) return;
  const [id, s] = next;
  s.lastStart = performance.now();
  try {
    const more = s.experiment.frame(s.settings.speed ?? 5, BUSY_MS);
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

// Builds the new experiment before disposing of the old one: if the build fails, the old one stays usable.
function open(id, { experiment: name, settings, options }) {
  if (!Object.hasOwn(EXPERIMENTS, name))
    throw new Error(`unknown experiment '${name}': allowed are ${Object.keys(EXPERIMENTS).join(', ')}`);
  const experiment = new EXPERIMENTS[name](env, settings, options);
  sessions.get(id)?.experiment.dispose();
  const s = { name, settings, options, experiment, playing: false, recent: [], lastStart: 0 };
  sessions.set(id, s);
  send(id, { type: 'ready', ...experiment.describe() });
  post(id, s);
}

function handle(id, s, data) {
  switch (data.type) {
    case 'open':
      return open(id, data);
    case 'reset':
      return s && open(id, { experiment: s.name, settings: s.settings, options: s.options });
    case 'view':
      if (!s) return;
      s.experiment.view(data.settings, data.measures); // throws on unknown measures, changing nothing
      s.settings = data.settings;
      if (data.measures) s.options = { ...s.options, measures: data.measures }; // kept by 'reset'
      if (!s.playing) post(id, s);
      return;
    case 'play':
      if (s && !s.playing) {
        s.playing = true;
        s.recent.length = 0;
        schedule();
      }
      return;
    case 'pause':
      if (!s) return;
      s.playing = false;
      return post(id, s);
    case 'step':
      if (!s || s.playing) return;
      s.experiment.frame(1, BUSY_MS);
      return post(id, s);
    case 'close':
      s?.experiment.dispose();
      sessions.delete(id);
      return;
    case 'action':
      if (!s?.experiment.act) throw new Error(`this experiment has no action '${data.name}'`);
      return send(id, { type: 'answer', name: data.name, message: s.experiment.act(data.name) });
    default:
      throw new Error(`unknown message type '${data.type}'`);
  }
}

// For the soak benchmark (bench/soak.mjs), read through the DevTools protocol: the wasm memory reserved and the
// core's heap in use in this worker.
globalThis.bnpMemory = () =>
  env.lab ? { wasmBytes: env.lab.memoryBytes, heapBytes: env.lab.heapBytesInUse, sessions: sessions.size } : null;

// For bench/mnist.mjs, the same way: where the sessions that keep timings (the mnist figure's) spent their time.
globalThis.bnpTiming = () => [...sessions.values()].flatMap((s) => s.experiment.timing?.() ?? []);

onmessage = async ({ data }) => {
  if (data.type === 'ping') return postMessage({ type: 'pong' }); // the pool asks whether this worker still answers
  if (data.type === 'init') {
    labReady = instantiateLab(data.wasmBinary).then((lab) => (env.lab = lab));
    labReady.catch(() => {});
    return;
  }
  if (data.type === 'data') {
    if (!data.compressed) env.shared[data.key] = data.bytes;
    else {
      // A failure is kept in place of the bytes: it shows when an experiment needs them.
      const keep = (value) => (env.shared[data.key] = value);
      sharedReady = sharedReady.then(() => gunzip(data.bytes, `the data '${data.key}'`).then(keep, keep));
    }
    return;
  }
  labReady ??= Promise.reject(new Error('the worker was not given the WebAssembly core'));
  const id = data.session;
  try {
    await labReady;
    await sharedReady;
    handle(id, sessions.get(id), data);
  } catch (error) {
    fail(id, error);
  }
};
