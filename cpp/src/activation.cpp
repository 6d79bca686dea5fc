// Activations forward and backward: sigmoid, tanh, ReLU, linear (see activation.h).
#include "bnp/activation.h"

#include <cmath>
#include <type_traits>

#include "bnp/fast_math.h"

namespace bnp {

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
        for (int i = 0; i < count; ++i) out[i] = sigmoid_approx(inp[i]);
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
