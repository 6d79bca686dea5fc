// What the page's main thread loads once for all figures: the WebAssembly core's bytes and the MNIST digits.
// Both are found next to the script that runs (in the embed bundle Vite inlines the .wasm into it).
import { fetchOnce } from '../lib/fetch-once.js';

const WASM_URL = new URL('../lib/generated/bnp_core.wasm', import.meta.url);

/** The core's bytes, fetched once per page. */
export const wasmBytes = () => fetchOnce(WASM_URL, 'the WebAssembly core');

/**
 * The MNIST digits (generated/mnist.bin next to the script; the build copies it there), fetched once per page.
 * The name is a variable on purpose: bundlers must neither inline nor rename 7.9 MB.
 */
export function mnistBytes() {
  const file = 'generated/mnist.bin';
  return fetchOnce(new URL(file, import.meta.url), 'the MNIST digits');
}
