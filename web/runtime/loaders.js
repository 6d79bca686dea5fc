// What the page's main thread loads once for all figures: the WebAssembly core's bytes and the MNIST digits.
// Both are found next to the script that runs (in the embed bundle Vite inlines the .wasm into it).
import { fetchOnce } from '../lib/fetch-once.js';

const WASM_URL = new URL('../lib/generated/bnp_core.wasm', import.meta.url);

/** The core's bytes, fetched once per page. */
export const wasmBytes = () => fetchOnce(WASM_URL, 'the WebAssembly core');

/**
 * The MNIST digits, fetched once per page: generated/mnist.bin next to the built script (the build copies it
 * there), or where set-up writes it while Vite serves the sources (npm start). The name is a variable on
 * purpose: bundlers must neither inline nor rename 7.9 MB.
 */
export function mnistBytes() {
  const file = import.meta.env.DEV ? '../lib/generated/mnist.bin' : 'generated/mnist.bin';
  return fetchOnce(new URL(file, import.meta.url), 'the MNIST digits').catch((error) => {
    throw new Error(`${error.message} — the mnist figure needs generated/mnist.bin (7.9 MB, in dist/embed/generated/) in a folder "generated" beside the script`);
  });
}
