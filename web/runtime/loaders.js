// What the page's main thread loads once for all figures: the WebAssembly core's bytes and the MNIST digits.
// Both are found next to the script that runs (in the embed bundle Vite inlines the .wasm into it).
import { fetchOnce, fetchWithProgress } from '../lib/fetch-once.js';
import { MNIST_DATA } from '../lib/mnist.js';

const WASM_URL = new URL('../lib/generated/bnp_core.wasm', import.meta.url);

/** The core's bytes, fetched once per page. */
export const wasmBytes = () => fetchOnce(WASM_URL, 'the WebAssembly core');

/**
 * The MNIST digits, fetched once per page: generated/mnist.bin next to the built script (the build copies it
 * there), or where set-up writes it while Vite serves the sources (npm start). The name is a variable on
 * purpose: bundlers must neither inline nor rename 7.9 MB.
 */
export function mnistBytes() {
  return fetchOnce(mnistUrl('small'), 'the MNIST digits').catch((error) => {
    throw new Error(
      `${error.message} — the mnist figure needs generated/mnist.bin (7.9 MB, in dist/embed/generated/) in a folder "generated" beside the script`,
    );
  });
}

/**
 * Full MNIST (generated/mnist-full.bin.gz, 11.5 MB, gzip), downloaded when a reader asks for it and kept for
 * the page: onProgress(received, total) as bytes arrive; signal (an AbortSignal) cancels.
 */
export function mnistFullBytes({ onProgress, signal } = {}) {
  return fetchWithProgress(mnistUrl('full'), 'full MNIST', { onProgress, signal }).catch((error) => {
    if (error.name === 'AbortError') throw error;
    throw new Error(
      `${error.message} — full MNIST needs generated/mnist-full.bin.gz (11.5 MB, in dist/embed/generated/) in a folder "generated" beside the script`,
    );
  });
}

function mnistUrl(data) {
  const file = MNIST_DATA[data].file;
  return new URL(import.meta.env.DEV ? `../lib/generated/${file}` : `generated/${file}`, import.meta.url);
}
