// Reads the JS option objects into the core's configs (see convert.h).
#include "convert.h"

#include <vector>

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
bool parse_batchnorm_placement(const std::string& name, Placement* out, std::string* error) {
  return parse_placement(name, out, error, "batchNorm");
}
}  // namespace

std::string network_config(const val& o, NetworkConfig* c) {
  std::string error;
  if (has(o, "layers")) c->layers = emscripten::vecFromJSArray<int>(o["layers"]);
  if (!read_name(o, "activation", &c->activation, parse_activation, &error) ||
      !read_name(o, "batchNorm", &c->placement, parse_batchnorm_placement, &error) ||
      !read_name(o, "loss", &c->loss, parse_loss, &error) ||
      !read_name(o, "optimizer", &c->optimizer.kind, parse_optimizer, &error) ||
      !read_name(o, "init", &c->init, parse_init, &error))
    return error;
  if (has(o, "layerNorm")) {  // batchNorm and layerNorm share one placement: at most one may be set
    Placement where = Placement::None;
    if (!parse_placement(o["layerNorm"].as<std::string>(), &where, &error, "layerNorm")) return error;
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
  read(o, "centering", &c->center);
  read(o, "scaling", &c->scale);
  read(o, "renorm", &c->renorm);
  read(o, "renormRMax", &c->r_max);
  read(o, "renormDMax", &c->d_max);
  read(o, "eps", &c->eps);
  read(o, "momentum", &c->momentum);
  read(o, "initSigma", &c->init_sigma);
  read(o, "seed", &c->seed);
  read(o, "lr", &c->optimizer.lr);
  read(o, "optimizerMomentum", &c->optimizer.momentum);
  read(o, "beta1", &c->optimizer.beta1);
  read(o, "beta2", &c->optimizer.beta2);
  read(o, "optimizerEps", &c->optimizer.eps);
  read(o, "weightDecay", &c->optimizer.weight_decay);
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

val buffer_addresses(BufferList buffers, val into) {
  for (const auto& [name, data] : buffers) into.set(name, double(reinterpret_cast<uintptr_t>(data)));
  return into;
}

namespace {
val floats_or_null(const float* data, size_t n) { return data ? copy_floats(data, n) : val::null(); }

// Column `unit` of a row-major [rows, units] buffer, copied into a new Float32Array [rows].
val column_or_null(const float* data, int rows, int units, int unit) {
  if (!data) return val::null();
  static std::vector<float> column;  // [rows] gathered here, then copied out in one go
  column.resize(size_t(rows));
  for (int i = 0; i < rows; ++i) column[size_t(i)] = data[size_t(i) * units + unit];
  return copy_floats(column.data(), column.size());
}

// A value of one unit: the [units] vector's element `unit`, or null where the layer has no such vector.
val scalar_or_null(const float* data, int unit) { return data ? val(data[unit]) : val::null(); }
}  // namespace

val probe_object(const LayerView<float>& v, int layer, int unit, int fields) {
  val out = val::object();
  out.set("layer", layer);
  out.set("rows", v.rows);
  out.set("units", v.units);
  out.set("batchNorm", v.batch_norm);
  out.set("layerNorm", v.layer_norm);
  const size_t cells = size_t(v.rows) * v.units, units = size_t(v.units);
  const std::pair<const char*, const float*> buffers[] = {
      {"z", v.z}, {"zHat", v.zhat}, {"zTilde", v.ztilde}, {"a", v.a}};
  const int flags[] = {kZ, kZHat, kZTilde, kA};
  for (int k = 0; k < 4; ++k)
    if (fields & flags[k])
      out.set(buffers[k].first, unit < 0 ? floats_or_null(buffers[k].second, cells)
                                         : column_or_null(buffers[k].second, v.rows, v.units, unit));
  if (fields & kStatistics) {
    const std::pair<const char*, const float*> vectors[] = {{"batchMean", v.batch_mean},
                                                            {"batchVariance", v.batch_var},
                                                            {"runningMean", v.running_mean},
                                                            {"runningVariance", v.running_var},
                                                            {"gamma", v.gamma},
                                                            {"beta", v.beta},
                                                            {"noiseScale", v.noise_scale},
                                                            {"noiseShift", v.noise_shift}};
    for (const auto& [name, data] : vectors)
      out.set(name, unit < 0 ? floats_or_null(data, units) : scalar_or_null(data, unit));
    // Layer norm's statistics belong to the examples, not the units: [rows] either way.
    out.set("rowMean", floats_or_null(v.row_mean, size_t(v.rows)));
    out.set("rowVariance", floats_or_null(v.row_var, size_t(v.rows)));
  }
  return out;
}

}  // namespace bnp::js
