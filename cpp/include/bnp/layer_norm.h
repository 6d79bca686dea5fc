#pragma once
// Layer normalization over the H features of each of the N rows of an N×H buffer, one statistic per example
// (row), as in Ba, Kiros & Hinton (2016) and PyTorch's layer_norm over the last dimension:
//   μ_i = mean of row i, σ²_i = biased variance of row i, x̂ = (x − μ_i)/√(σ²_i + ε), y = γ x̂ + β (γ, β per
//   unit)
// The same in training and at test time: nothing depends on the other rows, so there are no running
// statistics and one example alone is fine. Sums in double, variance about the mean (two passes).
// With only one half (parts, norm_parts.h): centering only, x̂ = x − μ_i (rstd saved as 1); scaling only,
// x̂ = x/√(m₂ᵢ + ε) with m₂ᵢ the mean of row i's squares (RMSNorm; mean saved as 0, var as m₂ᵢ). Backward:
// dinp = rstd_i · (g − [center] mean_units(g) − [scale] x̂ mean_units(g x̂)).
#include "bnp/norm_parts.h"

namespace bnp {

// out[N,H], xhat[N,H]; saves mean[N], var[N] (biased), rstd[N] = 1/√(var + eps) for backward.
template <typename T>
void layernorm_forward(T* out, T* xhat, T* mean, T* var, T* rstd, const T* inp, const T* gamma, const T* beta,
                       int N, int H, T eps, NormParts parts = {});

// With g = dout ⊙ γ, per row i:
//   dinp = rstd_i/H · (H g − Σ_units g − x̂ Σ_units(g x̂)),  dgamma = Σ_rows dout x̂,  dbeta = Σ_rows dout.
// dinp[N,H], dgamma[H], dbeta[H] overwritten; dout[N,H], xhat[N,H], gamma[H], rstd[N] as saved by forward.
template <typename T>
void layernorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                        const T* rstd, int N, int H, NormParts parts = {});

}  // namespace bnp
