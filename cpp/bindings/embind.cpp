// The one Embind file: thin handles over the core for web/lib/ (lab-core.js and the classes it builds on).
// Row data crosses through wasm memory: each handle's buffers() gives the byte address of every buffer it
// shares, JS writes inputs there and copies results out, so a training step passes no arrays through Embind.
// Handles report a bad configuration through error() instead of throwing: the core is built without
// exceptions. Before allocating, a handle asks memory.h for room.
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <vector>

#include "bnp/check.h"
#include "bnp/stats.h"
#include "convert.h"
#include "memory.h"

using emscripten::val;
using namespace bnp;
using js::buffer_addresses;
using js::grow;
using js::room;

namespace {

// Float rows staged once in wasm memory (a test set, a grid, a mini-batch several networks share): networks
// read them in place, so they are copied and checked for NaN once, not at every use.
class RowsHandle {
 public:
  explicit RowsHandle(double count) {
    if (!(count >= 1 && count <= kMaxStagedFloats))
      error_ = "rows × features = " + format_number(count) + " is not allowed: from 1 to " +
               format_number(kMaxStagedFloats) + " numbers";
    else if ((error_ = room(count * sizeof(float), "staging " + format_number(count) + " numbers")).empty())
      values_.assign(size_t(count), 0.0f);
  }
  std::string error() const { return error_; }
  val buffers() const { return buffer_addresses({{"values", values_.data()}}); }

 private:
  static constexpr double kMaxStagedFloats = 1 << 27;  // 512 MB
  std::string error_;
  std::vector<float> values_;  // [rows, features]
};

// 8-bit pixel rows staged once as their non-zeros (pixels.h), for networks to pick mini-batches from by row
// number. Built in chunks through a scratch buffer, so the dense bytes never sit in wasm memory all at once.
class PixelsHandle {
 public:
  PixelsHandle(double n, double features, double nonzeros) {
    error_ = PixelRows::check(n, features, nonzeros);
    if (error_.empty())
      error_ = room(PixelRows::bytes_for(n, nonzeros), "staging " + format_number(n) + " rows of pixels");
    if (error_.empty()) pixels_ = std::make_unique<PixelRows>(int(n), int(features), size_t(nonzeros));
  }
  std::string error() const { return error_; }
  // "" once the scratch buffer holds `count` rows of pixels, else why not.
  std::string reserveScratch(int count) {
    const size_t bytes = size_t(count) * size_t(pixels_->features());
    if (bytes <= scratch_.size()) return "";
    const std::string error = room(double(bytes - scratch_.size()), "staging pixels");
    if (error.empty()) scratch_.resize(bytes);
    return error;
  }
  // Adds the `count` rows written to the scratch buffer; false when they exceed the rows or non-zeros
  // announced.
  bool addRows(int count) { return pixels_->add_rows(scratch_.data(), count); }
  void releaseScratch() { std::vector<uint8_t>().swap(scratch_); }
  // scratch: [rows of a chunk, features] bytes; pixels: the PixelRows networks read (by this address).
  val buffers() const { return buffer_addresses({{"scratch", scratch_.data()}, {"pixels", pixels_.get()}}); }

 private:
  std::string error_;
  std::unique_ptr<PixelRows> pixels_;
  std::vector<uint8_t> scratch_;  // [rows of a chunk, features]
};

class NetworkHandle {
 public:
  explicit NetworkHandle(val options) {
    NetworkConfig config;
    error_ = js::network_config(options, &config);
    if (error_.empty()) error_ = room(double(Network<float>::bytes_for(config)), "this network");
    if (error_.empty()) net_ = std::make_unique<Network<float>>(config);
  }
  std::string error() const { return error_; }
  int inputs() const { return net_->inputs(); }
  int outputs() const { return net_->outputs(); }
  int layerCount() const { return net_->layer_count(); }
  int parameterCount() const { return int(net_->parameter_count()); }
  double steps() const { return double(net_->steps()); }
  std::string checkRows(int n, bool batch_statistics) const { return net_->check_rows(n, batch_statistics); }
  int capacity() const { return net_->capacity(); }
  // "" once the buffers hold n rows, with the row-number buffer for staged pixels (room for both asked
  // together), or why they cannot (nothing changed then).
  std::string reserve(int n) {
    const double picks = picks_.size() < size_t(n) ? double(n) * sizeof(int) : 0;
    const std::string error = grow(*net_, n, picks);
    if (error.empty() && picks > 0) picks_.resize(size_t(n));
    return error;
  }
  // "" once the direction's buffer and the copy of the parameters that gradientsAt needs have room (the
  // first call allocates them), else why not.
  std::string prepareGradientsAt() {
    const size_t P = net_->parameter_count();
    const double more =
        double(net_->gradients_at_bytes()) + (direction_.size() == P ? 0 : double(P) * sizeof(float));
    const std::string error = room(more, "gradientsAt on this network");
    if (error.empty()) direction_.resize(P);
    return error;
  }
  // input [capacity, inputs], target [capacity, outputs], output [capacity, outputs], picks [capacity] row
  // numbers into staged pixels, direction [parameterCount] (after prepareGradientsAt), parameters and
  // gradients [parameterCount] (layout()).
  val buffers() {
    return buffer_addresses({{"input", net_->input()},
                             {"target", net_->target()},
                             {"output", net_->output()},
                             {"picks", picks_.data()},
                             {"direction", direction_.data()},
                             {"parameters", net_->parameters()},
                             {"gradients", net_->gradients()}});
  }
  // "" when the n row numbers written to the picks buffer are rows of the staged pixels at `pixels`.
  std::string checkPicks(uintptr_t pixels, int n) const {
    const PixelRows& p = *reinterpret_cast<const PixelRows*>(pixels);
    if (p.features() != net_->inputs())
      return "the staged pixels have " + std::to_string(p.features()) + " features, but this network takes " +
             std::to_string(net_->inputs()) + " inputs";
    return p.check_picks(picks_.data(), n);
  }
  // `rows`: the byte address of staged input rows [n, inputs]; `pixels`: of staged pixels (a PixelRows), read
  // at the rows written to the picks buffer; both 0: the network's own input buffer.
  double trainStep(int n, uintptr_t rows, uintptr_t pixels) {
    return net_->train_step(n, source(rows, pixels));
  }
  double computeGradients(int n, uintptr_t rows, uintptr_t pixels) {
    return net_->compute_gradients(n, false, source(rows, pixels));
  }
  double gradientsAt(double t, int n, uintptr_t rows, uintptr_t pixels) {
    return net_->gradients_at(direction_.data(), t, n, source(rows, pixels));
  }
  void predict(int n, bool batch_statistics, uintptr_t rows, uintptr_t pixels) {
    net_->predict(n, batch_statistics ? Mode::Batch : Mode::Eval, source(rows, pixels));
  }
  std::string setLearningRate(double lr) { return net_->set_learning_rate(lr); }
  // mask: null (train all), or a Uint8Array [parameterCount] of 0 and 1 (checked by web/lib).
  std::string setTrainable(val mask) {
    if (mask.isNull()) return net_->set_trainable(nullptr);
    const double bytes = double(net_->parameter_count()) * (1 + 3 * sizeof(float));
    const std::string error = room(bytes, "the trainable mask");
    if (!error.empty()) return error;
    const std::vector<uint8_t> values = emscripten::convertJSArrayToNumberVector<uint8_t>(mask);
    return net_->set_trainable(values.data());
  }
  // `rows`: the byte address of [batches·m, inputs] staged rows.
  std::string recomputeStatistics(uintptr_t rows, int m, int batches) {
    return net_->recompute_statistics(reinterpret_cast<const float*>(rows), m, batches);
  }

  val layout() const {
    val blocks = val::array();
    for (const ParamBlock& b : net_->layout()) {
      val block = val::object();
      block.set("layer", b.layer);
      block.set("name", b.name);
      block.set("offset", int(b.offset));
      block.set("rows", b.rows);
      block.set("cols", b.cols);
      blocks.call<void>("push", block);
    }
    return blocks;
  }
  val probe(int l, int unit, int fields) const { return js::probe_object(net_->layer(l), l, unit, fields); }

 private:
  Source<float> source(uintptr_t rows, uintptr_t pixels) const {
    if (pixels) return {reinterpret_cast<const PixelRows*>(pixels), picks_.data()};
    return rows ? reinterpret_cast<const float*>(rows) : nullptr;
  }

  std::string error_;
  std::unique_ptr<Network<float>> net_;
  std::vector<int> picks_;        // [capacity] row numbers into staged pixels
  std::vector<float> direction_;  // [parameterCount] written by JS for gradientsAt
};

// What differs between the stand-alone normalization layers, for the one handle below: how a forward pass is
// asked for (batch norm has a training mode, layer norm does not) and the buffers only one kind has.
std::string check_rows(const BatchNormLayer<float>& l, int n, bool training) {
  return l.check_rows(n, training);
}
std::string check_rows(const LayerNormLayer<float>& l, int n, bool) { return l.check_rows(n); }
void forward(BatchNormLayer<float>& l, int n, bool training) { l.forward(n, training); }
void forward(LayerNormLayer<float>& l, int n, bool) { l.forward(n); }
std::string read_config(const val& o, BatchNormConfig* c) { return js::batchnorm_config(o, c); }
std::string read_config(const val& o, LayerNormConfig* c) { return js::layernorm_config(o, c); }
// runningMean, runningVariance, batchMean, batchVariance [features]
val own_buffers(BatchNormLayer<float>& l) {
  return buffer_addresses({{"runningMean", l.running_mean()},
                           {"runningVariance", l.running_var()},
                           {"batchMean", l.batch_mean()},
                           {"batchVariance", l.batch_var()}});
}
// rowMean, rowVariance [capacity]
val own_buffers(LayerNormLayer<float>& l) {
  return buffer_addresses({{"rowMean", l.row_mean()}, {"rowVariance", l.row_var()}});
}

// A stand-alone normalization layer (Layer: BatchNormLayer<float> or LayerNormLayer<float>, Config its
// config).
template <typename Layer, typename Config>
class NormHandle {
 public:
  explicit NormHandle(val options) {
    Config config;
    error_ = read_config(options, &config);
    if (error_.empty()) layer_ = std::make_unique<Layer>(config);
  }
  std::string error() const { return error_; }
  int features() const { return layer_->features(); }
  int rows() const { return layer_->rows(); }
  std::string checkRows(int n, bool training) const { return check_rows(*layer_, n, training); }
  std::string checkBackward() const { return layer_->check_backward(); }
  int capacity() const { return layer_->capacity(); }
  std::string reserve(int n) { return grow(*layer_, n); }
  void forward(int n, bool training) { ::forward(*layer_, n, training); }
  void backward() { layer_->backward(); }
  // input, output, xhat, dout, dinput [capacity, features]; gamma, beta, dgamma, dbeta [features]; and the
  // kind's own (own_buffers).
  val buffers() {
    return buffer_addresses({{"input", layer_->input()},
                             {"output", layer_->output()},
                             {"xhat", layer_->xhat()},
                             {"dout", layer_->dout()},
                             {"dinput", layer_->dinput()},
                             {"gamma", layer_->gamma()},
                             {"beta", layer_->beta()},
                             {"dgamma", layer_->dgamma()},
                             {"dbeta", layer_->dbeta()}},
                            own_buffers(*layer_));
  }

 private:
  std::string error_;
  std::unique_ptr<Layer> layer_;
};

// { x: Float32Array [n,2], y: Float32Array [n,1] } or { error }.
val makeDataset(val options) {
  DatasetConfig config;
  val out = val::object();
  const std::string error = js::dataset_config(options, &config);
  if (!error.empty()) {
    out.set("error", error);
    return out;
  }
  std::vector<float> x(size_t(config.n) * 2), y(size_t(config.n));
  make_dataset(x.data(), y.data(), config);
  out.set("x", js::copy_floats(x.data(), x.size()));
  out.set("y", js::copy_floats(y.data(), y.size()));
  return out;
}

// The statistics copy `values` (a Float32Array, checked by web/lib) into the heap: a message instead when
// there is no room for `copies` of them.
std::string room_for_values(const val& values, double copies) {
  return room(values["length"].as<double>() * sizeof(float) * copies, "these values");
}

val histogramOf(val values, float lo, float hi, int bins) {
  const std::string error = room_for_values(values, 1);
  if (!error.empty()) return val(error);
  const std::vector<float> data = emscripten::convertJSArrayToNumberVector<float>(values);
  std::vector<int> counts(bins);
  histogram(counts.data(), data.data(), data.size(), lo, hi, bins);
  return val(emscripten::typed_memory_view(counts.size(), counts.data())).call<val>("slice");
}

val percentilesOf(val values, val ps) {
  const std::string error = room_for_values(values, 2);  // the copy, and the sorted work copy
  if (!error.empty()) return val(error);
  const std::vector<float> data = emscripten::convertJSArrayToNumberVector<float>(values);
  const std::vector<float> at = emscripten::convertJSArrayToNumberVector<float>(ps);
  std::vector<float> out(at.size()), work;
  percentiles(out.data(), data.data(), data.size(), at.data(), int(at.size()), &work);
  return js::copy_floats(out.data(), out.size());
}

// Index of the first non-finite float among count floats at byte address `pointer`, or -1.
int firstNonFinite(uintptr_t pointer, int count) {
  return int(first_non_finite(reinterpret_cast<const float*>(pointer), size_t(count)));
}

template <typename Layer, typename Config>
void bind_norm(const char* name) {
  using Handle = NormHandle<Layer, Config>;
  emscripten::class_<Handle>(name)
      .template constructor<val>()
      .function("error", &Handle::error)
      .function("features", &Handle::features)
      .function("rows", &Handle::rows)
      .function("checkRows", &Handle::checkRows)
      .function("checkBackward", &Handle::checkBackward)
      .function("capacity", &Handle::capacity)
      .function("reserve", &Handle::reserve)
      .function("forward", &Handle::forward)
      .function("backward", &Handle::backward)
      .function("buffers", &Handle::buffers);
}

}  // namespace

EMSCRIPTEN_BINDINGS(batchnorm_playground) {
  using emscripten::class_;
  using emscripten::function;

  class_<NetworkHandle>("Network")
      .constructor<val>()
      .function("error", &NetworkHandle::error)
      .function("inputs", &NetworkHandle::inputs)
      .function("outputs", &NetworkHandle::outputs)
      .function("layerCount", &NetworkHandle::layerCount)
      .function("parameterCount", &NetworkHandle::parameterCount)
      .function("steps", &NetworkHandle::steps)
      .function("checkRows", &NetworkHandle::checkRows)
      .function("capacity", &NetworkHandle::capacity)
      .function("reserve", &NetworkHandle::reserve)
      .function("prepareGradientsAt", &NetworkHandle::prepareGradientsAt)
      .function("buffers", &NetworkHandle::buffers)
      .function("checkPicks", &NetworkHandle::checkPicks)
      .function("trainStep", &NetworkHandle::trainStep)
      .function("computeGradients", &NetworkHandle::computeGradients)
      .function("gradientsAt", &NetworkHandle::gradientsAt)
      .function("predict", &NetworkHandle::predict)
      .function("setLearningRate", &NetworkHandle::setLearningRate)
      .function("setTrainable", &NetworkHandle::setTrainable)
      .function("recomputeStatistics", &NetworkHandle::recomputeStatistics)
      .function("layout", &NetworkHandle::layout)
      .function("probe", &NetworkHandle::probe);

  class_<RowsHandle>("Rows")
      .constructor<double>()
      .function("error", &RowsHandle::error)
      .function("buffers", &RowsHandle::buffers);

  class_<PixelsHandle>("Pixels")
      .constructor<double, double, double>()
      .function("error", &PixelsHandle::error)
      .function("reserveScratch", &PixelsHandle::reserveScratch)
      .function("addRows", &PixelsHandle::addRows)
      .function("releaseScratch", &PixelsHandle::releaseScratch)
      .function("buffers", &PixelsHandle::buffers);

  bind_norm<BatchNormLayer<float>, BatchNormConfig>("BatchNorm");
  bind_norm<LayerNormLayer<float>, LayerNormConfig>("LayerNorm");

  function("firstNonFinite", &firstNonFinite);
  function("heapBytesInUse", &js::heap_bytes_in_use);
  function("makeDataset", &makeDataset);
  function("histogram", &histogramOf);
  function("percentiles", &percentilesOf);
}
