// The training workers every figure on a page shares: a pool no larger than the core count (at most 4), each
// worker given the WebAssembly core once, and sessions — one figure's channel to one experiment on a worker.
// Which script a worker runs is the entry point's choice (useWorkerFactory): the page and bundlers start
// web/worker/training-worker.js as a file of its own, the one-file embed bundle an inlined copy.
import { wasmBytes } from './loaders.js';

let createWorker = null;
/** Sets how workers are made: () => Worker running web/worker/training-worker.js. Called by each entry point. */
export function useWorkerFactory(factory) {
  createWorker = factory;
}

const poolSize = () => Math.max(1, Math.min(globalThis.navigator?.hardwareConcurrency || 2, 4));
const workers = []; // { worker, sessions: Map<id, handler>, shared: Set<data key>, heard: ever, pongs }
/**
 * A worker that does not answer a ping within this long has quit: as long as a figure's watchdog waits for a
 * playing run (web/figures/runs.js), since a worker may be busy for a while building an experiment (staging
 * 70,000 digits takes about a second here, more on a slow device), and a training frame takes at most 200 ms.
 */
const PING_MS = 8000;
let nextSession = 1;

// The worker starts loading its script at once, while the core's bytes are still on their way: it gets them
// (and nothing else before them) when they arrive. If they cannot be had, the worker leaves the pool.
function spawn() {
  if (!createWorker) throw new Error('no training worker: the entry point did not call useWorkerFactory()');
  const worker = createWorker();
  const entry = { worker, sessions: new Map(), shared: new Set(), heard: false, pongs: [] };
  entry.ready = wasmBytes().then((buffer) => worker.postMessage({ type: 'init', wasmBinary: buffer.slice(0) }));
  entry.ready.catch(() => {
    workers.splice(workers.indexOf(entry), 1);
    worker.terminate();
  });
  // A worker whose core aborted (fatal) or that threw outside any handler cannot be trusted with more work.
  worker.onmessage = ({ data }) => {
    entry.heard = true;
    if (data.type === 'pong') return entry.pongs.splice(0).forEach((answered) => answered(true));
    if (data.fatal) return retire(entry, `the training worker's core stopped: ${data.message}; restart to train again`);
    entry.sessions.get(data.session)?.(data);
  };
  worker.onerror = (event) =>
    retire(entry, `the training worker failed: ${event.message || 'unknown error'}; restart to train again`);
  workers.push(entry);
  return entry;
}

// A worker that stopped answering leaves the pool (the next session gets a new one); each of its sessions is
// told, with `lost: true`, that its experiment is gone.
function retire(entry, message) {
  const at = workers.indexOf(entry);
  if (at < 0) return;
  workers.splice(at, 1);
  entry.worker.terminate();
  for (const handler of entry.sessions.values()) handler({ type: 'error', message, lost: true });
  entry.sessions.clear();
}

const entryOf = new WeakMap(); // session → its worker's entry

// Whether a worker still answers a ping (one that quit without a word — killed by the browser, or closed — would
// otherwise be handed new sessions that never start). A worker never heard from may still be loading its
// script: it is taken as it is (a run that plays on it is watched: web/figures/runs.js).
function answers(entry) {
  if (!entry.heard) return true;
  return new Promise((resolve) => {
    entry.pongs.push(resolve);
    entry.worker.postMessage({ type: 'ping' });
    setTimeout(() => resolve(false), PING_MS);
  });
}

/**
 * A session on the least busy worker (a new worker while the pool is below the core count); `apart`: sessions
 * whose workers to avoid when another has room (a figure's runs that train at the same time, such as mnist's
 * two networks, then use two cores). onMessage receives the worker's messages for this session. Returns
 * { send, share, close, retire }: share(key, bytes) gives the worker data its experiments read (sent once per
 * worker, whatever the sessions; compressed: gzip bytes the worker unpacks); retire(message) gives up on a
 * worker that stopped answering (every session on it gets a `lost` error).
 */
export async function openSession(onMessage, { apart = [] } = {}) {
  const avoid = new Set(apart.map((session) => entryOf.get(session)));
  const choose = (list) => list.reduce((a, b) => (b.sessions.size < a.sessions.size ? b : a));
  let entry;
  for (;;) {
    if (workers.length < poolSize()) {
      entry = spawn();
      break;
    }
    const others = workers.filter((w) => !avoid.has(w));
    entry = choose(others.length ? others : workers);
    const alive = await answers(entry);
    if (alive && workers.includes(entry)) break; // (another figure may have retired it while this one waited)
    if (!alive) retire(entry, 'the training worker stopped answering (it quit); restart to train again');
  }
  await entry.ready; // the core's bytes reached this worker (or their error reaches the figure)
  const id = `s${nextSession++}`;
  entry.sessions.set(id, onMessage);
  const session = {
    send: (message) => entry.worker.postMessage({ session: id, ...message }),
    share(key, bytes, { compressed = false } = {}) {
      if (entry.shared.has(key)) return;
      entry.shared.add(key);
      entry.worker.postMessage({ type: 'data', key, bytes, compressed });
    },
    close() {
      entry.worker.postMessage({ session: id, type: 'close' });
      entry.sessions.delete(id);
    },
    retire: (message) => retire(entry, message),
  };
  entryOf.set(session, entry);
  return session;
}
