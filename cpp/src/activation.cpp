// Activations forward and backward: sigmoid, tanh, ReLU, linear (see activation.h).
#include "bnp/activation.h"

#include <cmath>
#include <type_traits>

#include "bnp/fast_math.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace bnp {

#if defined(__wasm_simd128__)
namespace {
// sigmoid_approx on four floats: fast_math.h's operations in the same order, lane by lane, so the numbers are
// the scalar function's to the bit (clang left that loop unvectorized in wasm: 2.6 ns an element).
inline v128_t exp_approx4(v128_t x) {
  // pmax(x, c) is x < c ? c : x and pmin(x, c) is c < x ? c : x: the scalar clamps exactly (a NaN passes
  // through both), one instruction each.
  x = wasm_f32x4_pmax(x, wasm_f32x4_splat(-87.0f));
  x = wasm_f32x4_pmin(x, wasm_f32x4_splat(88.0f));
  const v128_t shifter = wasm_f32x4_splat(12582912.0f);
  const v128_t shifted = wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(1.44269504088896341f)), shifter);
  const v128_t n = wasm_f32x4_sub(shifted, shifter);
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));
  v128_t p = wasm_f32x4_splat(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(5.0000001201e-1f));
  const v128_t y =
      wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), r), wasm_f32x4_splat(1.0f));
  const v128_t scale =
      wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_sub(shifted, shifter), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(y, scale);
}

inline v128_t sigmoid_approx4(v128_t x) {
  const v128_t one = wasm_f32x4_splat(1.0f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp_approx4(wasm_f32x4_neg(x))));
}
}  // namespace
#endif

bool parse_activation(const std::string& name, Activation* out, std::string* error) {
  if (name == "sigmoid")
    *out = Activation::Sigmoid;
  else if (name == "tanh")
    *out = Activation::Tanh;
  else if (name == "relu")
    *out = Activation::Relu;
  else if (name == "linear")
    *out = Activation::Linear;
  else {
    *error = "activation '" + name + "' is unknown: allowed are sigmoid, tanh, relu, linear";
    return false;
  }
  return true;
}

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::Sigmoid:
      return "sigmoid";
    case Activation::Tanh:
      return "tanh";
    case Activation::Relu:
      return "relu";
    case Activation::Linear:
      return "linear";
  }
  return "?";
}

template <typename T>
void activation_forward(T* out, const T* inp, Activation kind, int count) {
  switch (kind) {
    case Activation::Sigmoid:
      if constexpr (std::is_same_v<T, float>) {
        int i = 0;
#if defined(__wasm_simd128__)
        for (; i + 4 <= count; i += 4) wasm_v128_store(out + i, sigmoid_approx4(wasm_v128_load(inp + i)));
#endif
        for (; i < count; ++i) out[i] = sigmoid_approx(inp[i]);
      } else {
        for (int i = 0; i < count; ++i) out[i] = T(1) / (T(1) + std::exp(-inp[i]));
      }
      break;
    case Activation::Tanh:
      if constexpr (std::is_same_v<T, float>) {
        for (int i = 0; i < count; ++i) out[i] = tanh_approx(inp[i]);
      } else {
        for (int i = 0; i < count; ++i) out[i] = std::tanh(inp[i]);
      }
      break;
    case Activation::Relu:
      for (int i = 0; i < count; ++i) out[i] = inp[i] > T(0) ? inp[i] : T(0);
      break;
    case Activation::Linear:
      if (out != inp)
        for (int i = 0; i < count; ++i) out[i] = inp[i];
      break;
  }
}

template <typename T>
void activation_backward(T* dinp, const T* dout, const T* out, Activation kind, int count) {
  switch (kind) {
    case Activation::Sigmoid:
      for (int i = 0; i < count; ++i) dinp[i] = dout[i] * out[i] * (T(1) - out[i]);
      break;
    case Activation::Tanh:
      for (int i = 0; i < count; ++i) dinp[i] = dout[i] * (T(1) - out[i] * out[i]);
      break;
    case Activation::Relu:
      for (int i = 0; i < count; ++i) dinp[i] = out[i] > T(0) ? dout[i] : T(0);
      break;
    case Activation::Linear:
      if (dinp != dout)
        for (int i = 0; i < count; ++i) dinp[i] = dout[i];
      break;
  }
}

template void activation_forward<float>(float*, const float*, Activation, int);
template void activation_forward<double>(double*, const double*, Activation, int);
template void activation_backward<float>(float*, const float*, const float*, Activation, int);
template void activation_backward<double>(double*, const double*, const double*, Activation, int);

}  // namespace bnp
