#pragma once
// Conversions between the JS option objects (already type-checked by web/lib) and the core's configs.
// Keys absent from the object keep the core's defaults; names are parsed by the core, whose messages say
// what is allowed.
#include <emscripten/val.h>

#include <string>

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

}  // namespace bnp::js
