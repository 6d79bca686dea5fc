// Batch renormalization as plain functions (see batch_renorm.h): the statistics come from batch norm's own
// forward pass, then r and d correct its x̂ in place; the backward pass holds them constant. Sums in double.
#include "bnp/batch_renorm.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "bnp/batch_norm.h"

namespace bnp {

template <typename T>
void batchrenorm_forward_train(T* out, T* xhat, T* mean, T* var, T* rstd, T* r, T* d, const T* inp,
                               const T* gamma, const T* beta, const T* running_mean, const T* running_var,
                               int N, int H, T eps, T r_max, T d_max) {
  // Batch norm's own pass gives μ_B, σ²_B, 1/σ_B and x̂_B = (x − μ_B)/σ_B; then r and d correct x̂_B in place.
  batchnorm_forward_train(out, xhat, mean, var, rstd, inp, gamma, beta, N, H, eps);
  for (int j = 0; j < H; ++j) {
    const double sigma = std::sqrt(double(running_var[j]) + double(eps));
    const double rj = std::clamp(1.0 / (double(rstd[j]) * sigma), 1.0 / double(r_max), double(r_max));
    const double dj =
        std::clamp((double(mean[j]) - double(running_mean[j])) / sigma, -double(d_max), double(d_max));
    r[j] = T(rj);
    d[j] = T(dj);
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      xhat[at] = T(double(xhat[at]) * rj + dj);
      out[at] = gamma[j] * xhat[at] + beta[j];
    }
  }
}

template <typename T>
void batchrenorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                          const T* rstd, const T* r, const T* d, int N, int H) {
  for (int j = 0; j < H; ++j) {
    const double rj = double(r[j]), dj = double(d[j]), g = double(gamma[j]);
    double sum_dy = 0, sum_dy_xhat = 0, sum_dy_xb = 0;
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      const double dy = double(dout[at]), xh = double(xhat[at]);
      sum_dy += dy;
      sum_dy_xhat += dy * xh;
      sum_dy_xb += dy * (xh - dj) / rj;  // x̂_B = (x̂ − d)/r
    }
    dgamma[j] = T(sum_dy_xhat);
    dbeta[j] = T(sum_dy);
    const double mean_g = g * sum_dy / N, mean_gx = g * sum_dy_xb / N;
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      const double xb = (double(xhat[at]) - dj) / rj;
      dinp[at] = T(rj * double(rstd[j]) * (g * double(dout[at]) - mean_g - xb * mean_gx));
    }
  }
}

#define BNP_INSTANTIATE(T)                                                                             \
  template void batchrenorm_forward_train<T>(T*, T*, T*, T*, T*, T*, T*, const T*, const T*, const T*, \
                                             const T*, const T*, int, int, T, T, T);                   \
  template void batchrenorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, const T*,  \
                                        const T*, int, int);
BNP_INSTANTIATE(float)
BNP_INSTANTIATE(double)
#undef BNP_INSTANTIATE

}  // namespace bnp
