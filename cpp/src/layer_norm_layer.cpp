// A stand-alone layer-norm layer with its own buffers, for the JS API (see layer_norm_layer.h).
#include "bnp/layer_norm_layer.h"

#include <algorithm>

#include "bnp/check.h"
#include "bnp/layer_norm.h"
#include "bnp/network.h"

namespace bnp {

std::string check_layernorm_config(const LayerNormConfig& c) {
  if (c.features < 1 || c.features > kMaxUnits)
    return "features = " + std::to_string(c.features) + " is not allowed: a whole number from 1 to " +
           std::to_string(kMaxUnits);
  return check_range("eps", c.eps, 1e-12, 1, "a number from 1e-12 to 1");
}

template <typename T>
LayerNormLayer<T>::LayerNormLayer(const LayerNormConfig& config)
    : config_(config),
      H_(config.features),
      gamma_(H_, T(1)),
      beta_(H_, T(0)),
      dgamma_(H_, T(0)),
      dbeta_(H_, T(0)) {}

template <typename T>
std::string LayerNormLayer<T>::check_rows(int n) const {
  if (n < 1 || n > kMaxRows || double(n) * H_ > kMaxActivations)
    return "n = " + std::to_string(n) + " is not allowed: the number of rows is a whole number from 1 to " +
           std::to_string(std::min(kMaxRows, int(kMaxActivations / H_)));
  return "";
}

template <typename T>
std::string LayerNormLayer<T>::check_backward() const {
  return rows_ == 0 ? "backward needs a forward first (forward(x, n))" : "";
}

template <typename T>
void LayerNormLayer<T>::reserve(int n) {
  if (n <= capacity_) return;
  capacity_ = n;
  const size_t size = size_t(n) * H_;
  for (auto* buffer : {&input_, &output_, &xhat_, &dout_, &dinput_}) buffer->assign(size, T(0));
  for (auto* buffer : {&mean_, &var_, &rstd_}) buffer->assign(size_t(n), T(0));
}

template <typename T>
void LayerNormLayer<T>::forward(int n) {
  rows_ = n;
  layernorm_forward(output_.data(), xhat_.data(), mean_.data(), var_.data(), rstd_.data(), input_.data(),
                    gamma_.data(), beta_.data(), n, H_, T(config_.eps));
}

template <typename T>
void LayerNormLayer<T>::backward() {
  layernorm_backward(dinput_.data(), dgamma_.data(), dbeta_.data(), dout_.data(), xhat_.data(), gamma_.data(),
                     rstd_.data(), rows_, H_);
}

template class LayerNormLayer<float>;
template class LayerNormLayer<double>;

}  // namespace bnp
