// The seeded random number generator behind initial weights and datasets (see rng.h).
#include "bnp/rng.h"

#include <cmath>

namespace bnp {

namespace {
uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  uint64_t a = splitmix64(x), b = splitmix64(x);
  s_[0] = uint32_t(a), s_[1] = uint32_t(a >> 32), s_[2] = uint32_t(b), s_[3] = uint32_t(b >> 32);
}

uint32_t Rng::next_u32() {
  const uint32_t result = rotl(s_[1] * 5, 7) * 9;
  const uint32_t t = s_[1] << 9;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 11);
  return result;
}

double Rng::uniform() { return double(next_u32() >> 8) * (1.0 / 16777216.0); }

uint32_t Rng::below(uint32_t bound) { return uint32_t((uint64_t(next_u32()) * bound) >> 32); }

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u1 = uniform();
  while (u1 <= 0.0) u1 = uniform();  // log(0) is -inf
  const double u2 = uniform();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 6.283185307179586 * u2;
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

}  // namespace bnp
