// Correct use of the typed entry points; must compile under --strict.
import { createLab, type Network, type NetworkOptions } from 'batchnorm-playground';
import { BatchnormPlayground, FIGURES, type FigureName } from 'batchnorm-playground/element';
import 'batchnorm-playground/mnist-digits';

const options: NetworkOptions = {
  layers: [2, 8, 1],
  activation: 'tanh',
  batchNorm: 'before',
  optimizer: { name: 'sgd', lr: 0.5 },
  seed: 1,
};

export async function train(steps: number): Promise<number> {
  const lab = await createLab();
  const data = lab.dataset('circle', { n: 200, seed: 1 });
  const net: Network = lab.network(options);
  let loss = NaN;
  const labels = Uint8Array.from(data.y); // any numeric typed array will do
  for (let i = 0; i < steps; i++) loss = net.trainStep(data.x, labels, data.n);
  const p: Float32Array = net.predict(data.x, data.n, { mode: 'eval' });
  net.dispose();
  return loss + p.length * 0;
}

// Images: 8-bit pixels staged once, mini-batches picked by row number.
export async function trainOnPixels(pixels: Uint8Array, labels: Uint8Array, n: number): Promise<number> {
  const lab = await createLab();
  const staged = lab.stagePixels(pixels, n);
  const net = lab.network({ layers: [staged.features, 16, 10], loss: 'softmax-cross-entropy', batchNorm: 'before' });
  const rows = Int32Array.from({ length: 8 }, (_, i) => i % n);
  const loss = net.trainStep(
    staged,
    Array.from(rows, (r) => labels[r]),
    rows,
  );
  const p: Float32Array = net.predict(staged, [0, 1], { mode: 'batch' });
  staged.dispose();
  net.dispose();
  return loss + p.length * 0;
}

export function stepOf(element: BatchnormPlayground): number {
  return element.readings()?.step ?? element.work;
}

const first = document.querySelector('batchnorm-playground'); // typed as BatchnormPlayground | null
export const work: number = first?.work ?? 0;
export const names: FigureName[] = Object.keys(FIGURES) as FigureName[];
