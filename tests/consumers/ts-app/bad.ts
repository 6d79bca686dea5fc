// Wrong use: every line marked "wrong" must be a compile error under --strict (the test checks each one).
import { createLab } from 'batchnorm-playground';
import type { BatchnormPlayground, FigureName } from 'batchnorm-playground/element';

export async function misuse(element: BatchnormPlayground): Promise<void> {
  const lab = await createLab({ wasmPath: 'core.wasm' }); // wrong: no such option
  const net = lab.network({ layers: '2,8,1' }); // wrong: layers is an array of sizes
  lab.network({ activation: 'swish' }); // wrong: not an activation
  lab.network({ batchNorm: 'middle' }); // wrong: not a placement
  net.trainStep([0, 1]); // wrong: y and n are missing
  lab.dataset('moons'); // wrong: not a dataset
  const loss: string = net.trainStep([0, 1], [1], 1); // wrong: the loss is a number
  element.work = 3; // wrong: read-only
  const figure: FigureName = 'histogram'; // wrong: not a figure
  void loss;
  void figure;
}
