// The one Embind file: thin handles over the core for web/lib/lab.js. Row data crosses through pointers into
// wasm memory (the JS side writes inputs there and copies results out), so a training step passes no arrays
// through Embind. Handles report a bad configuration through error() instead of throwing: the core is built
// without exceptions.
#include <emscripten/bind.h>
#include <malloc.h>

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bnp/check.h"
#include "bnp/stats.h"
#include "convert.h"

using emscripten::val;
using namespace bnp;

namespace {

uintptr_t address(const void* p) { return reinterpret_cast<uintptr_t>(p); }

std::string megabytes(double bytes) {
  const double mb = bytes / (1 << 20);
  return (mb < 10 ? format_number(std::round(mb * 10) / 10) : format_number(std::round(mb))) + " MB";
}

// "" when `bytes` more can be had from the heap now, else a message saying what needs how much. malloc itself
// is asked: at the 2 GB limit it returns null, where operator new in this exception-free build would abort
// and leave the whole instance unusable. A refused call has allocated nothing.
std::string room(double bytes, const std::string& what) {
  if (bytes <= 0) return "";
  // Called through a volatile pointer: the compiler may otherwise drop an unused malloc/free pair and take
  // the allocation as granted.
  void* (*volatile allocate)(size_t) = malloc;
  if (bytes < 4294967296.0)
    if (void* probe = allocate(size_t(bytes))) {
      free(probe);
      return "";
    }
  return what + " needs " + megabytes(bytes) + " more; the WebAssembly memory limit is 2 GB, and " +
         megabytes(double(mallinfo().uordblks)) +
         " are in use (dispose of networks or rows no longer needed)";
}

val floats_or_null(const float* data, size_t n) { return data ? js::copy_floats(data, n) : val::null(); }

// "" once `buffers` (a network or a normalization layer) hold n rows, or why they cannot (nothing changed
// then). `more`: bytes the caller allocates next to them, asked for together so a refusal allocates nothing.
template <typename Buffers>
std::string grow(Buffers& buffers, int n, double more = 0) {
  const std::string error =
      room(double(buffers.reserve_bytes(n)) + more, "n = " + std::to_string(n) + " rows");
  if (error.empty()) buffers.reserve(n);
  return error;
}

// Column `unit` of a row-major [rows, units] buffer, copied into a new Float32Array [rows].
val column_or_null(const float* data, int rows, int units, int unit) {
  if (!data) return val::null();
  static std::vector<float> column;  // [rows] gathered here, then copied out in one go
  column.resize(size_t(rows));
  for (int i = 0; i < rows; ++i) column[size_t(i)] = data[size_t(i) * units + unit];
  return js::copy_floats(column.data(), column.size());
}

// A value of one unit: the [units] vector's element `unit`, or null where the layer has no such vector.
val scalar_or_null(const float* data, int unit) { return data ? val(data[unit]) : val::null(); }

// Which buffers probe() copies (bit flags, as web/lib/lab-core.js builds them).
enum ProbeField { kZ = 1, kZHat = 2, kZTilde = 4, kA = 8, kStatistics = 16 };

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
  uintptr_t pointer() { return address(values_.data()); }

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
  uintptr_t scratchPointer() { return address(scratch_.data()); }
  // Adds the `count` rows written to the scratch buffer; false when they exceed the rows or non-zeros
  // announced.
  bool addRows(int count) { return pixels_->add_rows(scratch_.data(), count); }
  void releaseScratch() { std::vector<uint8_t>().swap(scratch_); }
  uintptr_t pointer() { return address(pixels_.get()); }

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
  double steps() const { return double(net_->steps()); }
  std::string checkRows(int n, bool batch_statistics) const { return net_->check_rows(n, batch_statistics); }
  int capacity() const { return net_->capacity(); }
  // "" once the buffers hold n rows, or why they cannot (nothing changed then).
  // With the row-number buffer for staged pixels (room for both asked together).
  std::string reserve(int n) {
    const double picks = picks_.size() < size_t(n) ? double(n) * sizeof(int) : 0;
    const std::string error = grow(*net_, n, picks);
    if (error.empty() && picks > 0) picks_.resize(size_t(n));
    return error;
  }
  uintptr_t inputPointer() { return address(net_->input()); }
  uintptr_t targetPointer() { return address(net_->target()); }
  uintptr_t outputPointer() const { return address(net_->output()); }
  // [capacity] row numbers into staged pixels, written by JS for a pass that reads them.
  uintptr_t picksPointer() { return address(picks_.data()); }
  // "" when the n row numbers written to picksPointer() are rows of the staged pixels at `pixels`.
  std::string checkPicks(uintptr_t pixels, int n) const {
    const PixelRows& p = *reinterpret_cast<const PixelRows*>(pixels);
    if (p.features() != net_->inputs())
      return "the staged pixels have " + std::to_string(p.features()) + " features, but this network takes " +
             std::to_string(net_->inputs()) + " inputs";
    return p.check_picks(picks_.data(), n);
  }
  // `rows`: the byte address of staged input rows [n, inputs]; `pixels`: of staged pixels (a PixelRows), read
  // at the rows written to picksPointer(); both 0: the network's own input buffer.
  double trainStep(int n, uintptr_t rows, uintptr_t pixels) {
    return net_->train_step(n, source(rows, pixels));
  }
  double computeGradients(int n, uintptr_t rows, uintptr_t pixels) {
    return net_->compute_gradients(n, false, source(rows, pixels));
  }
  // direction: the byte address of [parameterCount] floats (the network's own scratch, see directionPointer).
  double gradientsAt(uintptr_t direction, double t, int n, uintptr_t rows, uintptr_t pixels) {
    return net_->gradients_at(reinterpret_cast<const float*>(direction), t, n, source(rows, pixels));
  }
  std::string setLearningRate(double lr) { return net_->set_learning_rate(lr); }
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
  uintptr_t directionPointer() { return address(direction_.data()); }
  void predict(int n, bool batch_statistics, uintptr_t rows, uintptr_t pixels) {
    net_->predict(n, batch_statistics ? Mode::Batch : Mode::Eval, source(rows, pixels));
  }
  int parameterCount() const { return int(net_->parameter_count()); }
  uintptr_t parametersPointer() { return address(net_->parameters()); }
  uintptr_t gradientsPointer() { return address(net_->gradients()); }

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

  // Copies of layer l's buffers after the last forward pass, only those named by `fields`: the whole
  // [rows, units] buffers when unit < 0, else that unit's column [rows] and its statistics as numbers.
  val probe(int l, int unit, int fields) const {
    const LayerView<float> v = net_->layer(l);
    val out = val::object();
    out.set("layer", l);
    out.set("rows", v.rows);
    out.set("units", v.units);
    out.set("batchNorm", v.batch_norm);
    out.set("layerNorm", v.layer_norm);
    const size_t cells = size_t(v.rows) * v.units, units = size_t(v.units);
    auto buffer = [&](const char* name, int flag, const float* data) {
      if (!(fields & flag)) return;
      out.set(name, unit < 0 ? floats_or_null(data, cells) : column_or_null(data, v.rows, v.units, unit));
    };
    buffer("z", kZ, v.z);
    buffer("zHat", kZHat, v.zhat);
    buffer("zTilde", kZTilde, v.ztilde);
    buffer("a", kA, v.a);
    if (fields & kStatistics) {
      const std::pair<const char*, const float*> vectors[] = {{"batchMean", v.batch_mean},
                                                              {"batchVariance", v.batch_var},
                                                              {"runningMean", v.running_mean},
                                                              {"runningVariance", v.running_var},
                                                              {"gamma", v.gamma},
                                                              {"beta", v.beta}};
      for (const auto& [name, data] : vectors)
        out.set(name, unit < 0 ? floats_or_null(data, units) : scalar_or_null(data, unit));
      const std::pair<const char*, const float*> noise[] = {{"noiseScale", v.noise_scale},
                                                            {"noiseShift", v.noise_shift}};
      for (const auto& [name, data] : noise)
        out.set(name, unit < 0 ? floats_or_null(data, units) : scalar_or_null(data, unit));
      // Layer norm's statistics belong to the examples, not the units: [rows] either way.
      out.set("rowMean", floats_or_null(v.row_mean, size_t(v.rows)));
      out.set("rowVariance", floats_or_null(v.row_var, size_t(v.rows)));
    }
    return out;
  }

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

class BatchNormHandle {
 public:
  explicit BatchNormHandle(val options) {
    BatchNormConfig config;
    error_ = js::batchnorm_config(options, &config);
    if (error_.empty()) layer_ = std::make_unique<BatchNormLayer<float>>(config);
  }
  std::string error() const { return error_; }
  int features() const { return layer_->features(); }
  int rows() const { return layer_->rows(); }
  std::string checkRows(int n, bool training) const { return layer_->check_rows(n, training); }
  std::string checkBackward() const { return layer_->check_backward(); }
  int capacity() const { return layer_->capacity(); }
  std::string reserve(int n) { return grow(*layer_, n); }
  void forward(int n, bool training) { layer_->forward(n, training); }
  void backward() { layer_->backward(); }
  uintptr_t inputPointer() { return address(layer_->input()); }
  uintptr_t outputPointer() { return address(layer_->output()); }
  uintptr_t xhatPointer() { return address(layer_->xhat()); }
  uintptr_t doutPointer() { return address(layer_->dout()); }
  uintptr_t dinputPointer() { return address(layer_->dinput()); }
  uintptr_t gammaPointer() { return address(layer_->gamma()); }
  uintptr_t betaPointer() { return address(layer_->beta()); }
  uintptr_t dgammaPointer() { return address(layer_->dgamma()); }
  uintptr_t dbetaPointer() { return address(layer_->dbeta()); }
  uintptr_t runningMeanPointer() { return address(layer_->running_mean()); }
  uintptr_t runningVariancePointer() { return address(layer_->running_var()); }
  uintptr_t batchMeanPointer() { return address(layer_->batch_mean()); }
  uintptr_t batchVariancePointer() { return address(layer_->batch_var()); }

 private:
  std::string error_;
  std::unique_ptr<BatchNormLayer<float>> layer_;
};

class LayerNormHandle {
 public:
  explicit LayerNormHandle(val options) {
    LayerNormConfig config;
    error_ = js::layernorm_config(options, &config);
    if (error_.empty()) layer_ = std::make_unique<LayerNormLayer<float>>(config);
  }
  std::string error() const { return error_; }
  int features() const { return layer_->features(); }
  int rows() const { return layer_->rows(); }
  std::string checkRows(int n) const { return layer_->check_rows(n); }
  std::string checkBackward() const { return layer_->check_backward(); }
  int capacity() const { return layer_->capacity(); }
  std::string reserve(int n) { return grow(*layer_, n); }
  void forward(int n) { layer_->forward(n); }
  void backward() { layer_->backward(); }
  uintptr_t inputPointer() { return address(layer_->input()); }
  uintptr_t outputPointer() { return address(layer_->output()); }
  uintptr_t xhatPointer() { return address(layer_->xhat()); }
  uintptr_t doutPointer() { return address(layer_->dout()); }
  uintptr_t dinputPointer() { return address(layer_->dinput()); }
  uintptr_t gammaPointer() { return address(layer_->gamma()); }
  uintptr_t betaPointer() { return address(layer_->beta()); }
  uintptr_t dgammaPointer() { return address(layer_->dgamma()); }
  uintptr_t dbetaPointer() { return address(layer_->dbeta()); }
  uintptr_t rowMeanPointer() { return address(layer_->row_mean()); }
  uintptr_t rowVariancePointer() { return address(layer_->row_var()); }

 private:
  std::string error_;
  std::unique_ptr<LayerNormLayer<float>> layer_;
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

// Bytes of the C++ heap in use (dlmalloc's count): tests watch it stay flat while a network trains.
double heapBytesInUse() { return double(mallinfo().uordblks); }

// Index of the first non-finite float among count floats at byte address `pointer`, or -1.
int firstNonFinite(uintptr_t pointer, int count) {
  return int(first_non_finite(reinterpret_cast<const float*>(pointer), size_t(count)));
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
      .function("steps", &NetworkHandle::steps)
      .function("checkRows", &NetworkHandle::checkRows)
      .function("capacity", &NetworkHandle::capacity)
      .function("reserve", &NetworkHandle::reserve)
      .function("inputPointer", &NetworkHandle::inputPointer)
      .function("targetPointer", &NetworkHandle::targetPointer)
      .function("outputPointer", &NetworkHandle::outputPointer)
      .function("trainStep", &NetworkHandle::trainStep)
      .function("computeGradients", &NetworkHandle::computeGradients)
      .function("gradientsAt", &NetworkHandle::gradientsAt)
      .function("setLearningRate", &NetworkHandle::setLearningRate)
      .function("prepareGradientsAt", &NetworkHandle::prepareGradientsAt)
      .function("directionPointer", &NetworkHandle::directionPointer)
      .function("predict", &NetworkHandle::predict)
      .function("parameterCount", &NetworkHandle::parameterCount)
      .function("parametersPointer", &NetworkHandle::parametersPointer)
      .function("gradientsPointer", &NetworkHandle::gradientsPointer)
      .function("picksPointer", &NetworkHandle::picksPointer)
      .function("checkPicks", &NetworkHandle::checkPicks)
      .function("layout", &NetworkHandle::layout)
      .function("probe", &NetworkHandle::probe);

  class_<RowsHandle>("Rows")
      .constructor<double>()
      .function("error", &RowsHandle::error)
      .function("pointer", &RowsHandle::pointer);

  class_<PixelsHandle>("Pixels")
      .constructor<double, double, double>()
      .function("error", &PixelsHandle::error)
      .function("reserveScratch", &PixelsHandle::reserveScratch)
      .function("scratchPointer", &PixelsHandle::scratchPointer)
      .function("addRows", &PixelsHandle::addRows)
      .function("releaseScratch", &PixelsHandle::releaseScratch)
      .function("pointer", &PixelsHandle::pointer);

  class_<BatchNormHandle>("BatchNorm")
      .constructor<val>()
      .function("error", &BatchNormHandle::error)
      .function("features", &BatchNormHandle::features)
      .function("rows", &BatchNormHandle::rows)
      .function("checkRows", &BatchNormHandle::checkRows)
      .function("checkBackward", &BatchNormHandle::checkBackward)
      .function("capacity", &BatchNormHandle::capacity)
      .function("reserve", &BatchNormHandle::reserve)
      .function("forward", &BatchNormHandle::forward)
      .function("backward", &BatchNormHandle::backward)
      .function("inputPointer", &BatchNormHandle::inputPointer)
      .function("outputPointer", &BatchNormHandle::outputPointer)
      .function("xhatPointer", &BatchNormHandle::xhatPointer)
      .function("doutPointer", &BatchNormHandle::doutPointer)
      .function("dinputPointer", &BatchNormHandle::dinputPointer)
      .function("gammaPointer", &BatchNormHandle::gammaPointer)
      .function("betaPointer", &BatchNormHandle::betaPointer)
      .function("dgammaPointer", &BatchNormHandle::dgammaPointer)
      .function("dbetaPointer", &BatchNormHandle::dbetaPointer)
      .function("runningMeanPointer", &BatchNormHandle::runningMeanPointer)
      .function("runningVariancePointer", &BatchNormHandle::runningVariancePointer)
      .function("batchMeanPointer", &BatchNormHandle::batchMeanPointer)
      .function("batchVariancePointer", &BatchNormHandle::batchVariancePointer);

  class_<LayerNormHandle>("LayerNorm")
      .constructor<val>()
      .function("error", &LayerNormHandle::error)
      .function("features", &LayerNormHandle::features)
      .function("rows", &LayerNormHandle::rows)
      .function("checkRows", &LayerNormHandle::checkRows)
      .function("checkBackward", &LayerNormHandle::checkBackward)
      .function("capacity", &LayerNormHandle::capacity)
      .function("reserve", &LayerNormHandle::reserve)
      .function("forward", &LayerNormHandle::forward)
      .function("backward", &LayerNormHandle::backward)
      .function("inputPointer", &LayerNormHandle::inputPointer)
      .function("outputPointer", &LayerNormHandle::outputPointer)
      .function("xhatPointer", &LayerNormHandle::xhatPointer)
      .function("doutPointer", &LayerNormHandle::doutPointer)
      .function("dinputPointer", &LayerNormHandle::dinputPointer)
      .function("gammaPointer", &LayerNormHandle::gammaPointer)
      .function("betaPointer", &LayerNormHandle::betaPointer)
      .function("dgammaPointer", &LayerNormHandle::dgammaPointer)
      .function("dbetaPointer", &LayerNormHandle::dbetaPointer)
      .function("rowMeanPointer", &LayerNormHandle::rowMeanPointer)
      .function("rowVariancePointer", &LayerNormHandle::rowVariancePointer);

  function("firstNonFinite", &firstNonFinite);
  function("heapBytesInUse", &heapBytesInUse);
  function("makeDataset", &makeDataset);
  function("histogram", &histogramOf);
  function("percentiles", &percentilesOf);
}
