#pragma once
// Optimizers as flat loops over the one parameter buffer and its same-layout gradient buffer.
// PyTorch's conventions; the step count t (1, 2, …) is passed in, never counted here.
#include <cstddef>
#include <string>

namespace bnp {

enum class OptimizerKind { Sgd, Momentum, Adam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Sgd;
  double lr = 0.1;
  double momentum = 0.9;                          // SGD with momentum
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // Adam
  double weight_decay = 0;                        // λ: every gradient gets λ·θ added before the step
};

// "sgd" | "momentum" | "adam"
bool parse_optimizer(const std::string& name, OptimizerKind* out, std::string* error);
const char* optimizer_name(OptimizerKind k);
// "" when every field is in range, else a message naming the field, its value and the allowed range.
std::string check_optimizer(const OptimizerConfig& c);

// Each step first takes g = grad + λ·param (λ: weight_decay), as PyTorch's weight_decay does for SGD and
// Adam (L2 added to the gradient, not AdamW's decoupled decay); grads[] itself is left as it is.

// params[count] −= lr · g
template <typename T>
void sgd_step(T* params, const T* grads, size_t count, T lr, T weight_decay = T(0));

// velocity ← μ·velocity + g; params −= lr·velocity  (PyTorch SGD(momentum=μ), velocity starts at 0; lr is
// applied outside the velocity, so a new lr takes effect at once)
template <typename T>
void momentum_step(T* params, T* velocity, const T* grads, size_t count, T lr, T mu, T weight_decay = T(0));

// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; params −= lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε); t >= 1
template <typename T>
void adam_step(T* params, T* m, T* v, const T* grads, size_t count, T lr, T beta1, T beta2, T eps, long t,
               T weight_decay = T(0));

}  // namespace bnp
