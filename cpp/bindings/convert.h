#pragma once
// Conversions between JS and the core: the option objects (already type-checked by web/lib) into the core's
// configs, and the core's buffers out as typed arrays or addresses.
// Keys absent from the object keep the core's defaults; names are parsed by the core, whose messages say
// what is allowed.
#include <emscripten/val.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "bnp/batch_norm_layer.h"
#include "bnp/datasets.h"
#include "bnp/layer_norm_layer.h"
#include "bnp/network.h"

namespace bnp::js {

// Each returns "" on success, else the message of the first bad option.
std::string network_config(const emscripten::val& options, NetworkConfig* out);
std::string batchnorm_config(const emscripten::val& options, BatchNormConfig* out);
std::string layernorm_config(const emscripten::val& options, LayerNormConfig* out);
std::string dataset_config(const emscripten::val& options, DatasetConfig* out);

// A JS Float32Array that copies n floats from wasm memory.
emscripten::val copy_floats(const float* data, size_t n);

// { name: byte address } of the buffers a handle shares with JS: JS reads and writes them in place (typed
// views on wasm memory) and asks again only after they were reallocated (a reserve).
using BufferList = std::initializer_list<std::pair<const char*, const void*>>;
// `into`: an object to add them to (a handle whose kinds add buffers of their own), else a new one.
emscripten::val buffer_addresses(BufferList buffers, emscripten::val into = emscripten::val::object());

// Which buffers a probe copies (bit flags, as web/lib/network.js builds them).
enum ProbeField { kZ = 1, kZHat = 2, kZTilde = 4, kA = 8, kStatistics = 16 };

// Copies of one layer's buffers (see network.h, LayerView), only those named by `fields`: the whole
// [rows, units] buffers when unit < 0, else that unit's column [rows] and its statistics as numbers.
emscripten::val probe_object(const LayerView<float>& view, int layer, int unit, int fields);

}  // namespace bnp::js
