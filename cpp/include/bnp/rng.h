#pragma once
// Our own seeded generator (xoshiro128** seeded through splitmix64), so the native and the wasm builds
// draw exactly the same integers; std::rand and <random>'s distributions differ between standard libraries.
#include <cstdint>

namespace bnp {

class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint32_t next_u32();
  // Uniform in [0, 1) with 24 random bits (exactly representable as float).
  double uniform();
  // Uniform integer in [0, bound), bound >= 1 (Lemire's multiply-shift, bias below 2^-32 * bound).
  uint32_t below(uint32_t bound);
  // Standard normal by Box–Muller; uses log/cos/sin, so native and wasm agree up to libm rounding.
  double normal();

 private:
  uint32_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace bnp
