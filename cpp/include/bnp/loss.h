#pragma once
// Losses on the network's last dense layer (the logits), each fused with its output function so the
// gradient is the simple, stable (output − target) form. Reduction is the mean, as PyTorch's default:
// over rows for softmax cross-entropy, over all N·O elements for binary cross-entropy and MSE.
#include <string>

namespace bnp {

enum class Loss { SoftmaxCrossEntropy, BinaryCrossEntropy, MeanSquaredError };

// "softmax-cross-entropy" | "binary-cross-entropy" | "mse"
bool parse_loss(const std::string& name, Loss* out, std::string* error);
const char* loss_name(Loss l);

// probs[N,O] = the network's output for logits[N,O]: softmax per row, sigmoid, or the logits themselves.
template <typename T>
void loss_output(T* probs, const T* logits, Loss kind, int N, int O);

// Returns the mean loss; writes probs[N,O] as loss_output does and dlogits[N,O] = ∂loss/∂logits.
// targets[N,O]: one-hot (or probability) rows for softmax, values in [0,1] for BCE, anything for MSE.
template <typename T>
double loss_forward_backward(T* dlogits, T* probs, const T* logits, const T* targets, Loss kind, int N,
                             int O);

}  // namespace bnp
