// A node user of the installed package: import it by name, train a small network on the whole circle dataset,
// and report the loss before the first step and before the last one, and the accuracy after training.
// Prints one JSON line: { version, first, last, accuracy }.
import { createRequire } from 'node:module';
import { createLab } from 'batchnorm-playground';

const { version } = createRequire(import.meta.url)('batchnorm-playground/package.json');
const lab = await createLab();
const data = lab.dataset('circle', { n: 200, noise: 0.05, seed: 1 });
const net = lab.network({
  layers: [2, 8, 1],
  activation: 'tanh',
  batchNorm: 'before',
  loss: 'binary-cross-entropy',
  optimizer: { name: 'sgd', lr: 0.5 },
  seed: 1,
});
const losses = [];
for (let step = 0; step < 300; step++) losses.push(net.trainStep(data.x, data.y, data.n));
const p = net.predict(data.x, data.n);
const accuracy = data.y.reduce((right, label, i) => right + (p[i] > 0.5 === (label === 1) ? 1 : 0), 0) / data.n;
net.dispose();
console.log(JSON.stringify({ version, first: losses[0], last: losses.at(-1), accuracy }));
