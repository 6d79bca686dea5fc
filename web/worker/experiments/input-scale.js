// Why inputs on different scales slow gradient descent: a linear model y ≈ w₁x₁ + w₂x₂ with squared error,
// where x₁ is multiplied by `scale`. The cost is a quadratic bowl whose curvatures are the eigenvalues of the
// inputs' covariance: scale² along w₁ against 1 along w₂. Gradient descent with the largest stable step for
// the steep direction then needs about scale² steps along the shallow one. Standardizing the inputs makes
// the bowl round and the step count small, whatever the scale.
import { mulberry32 } from '../sampler.js';

export const MAX_STEPS = 100000;
export const VIEW = { w1: [-2, 2.5], w2: [-2, 2.5] }; // drawn region of the weight plane
export const START = [-1.5, -1.5];

/** The bowl for n examples: J(w) = wᵀΣw − 2wᵀc + m with Σ = E[xxᵀ], c = E[xy], m = E[y²]. */
export function bowl({ scale, normalize, n = 200, seed = 1 }) {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x1 = new Float64Array(n),
    x2 = new Float64Array(n),
    y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u1 = normal(),
      u2 = normal();
    x1[i] = scale * u1;
    x2[i] = u2;
    y[i] = 0.8 * u1 + 0.6 * u2 + 0.1 * normal();
  }
  if (normalize)
    for (const x of [x1, x2]) {
      let mean = 0,
        sq = 0;
      for (const v of x) mean += v / n;
      for (const v of x) sq += (v - mean) ** 2 / n;
      const sd = Math.sqrt(sq);
      for (let i = 0; i < n; i++) x[i] = (x[i] - mean) / sd;
    }
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    c1 = 0,
    c2 = 0,
    m = 0;
  for (let i = 0; i < n; i++) {
    ((s11 += (x1[i] * x1[i]) / n), (s12 += (x1[i] * x2[i]) / n), (s22 += (x2[i] * x2[i]) / n));
    ((c1 += (x1[i] * y[i]) / n), (c2 += (x2[i] * y[i]) / n), (m += (y[i] * y[i]) / n));
  }
  const det = s11 * s22 - s12 * s12;
  const best = [(s22 * c1 - s12 * c2) / det, (s11 * c2 - s12 * c1) / det];
  const cost = (w1, w2) => s11 * w1 * w1 + 2 * s12 * w1 * w2 + s22 * w2 * w2 - 2 * (w1 * c1 + w2 * c2) + m;
  // Hessian 2Σ: its largest eigenvalue bounds the stable learning rate (lr < 2/λ_max); we take 1/λ_max, half that
  // limit, where the steep direction is crossed in one step and the shallow one shrinks by 1 − λ_min/λ_max a step.
  const trace = s11 + s22,
    gap = Math.sqrt(((s11 - s22) / 2) ** 2 + s12 * s12);
  const curvatures = [2 * (trace / 2 + gap), 2 * (trace / 2 - gap)];
  return {
    cost,
    best,
    lowest: cost(best[0], best[1]),
    curvatures,
    lr: 1 / curvatures[0],
    sigma: [s11, s12, s22],
    c: [c1, c2],
  };
}

/**
 * Gradient descent from START until the cost is within 1e-6 of the minimum (absolute: the targets have
 * variance about 1, whatever the scale of x₁), or `cap` steps. When the cap stops it, `estimated` is the step
 * count it would need: the steps taken plus the rest at the shallow direction's rate, where the cost gap
 * shrinks by (1 − λ_min/λ_max)² a step.
 */
export function descend(b, cap = MAX_STEPS) {
  let [w1, w2] = START;
  const [s11, s12, s22] = b.sigma,
    [c1, c2] = b.c;
  const path = [[w1, w2]];
  let steps = 0;
  while (steps < cap && b.cost(w1, w2) - b.lowest > 1e-6) {
    const g1 = 2 * (s11 * w1 + s12 * w2 - c1),
      g2 = 2 * (s12 * w1 + s22 * w2 - c2);
    w1 -= b.lr * g1;
    w2 -= b.lr * g2;
    steps++;
    // Keep every step early on, then ever fewer: at most ~600 points to draw.
    if (steps < 200 || steps % Math.ceil(steps / 200) === 0) path.push([w1, w2]);
  }
  path.push([w1, w2]);
  const gap = b.cost(w1, w2) - b.lowest;
  const converged = gap <= 1e-6;
  const shrink = 1 - b.curvatures[1] / b.curvatures[0];
  const estimated = converged ? steps : steps + Math.ceil(Math.log(gap / 1e-6) / (-2 * Math.log(shrink)));
  return { steps, converged, estimated, path };
}

export class InputScaleExperiment {
  constructor(env, settings) {
    this.settings = settings;
    this.done = false;
  }

  describe() {
    return { view: VIEW, maxSteps: MAX_STEPS };
  }

  get step() {
    return this.done ? 1 : 0;
  }

  frame() {
    this.done = true;
    return false;
  }

  snapshot() {
    const { scale, normalize } = this.settings;
    const b = bowl({ scale, normalize, seed: this.settings.seed });
    const { steps, converged, estimated, path } = descend(b);
    // log of (cost − minimum) over the drawn region, for filled contours
    const size = 80;
    const grid = new Float32Array(size * size);
    for (let row = 0; row < size; row++)
      for (let col = 0; col < size; col++) {
        const w1 = VIEW.w1[0] + ((col + 0.5) / size) * (VIEW.w1[1] - VIEW.w1[0]);
        const w2 = VIEW.w2[1] - ((row + 0.5) / size) * (VIEW.w2[1] - VIEW.w2[0]);
        grid[row * size + col] = Math.log10(Math.max(1e-12, b.cost(w1, w2) - b.lowest));
      }
    return {
      message: {
        step: 1,
        steps,
        converged,
        estimated,
        path,
        grid,
        size,
        best: b.best,
        lr: b.lr,
        curvatures: b.curvatures,
        scale,
        normalize,
      },
      transfer: [grid.buffer],
    };
  }

  view(settings) {
    this.settings = settings;
    this.done = false;
  }

  dispose() {}
}
