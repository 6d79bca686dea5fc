// Losses with their output functions: softmax cross-entropy, binary cross-entropy, mean squared error.
#include "bnp/loss.h"

#include <cmath>

namespace bnp {

bool parse_loss(const std::string& name, Loss* out, std::string* error) {
  if (name == "softmax-cross-entropy")
    *out = Loss::SoftmaxCrossEntropy;
  else if (name == "binary-cross-entropy")
    *out = Loss::BinaryCrossEntropy;
  else if (name == "mse")
    *out = Loss::MeanSquaredError;
  else {
    *error = "loss '" + name + "' is unknown: allowed are softmax-cross-entropy, binary-cross-entropy, mse";
    return false;
  }
  return true;
}

const char* loss_name(Loss l) {
  switch (l) {
    case Loss::SoftmaxCrossEntropy:
      return "softmax-cross-entropy";
    case Loss::BinaryCrossEntropy:
      return "binary-cross-entropy";
    case Loss::MeanSquaredError:
      return "mse";
  }
  return "?";
}

template <typename T>
void loss_output(T* probs, const T* logits, Loss kind, int N, int O) {
  const int count = N * O;
  switch (kind) {
    case Loss::SoftmaxCrossEntropy:
      for (int i = 0; i < N; ++i) {
        const T* z = logits + size_t(i) * O;
        T* p = probs + size_t(i) * O;
        T top = z[0];
        for (int k = 1; k < O; ++k) top = z[k] > top ? z[k] : top;
        double total = 0;
        for (int k = 0; k < O; ++k) total += double(p[k] = std::exp(z[k] - top));
        const T scale = T(1.0 / total);
        for (int k = 0; k < O; ++k) p[k] *= scale;
      }
      break;
    case Loss::BinaryCrossEntropy:
      for (int i = 0; i < count; ++i) probs[i] = T(1) / (T(1) + std::exp(-logits[i]));
      break;
    case Loss::MeanSquaredError:
      for (int i = 0; i < count; ++i) probs[i] = logits[i];
      break;
  }
}

template <typename T>
double loss_forward_backward(T* dlogits, T* probs, const T* logits, const T* targets, Loss kind, int N,
                             int O) {
  loss_output(probs, logits, kind, N, O);
  const int count = N * O;
  double total = 0;
  switch (kind) {
    case Loss::SoftmaxCrossEntropy: {
      // −Σ t log p with log p = z − max − log Σ exp(z − max), computed from the logits to avoid log(0).
      for (int i = 0; i < N; ++i) {
        const T* z = logits + size_t(i) * O;
        const T* t = targets + size_t(i) * O;
        T top = z[0];
        for (int k = 1; k < O; ++k) top = z[k] > top ? z[k] : top;
        double sum_exp = 0;
        for (int k = 0; k < O; ++k) sum_exp += std::exp(double(z[k] - top));
        const double log_sum = std::log(sum_exp);
        for (int k = 0; k < O; ++k) total -= double(t[k]) * (double(z[k] - top) - log_sum);
      }
      const T inv = T(1.0 / N);
      for (int i = 0; i < count; ++i) dlogits[i] = (probs[i] - targets[i]) * inv;
      return total / N;
    }
    case Loss::BinaryCrossEntropy: {
      // max(z,0) − z t + log(1 + e^{−|z|}): PyTorch's BCEWithLogits form, finite for any z.
      for (int i = 0; i < count; ++i) {
        const double z = logits[i], t = targets[i];
        total += (z > 0 ? z : 0) - z * t + std::log1p(std::exp(-std::fabs(z)));
      }
      const T inv = T(1.0 / count);
      for (int i = 0; i < count; ++i) dlogits[i] = (probs[i] - targets[i]) * inv;
      return total / count;
    }
    case Loss::MeanSquaredError: {
      for (int i = 0; i < count; ++i) {
        const double d = double(logits[i]) - double(targets[i]);
        total += d * d;
      }
      const T scale = T(2.0 / count);
      for (int i = 0; i < count; ++i) dlogits[i] = (logits[i] - targets[i]) * scale;
      return total / count;
    }
  }
  return 0;
}

template void loss_output<float>(float*, const float*, Loss, int, int);
template void loss_output<double>(double*, const double*, Loss, int, int);
template double loss_forward_backward<float>(float*, float*, const float*, const float*, Loss, int, int);
template double loss_forward_backward<double>(double*, double*, const double*, const double*, Loss, int, int);

}  // namespace bnp
