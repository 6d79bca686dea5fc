// Batch normalization as plain functions: training and eval forward, backward, running statistics.
#include "bnp/batch_norm.h"

#include <algorithm>
#include <cmath>

namespace bnp {

namespace {
// Column sums are taken a block of features at a time, rows outer, so the inner loop walks contiguous
// memory and the double accumulators stay on the stack (no allocation in the training step).
constexpr int kBlock = 64;
}  // namespace

template <typename T>
void batchnorm_forward_train(T* out, T* xhat, T* mean, T* var, T* rstd, const T* inp, const T* gamma,
                             const T* beta, int N, int H, T eps) {
  for (int j0 = 0; j0 < H; j0 += kBlock) {
    const int w = std::min(kBlock, H - j0);
    double sum[kBlock] = {0}, sq[kBlock] = {0}, mu[kBlock];
    for (int i = 0; i < N; ++i) {
      const T* row = inp + size_t(i) * H + j0;
      for (int j = 0; j < w; ++j) sum[j] += double(row[j]);
    }
    for (int j = 0; j < w; ++j) mu[j] = sum[j] / N;
    for (int i = 0; i < N; ++i) {
      const T* row = inp + size_t(i) * H + j0;
      for (int j = 0; j < w; ++j) {
        const double d = double(row[j]) - mu[j];
        sq[j] += d * d;
      }
    }
    for (int j = 0; j < w; ++j) {
      const double v = sq[j] / N;
      mean[j0 + j] = T(mu[j]);
      var[j0 + j] = T(v);
      rstd[j0 + j] = T(1.0 / std::sqrt(v + double(eps)));
    }
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j0;
      for (int j = 0; j < w; ++j) {
        const T xh = T((double(inp[at + j]) - mu[j]) * double(rstd[j0 + j]));
        xhat[at + j] = xh;
        out[at + j] = gamma[j0 + j] * xh + beta[j0 + j];
      }
    }
  }
}

template <typename T>
void batchnorm_update_running(T* running_mean, T* running_var, const T* mean, const T* var, int N, int H,
                              T momentum) {
  const T unbias = T(double(N) / double(N - 1));
  for (int j = 0; j < H; ++j) {
    running_mean[j] = (T(1) - momentum) * running_mean[j] + momentum * mean[j];
    running_var[j] = (T(1) - momentum) * running_var[j] + momentum * var[j] * unbias;
  }
}

template <typename T>
void batchnorm_forward_eval(T* out, T* xhat, const T* inp, const T* gamma, const T* beta,
                            const T* running_mean, const T* running_var, int N, int H, T eps) {
  for (int i = 0; i < N; ++i) {
    const size_t at = size_t(i) * H;
    for (int j = 0; j < H; ++j) {
      const T xh = (inp[at + j] - running_mean[j]) / std::sqrt(running_var[j] + eps);
      xhat[at + j] = xh;
      out[at + j] = gamma[j] * xh + beta[j];
    }
  }
}

template <typename T>
void batchnorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                        const T* rstd, int N, int H) {
  for (int j0 = 0; j0 < H; j0 += kBlock) {
    const int w = std::min(kBlock, H - j0);
    double sum_dy[kBlock] = {0}, sum_dy_xhat[kBlock] = {0};
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j0;
      for (int j = 0; j < w; ++j) {
        sum_dy[j] += double(dout[at + j]);
        sum_dy_xhat[j] += double(dout[at + j]) * double(xhat[at + j]);
      }
    }
    for (int j = 0; j < w; ++j) {
      dbeta[j0 + j] = T(sum_dy[j]);
      dgamma[j0 + j] = T(sum_dy_xhat[j]);
    }
    // With g = γ·dout: Σg = γ Σdout and Σ g x̂ = γ Σ dout x̂, so the two sums above serve both.
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j0;
      for (int j = 0; j < w; ++j) {
        const double g = double(gamma[j0 + j]);
        const double mean_g = g * sum_dy[j] / N, mean_gx = g * sum_dy_xhat[j] / N;
        dinp[at + j] =
            T(double(rstd[j0 + j]) * (g * double(dout[at + j]) - mean_g - double(xhat[at + j]) * mean_gx));
      }
    }
  }
}

#define BNP_INSTANTIATE(T)                                                                                 \
  template void batchnorm_forward_train<T>(T*, T*, T*, T*, T*, const T*, const T*, const T*, int, int, T); \
  template void batchnorm_update_running<T>(T*, T*, const T*, const T*, int, int, T);                      \
  template void batchnorm_forward_eval<T>(T*, T*, const T*, const T*, const T*, const T*, const T*, int,   \
                                          int, T);                                                         \
  template void batchnorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, int, int);
BNP_INSTANTIATE(float)
BNP_INSTANTIATE(double)
#undef BNP_INSTANTIATE

}  // namespace bnp
