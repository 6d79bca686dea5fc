// A stand-alone batch-norm layer with its own buffers, for the JS API and the fixtures (see
// batch_norm_layer.h).
#include "bnp/batch_norm_layer.h"

#include "bnp/batch_norm.h"
#include "bnp/check.h"
#include "bnp/network.h"

namespace bnp {

std::string check_batchnorm_config(const BatchNormConfig& c) {
  if (c.features < 1 || c.features > kMaxUnits)
    return "features = " + std::to_string(c.features) + " is not allowed: a whole number from 1 to " +
           std::to_string(kMaxUnits);
  std::string e;
  if (!(e = check_range("eps", c.eps, 1e-12, 1, "a number from 1e-12 to 1")).empty()) return e;
  return check_range("momentum", c.momentum, 0, 1, "a number from 0 to 1");
}

template <typename T>
BatchNormLayer<T>::BatchNormLayer(const BatchNormConfig& config)
    : config_(config),
      H_(config.features),
      gamma_(H_, T(1)),
      beta_(H_, T(0)),
      dgamma_(H_, T(0)),
      dbeta_(H_, T(0)),
      running_mean_(H_, T(0)),
      running_var_(H_, T(1)),
      mean_(H_, T(0)),
      var_(H_, T(1)),
      rstd_(H_, T(1)) {}

template <typename T>
std::string BatchNormLayer<T>::check_rows(int n, bool training) const {
  if (n < 1 || n > kMaxRows || double(n) * H_ > kMaxActivations)
    return "n = " + std::to_string(n) + " is not allowed: the number of rows is a whole number from 1 to " +
           std::to_string(std::min(kMaxRows, int(kMaxActivations / H_)));
  if (n == 1 && training)
    return "n = 1 is not allowed in training mode: the variance of one example is 0, so there is nothing to "
           "normalize (use 2 or more rows, or eval mode)";
  return "";
}

template <typename T>
std::string BatchNormLayer<T>::check_backward() const {
  if (rows_ == 0 || !last_training_)
    return "backward needs a training-mode forward first (forward(x, n, { training: true }))";
  return "";
}

template <typename T>
void BatchNormLayer<T>::reserve(int n) {
  if (n <= capacity_) return;
  capacity_ = n;
  const size_t size = size_t(n) * H_;
  for (auto* buffer : {&input_, &output_, &xhat_, &dout_, &dinput_}) buffer->assign(size, T(0));
}

template <typename T>
void BatchNormLayer<T>::forward(int n, bool training) {
  rows_ = n;
  last_training_ = training;
  const T eps = T(config_.eps);
  if (training) {
    batchnorm_forward_train(output_.data(), xhat_.data(), mean_.data(), var_.data(), rstd_.data(),
                            input_.data(), gamma_.data(), beta_.data(), n, H_, eps);
    batchnorm_update_running(running_mean_.data(), running_var_.data(), mean_.data(), var_.data(), n, H_,
                             T(config_.momentum));
  } else {
    batchnorm_forward_eval(output_.data(), xhat_.data(), input_.data(), gamma_.data(), beta_.data(),
                           running_mean_.data(), running_var_.data(), n, H_, eps);
  }
}

template <typename T>
void BatchNormLayer<T>::backward() {
  batchnorm_backward(dinput_.data(), dgamma_.data(), dbeta_.data(), dout_.data(), xhat_.data(), gamma_.data(),
                     rstd_.data(), rows_, H_);
}

template class BatchNormLayer<float>;
template class BatchNormLayer<double>;

}  // namespace bnp
