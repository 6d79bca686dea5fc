// The optimizer's side of a network (see network.h): its learning rate, which parameters it may move, and its
// step over the flat parameter buffer (optimizer.h's loops).
#include <string>
#include <vector>

#include "bnp/network.h"
#include "bnp/optimizer.h"

namespace bnp {

template <typename T>
std::string Network<T>::set_learning_rate(double lr) {
  OptimizerConfig changed = config_.optimizer;
  changed.lr = lr;
  std::string error = check_optimizer(changed);
  if (error.empty()) config_.optimizer.lr = lr;
  return error;
}

template <typename T>
std::string Network<T>::set_trainable(const uint8_t* mask) {
  if (!mask) {
    std::vector<uint8_t>().swap(trainable_);
    std::vector<T>().swap(frozen_);
    return "";
  }
  const size_t P = params_.size();
  for (size_t i = 0; i < P; ++i)
    if (mask[i] > 1)
      return "trainable[" + std::to_string(i) + "] = " + std::to_string(int(mask[i])) +
             " is not allowed: 1 (train) or 0 (freeze)";
  trainable_.assign(mask, mask + P);
  frozen_.assign(3 * P, T(0));
  return "";
}

template <typename T>
void Network<T>::optimizer_step() {
  const OptimizerConfig& o = config_.optimizer;
  const size_t count = params_.size();
  // Frozen parameters: their values and optimizer state are put back after the step (one pass each way).
  const size_t P = trainable_.empty() ? 0 : count;
  T* states[] = {params_.data(), state1_.empty() ? nullptr : state1_.data(),
                 state2_.empty() ? nullptr : state2_.data()};
  auto keepFrozen = [&](bool restore) {
    for (size_t i = 0; i < P; ++i)
      if (!trainable_[i])
        for (size_t k = 0; k < 3; ++k)
          if (states[k]) {
            T& kept = frozen_[k * P + i];
            if (restore)
              states[k][i] = kept;
            else
              kept = states[k][i];
          }
  };
  keepFrozen(false);
  switch (o.kind) {
    case OptimizerKind::Sgd:
      sgd_step(params_.data(), grads_.data(), count, T(o.lr), T(o.weight_decay));
      break;
    case OptimizerKind::Momentum:
      momentum_step(params_.data(), state1_.data(), grads_.data(), count, T(o.lr), T(o.momentum),
                    T(o.weight_decay));
      break;
    case OptimizerKind::Adam:
      adam_step(params_.data(), state1_.data(), state2_.data(), grads_.data(), count, T(o.lr), T(o.beta1),
                T(o.beta2), T(o.eps), steps_, T(o.weight_decay));
      break;
  }
  keepFrozen(true);
}

// The members above, for the two element types (network.cpp instantiates the rest of the class).
template std::string Network<float>::set_learning_rate(double);
template std::string Network<double>::set_learning_rate(double);
template std::string Network<float>::set_trainable(const uint8_t*);
template std::string Network<double>::set_trainable(const uint8_t*);
template void Network<float>::optimizer_step();
template void Network<double>::optimizer_step();

}  // namespace bnp
