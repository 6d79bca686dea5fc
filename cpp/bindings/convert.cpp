// Reads the JS option objects into the core's configs (see convert.h).
#include "convert.h"

using emscripten::val;

namespace bnp::js {

namespace {
bool has(const val& o, const char* key) { return !o[key].isUndefined(); }
void read(const val& o, const char* key, double* out) {
  if (has(o, key)) *out = o[key].as<double>();
}
void read(const val& o, const char* key, int* out) {
  if (has(o, key)) *out = o[key].as<int>();
}
void read(const val& o, const char* key, bool* out) {
  if (has(o, key)) *out = o[key].as<bool>();
}
// Reads a name and parses it with the core's parser (which writes the message on failure).
template <typename Enum, typename Parse>
bool read_name(const val& o, const char* key, Enum* out, Parse parse, std::string* error) {
  if (!has(o, key)) return true;
  return parse(o[key].as<std::string>(), out, error);
}
}  // namespace

std::string network_config(const val& o, NetworkConfig* c) {
  std::string error;
  if (has(o, "layers")) c->layers = emscripten::vecFromJSArray<int>(o["layers"]);
  if (!read_name(o, "activation", &c->activation, parse_activation, &error) ||
      !read_name(o, "batchNorm", &c->placement, parse_placement, &error) ||
      !read_name(o, "loss", &c->loss, parse_loss, &error) ||
      !read_name(o, "optimizer", &c->optimizer.kind, parse_optimizer, &error) ||
      !read_name(o, "init", &c->init, parse_init, &error))
    return error;
  if (has(o, "layerNorm")) {  // batchNorm and layerNorm share one placement: at most one may be set
    Placement where = Placement::None;
    if (!parse_placement(o["layerNorm"].as<std::string>(), &where, &error))
      return "layerNorm" + error.substr(error.find(' '));
    if (where != Placement::None) {
      if (c->placement != Placement::None)
        return std::string("batchNorm = '") + placement_name(c->placement) + "' and layerNorm = '" +
               placement_name(where) +
               "' are not allowed together: choose one normalization, the other 'none'";
      c->placement = where;
      c->norm = Norm::Layer;
    }
  }
  read(o, "noise", &c->noise);
  read(o, "affine", &c->affine);
  read(o, "eps", &c->eps);
  read(o, "momentum", &c->momentum);
  read(o, "initSigma", &c->init_sigma);
  read(o, "seed", &c->seed);
  read(o, "lr", &c->optimizer.lr);
  read(o, "optimizerMomentum", &c->optimizer.momentum);
  read(o, "beta1", &c->optimizer.beta1);
  read(o, "beta2", &c->optimizer.beta2);
  read(o, "optimizerEps", &c->optimizer.eps);
  return check_network_config(*c);
}

std::string batchnorm_config(const val& o, BatchNormConfig* c) {
  read(o, "features", &c->features);
  read(o, "eps", &c->eps);
  read(o, "momentum", &c->momentum);
  return check_batchnorm_config(*c);
}

std::string layernorm_config(const val& o, LayerNormConfig* c) {
  read(o, "features", &c->features);
  read(o, "eps", &c->eps);
  return check_layernorm_config(*c);
}

std::string dataset_config(const val& o, DatasetConfig* c) {
  std::string error;
  if (!read_name(o, "name", &c->kind, parse_dataset, &error)) return error;
  read(o, "n", &c->n);
  read(o, "noise", &c->noise);
  read(o, "seed", &c->seed);
  read(o, "scale", &c->scale);
  return check_dataset_config(*c);
}

val copy_floats(const float* data, size_t n) {
  return val(emscripten::typed_memory_view(n, data)).call<val>("slice");
}

}  // namespace bnp::js
