// The JS API over the wasm core: createLab() → lab.network(), lab.batchNorm(), lab.dataset(), lab.histogram(),
// lab.percentiles(). One ES module for the page, Web Workers and node. This file finds the .wasm bytes;
// lab-core.js (the Lab) and the modules it imports are the API itself (workers that are handed the bytes
// import only those).
import { checkKeys } from './options.js';
import { instantiateLab } from './lab-core.js';

export { BatchNormLayer, Lab, LayerNormLayer, Network, StagedPixels, StagedRows, instantiateLab } from './lab-core.js';

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';
const defaultWasmUrl = () => new URL('./generated/bnp_core.wasm', import.meta.url);

async function readWasm(url) {
  if (isNode && String(url).startsWith('file:')) {
    const fs = 'node:fs/promises'; // kept out of browser bundles
    const { readFile } = await import(/* @vite-ignore */ fs);
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return response.arrayBuffer();
}

/**
 * Loads the wasm module. Options: `wasmBinary` (bytes already at hand, e.g. shared between figures) or
 * `wasmUrl` (where to fetch the .wasm; default: next to this module).
 */
export async function createLab(options) {
  const o = checkKeys('createLab', options, ['wasmBinary', 'wasmUrl']);
  const url = o.wasmUrl ?? defaultWasmUrl();
  let wasmBinary = o.wasmBinary;
  if (wasmBinary === undefined) {
    try {
      wasmBinary = await readWasm(url);
    } catch (error) {
      throw new Error(`createLab: could not load the WebAssembly core from ${url}: ${error.message}`, { cause: error });
    }
  }
  return instantiateLab(wasmBinary);
}
