#!/usr/bin/env python3
"""Writes tests/fixtures/norm_parts.txt: reference numbers for the normalizations that keep only one of their
halves — batch norm that only centres (x − μ_B), batch norm that only scales (x/√(m₂ + ε), m₂ the batch mean of
x²), RMSNorm (each example divided by the root mean square of its units, as torch.nn.RMSNorm) and layer norm
that only centres. PyTorch has none of the batch variants, and the Debian release has no RMSNorm, so this is a
float64 reference in plain Python, written from the formulas and independent of the core's code: the forward
pass as the papers write it, and every gradient through the full Jacobian ∂y/∂x, summed element by element
(the core uses a closed form instead). Run by hand when a case changes, never by npm test:

    python3 build-scripts/make-norm-parts-fixture.py

Inputs are rounded to float32 first (what the float32 core sees). Format: as build-scripts/make-fixtures.py.
Per case: text kind (batch | layer), center, scale (1 or 0), eps, momentum; tensors x [N×H], gamma, beta [1×H],
dy [N×H]; y, dx, dgamma, dbeta (training mode); for batch: running_mean, running_var after one update from
(0, 1), and y_eval, the eval-mode output with those running statistics.
"""
import math
import os
import random
import struct

OUT = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'norm_parts.txt')


def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]


def normalize_group(x, center, scale, eps):
    """x̂ for one group of values (a batch norm column, a layer norm row): centred and/or scaled."""
    n = len(x)
    mu = sum(x) / n if center else 0.0
    m2 = sum((v - mu) ** 2 for v in x) / n  # the biased variance, or (scaling only) the mean of squares
    r = 1 / math.sqrt(m2 + eps) if scale else 1.0
    return [(v - mu) * r for v in x], mu, m2


def jacobian_group(x, center, scale, eps):
    """J[i][k] = ∂x̂_i/∂x_k for one group, from the definition (product rule on (x_i − μ)·r)."""
    n = len(x)
    xhat, mu, m2 = normalize_group(x, center, scale, eps)
    r = 1 / math.sqrt(m2 + eps) if scale else 1.0
    J = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for k in range(n):
            d_centred = (1.0 if i == k else 0.0) - (1.0 / n if center else 0.0)  # ∂(x_i − μ)/∂x_k
            # ∂m₂/∂x_k = 2(x_k − μ)/n (the μ term sums to 0 when centred); ∂r/∂x_k = −r³/2 · ∂m₂/∂x_k
            d_r = -(r ** 3) * (x[k] - mu) / n if scale else 0.0
            J[i][k] = d_centred * r + (x[i] - mu) * d_r
    return J


def case(lines, rng, name, kind, center, scale, n, h, offset=0.0, spread=2.0, eps=1e-5, momentum=0.1):
    x = [[f32(offset + spread * rng.gauss(0, 1)) for _ in range(h)] for _ in range(n)]
    gamma = [f32(1 + 0.5 * rng.gauss(0, 1)) for _ in range(h)]
    beta = [f32(rng.gauss(0, 1)) for _ in range(h)]
    dy = [[f32(rng.gauss(0, 1)) for _ in range(h)] for _ in range(n)]
    y = [[0.0] * h for _ in range(n)]
    xhat = [[0.0] * h for _ in range(n)]
    dx = [[0.0] * h for _ in range(n)]
    # Groups: a column of the batch (batch norm), a row (layer norm); γ and β are per unit either way.
    groups = [[(i, j) for i in range(n)] for j in range(h)] if kind == 'batch' else [
        [(i, j) for j in range(h)] for i in range(n)]
    stats = []
    for cells in groups:
        values = [x[i][j] for i, j in cells]
        normalized, mu, m2 = normalize_group(values, center, scale, eps)
        J = jacobian_group(values, center, scale, eps)
        for (i, j), v in zip(cells, normalized):
            xhat[i][j] = v
            y[i][j] = gamma[j] * v + beta[j]
        # dx_k = Σ_i dy_i γ_i ∂x̂_i/∂x_k
        for k, (ik, jk) in enumerate(cells):
            dx[ik][jk] = sum(dy[i][j] * gamma[j] * J[a][k] for a, (i, j) in enumerate(cells))
        stats.append((mu, m2))
    dgamma = [sum(dy[i][j] * xhat[i][j] for i in range(n)) for j in range(h)]
    dbeta = [sum(dy[i][j] for i in range(n)) for j in range(h)]
    lines.append(f'case {name}')
    for key, value in [('kind', kind), ('center', int(center)), ('scale', int(scale)), ('eps', eps),
                       ('momentum', momentum)]:
        lines.append(f'text {key} {value}')

    def tensor(key, rows):
        rows = rows if isinstance(rows[0], list) else [rows]
        values = ' '.join(repr(float(v)) for row in rows for v in row)
        lines.append(f'tensor {key} {len(rows)} {len(rows[0])} {values}')

    for key, rows in [('x', x), ('gamma', gamma), ('beta', beta), ('dy', dy), ('y', y), ('dx', dx),
                      ('dgamma', dgamma), ('dbeta', dbeta)]:
        tensor(key, rows)
    if kind == 'batch':
        # One update from (0, 1): the mean only when centring; the variance unbiased by n/(n − 1), except that
        # scaling only keeps m₂, a mean of squares, as it is.
        running_mean = [momentum * mu if center else 0.0 for mu, _ in stats]
        running_var = [(1 - momentum) + momentum * m2 * (n / (n - 1) if center else 1.0) for _, m2 in stats]
        y_eval = [[gamma[j] * ((x[i][j] - (running_mean[j] if center else 0.0)) /
                               (math.sqrt(f32(running_var[j]) + eps) if scale else 1.0)) + beta[j]
                   for j in range(h)] for i in range(n)]
        tensor('running_mean', running_mean)
        tensor('running_var', running_var)
        tensor('y_eval', y_eval)


def main():
    rng = random.Random(2026)
    lines = ['# generated by build-scripts/make-norm-parts-fixture.py; do not edit by hand']
    for kind in ['batch', 'layer']:
        for center, scale, part in [(True, False, 'center'), (False, True, 'scale')]:
            case(lines, rng, f'{kind}-{part}', kind, center, scale, 6, 5)
            case(lines, rng, f'{kind}-{part}-offset', kind, center, scale, 8, 4, offset=3.0, spread=0.5)
    with open(OUT, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote', os.path.relpath(OUT))


if __name__ == '__main__':
    main()
