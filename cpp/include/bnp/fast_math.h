#pragma once
// exp, sigmoid and tanh for float, branch-free so that loops over them vectorize (wasm SIMD, SSE/AVX), and
// free of libm so that the native and wasm builds compute the same numbers. Relative error below 3e-7
// (Cephes' expf and tanhf polynomials); the gradient checks run in double, which uses libm.
#include <cstdint>
#include <cstring>

namespace bnp {

inline float bits_to_float(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
inline uint32_t float_to_bits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

// e^x = 2^n · e^r with n = round(x / ln 2), |r| <= ln2/2. Adding 1.5·2^23 rounds x/ln2 to an integer in the
// low mantissa bits, which then build 2^n by integer arithmetic (no float→int conversion to scalarize).
inline float exp_approx(float x) {
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  const float shifter = 12582912.0f;  // 1.5 · 2^23
  const float shifted = x * 1.44269504088896341f + shifter;
  const float n = shifted - shifter;
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float y = p * r * r + r + 1.0f;
  const float scale = bits_to_float((float_to_bits(shifted) - float_to_bits(shifter) + 127u) << 23);
  return y * scale;
}

inline float sigmoid_approx(float x) { return 1.0f / (1.0f + exp_approx(-x)); }

// Small |x|: odd polynomial (no cancellation); otherwise 1 − 2/(e^{2|x|} + 1) with the sign put back.
inline float tanh_approx(float x) {
  const float ax = x < 0 ? -x : x;
  const float z = x * x;
  const float small =
      ((((-5.70498872745e-3f * z + 2.06390887954e-2f) * z - 5.37397155531e-2f) * z + 1.33314422036e-1f) * z -
       3.33332819422e-1f) *
          z * x +
      x;
  const float large = 1.0f - 2.0f / (exp_approx(2.0f * ax) + 1.0f);
  const float signed_large = x < 0 ? -large : large;
  return ax < 0.625f ? small : signed_large;
}

}  // namespace bnp
