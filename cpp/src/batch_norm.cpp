// Batch normalization as plain functions: training and eval forward, backward, running statistics.
#include "bnp/batch_norm.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace bnp {

namespace {
// Column sums are taken a block of features at a time, rows outer, so the inner loop walks contiguous
// memory and the double accumulators stay on the stack (no allocation in the training step).
constexpr int kBlock = 64;

#if defined(__wasm_simd128__)
// In wasm, float batches take four features at a time in SIMD registers: each lane does the scalar code's
// operations in the same order (double sums over the rows in turn, the same roundings), so the numbers are
// the scalar code's to the bit; the scalar code then takes the features left over (H mod 4).
inline v128_t promote_low(v128_t x) { return wasm_f64x2_promote_low_f32x4(x); }
inline v128_t promote_high(v128_t x) {
  return wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x, x, 2, 3, 2, 3));
}
inline v128_t demote(v128_t lo, v128_t hi) {
  return wasm_i32x4_shuffle(wasm_f32x4_demote_f64x2_zero(lo), wasm_f32x4_demote_f64x2_zero(hi), 0, 1, 4, 5);
}

// Features 0 … 4⌊H/4⌋ − 1 of batchnorm_forward_train; returns the first feature not done.
int forward_train_simd(float* out, float* xhat, float* mean, float* var, float* rstd, const float* inp,
                       const float* gamma, const float* beta, int N, int H, float eps) {
  const v128_t n = wasm_f64x2_splat(double(N)), e = wasm_f64x2_splat(double(eps)),
               one = wasm_f64x2_splat(1.0);
  int j = 0;
  for (; j + 4 <= H; j += 4) {
    v128_t sum_lo = wasm_f64x2_splat(0.0), sum_hi = sum_lo, sq_lo = sum_lo, sq_hi = sum_lo;
    for (int i = 0; i < N; ++i) {
      const v128_t x = wasm_v128_load(inp + size_t(i) * H + j);
      sum_lo = wasm_f64x2_add(sum_lo, promote_low(x));
      sum_hi = wasm_f64x2_add(sum_hi, promote_high(x));
    }
    const v128_t mu_lo = wasm_f64x2_div(sum_lo, n), mu_hi = wasm_f64x2_div(sum_hi, n);
    for (int i = 0; i < N; ++i) {
      const v128_t x = wasm_v128_load(inp + size_t(i) * H + j);
      const v128_t d_lo = wasm_f64x2_sub(promote_low(x), mu_lo),
                   d_hi = wasm_f64x2_sub(promote_high(x), mu_hi);
      sq_lo = wasm_f64x2_add(sq_lo, wasm_f64x2_mul(d_lo, d_lo));
      sq_hi = wasm_f64x2_add(sq_hi, wasm_f64x2_mul(d_hi, d_hi));
    }
    const v128_t v_lo = wasm_f64x2_div(sq_lo, n), v_hi = wasm_f64x2_div(sq_hi, n);
    const v128_t r = demote(wasm_f64x2_div(one, wasm_f64x2_sqrt(wasm_f64x2_add(v_lo, e))),
                            wasm_f64x2_div(one, wasm_f64x2_sqrt(wasm_f64x2_add(v_hi, e))));
    wasm_v128_store(mean + j, demote(mu_lo, mu_hi));
    wasm_v128_store(var + j, demote(v_lo, v_hi));
    wasm_v128_store(rstd + j, r);
    const v128_t r_lo = promote_low(r), r_hi = promote_high(r);
    const v128_t g = wasm_v128_load(gamma + j), b = wasm_v128_load(beta + j);
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      const v128_t x = wasm_v128_load(inp + at);
      const v128_t xh = demote(wasm_f64x2_mul(wasm_f64x2_sub(promote_low(x), mu_lo), r_lo),
                               wasm_f64x2_mul(wasm_f64x2_sub(promote_high(x), mu_hi), r_hi));
      wasm_v128_store(xhat + at, xh);
      wasm_v128_store(out + at, wasm_f32x4_add(wasm_f32x4_mul(g, xh), b));
    }
  }
  return j;
}

// Features 0 … 4⌊H/4⌋ − 1 of batchnorm_backward; returns the first feature not done.
int backward_simd(float* dinp, float* dgamma, float* dbeta, const float* dout, const float* xhat,
                  const float* gamma, const float* rstd, int N, int H) {
  const v128_t n = wasm_f64x2_splat(double(N));
  int j = 0;
  for (; j + 4 <= H; j += 4) {
    v128_t dy_lo = wasm_f64x2_splat(0.0), dy_hi = dy_lo, dyx_lo = dy_lo, dyx_hi = dy_lo;
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      const v128_t dy = wasm_v128_load(dout + at), xh = wasm_v128_load(xhat + at);
      dy_lo = wasm_f64x2_add(dy_lo, promote_low(dy));
      dy_hi = wasm_f64x2_add(dy_hi, promote_high(dy));
      dyx_lo = wasm_f64x2_add(dyx_lo, wasm_f64x2_mul(promote_low(dy), promote_low(xh)));
      dyx_hi = wasm_f64x2_add(dyx_hi, wasm_f64x2_mul(promote_high(dy), promote_high(xh)));
    }
    wasm_v128_store(dbeta + j, demote(dy_lo, dy_hi));
    wasm_v128_store(dgamma + j, demote(dyx_lo, dyx_hi));
    const v128_t g4 = wasm_v128_load(gamma + j), r4 = wasm_v128_load(rstd + j);
    const v128_t g_lo = promote_low(g4), g_hi = promote_high(g4), r_lo = promote_low(r4),
                 r_hi = promote_high(r4);
    const v128_t mean_g_lo = wasm_f64x2_div(wasm_f64x2_mul(g_lo, dy_lo), n),
                 mean_g_hi = wasm_f64x2_div(wasm_f64x2_mul(g_hi, dy_hi), n),
                 mean_gx_lo = wasm_f64x2_div(wasm_f64x2_mul(g_lo, dyx_lo), n),
                 mean_gx_hi = wasm_f64x2_div(wasm_f64x2_mul(g_hi, dyx_hi), n);
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      const v128_t dy = wasm_v128_load(dout + at), xh = wasm_v128_load(xhat + at);
      const v128_t lo = wasm_f64x2_mul(
          r_lo, wasm_f64x2_sub(wasm_f64x2_sub(wasm_f64x2_mul(g_lo, promote_low(dy)), mean_g_lo),
                               wasm_f64x2_mul(promote_low(xh), mean_gx_lo)));
      const v128_t hi = wasm_f64x2_mul(
          r_hi, wasm_f64x2_sub(wasm_f64x2_sub(wasm_f64x2_mul(g_hi, promote_high(dy)), mean_g_hi),
                               wasm_f64x2_mul(promote_high(xh), mean_gx_hi)));
      wasm_v128_store(dinp + at, demote(lo, hi));
    }
  }
  return j;
}

// Features 0 … 4⌊H/4⌋ − 1 of batchnorm_forward_eval (float arithmetic, as the scalar code); returns the first
// feature not done.
int forward_eval_simd(float* out, float* xhat, const float* inp, const float* gamma, const float* beta,
                      const float* running_mean, const float* running_var, int N, int H, float eps) {
  int j = 0;
  for (; j + 4 <= H; j += 4) {
    const v128_t m = wasm_v128_load(running_mean + j), g = wasm_v128_load(gamma + j),
                 b = wasm_v128_load(beta + j);
    const v128_t s = wasm_f32x4_sqrt(wasm_f32x4_add(wasm_v128_load(running_var + j), wasm_f32x4_splat(eps)));
    for (int i = 0; i < N; ++i) {
      const size_t at = size_t(i) * H + j;
      const v128_t xh = wasm_f32x4_div(wasm_f32x4_sub(wasm_v128_load(inp + at), m), s);
      wasm_v128_store(xhat + at, xh);
      wasm_v128_store(out + at, wasm_f32x4_add(wasm_f32x4_mul(g, xh), b));
    }
  }
  return j;
}
#endif
}  // namespace

template <typename T>
void batchnorm_forward_train(T* out, T* xhat, T* mean, T* var, T* rstd, const T* inp, const T* gamma,
                             const T* beta, int N, int H, T eps, NormParts parts) {
  int first = 0;
#if defined(__wasm_simd128__)
  if constexpr (std::is_same_v<T, float>)
    if (parts.both()) first = forward_train_simd(out, xhat, mean, var, rstd, inp, gamma, beta, N, H, eps);
#endif
  for (int j0 = first; j0 < H; j0 += kBlock) {
    const int w = std::min(kBlock, H - j0);
    double sum[kBlock] = {0}, sq[kBlock] = {0}, mu[kBlock];
    for (int i = 0; i < N; ++i) {
      const T* row = inp + size_t(i) * H + j0;
      for (int j = 0; j < w; ++j) sum[j] += double(row[j]);
    }
    for (int j = 0; j < w; ++j) mu[j] = parts.center ? sum[j] / N : 0;  // scaling only: m₂ about 0
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
      rstd[j0 + j] = T(parts.scale ? 1.0 / std::sqrt(v + double(eps)) : 1.0);
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
                              T momentum, NormParts parts) {
  // Scaling only: var holds m₂, a mean of squares about 0, which needs no N/(N − 1); the mean stays 0.
  const T unbias = parts.center ? T(double(N) / double(N - 1)) : T(1);
  for (int j = 0; j < H; ++j) {
    if (parts.center) running_mean[j] = (T(1) - momentum) * running_mean[j] + momentum * mean[j];
    running_var[j] = (T(1) - momentum) * running_var[j] + momentum * var[j] * unbias;
  }
}

template <typename T>
void batchnorm_forward_eval(T* out, T* xhat, const T* inp, const T* gamma, const T* beta,
                            const T* running_mean, const T* running_var, int N, int H, T eps,
                            NormParts parts) {
  int first = 0;
#if defined(__wasm_simd128__)
  if constexpr (std::is_same_v<T, float>)
    if (parts.both())
      first = forward_eval_simd(out, xhat, inp, gamma, beta, running_mean, running_var, N, H, eps);
#endif
  for (int i = 0; i < N; ++i) {
    const size_t at = size_t(i) * H;
    for (int j = first; j < H; ++j) {
      const T centred = parts.center ? inp[at + j] - running_mean[j] : inp[at + j];
      const T xh = parts.scale ? centred / std::sqrt(running_var[j] + eps) : centred;
      xhat[at + j] = xh;
      out[at + j] = gamma[j] * xh + beta[j];
    }
  }
}

template <typename T>
void batchnorm_backward(T* dinp, T* dgamma, T* dbeta, const T* dout, const T* xhat, const T* gamma,
                        const T* rstd, int N, int H, NormParts parts) {
  int first = 0;
#if defined(__wasm_simd128__)
  if constexpr (std::is_same_v<T, float>)
    if (parts.both()) first = backward_simd(dinp, dgamma, dbeta, dout, xhat, gamma, rstd, N, H);
#endif
  for (int j0 = first; j0 < H; j0 += kBlock) {
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
        const double mean_g = parts.center ? g * sum_dy[j] / N : 0,
                     mean_gx = parts.scale ? g * sum_dy_xhat[j] / N : 0;
        dinp[at + j] =
            T(double(rstd[j0 + j]) * (g * double(dout[at + j]) - mean_g - double(xhat[at + j]) * mean_gx));
      }
    }
  }
}

#define BNP_INSTANTIATE(T)                                                                                \
  template void batchnorm_forward_train<T>(T*, T*, T*, T*, T*, const T*, const T*, const T*, int, int, T, \
                                           NormParts);                                                    \
  template void batchnorm_update_running<T>(T*, T*, const T*, const T*, int, int, T, NormParts);          \
  template void batchnorm_forward_eval<T>(T*, T*, const T*, const T*, const T*, const T*, const T*, int,  \
                                          int, T, NormParts);                                             \
  template void batchnorm_backward<T>(T*, T*, T*, const T*, const T*, const T*, const T*, int, int,       \
                                      NormParts);
BNP_INSTANTIATE(float)
BNP_INSTANTIATE(double)
#undef BNP_INSTANTIATE

}  // namespace bnp
