#pragma once
// Summaries the charts draw: histograms and percentiles of a buffer of values.
#include <cstddef>
#include <vector>

namespace bnp {

// counts[bins] = how many of values[count] fall in each of `bins` equal bins over [lo, hi]; the last bin
// is closed, values outside [lo, hi] and NaN are not counted. Needs bins >= 1 and lo < hi.
// An infinite or empty range (lo ≥ hi) counts nothing; NaN and values outside [lo, hi] are in no bin.
void histogram(int* counts, const float* values, size_t count, float lo, float hi, int bins);

// out[k] = the ps[k]-th percentile (0 … 100) of values[count] with linear interpolation between order
// statistics (numpy's default); NaN values are skipped, and every
// out[k] is NaN when nothing is left. `work` is scratch space, resized as needed.
void percentiles(float* out, const float* values, size_t count, const float* ps, int k,
                 std::vector<float>* work);

}  // namespace bnp
