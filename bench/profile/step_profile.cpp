// Where one training step of the paper's MNIST network goes: 784-100-100-100-10 sigmoid, batch 60, batch norm
// before each hidden sigmoid. Times each kind of work on its own (the same kernels Network calls, the same
// shapes), repeated until 0.3 s have passed, best of five windows. Built to wasm by bench/step-profile.mjs
// (and runs natively too). Inputs: digit-like rows, 19% of pixels non-zero (MNIST's share).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "bnp/activation.h"
#include "bnp/batch_norm.h"
#include "bnp/dense.h"
#include "bnp/loss.h"
#include "bnp/optimizer.h"
#include "bnp/pixels.h"
#include "bnp/rng.h"
#include "bnp/sparse.h"

using namespace bnp;

namespace {

double microseconds(const std::function<void()>& work) {
  using clock = std::chrono::steady_clock;
  double best = 1e30;
  for (int window = 0; window < 5; ++window) {
    const auto start = clock::now();
    long count = 0;
    double elapsed = 0;
    do {
      work();
      ++count;
      elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < 0.06);
    best = std::min(best, elapsed / count * 1e6);
  }
  return best;
}

std::vector<float> random_buffer(size_t count, Rng& rng, double scale, double nonzero = 1) {
  std::vector<float> v(count);
  for (float& x : v) x = rng.uniform() < nonzero ? float(scale * rng.uniform()) : 0.f;
  return v;
}

}  // namespace

int main() {
  const int N = 60, D = 784, H = 100, O = 10;
  Rng rng(1);
  // [N × 784] digit-like inputs: a disc of ink of radius 6.9 pixels (19% of the 28 × 28), placed at random.
  std::vector<float> x(size_t(N) * D, 0.f);
  for (int r = 0; r < N; ++r) {
    const double cx = 11 + 6 * rng.uniform(), cy = 11 + 6 * rng.uniform();
    for (int p = 0; p < D; ++p) {
      const double dx = p % 28 - cx, dy = p / 28 - cy;
      if (dx * dx + dy * dy < 6.9 * 6.9) x[size_t(r) * D + p] = float(0.1 + 0.9 * rng.uniform());
    }
  }
  auto w0 = random_buffer(size_t(D) * H, rng, 0.1), dw0 = w0;                            // [784 × 100]
  auto w = random_buffer(size_t(H) * H, rng, 0.1), dw = w;                               // [100 × 100]
  auto wo = random_buffer(size_t(H) * O, rng, 0.1), dwo = wo;                            // [100 × 10]
  auto bias = random_buffer(H, rng, 0.1), dbias = bias;                                  // [100]
  auto z = random_buffer(size_t(N) * H, rng, 1), zhat = z, out = z, dz = z, dx = z;      // [N × 100]
  auto logits = random_buffer(size_t(N) * O, rng, 1), probs = logits, dlogits = logits;  // [N × 10]
  std::vector<float> targets(size_t(N) * O, 0.f);                                        // [N × 10] one-hot
  for (int i = 0; i < N; ++i) targets[size_t(i) * O + i % O] = 1;
  std::vector<float> gamma(H, 1.f), beta(H, 0.f), mean(H), var(H), rstd(H), dgamma(H), dbeta(H);  // [100]
  // [100,310] the batch-normalized network's parameters: weights, biases, γ and β
  std::vector<float> params(size_t(D) * H + 2 * size_t(H) * H + size_t(H) * O + 3 * H + O + 6 * H, 0.01f),
      grads = params;

  SparseInputs<float> sparse;
  sparse.reserve(N, D);
  // The same rows as staged 8-bit pixels (how training reads MNIST), picked in order.
  std::vector<uint8_t> bytes(x.size());
  size_t nonzeros = 0;
  for (size_t i = 0; i < x.size(); ++i) nonzeros += (bytes[i] = uint8_t(x[i] * 255)) != 0;
  PixelRows pixels(N, D, nonzeros);
  pixels.add_rows(bytes.data(), N);
  std::vector<int> picks(N);
  for (int i = 0; i < N; ++i) picks[i] = i;
  struct Row {
    const char* what;
    double us;
    int times;
  };
  std::vector<Row> rows = {
      {"784→100 forward product",
       microseconds([&] { dense_forward(z.data(), x.data(), w0.data(), bias.data(), N, D, H); }), 1},
      {"784→100 weight gradient", microseconds([&] {
         dense_backward<float>(nullptr, dw0.data(), dbias.data(), dz.data(), x.data(), w0.data(), N, D, H);
       }),
       1},
      {"784→100 sparse: the mini-batch's index, from the staged pixels", microseconds([&] {
         pixels.index(&sparse, picks.data(), N);
         sparse_columns(&sparse, N, D);
       }),
       0},
      {"784→100 sparse: forward product",
       microseconds([&] { sparse_dense_forward(z.data(), sparse, w0.data(), bias.data(), N, D, H); }), 0},
      {"784→100 sparse: weight gradient",
       microseconds([&] { sparse_weight_gradient(dw0.data(), sparse, dz.data(), N, D, H); }), 0},
      {"100→100 forward",
       microseconds([&] { dense_forward(out.data(), z.data(), w.data(), bias.data(), N, H, H); }), 2},
      {"100→100 backward (weights and inputs)", microseconds([&] {
         dense_backward(dx.data(), dw.data(), dbias.data(), dz.data(), z.data(), w.data(), N, H, H);
       }),
       2},
      {"100→10 forward and backward", microseconds([&] {
         dense_forward(logits.data(), z.data(), wo.data(), bias.data(), N, H, O);
         dense_backward(dx.data(), dwo.data(), dbias.data(), dlogits.data(), z.data(), wo.data(), N, H, O);
       }),
       1},
      {"batch norm forward and backward", microseconds([&] {
         batchnorm_forward_train(out.data(), zhat.data(), mean.data(), var.data(), rstd.data(), z.data(),
                                 gamma.data(), beta.data(), N, H, 1e-5f);
         batchnorm_update_running(dgamma.data(), dbeta.data(), mean.data(), var.data(), N, H, 0.1f);
         batchnorm_backward(dx.data(), dgamma.data(), dbeta.data(), dz.data(), zhat.data(), gamma.data(),
                            rstd.data(), N, H);
       }),
       3},
      {"sigmoid forward and backward", microseconds([&] {
         activation_forward(out.data(), z.data(), Activation::Sigmoid, N * H);
         activation_backward(dx.data(), dz.data(), out.data(), Activation::Sigmoid, N * H);
       }),
       3},
      {"softmax cross-entropy", microseconds([&] {
         loss_forward_backward(dlogits.data(), probs.data(), logits.data(), targets.data(),
                               Loss::SoftmaxCrossEntropy, N, O);
       }),
       1},
      {"SGD update (100,310 parameters)",
       microseconds([&] { sgd_step(params.data(), grads.data(), params.size(), 0.1f); }), 1},
  };
  double total = 0;
  for (const Row& r : rows) total += r.us * r.times;
  std::printf("{\"total\": %.2f, \"parts\": [", total);
  for (size_t i = 0; i < rows.size(); ++i)
    std::printf("%s{\"what\": \"%s\", \"times\": %d, \"microseconds\": %.2f}", i ? ", " : "", rows[i].what,
                rows[i].times, rows[i].us * std::max(1, rows[i].times));
  std::printf("]}\n");
  return 0;
}
