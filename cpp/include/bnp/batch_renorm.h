#pragma once
// Batch renormalization (Ioffe, 2017) over the N rows of an N×H buffer, one statistic per feature: training
// normalizes with the batch's statistics and then corrects towards the running ones,
//   σ_B = √(σ²_B + ε),  σ = √(r_σ² + ε)          (r_σ²: the running variance, kept as batch norm keeps it)
//   r = clip(σ_B/σ, 1/r_max, r_max),  d = clip((μ_B − r_μ)/σ, −d_max, d_max)
//   x̂ = (x − μ_B)/σ_B · r + d,  y = γ x̂ + β
// so that with r = 1 and d = 0 (r_max = 1, d_max = 0) it is batch norm, and with the clips open the
// training-mode output equals the eval-mode one, (x − r_μ)/σ. r and d are held constant in the backward pass:
//   dinp = r · rstd/N · (N g − Σ_rows g − x̂_B Σ_rows(g x̂_B)),  x̂_B = (x − μ_B)/σ_B,  g = dout ⊙ γ
//   dgamma = Σ_rows dout x̂,  dbeta = Σ_rows dout
// The paper moves σ itself towards σ_B; here the running statistics are batch norm's (mean, unbiased
// variance: batchnorm_update_running), and σ is read from the running variance, so eval mode is batch norm's.

namespace bnp {

// out[N,H], xhat[N,H] (x̂ as above); saves mean[H], var[H] (biased), rstd[H] = 1/σ_B, r[H], d[H].
template <typename T>
void batchrenorm_forward_train(T* out, T* xhat, T* mean, T* var, T* rstd, T* r, T* d, const T* inp,
                               const T* gamma, const T* beta, const T* running_mean, const T* running_var,
                               int N, int H, T eps, T r_max, T d_max);

// dinp[N,H], dgamma[H], dbeta[H] overwritten; the rest as saved by the forward pass.
template <typename T>
void batchrenorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                          const T* rstd, const T* r, const T* d, int N, int H);

}  // namespace bnp
