// Trains a plain and a batch-normalized network in lockstep off the main thread and posts their losses.
// (A first worker to show the core runs in the browser; the playground's worker comes with the page.)
import { createLab } from '../lib/lab.js';

const lab = await createLab().catch((error) => {
  postMessage({ type: 'error', message: error.message });
  return null;
});

if (lab) {
  const data = lab.dataset('circle', { n: 256, noise: 0.1, seed: 1 });
  const options = { layers: [2, 8, 8, 1], activation: 'tanh', optimizer: { name: 'sgd', lr: 0.3 }, seed: 1 };
  const nets = { plain: lab.network(options), bn: lab.network({ ...options, batchNorm: 'before' }) };
  const batch = 32, x = new Float32Array(batch * 2), y = new Float32Array(batch);
  let step = 0;
  const tick = () => {
    const losses = { plain: 0, bn: 0 };
    // A few steps per message, so a reader can watch the curves form (about 10 s in all).
    for (let repeat = 0; repeat < 5 && step < 3000; repeat++) {
      for (let i = 0; i < batch; i++) {  // same mini-batch for both networks
        const k = (step * batch + i) % data.n;
        x[2 * i] = data.x[2 * k], x[2 * i + 1] = data.x[2 * k + 1], y[i] = data.y[k];
      }
      losses.plain = nets.plain.trainStep(x, y, batch);
      losses.bn = nets.bn.trainStep(x, y, batch);
      step++;
    }
    postMessage({ type: 'progress', step, losses });
    if (step < 3000) setTimeout(tick, 15);
  };
  tick();
}
