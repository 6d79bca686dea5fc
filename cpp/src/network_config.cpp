// A network's configuration: the names of placements and initializations parsed, and every field checked,
// with a message naming the field, its value and what is allowed (see network.h).
#include <cmath>
#include <string>
#include <vector>

#include "bnp/check.h"
#include "bnp/network.h"

namespace bnp {

bool parse_placement(const std::string& name, Placement* out, std::string* error, const char* option) {
  if (name == "none")
    *out = Placement::None;
  else if (name == "before")
    *out = Placement::Before;
  else if (name == "after")
    *out = Placement::After;
  else {
    *error = std::string(option) + " '" + name + "' is unknown: allowed are none, before, after";
    return false;
  }
  return true;
}

bool parse_init(const std::string& name, Init* out, std::string* error) {
  if (name == "gaussian")
    *out = Init::Gaussian;
  else if (name == "xavier")
    *out = Init::Xavier;
  else if (name == "he")
    *out = Init::He;
  else {
    *error = "init '" + name + "' is unknown: allowed are gaussian, xavier, he";
    return false;
  }
  return true;
}

const char* placement_name(Placement p) {
  switch (p) {
    case Placement::None:
      return "none";
    case Placement::Before:
      return "before";
    case Placement::After:
      return "after";
  }
  return "?";
}

std::string list_sizes(const std::vector<int>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

std::string check_network_config(const NetworkConfig& c) {
  const size_t L = c.layers.size();
  if (L < 2)
    return "layers = " + list_sizes(c.layers) +
           " is not allowed: give at least two sizes, inputs and outputs";
  if (L > size_t(kMaxLayerSizes))
    return "layers has " + std::to_string(L) + " sizes: at most " + std::to_string(kMaxLayerSizes) +
           " are allowed (inputs, up to " + std::to_string(kMaxLayerSizes - 2) + " hidden layers, outputs)";
  for (size_t i = 0; i < L; ++i)
    if (c.layers[i] < 1 || c.layers[i] > kMaxUnits)
      return "layers[" + std::to_string(i) + "] = " + std::to_string(c.layers[i]) +
             " is not allowed: each size is a whole number from 1 to " + std::to_string(kMaxUnits);
  double count = 0;
  for (size_t i = 0; i + 1 < L; ++i)
    count += double(c.layers[i] + 1) * c.layers[i + 1] + 2.0 * c.layers[i + 1];
  if (count > kMaxParameters)
    return "layers = " + list_sizes(c.layers) + " needs " + format_number(count) + " parameters: at most " +
           format_number(kMaxParameters) + " are allowed";
  std::string e;
  if (!(e = check_range("eps", c.eps, 1e-12, 1, "a number from 1e-12 to 1")).empty()) return e;
  if (!(e = check_range("momentum", c.momentum, 0, 1, "a number from 0 to 1")).empty()) return e;
  if (!(e = check_range("init.sigma", c.init_sigma, 1e-6, 10, "a number from 1e-6 to 10")).empty()) return e;
  if (!(e = check_range("noise", c.noise, 0, 10, "a number from 0 (no noise) to 10")).empty()) return e;
  if (c.noise > 0 && c.placement == Placement::None)
    return "noise = " + format_number(c.noise) +
           " needs a normalization to follow: it is injected after batch or layer norm (set batchNorm or "
           "layerNorm)";
  if (!c.center && !c.scale)
    return "centering = false and scaling = false are not allowed together: keep at least one half of the "
           "normalization (centering, scaling or both)";
  if ((!c.center || !c.scale) && c.placement == Placement::None)
    return std::string(c.center ? "scaling" : "centering") +
           " = false needs a normalization to apply to (set batchNorm or layerNorm)";
  if (c.renorm) {
    if (c.placement == Placement::None || c.norm != Norm::Batch)
      return "renorm needs batch norm: it corrects batch norm's statistics (set batchNorm)";
    if (!c.center || !c.scale)
      return "renorm is not allowed with centering = false or scaling = false: it corrects both halves";
    if (!(e = check_range("renorm.rMax", c.r_max, 1, 100, "a number from 1 (batch norm) to 100")).empty())
      return e;
    if (!(e = check_range("renorm.dMax", c.d_max, 0, 100, "a number from 0 (batch norm) to 100")).empty())
      return e;
  }
  if (!(e = check_range("seed", c.seed, 0, 9007199254740991.0, "a whole number from 0 to 2^53 - 1")).empty())
    return e;
  if (c.seed != std::floor(c.seed))
    return "seed = " + format_number(c.seed) + " is not allowed: a whole number from 0 to 2^53 - 1";
  if (c.loss == Loss::SoftmaxCrossEntropy && c.layers.back() < 2)
    return "loss 'softmax-cross-entropy' needs at least 2 outputs, but layers ends in " +
           std::to_string(c.layers.back()) + ": use binary-cross-entropy for one output";
  return check_optimizer(c.optimizer);
}

}  // namespace bnp
