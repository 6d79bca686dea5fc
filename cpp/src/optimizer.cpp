// Optimizers as flat loops over the parameter buffer: SGD, momentum, Adam (see optimizer.h).
#include "bnp/optimizer.h"

#include <cmath>

#include "bnp/check.h"

namespace bnp {

bool parse_optimizer(const std::string& name, OptimizerKind* out, std::string* error) {
  if (name == "sgd")
    *out = OptimizerKind::Sgd;
  else if (name == "momentum")
    *out = OptimizerKind::Momentum;
  else if (name == "adam")
    *out = OptimizerKind::Adam;
  else {
    *error = "optimizer '" + name + "' is unknown: allowed are sgd, momentum, adam";
    return false;
  }
  return true;
}

const char* optimizer_name(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::Sgd:
      return "sgd";
    case OptimizerKind::Momentum:
      return "momentum";
    case OptimizerKind::Adam:
      return "adam";
  }
  return "?";
}

std::string check_optimizer(const OptimizerConfig& c) {
  std::string e;
  if (!(e = check_range("optimizer.lr", c.lr, 1e-9, 1e3, "a number from 1e-9 to 1000")).empty()) return e;
  if (!(e = check_range("optimizer.momentum", c.momentum, 0, 0.999, "a number from 0 to 0.999")).empty())
    return e;
  if (!(e = check_range("optimizer.beta1", c.beta1, 0, 0.9999, "a number from 0 to 0.9999")).empty())
    return e;
  if (!(e = check_range("optimizer.beta2", c.beta2, 0, 0.999999, "a number from 0 to 0.999999")).empty())
    return e;
  if (!(e = check_range("optimizer.eps", c.eps, 1e-12, 1, "a number from 1e-12 to 1")).empty()) return e;
  if (!(e = check_range("optimizer.weightDecay", c.weight_decay, 0, 1, "a number from 0 to 1")).empty())
    return e;
  return "";
}

// Without weight decay the loops read grads[] as they are (the same numbers, and no extra work per
// parameter).
template <typename T>
void sgd_step(T* params, const T* grads, size_t count, T lr, T weight_decay) {
  if (weight_decay == T(0))
    for (size_t i = 0; i < count; ++i) params[i] -= lr * grads[i];
  else
    for (size_t i = 0; i < count; ++i) params[i] -= lr * (grads[i] + weight_decay * params[i]);
}

template <typename T>
void momentum_step(T* params, T* velocity, const T* grads, size_t count, T lr, T mu, T weight_decay) {
  for (size_t i = 0; i < count; ++i) {
    const T g = weight_decay == T(0) ? grads[i] : grads[i] + weight_decay * params[i];
    velocity[i] = mu * velocity[i] + g;
    params[i] -= lr * velocity[i];
  }
}

template <typename T>
void adam_step(T* params, T* m, T* v, const T* grads, size_t count, T lr, T beta1, T beta2, T eps, long t,
               T weight_decay) {
  const T correction1 = T(1) - T(std::pow(double(beta1), double(t)));
  const T correction2 = T(1) - T(std::pow(double(beta2), double(t)));
  const T step = lr / correction1, inv_sqrt_c2 = T(1) / std::sqrt(correction2);
  for (size_t i = 0; i < count; ++i) {
    const T g = weight_decay == T(0) ? grads[i] : grads[i] + weight_decay * params[i];
    m[i] = beta1 * m[i] + (T(1) - beta1) * g;
    v[i] = beta2 * v[i] + (T(1) - beta2) * g * g;
    params[i] -= step * m[i] / (std::sqrt(v[i]) * inv_sqrt_c2 + eps);
  }
}

template void sgd_step<float>(float*, const float*, size_t, float, float);
template void sgd_step<double>(double*, const double*, size_t, double, double);
template void momentum_step<float>(float*, float*, const float*, size_t, float, float, float);
template void momentum_step<double>(double*, double*, const double*, size_t, double, double, double);
template void adam_step<float>(float*, float*, float*, const float*, size_t, float, float, float, float, long,
                               float);
template void adam_step<double>(double*, double*, double*, const double*, size_t, double, double, double,
                                double, long, double);

}  // namespace bnp
