// A network's population statistics recomputed after training (see network.h): precise batch norm, the 2015
// paper's Algorithm 2 — every layer's μ and unbiased σ² averaged over training mini-batches, each normalized
// by its own statistics as in training, and written into the running statistics.
#include <string>
#include <vector>

#include "bnp/network.h"

namespace bnp {

template <typename T>
std::string Network<T>::recompute_statistics(const T* rows, int m, int batches) {
  if (config_.placement == Placement::None || config_.norm != Norm::Batch)
    return "this network has no batch norm: it has no running statistics to recompute";
  if (m < 2)
    return "batch = " + std::to_string(m) + " is not allowed: a batch of 2 or more rows (its variance)";
  const std::string error = check_rows(m, true);
  if (!error.empty()) return error;
  if (batches < 1) return "there is no whole batch of " + std::to_string(m) + " rows to average over";
  if (m > capacity_) return "reserve room for " + std::to_string(m) + " rows first";
  const int D = inputs();
  std::vector<std::vector<double>> means(layers_.size()), variances(layers_.size());  // [H] sums per layer
  // Scaling only averages m₂, a mean of squares, which needs no m/(m − 1).
  const double unbiased = config_.center ? double(m) / double(m - 1) : 1.0;
  for (int b = 0; b < batches; ++b) {
    forward(Source<T>{rows + size_t(b) * size_t(m) * size_t(D)}, m, false, true, false);
    for (size_t l = 0; l < layers_.size(); ++l) {
      const Layer& layer = layers_[l];
      if (!layer.hidden) continue;
      means[l].resize(size_t(layer.H));
      variances[l].resize(size_t(layer.H));
      for (int j = 0; j < layer.H; ++j) {
        means[l][size_t(j)] += double(layer.mean[size_t(j)]);
        variances[l][size_t(j)] += unbiased * double(layer.var[size_t(j)]);
      }
    }
  }
  for (size_t l = 0; l < layers_.size(); ++l)
    for (size_t j = 0; j < means[l].size(); ++j) {
      layers_[l].running_mean[j] = T(means[l][j] / batches);
      layers_[l].running_var[j] = T(variances[l][j] / batches);
    }
  return "";
}

template std::string Network<float>::recompute_statistics(const float*, int, int);
template std::string Network<double>::recompute_statistics(const double*, int, int);

}  // namespace bnp
