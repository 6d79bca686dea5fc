// Histogram and percentiles for the charts (see stats.h).
#include "bnp/stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bnp {

void histogram(int* counts, const float* values, size_t count, float lo, float hi, int bins) {
  if (bins < 1) return;
  std::fill_n(counts, bins, 0);
  // An infinite or empty range has no bins to count in (and would make the bin index NaN or infinite).
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) return;
  const double width = (double(hi) - double(lo)) / bins;  // > 0 and finite: both ends are finite floats
  for (size_t i = 0; i < count; ++i) {
    const float v = values[i];
    if (!(v >= lo && v <= hi)) continue;               // NaN and values outside [lo, hi] fall in no bin
    const double position = (double(v) - lo) / width;  // in [0, bins]
    counts[position >= bins ? bins - 1 : int(position)]++;
  }
}

void percentiles(float* out, const float* values, size_t count, const float* ps, int k,
                 std::vector<float>* work) {
  work->clear();
  for (size_t i = 0; i < count; ++i)
    if (!std::isnan(values[i])) work->push_back(values[i]);
  count = work->size();
  if (count == 0) {
    std::fill_n(out, k, std::numeric_limits<float>::quiet_NaN());
    return;
  }
  std::sort(work->begin(), work->end());
  for (int i = 0; i < k; ++i) {
    const double position = double(ps[i]) / 100.0 * double(count - 1);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, count - 1);
    const double frac = position - double(below);
    out[i] = float(double((*work)[below]) + frac * (double((*work)[above]) - double((*work)[below])));
  }
}

}  // namespace bnp
