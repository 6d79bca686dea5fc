#pragma once
// Two-class toy data in the plane, after TensorFlow Playground's sets, scaled to about [−1, 1]²:
// x[n,2] (features x₁, x₂), y[n,1] labels 0/1, the classes alternating so every prefix is balanced.
// `scale` multiplies feature x₁ after the fact: the source post's example of one input 10⁴ times larger.
#include <cstdint>
#include <string>

namespace bnp {

enum class DatasetKind { Circle, Xor, Gauss, Spiral };

struct DatasetConfig {
  DatasetKind kind = DatasetKind::Circle;
  int n = 200;         // examples, 2 to 100000
  double noise = 0.1;  // standard deviation of Gaussian jitter added to each coordinate, 0 to 1
  double seed = 1;     // a whole number from 0 to 2^53 − 1
  double scale = 1;    // factor on x₁, 1e-4 to 1e4
};

bool parse_dataset(const std::string& name, DatasetKind* out,
                   std::string* error);  // circle | xor | gauss | spiral
const char* dataset_name(DatasetKind k);
std::string check_dataset_config(const DatasetConfig& c);

// x[n,2], y[n,1]; config must pass check_dataset_config.
void make_dataset(float* x, float* y, const DatasetConfig& c);

}  // namespace bnp
