// Small shared definitions of the toy experiments: the heatmap grid and the binary loss/accuracy of
// predicted probabilities.

export const GRID = 40; // heatmap resolution (GRID × GRID predictions per network)
export const EXTENT = 1.6; // heatmap half-width in data units (feature x₁ is multiplied by scale)

/** Mean binary cross-entropy and accuracy of probabilities p[n] against labels y[n] (0/1). */
export function binaryLossAndAccuracy(p, y) {
  let loss = 0,
    correct = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
    loss -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
    correct += p[i] > 0.5 === (y[i] === 1) ? 1 : 0;
  }
  return { loss: loss / y.length, accuracy: correct / y.length };
}

/** Units that never fire: columns of a [rows × units] activation buffer with no value above 0 (dead ReLUs). */
export function deadUnits(a, rows, units) {
  let dead = 0;
  for (let j = 0; j < units; j++) {
    let alive = false;
    for (let i = 0; i < rows && !alive; i++) alive = a[i * units + j] > 0;
    if (!alive) dead++;
  }
  return dead;
}

/** Dead units of each hidden layer of `net` in its last pass (the caller runs the pass): [count per layer]. */
export function deadPerLayer(net) {
  const counts = [];
  for (let layer = 0; layer < net.layerCount - 1; layer++) {
    const { a, rows, units } = net.probe(layer, { fields: ['a'] }); // a [rows × units]
    counts.push(deadUnits(a, rows, units));
  }
  return counts;
}

/** Σ a[i]·b[i] over the parameters of some blocks ({ offset, rows, cols } from network.layout()). */
export function blockDot(a, b, blocks) {
  let sum = 0;
  for (const { offset, rows, cols } of blocks) for (let i = offset; i < offset + rows * cols; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * How far a percentile band moved over training, relative to its width: the summed |change| of p15, p50 and
 * p85 between consecutive samples, over the mean of p85 − p15. bands: [{ p15, p50, p85 }] in step order. The
 * quantity behind the drift, noisy-bn and mnist captions (their claim tests use this one definition).
 */
export function bandMovement(bands) {
  let moved = 0,
    width = 0;
  for (let i = 1; i < bands.length; i++)
    for (const k of ['p15', 'p50', 'p85']) moved += Math.abs(bands[i][k] - bands[i - 1][k]);
  for (const b of bands) width += (b.p85 - b.p15) / bands.length;
  return moved / width;
}

/**
 * A running variance r_t = (1 − m)ᵗ·1 + Σ m(1 − m)^(t−k)·σ²_k keeps the weight (1 − m)ᵗ on its starting value 1
 * (0.37 after 100 steps at m = 0.01); without it, and rescaled to weights that sum to 1:
 * (r_t − (1 − m)ᵗ) / (1 − (1 − m)ᵗ) — the same correction Adam makes to its moments. Null at step 0.
 */
export function withoutStartWeight(running, step, momentum) {
  const start = (1 - momentum) ** step;
  return step > 0 && Number.isFinite(running) ? (running - start) / (1 - start) : null;
}
