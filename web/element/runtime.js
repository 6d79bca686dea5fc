// What every <batchnorm-playground> on a page shares: the wasm bytes (fetched once), a pool of workers no
// larger than the core count, and a queue that starts figures one after another rather than all at once.
import { createWorker } from './worker-factory.js';

const WASM_URL = new URL('../lib/generated/bnp_core.wasm', import.meta.url);

let bytes = null;
/** The core's bytes, fetched once per page. */
export function wasmBytes() {
  bytes ??= fetch(WASM_URL).then((response) => {
    if (!response.ok) throw new Error(`could not load the WebAssembly core from ${WASM_URL}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  return bytes;
}

const poolSize = () => Math.max(1, Math.min(globalThis.navigator?.hardwareConcurrency || 2, 4));
const workers = [];  // { worker, sessions: Map<id, handler> }
let nextSession = 1;

function spawn(buffer) {
  const worker = createWorker();
  const entry = { worker, sessions: new Map() };
  worker.postMessage({ type: 'init', wasmBinary: buffer.slice(0) });
  worker.onmessage = ({ data }) => entry.sessions.get(data.session)?.(data);
  worker.onerror = (event) => {
    for (const handler of entry.sessions.values()) handler({ type: 'error', message: `the training worker failed: ${event.message || 'unknown error'}` });
  };
  workers.push(entry);
  return entry;
}

/**
 * A session on the least busy worker (a new worker while the pool is below the core count).
 * onMessage receives the worker's messages for this session. Returns { send, close }.
 */
export async function openSession(onMessage) {
  let buffer;
  try {
    buffer = await wasmBytes();
  } catch (error) {
    bytes = null;  // a later figure may try again
    throw error;
  }
  const entry = workers.length < poolSize() ? spawn(buffer) : workers.reduce((a, b) => (b.sessions.size < a.sessions.size ? b : a));
  const id = `s${nextSession++}`;
  entry.sessions.set(id, onMessage);
  return {
    send: (message) => entry.worker.postMessage({ session: id, ...message }),
    close: () => {
      entry.worker.postMessage({ session: id, type: 'close' });
      entry.sessions.delete(id);
    },
  };
}

let queue = Promise.resolve();
/**
 * Runs start() after the figures queued before it have started (or 1.5 s have passed). start() returns a
 * promise that settles when its figure has drawn its first frame.
 */
export function startInTurn(start) {
  const run = queue.then(() => Promise.race([start(), new Promise((resolve) => setTimeout(resolve, 1500))]));
  queue = run.catch(() => {});
  return run;
}
