#pragma once
// A multilayer perceptron: dense layers, each hidden one followed by an activation and, where asked, batch or
// layer normalization before the activation (on z) or after it (on a). The last dense layer gives the logits;
// the loss applies its own output function (softmax, sigmoid or identity).
//
// Noise injection (Santurkar et al. 2018): in a training pass, after each normalization, every unit j of
// every example is moved as u = s_j·z̃ + m_j, with a scale s_j ~ U(1, 1 + noise) and a shift
// m_j ~ U(−noise, noise) drawn per unit and per step from the seed (so the same step always draws the same
// noise, and a gradient check sees a fixed draw). Each layer's input distribution then moves at every step.
//
// Every trainable number lives in one flat parameter buffer, layer after layer: weight[D,H], bias[H], and for
// a batch-normalized layer gamma[H], beta[H]. The gradient buffer has exactly the same layout.
// Input staging, activations and scratch are allocated for `capacity` rows and reused: after the first step
// at a given batch size, a training step allocates nothing.
#include <cstdint>
#include <string>
#include <vector>

#include "bnp/activation.h"
#include "bnp/loss.h"
#include "bnp/optimizer.h"
#include "bnp/pixels.h"
#include "bnp/sparse.h"

namespace bnp {

enum class Placement { None, Before, After };
enum class Norm {
  Batch,
  Layer
};  // over the batch per unit (Ioffe & Szegedy) or over the units per example (Ba et al.)
enum class Init { Gaussian, Xavier, He };
// Prediction with the running statistics (Eval) or with the statistics of the rows given (Batch).
enum class Mode { Eval, Batch };

// none | before | after; `option` names the option in the message (batchNorm, layerNorm).
bool parse_placement(const std::string& name, Placement* out, std::string* error,
                     const char* option = "batchNorm");
bool parse_init(const std::string& name, Init* out, std::string* error);  // gaussian | xavier | he
const char* placement_name(Placement p);

// Limits that keep a request from exhausting memory; each has its own message.
constexpr int kMaxLayerSizes = 66;           // inputs, up to 64 hidden layers, outputs
constexpr int kMaxUnits = 8192;              // per layer, inputs included
constexpr double kMaxParameters = 1 << 24;   // 16.7 M floats: 64 MB, and as much again per gradient/state
constexpr int kMaxRows = 65536;              // rows in one call
constexpr double kMaxActivations = 1 << 23;  // rows × Σ layer sizes, per call

struct NetworkConfig {
  std::vector<int> layers = {2, 8, 8, 1};  // sizes: inputs, hidden..., outputs
  Activation activation = Activation::Tanh;
  Placement placement = Placement::None;  // where the normalization goes, if any
  Norm norm = Norm::Batch;                // which normalization
  double noise = 0;                       // noise injected after the normalization in training (0: none)
  bool affine = true;                     // γ, β learnable; false keeps them at (1, 0)
  // Which halves of the normalization run (norm_parts.h): both, centering only, or scaling only (over a
  // row, RMSNorm). Scaling only has no β, as torch.nn.RMSNorm: β stays 0 and gets no gradient.
  bool center = true;
  bool scale = true;
  // Batch renormalization (batch_renorm.h) in training passes: r clipped to [1/r_max, r_max], d to
  // [−d_max, d_max]. Batch norm only, both halves.
  bool renorm = false;
  double r_max = 3, d_max = 5;
  double eps = 1e-5;
  double momentum = 0.1;  // running-statistics momentum
  Loss loss = Loss::BinaryCrossEntropy;
  OptimizerConfig optimizer;
  Init init = Init::Gaussian;
  double init_sigma = 0.1;  // standard deviation for Init::Gaussian
  double seed = 1;          // a whole number from 0 to 2^53 − 1 (JavaScript's safe integers)
};

// "" when the configuration is valid, else one message naming the first bad option, its value, what is
// allowed.
std::string check_network_config(const NetworkConfig& c);
// Layer sizes as messages write them: "[2,8,1]".
std::string list_sizes(const std::vector<int>& sizes);

struct ParamBlock {
  int layer;         // dense layer index, 0-based
  std::string name;  // weight | bias | gamma | beta
  size_t offset;     // into the parameter (and gradient) buffer
  int rows, cols;    // weight: D×H; the others 1×H
};

// Pointers into one layer's buffers after the last forward pass; null where the layer has no such buffer.
template <typename T>
struct LayerView {
  int rows = 0, units = 0;
  bool batch_norm = false, layer_norm = false;
  const T* z = nullptr;     // [rows, units] dense output W·x + b
  const T* zhat = nullptr;  // [rows, units] normalized
  const T* ztilde = nullptr;  // [rows, units] γ·ẑ + β (moved by the injected noise in a noisy training pass)
  const T* a = nullptr;       // [rows, units] activation (for the output layer: the network's output)
  const T* batch_mean = nullptr;    // [units] μ_B of the last training-mode pass
  const T* batch_var = nullptr;     // [units] biased σ²_B of that pass
  const T* running_mean = nullptr;  // [units]
  const T* running_var = nullptr;   // [units]
  const T* gamma = nullptr;         // [units]
  const T* beta = nullptr;          // [units]
  const T* row_mean = nullptr;      // [rows] layer norm: μ of each example over the units
  const T* row_var = nullptr;       // [rows] layer norm: biased σ² of each example
  const T* noise_scale = nullptr;   // [units] s of the last noisy training pass (noise on)
  const T* noise_shift = nullptr;   // [units] m of that pass
};

// Where a pass reads its n input rows: `rows` [n, D] floats staged elsewhere; or the rows picks[n] of staged
// pixels (pixels.h; the caller checks that they have D = inputs() features and that every pick is one of
// their rows, with PixelRows::check_picks, as the binding does); or, when neither is given, the network's
// input().
template <typename T>
struct Source {
  const T* rows = nullptr;
  const PixelRows* pixels = nullptr;
  const int* picks = nullptr;  // [n] row numbers into pixels
  Source() = default;
  Source(const T* staged) : rows(staged) {}  // NOLINT: a staged pointer (or nullptr) converts implicitly
  Source(const PixelRows* from, const int* rows_picked) : pixels(from), picks(rows_picked) {}
};

template <typename T>
class Network {
 public:
  // `config` must pass check_network_config.
  explicit Network(const NetworkConfig& config);

  const NetworkConfig& config() const { return config_; }
  int inputs() const { return config_.layers.front(); }
  int outputs() const { return config_.layers.back(); }
  int layer_count() const { return int(layers_.size()); }  // dense layers

  // "" when n rows can go through (training: with batch norm, n >= 2), else a message.
  std::string check_rows(int n, bool batch_statistics) const;
  // Grows the buffers to hold n rows (n must pass check_rows). Pointers below change only here.
  void reserve(int n);
  // Bytes reserve(n) allocates (0 when n rows fit already): asked first, so a caller can refuse instead.
  size_t reserve_bytes(int n) const;
  // Bytes a network of this (checked) config allocates when built: parameters, gradients, optimizer state and
  // the per-unit vectors.
  static size_t bytes_for(const NetworkConfig& config);
  // Bytes the first gradients_at allocates (a copy of the parameters), 0 after it.
  size_t gradients_at_bytes() const {
    return saved_.size() == params_.size() ? 0 : params_.size() * sizeof(T);
  }
  int capacity() const { return capacity_; }
  T* input() { return input_.data(); }                // [capacity, D] rows to train on or predict
  T* target() { return target_.data(); }              // [capacity, O] targets for training
  const T* output() const { return output_.data(); }  // [capacity, O] output of the last forward pass

  // Each pass reads its n input rows from `rows` (see Source): float rows staged once elsewhere (e.g. a test
  // set), staged pixel rows picked by number, or by default input(). The activations still need capacity
  // for n rows (reserve).
  // Forward in training mode (batch statistics; running statistics updated), loss, backward, then one
  // optimizer step. Returns the loss before the step (NaN or ±Inf when the network has diverged).
  double train_step(int n, Source<T> rows = {});
  // Forward in training mode, loss and backward; no optimizer step. update_running: also move the
  // running statistics (a training step does; a gradient check must not).
  double compute_gradients(int n, bool update_running, Source<T> rows = {});
  // Forward in training mode and the loss only; running statistics untouched.
  double compute_loss(int n);
  // The loss and gradients (into gradients()) at the parameters moved to θ + t·direction, on n rows in
  // training mode, then θ restored: the network, its running statistics and its optimizer state are as
  // before. direction [parameter_count]. For measuring the landscape around θ (Santurkar et al. 2018).
  // Allocates a copy of θ on the first call only.
  double gradients_at(const T* direction, double t, int n, Source<T> rows = {});
  // Forward pass; output() then holds the network's output. Running statistics untouched.
  void predict(int n, Mode mode, Source<T> rows = {});
  // Precise batch norm (Ioffe & Szegedy 2015, Algorithm 2; Wu & Johnson 2021): the population statistics
  // recomputed after training. rows [batches·m, D] go through in `batches` mini-batches of m rows, in order,
  // each in training mode (every layer normalized with its own batch's statistics, no noise); every
  // batch-norm layer's running mean and variance become the averages of μ_B and of the unbiased m/(m−1)·σ²_B
  // over them, all layers at once. "" when done, else why not (no batch norm, m < 2, too many rows): nothing
  // changed then. Needs capacity for m rows (reserve). The layer buffers then hold the last batch's pass.
  std::string recompute_statistics(const T* rows, int m, int batches);

  // Which parameters the optimizer moves (Frankle et al. 2021 train only γ and β): mask [parameter_count], 1
  // to train, 0 to freeze (the value and its optimizer state then never change; its gradient is still
  // computed); null: train all (the default). "" when set, else why not (a value other than 0 or 1), nothing
  // changed then. Allocates once, here; a training step then allocates nothing.
  std::string set_trainable(const uint8_t* mask);
  bool all_trainable() const { return trainable_.empty(); }

  // Changes the optimizer's learning rate from the next step on (the optimizer's state is kept). "" when lr
  // is allowed (1e-9 … 1000), else the message, and nothing changes.
  std::string set_learning_rate(double lr);

  size_t parameter_count() const { return params_.size(); }
  T* parameters() { return params_.data(); }
  T* gradients() { return grads_.data(); }
  const std::vector<ParamBlock>& layout() const { return layout_; }
  LayerView<T> layer(int l) const;
  // Running statistics of dense layer l (null when the layer has no batch norm): [units] each.
  T* running_mean(int l) { return layers_[l].running_mean.data(); }
  T* running_var(int l) { return layers_[l].running_var.data(); }
  long steps() const { return steps_; }

 private:
  struct Layer {
    int D = 0, H = 0;
    bool hidden = false, normalized = false;           // normalized: batch or layer norm (it then has γ, β)
    size_t weight = 0, bias = 0, gamma = 0, beta = 0;  // offsets into params_
    std::vector<T> z, zhat, ztilde, a;                 // [capacity, H]
    std::vector<T> dout, scratch;                      // [capacity, H] gradient w.r.t. output; work space
    std::vector<T> mean, var, rstd;                    // [H] batch statistics of the last training pass
    std::vector<T> running_mean, running_var;          // [H]
    std::vector<T> row_mean, row_var, row_rstd;        // [capacity] layer norm: statistics of each example
    std::vector<T> noise_scale, noise_shift;           // [H] the last training pass's noise (noise on)
    std::vector<T> renorm_r, renorm_d;                 // [H] batch renormalization's r and d (renorm on)
    const T* out = nullptr;                            // [capacity, H] what the next layer reads
  };

  // training: a training pass (noise is injected only then); batch_statistics: batch norm uses the batch's.
  void forward(Source<T> rows, int n, bool training, bool batch_statistics, bool update_running);
  void draw_noise(Layer& layer, int index);
  void backward(int n);
  void optimizer_step();

  NetworkConfig config_;
  std::vector<Layer> layers_;
  std::vector<ParamBlock> layout_;
  std::vector<T> params_, grads_;   // [parameter_count] same layout
  std::vector<T> state1_, state2_;  // [parameter_count] velocity, or Adam's m and v
  std::vector<T> saved_;            // [parameter_count] θ kept by gradients_at while it looks elsewhere
  std::vector<T> no_beta_;          // [widest hidden layer] zeros: the β of a scaling-only normalization
  std::vector<uint8_t> trainable_;  // [parameter_count] 1: the optimizer moves it; empty: all
  std::vector<T> frozen_;           // [3 · parameter_count] θ and the optimizer's state kept across a step
  std::vector<T> input_, target_, output_;  // [capacity, D], [capacity, O], [capacity, O]
  int capacity_ = 0;
  int rows_ = 0;               // rows of the last forward pass
  bool noisy_pass_ = false;    // the last forward injected noise (its backward must pass through it)
  bool renorm_pass_ = false;   // the last forward renormalized (its backward holds r and d constant)
  const T* source_ = nullptr;  // [rows_, D] the input rows of the last forward pass (backward reads them)
  SparseInputs<T> sparse_;    // source_'s non-zeros, when mostly zeros (the first layer then skips the zeros)
  bool sparse_used_ = false;  // the last forward pass took the sparse path
  long steps_ = 0;
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace bnp
