// Layer normalization as plain functions: forward and backward over the units of each row (see layer_norm.h).
#include "bnp/layer_norm.h"

#include <cmath>
#include <cstddef>

namespace bnp {

template <typename T>
void layernorm_forward(T* out, T* xhat, T* mean, T* var, T* rstd, const T* inp, const T* gamma, const T* beta,
                       int N, int H, T eps, NormParts parts) {
  for (int i = 0; i < N; ++i) {
    const T* row = inp + size_t(i) * H;
    double sum = 0, sq = 0;
    for (int j = 0; j < H; ++j) sum += double(row[j]);
    const double mu = parts.center ? sum / H : 0;  // scaling only (RMSNorm): m₂ about 0
    for (int j = 0; j < H; ++j) {
      const double d = double(row[j]) - mu;
      sq += d * d;
    }
    const double v = sq / H, r = parts.scale ? 1.0 / std::sqrt(v + double(eps)) : 1.0;
    mean[i] = T(mu);
    var[i] = T(v);
    rstd[i] = T(r);
    T* xh = xhat + size_t(i) * H;
    T* y = out + size_t(i) * H;
    for (int j = 0; j < H; ++j) {
      xh[j] = T((double(row[j]) - mu) * r);
      y[j] = gamma[j] * xh[j] + beta[j];
    }
  }
}

template <typename T>
void layernorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                        const T* rstd, int N, int H, NormParts parts) {
  for (int j = 0; j < H; ++j) {  // column sums, in double like batch norm's
    double sum_dy = 0, sum_dy_xhat = 0;
    for (int i = 0; i < N; ++i) {
      sum_dy += double(dout[size_t(i) * H + j]);
      sum_dy_xhat += double(dout[size_t(i) * H + j]) * double(xhat[size_t(i) * H + j]);
    }
    dgamma[j] = T(sum_dy_xhat);
    dbeta[j] = T(sum_dy);
  }
  for (int i = 0; i < N; ++i) {
    const size_t at = size_t(i) * H;
    double sum_g = 0, sum_gx = 0;
    for (int j = 0; j < H; ++j) {
      const double g = double(gamma[j]) * double(dout[at + j]);
      sum_g += g;
      sum_gx += g * double(xhat[at + j]);
    }
    const double mean_g = parts.center ? sum_g / H : 0, mean_gx = parts.scale ? sum_gx / H : 0;
    for (int j = 0; j < H; ++j) {
      const double g = double(gamma[j]) * double(dout[at + j]);
      dinp[at + j] = T(double(rstd[i]) * (g - mean_g - double(xhat[at + j]) * mean_gx));
    }
  }
}

#define BNP_INSTANTIATE(T)                                                                          \
  template void layernorm_forward<T>(T*, T*, T*, T*, T*, const T*, const T*, const T*, int, int, T, \
                                     NormParts);                                                    \
  template void layernorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, int, int, \
                                      NormParts);
BNP_INSTANTIATE(float)
BNP_INSTANTIATE(double)
#undef BNP_INSTANTIATE

}  // namespace bnp
