// Reading MNIST's original IDX files and writing the project's compact "BNPM" digits file (format in
// web/lib/mnist.js), and reading that file back in node. Used at set-up by make-mnist.mjs, by npm run paper,
// the benchmarks and the node tests.
import { readFileSync } from 'node:fs';

import { MNIST_DATA, parseMnist, unpackMnist } from '../web/lib/mnist.js';

const IDX_IMAGES = 2051,
  IDX_LABELS = 2049;
const GENERATED = new URL('../web/lib/generated/', import.meta.url);

/** The digits of one data size ('small' or 'full') as set-up wrote them: parseMnist's { train, test }. */
export async function loadMnist(data) {
  const { file, compressed } = MNIST_DATA[data];
  return parseMnist(await unpackMnist(readFileSync(new URL(file, GENERATED)), compressed));
}

/**
 * The images or labels of one IDX file (big-endian header: magic, count, and rows × columns for images).
 * Refuses a file that is not IDX, holds another kind of data, or is shorter than its header says.
 */
export function readIdx(bytes, name) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) throw new Error(`${name}: ${bytes.length} bytes is too short for an IDX file`);
  const magic = view.getUint32(0, false);
  if (magic !== IDX_IMAGES && magic !== IDX_LABELS)
    throw new Error(
      `${name}: not an IDX file of unsigned bytes (magic number ${magic}; images have ${IDX_IMAGES}, labels ${IDX_LABELS})`,
    );
  const count = view.getUint32(4, false);
  const header = magic === IDX_IMAGES ? 16 : 8;
  const size = magic === IDX_IMAGES ? view.getUint32(8, false) * view.getUint32(12, false) : 1;
  if (bytes.length !== header + count * size)
    throw new Error(
      `${name}: its header promises ${count} items of ${size} bytes (${header + count * size} bytes in all), but the file has ${bytes.length}: damaged or truncated`,
    );
  const data = bytes.subarray(header);
  if (magic === IDX_LABELS) {
    const bad = data.findIndex((label) => label > 9);
    if (bad >= 0) throw new Error(`${name}: label ${bad} is ${data[bad]}; labels are 0 … 9`);
    return { kind: 'labels', count, data };
  }
  return { kind: 'images', count, pixels: size, data };
}

/**
 * The BNPM bytes for a training and a test part: "BNPM" · uint32 count · uint32 trainCount · uint32 pixels
 * · uint8 labels[count] · uint8 pixels[count × pixels], training digits first.
 */
export function packMnist(train, test) {
  const pixels = train.images.pixels;
  const count = train.labels.count + test.labels.count;
  const bytes = new Uint8Array(16 + count + count * pixels);
  const view = new DataView(bytes.buffer);
  bytes.set([66, 78, 80, 77]); // "BNPM"
  view.setUint32(4, count, true);
  view.setUint32(8, train.labels.count, true);
  view.setUint32(12, pixels, true);
  bytes.set(train.labels.data, 16);
  bytes.set(test.labels.data, 16 + train.labels.count);
  bytes.set(train.images.data, 16 + count);
  bytes.set(test.images.data, 16 + count + train.labels.count * pixels);
  return bytes;
}

/** One part (training or test) from its images' and labels' IDX bytes, checked to belong together. */
export function idxPart(imageBytes, labelBytes, name) {
  const images = readIdx(imageBytes, `${name} images`),
    labels = readIdx(labelBytes, `${name} labels`);
  if (images.kind !== 'images' || labels.kind !== 'labels' || images.count !== labels.count || images.pixels !== 784)
    throw new Error(
      `${name}: expected 28 × 28 images and as many labels, found ${images.count} ${images.kind} and ${labels.count} ${labels.kind}`,
    );
  return { images, labels };
}
