#pragma once
// Batch normalization over the N rows of an N×H buffer, one statistic per feature (column), as in
// Ioffe & Szegedy (2015) and PyTorch's BatchNorm1d:
//   training: μ = mean over rows, σ² = biased variance (/N), x̂ = (x − μ)/√(σ² + ε), y = γ x̂ + β
//   running:  r_μ ← (1 − m) r_μ + m μ,  r_σ² ← (1 − m) r_σ² + m σ² N/(N − 1)   (unbiased, Algorithm 2)
//   eval:     x̂ = (x − r_μ)/√(r_σ² + ε)
// Sums are accumulated in double and the variance is taken about the mean (two passes), so inputs with a
// large offset and a tiny spread (10⁴ ± 10⁻²) keep their digits.
//
// With only one half (parts, norm_parts.h), the same functions, in scalar code:
//   centering only: x̂ = x − μ; mean and the biased var are saved, rstd = 1; the running statistics as above
//   scaling only:   x̂ = x/√(m₂ + ε), m₂ = mean over rows of x²; mean is saved as 0, var as m₂; the running
//                   mean stays 0 and the running var follows m₂ (a mean of squares: no N/(N − 1))
//   backward:       dinp = rstd · (g − [center] mean_rows(g) − [scale] x̂ mean_rows(g x̂)), g = dout ⊙ γ
#include "bnp/norm_parts.h"

namespace bnp {

// Training-mode forward. out[N,H], xhat[N,H]; saves mean[H], var[H] (biased), rstd[H] = 1/√(var + eps)
// for backward and for the running statistics. Needs N >= 1 (callers reject N = 1 in training mode).
template <typename T>
void batchnorm_forward_train(T* out, T* xhat, T* mean, T* var, T* rstd, const T* inp, const T* gamma,
                             const T* beta, int N, int H, T eps, NormParts parts = {});

// running_mean[H], running_var[H] updated from a training batch's mean[H] and biased var[H]; N >= 2.
template <typename T>
void batchnorm_update_running(T* running_mean, T* running_var, const T* mean, const T* var, int N, int H,
                              T momentum, NormParts parts = {});

// Eval-mode forward with the running statistics. out[N,H], xhat[N,H].
template <typename T>
void batchnorm_forward_eval(T* out, T* xhat, const T* inp, const T* gamma, const T* beta,
                            const T* running_mean, const T* running_var, int N, int H, T eps,
                            NormParts parts = {});

// Training-mode backward: with g = dout ⊙ γ,
//   dinp = rstd/N · (N g − Σ_rows g − x̂ Σ_rows(g x̂)),  dgamma = Σ_rows dout x̂,  dbeta = Σ_rows dout.
// dinp[N,H], dgamma[H], dbeta[H] overwritten; dout[N,H], xhat[N,H], gamma[H], rstd[H] as saved by forward.
template <typename T>
void batchnorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                        const T* rstd, int N, int H, NormParts parts = {});

}  // namespace bnp
