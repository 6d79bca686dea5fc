// The multilayer perceptron: layout, initialization, forward, backward, a training step (see network.h). Its
// configuration is checked in network_config.cpp, its optimizer applied in network_optimizer.cpp, its
// statistics recomputed in network_statistics.cpp.
#include "bnp/network.h"

#include <algorithm>
#include <cmath>

#include "bnp/batch_norm.h"
#include "bnp/batch_renorm.h"
#include "bnp/check.h"
#include "bnp/dense.h"
#include "bnp/layer_norm.h"
#include "bnp/rng.h"

namespace bnp {

template <typename T>
Network<T>::Network(const NetworkConfig& config) : config_(config) {
  const int L = int(config.layers.size()) - 1;
  layers_.resize(L);
  size_t offset = 0;
  for (int l = 0; l < L; ++l) {
    Layer& layer = layers_[l];
    layer.D = config.layers[l];
    layer.H = config.layers[l + 1];
    layer.hidden = l + 1 < L;
    layer.normalized = layer.hidden && config.placement != Placement::None;
    const bool batch = layer.normalized && config.norm == Norm::Batch;
    const int D = layer.D, H = layer.H;
    layer.weight = offset;
    layout_.push_back({l, "weight", offset, D, H});
    offset += size_t(D) * H;
    layer.bias = offset;
    layout_.push_back({l, "bias", offset, 1, H});
    offset += H;
    if (layer.normalized) {
      layer.gamma = offset;
      layout_.push_back({l, "gamma", offset, 1, H});
      offset += H;
      layer.beta = offset;
      layout_.push_back({l, "beta", offset, 1, H});
      offset += H;
      if (!config.center && int(no_beta_.size()) < H) no_beta_.assign(size_t(H), T(0));
      if (config.noise > 0) {
        layer.noise_scale.assign(H, T(1));
        layer.noise_shift.assign(H, T(0));
      }
    }
    if (batch) {
      layer.mean.assign(H, T(0));
      layer.var.assign(H, T(1));
      layer.rstd.assign(H, T(1));
      layer.running_mean.assign(H, T(0));
      layer.running_var.assign(H, T(1));
      if (config.renorm) {
        layer.renorm_r.assign(H, T(1));
        layer.renorm_d.assign(H, T(0));
      }
    }
  }
  params_.assign(offset, T(0));
  grads_.assign(offset, T(0));
  if (config.optimizer.kind != OptimizerKind::Sgd) state1_.assign(offset, T(0));
  if (config.optimizer.kind == OptimizerKind::Adam) state2_.assign(offset, T(0));

  // Weights are drawn layer after layer, row-major, from one stream: the same seed and sizes give the same
  // weights with and without batch norm, which is what lets the page compare the two from one start.
  Rng rng(uint64_t(config.seed));
  for (Layer& layer : layers_) {
    double sigma = config.init_sigma;
    if (config.init == Init::Xavier) sigma = std::sqrt(2.0 / (layer.D + layer.H));
    if (config.init == Init::He) sigma = std::sqrt(2.0 / layer.D);
    T* w = &params_[layer.weight];
    for (size_t i = 0, count = size_t(layer.D) * layer.H; i < count; ++i) w[i] = T(sigma * rng.normal());
    if (layer.normalized) std::fill_n(&params_[layer.gamma], layer.H, T(1));
  }
}

template <typename T>
std::string Network<T>::check_rows(int n, bool batch_statistics) const {
  if (n < 1 || n > kMaxRows)
    return "n = " + std::to_string(n) + " is not allowed: the number of rows is a whole number from 1 to " +
           std::to_string(kMaxRows);
  double units = 0;
  for (int size : config_.layers) units += size;
  if (double(n) * units > kMaxActivations)
    return "n = " + std::to_string(n) + " is too many rows for layers " + list_sizes(config_.layers) +
           ": at most " + std::to_string(int(kMaxActivations / units)) + " fit in one call";
  if (n == 1 && batch_statistics && config_.placement != Placement::None && config_.norm == Norm::Batch)
    return "n = 1 is not allowed with batch norm in training mode: the variance of one example is 0, so "
           "there "
           "is nothing to normalize (use 2 or more rows, or predict in eval mode)";
  return "";
}

template <typename T>
size_t Network<T>::reserve_bytes(int n) const {
  if (n <= capacity_) return 0;
  size_t per_row = size_t(inputs()) + 2 * size_t(outputs());  // input, target, output
  for (const Layer& layer : layers_) {
    size_t buffers =
        3 + (layer.hidden ? 1 : 0) + (layer.normalized ? 2 : 0);  // z, dout, scratch, a, zhat, ztilde
    per_row += buffers * size_t(layer.H);
    if (layer.normalized && config_.norm == Norm::Layer) per_row += 3;  // row_mean, row_var, row_rstd
  }
  return per_row * size_t(n) * sizeof(T) + SparseInputs<T>::bytes(n, inputs());
}

template <typename T>
size_t Network<T>::bytes_for(const NetworkConfig& c) {
  size_t parameters = 0, units = 0;
  for (size_t i = 0; i + 1 < c.layers.size(); ++i) {
    parameters += (size_t(c.layers[i]) + 3) * size_t(c.layers[i + 1]);  // weight, bias, and γ, β at most
    units += size_t(c.layers[i + 1]);
  }
  const size_t states = c.optimizer.kind == OptimizerKind::Adam  ? 2
                        : c.optimizer.kind == OptimizerKind::Sgd ? 0
                                                                 : 1;
  return (parameters * (2 + states) + units * 7) * sizeof(T);  // + mean, var, rstd, running ×2, noise ×2
}

template <typename T>
void Network<T>::reserve(int n) {
  if (n <= capacity_) return;
  capacity_ = n;
  const size_t rows = size_t(n);
  input_.assign(rows * inputs(), T(0));
  target_.assign(rows * outputs(), T(0));
  output_.assign(rows * outputs(), T(0));
  sparse_.reserve(n, inputs());
  for (Layer& layer : layers_) {
    const size_t size = rows * layer.H;
    layer.z.assign(size, T(0));
    layer.dout.assign(size, T(0));
    layer.scratch.assign(size, T(0));
    if (layer.hidden) layer.a.assign(size, T(0));
    if (layer.normalized) {
      layer.zhat.assign(size, T(0));
      layer.ztilde.assign(size, T(0));
    }
    if (layer.normalized && config_.norm == Norm::Layer) {
      layer.row_mean.assign(rows, T(0));
      layer.row_var.assign(rows, T(0));
      layer.row_rstd.assign(rows, T(0));
    }
  }
}

template <typename T>
void Network<T>::draw_noise(Layer& layer, int index) {
  // One stream per (seed, step, layer): the same step draws the same noise, whatever ran before it.
  Rng rng(uint64_t(config_.seed) * 0x9E3779B97F4A7C15ull ^ (uint64_t(steps_) << 8) ^ uint64_t(index));
  const double a = config_.noise;
  for (int j = 0; j < layer.H; ++j) {
    layer.noise_scale[j] = T(1 + a * rng.uniform());
    layer.noise_shift[j] = T(a * (2 * rng.uniform() - 1));
  }
}

template <typename T>
void Network<T>::forward(Source<T> rows, int n, bool training, bool batch_statistics, bool update_running) {
  rows_ = n;
  source_ = rows.rows ? rows.rows : input_.data();
  const T eps = T(config_.eps);
  const NormParts parts{config_.center, config_.scale};
  const bool noisy = training && config_.noise > 0;
  const bool renorm = training && batch_statistics && config_.renorm;
  const T* in = source_;
  for (int l = 0; l < layer_count(); ++l) {
    Layer& layer = layers_[l];
    const int D = layer.D, H = layer.H;
    const T* gamma = layer.normalized ? &params_[layer.gamma] : nullptr;
    // Scaling only has no β (as torch.nn.RMSNorm): its parameter is read as 0, whatever it holds.
    const T* beta = !layer.normalized ? nullptr : config_.center ? &params_[layer.beta] : no_beta_.data();
    if (l == 0 && rows.pixels) {
      // Staged pixels: their non-zeros are the index already; rows too dense for it are written out.
      sparse_used_ = rows.pixels->index(&sparse_, rows.picks, n);
      if (!sparse_used_) rows.pixels->write_dense(input_.data(), rows.picks, n);
    } else if (l == 0) {
      sparse_used_ = sparse_index(&sparse_, in, n, D);
    }
    if (l == 0 && sparse_used_)
      sparse_dense_forward(layer.z.data(), sparse_, &params_[layer.weight], &params_[layer.bias], n, D, H);
    else
      dense_forward(layer.z.data(), in, &params_[layer.weight], &params_[layer.bias], n, D, H);
    if (!layer.hidden) break;
    // The normalized quantity: z (before the activation) or a (after it); the result goes to ztilde.
    auto normalize = [&](const T* x) {
      T* out = layer.ztilde.data();
      if (config_.norm == Norm::Layer) {
        layernorm_forward(out, layer.zhat.data(), layer.row_mean.data(), layer.row_var.data(),
                          layer.row_rstd.data(), x, gamma, beta, n, H, eps, parts);
      } else if (batch_statistics) {
        if (renorm)  // r and d from the running statistics before this batch updates them (Ioffe 2017)
          batchrenorm_forward_train(out, layer.zhat.data(), layer.mean.data(), layer.var.data(),
                                    layer.rstd.data(), layer.renorm_r.data(), layer.renorm_d.data(), x, gamma,
                                    beta, layer.running_mean.data(), layer.running_var.data(), n, H, eps,
                                    T(config_.r_max), T(config_.d_max));
        else
          batchnorm_forward_train(out, layer.zhat.data(), layer.mean.data(), layer.var.data(),
                                  layer.rstd.data(), x, gamma, beta, n, H, eps, parts);
        if (update_running)
          batchnorm_update_running(layer.running_mean.data(), layer.running_var.data(), layer.mean.data(),
                                   layer.var.data(), n, H, T(config_.momentum), parts);
      } else {
        batchnorm_forward_eval(out, layer.zhat.data(), x, gamma, beta, layer.running_mean.data(),
                               layer.running_var.data(), n, H, eps, parts);
      }
      if (noisy) {
        draw_noise(layer, l);
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < H; ++j) {
            T& u = out[size_t(i) * H + j];
            u = layer.noise_scale[j] * u + layer.noise_shift[j];
          }
      }
    };
    switch (config_.placement) {
      case Placement::None:
        activation_forward(layer.a.data(), layer.z.data(), config_.activation, n * H);
        layer.out = layer.a.data();
        break;
      case Placement::Before:
        normalize(layer.z.data());
        activation_forward(layer.a.data(), layer.ztilde.data(), config_.activation, n * H);
        layer.out = layer.a.data();
        break;
      case Placement::After:
        activation_forward(layer.a.data(), layer.z.data(), config_.activation, n * H);
        normalize(layer.a.data());
        layer.out = layer.ztilde.data();
        break;
    }
    in = layer.out;
  }
  layers_.back().out = layers_.back().z.data();
  noisy_pass_ = noisy;
  renorm_pass_ = renorm;
}

template <typename T>
void Network<T>::backward(int n) {
  // On entry the output layer's dout holds ∂loss/∂logits.
  for (int l = layer_count() - 1; l >= 0; --l) {
    Layer& layer = layers_[l];
    const int H = layer.H;
    const T* dz = layer.dout.data();  // [n, H] gradient w.r.t. z, once the cases below have run
    if (layer.hidden) {
      T* dout = layer.dout.data();
      T* scratch = layer.scratch.data();
      T* dgamma = layer.normalized ? &grads_[layer.gamma] : nullptr;
      T* dbeta = layer.normalized ? &grads_[layer.beta] : nullptr;
      const T* gamma = layer.normalized ? &params_[layer.gamma] : nullptr;
      // ∂/∂(normalized output) → ∂/∂(its input), through the injected noise (u = s z̃ + m) first.
      auto denormalize = [&](T* dx, T* dy) {
        if (noisy_pass_)
          for (int i = 0; i < n; ++i)
            for (int j = 0; j < H; ++j) dy[size_t(i) * H + j] *= layer.noise_scale[j];
        const NormParts parts{config_.center, config_.scale};
        if (renorm_pass_)
          batchrenorm_backward(dx, dgamma, dbeta, dy, layer.zhat.data(), gamma, layer.rstd.data(),
                               layer.renorm_r.data(), layer.renorm_d.data(), n, H);
        else if (config_.norm == Norm::Layer)
          layernorm_backward(dx, dgamma, dbeta, dy, layer.zhat.data(), gamma, layer.row_rstd.data(), n, H,
                             parts);
        else
          batchnorm_backward(dx, dgamma, dbeta, dy, layer.zhat.data(), gamma, layer.rstd.data(), n, H, parts);
        if (!config_.center) std::fill(dbeta, dbeta + H, T(0));  // scaling only: no β
      };
      switch (config_.placement) {
        case Placement::None:
          activation_backward(scratch, dout, layer.a.data(), config_.activation, n * H);
          dz = scratch;
          break;
        case Placement::Before:  // dout → ∂/∂z̃ (scratch) → ∂/∂z (dout)
          activation_backward(scratch, dout, layer.a.data(), config_.activation, n * H);
          denormalize(dout, scratch);
          dz = dout;
          break;
        case Placement::After:  // dout = ∂/∂z̃ → ∂/∂a (scratch) → ∂/∂z (scratch, in place)
          denormalize(scratch, dout);
          activation_backward(scratch, scratch, layer.a.data(), config_.activation, n * H);
          dz = scratch;
          break;
      }
      if (layer.normalized && !config_.affine) {
        std::fill_n(dgamma, H, T(0));
        std::fill_n(dbeta, H, T(0));
      }
    }
    const T* in = l == 0 ? source_ : layers_[l - 1].out;
    T* dinp = l == 0 ? nullptr : layers_[l - 1].dout.data();
    if (l == 0 && sparse_used_) {
      sparse_columns(&sparse_, n, layer.D);
      sparse_weight_gradient(&grads_[layer.weight], sparse_, dz, n, layer.D, H);
      dense_backward<T>(nullptr, nullptr, &grads_[layer.bias], dz, in, &params_[layer.weight], n, layer.D,
                        H);  // bias
    } else {
      dense_backward(dinp, &grads_[layer.weight], &grads_[layer.bias], dz, in, &params_[layer.weight], n,
                     layer.D, H);
    }
  }
}

template <typename T>
double Network<T>::compute_gradients(int n, bool update_running, Source<T> rows) {
  forward(rows, n, true, true, update_running);
  Layer& last = layers_.back();
  const double loss = loss_forward_backward(last.dout.data(), output_.data(), last.z.data(), target_.data(),
                                            config_.loss, n, last.H);
  backward(n);
  return loss;
}

template <typename T>
double Network<T>::compute_loss(int n) {
  forward(nullptr, n, true, true, false);
  Layer& last = layers_.back();
  return loss_forward_backward(last.scratch.data(), output_.data(), last.z.data(), target_.data(),
                               config_.loss, n, last.H);
}

template <typename T>
double Network<T>::gradients_at(const T* direction, double t, int n, Source<T> rows) {
  saved_.assign(params_.begin(), params_.end());  // no allocation once saved_ has the size
  for (size_t i = 0; i < params_.size(); ++i) params_[i] = T(double(saved_[i]) + t * double(direction[i]));
  const double loss = compute_gradients(n, false, rows);
  std::copy(saved_.begin(), saved_.end(), params_.begin());
  return loss;
}

template <typename T>
double Network<T>::train_step(int n, Source<T> rows) {
  const double loss = compute_gradients(n, true, rows);
  ++steps_;
  optimizer_step();
  return loss;
}

template <typename T>
void Network<T>::predict(int n, Mode mode, Source<T> rows) {
  forward(rows, n, false, mode == Mode::Batch, false);
  const Layer& last = layers_.back();
  loss_output(output_.data(), last.z.data(), config_.loss, n, last.H);
}

template <typename T>
LayerView<T> Network<T>::layer(int l) const {
  const Layer& layer = layers_[l];
  LayerView<T> v;
  v.rows = rows_;
  v.units = layer.H;
  v.batch_norm = layer.normalized && config_.norm == Norm::Batch;
  v.layer_norm = layer.normalized && config_.norm == Norm::Layer;
  if (capacity_ > 0) {
    v.z = layer.z.data();
    v.a = layer.hidden ? layer.a.data() : output_.data();
    v.zhat = layer.normalized ? layer.zhat.data() : nullptr;
    v.ztilde = layer.normalized ? layer.ztilde.data() : nullptr;
    v.row_mean = v.layer_norm ? layer.row_mean.data() : nullptr;
    v.row_var = v.layer_norm ? layer.row_var.data() : nullptr;
  }
  if (layer.normalized) {
    v.gamma = &params_[layer.gamma];
    v.beta = &params_[layer.beta];
  }
  if (layer.normalized && config_.noise > 0) {
    v.noise_scale = layer.noise_scale.data();
    v.noise_shift = layer.noise_shift.data();
  }
  if (v.batch_norm) {
    v.batch_mean = layer.mean.data();
    v.batch_var = layer.var.data();
    v.running_mean = layer.running_mean.data();
    v.running_var = layer.running_var.data();
  }
  return v;
}

template class Network<float>;
template class Network<double>;

}  // namespace bnp
