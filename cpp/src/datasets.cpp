// The toy datasets: circle, xor, gauss, spiral (see datasets.h).
#include "bnp/datasets.h"

#include <cmath>

#include "bnp/check.h"
#include "bnp/rng.h"

namespace bnp {

bool parse_dataset(const std::string& name, DatasetKind* out, std::string* error) {
  if (name == "circle")
    *out = DatasetKind::Circle;
  else if (name == "xor")
    *out = DatasetKind::Xor;
  else if (name == "gauss")
    *out = DatasetKind::Gauss;
  else if (name == "spiral")
    *out = DatasetKind::Spiral;
  else {
    *error = "dataset '" + name + "' is unknown: allowed are circle, xor, gauss, spiral";
    return false;
  }
  return true;
}

const char* dataset_name(DatasetKind k) {
  switch (k) {
    case DatasetKind::Circle:
      return "circle";
    case DatasetKind::Xor:
      return "xor";
    case DatasetKind::Gauss:
      return "gauss";
    case DatasetKind::Spiral:
      return "spiral";
  }
  return "?";
}

std::string check_dataset_config(const DatasetConfig& c) {
  if (c.n < 2 || c.n > 100000)
    return "n = " + std::to_string(c.n) + " is not allowed: a whole number of examples from 2 to 100000";
  std::string e;
  if (!(e = check_range("noise", c.noise, 0, 1, "a number from 0 to 1")).empty()) return e;
  if (!(e = check_range("scale", c.scale, 1e-4, 1e4, "a number from 0.0001 to 10000")).empty()) return e;
  if (!(e = check_range("seed", c.seed, 0, 9007199254740991.0, "a whole number from 0 to 2^53 - 1")).empty())
    return e;
  if (c.seed != std::floor(c.seed))
    return "seed = " + format_number(c.seed) + " is not allowed: a whole number from 0 to 2^53 - 1";
  return "";
}

void make_dataset(float* x, float* y, const DatasetConfig& c) {
  Rng rng(uint64_t(c.seed));
  const double pi = 3.141592653589793;
  for (int i = 0; i < c.n; ++i) {
    const int label = i % 2;
    double x1 = 0, x2 = 0;
    switch (c.kind) {
      case DatasetKind::Circle: {  // class 1 inside radius 0.5, class 0 on the ring 0.7 … 1
        const double r = label ? 0.5 * rng.uniform() : 0.7 + 0.3 * rng.uniform();
        const double angle = 2 * pi * rng.uniform();
        x1 = r * std::cos(angle), x2 = r * std::sin(angle);
        break;
      }
      case DatasetKind::Xor: {  // class 1 where x₁x₂ > 0; points kept 0.05 off the axes
        double u = 0.05 + 0.95 * rng.uniform(), v = 0.05 + 0.95 * rng.uniform();
        const bool flip = rng.uniform() < 0.5;
        x1 = flip ? -u : u;
        x2 = (label == 1) == flip ? -v : v;
        break;
      }
      case DatasetKind::Gauss: {  // two blobs of spread 0.2 around (0.5, 0.5) and (−0.5, −0.5)
        const double centre = label ? 0.5 : -0.5;
        x1 = centre + 0.2 * rng.normal(), x2 = centre + 0.2 * rng.normal();
        break;
      }
      case DatasetKind::Spiral: {  // two interleaved arms, one turn and three quarters each
        const double t = rng.uniform();
        const double r = 0.05 + 0.95 * t, angle = 1.75 * 2 * pi * t + (label ? pi : 0);
        x1 = r * std::sin(angle), x2 = r * std::cos(angle);
        break;
      }
    }
    x1 += c.noise * rng.normal();
    x2 += c.noise * rng.normal();
    x[2 * i] = float(x1 * c.scale);
    x[2 * i + 1] = float(x2);
    y[i] = float(label);
  }
}

}  // namespace bnp
