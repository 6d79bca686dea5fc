#pragma once
// Central finite differences in double precision: with step h = 1e-6 the truncation error is O(h²) ≈ 1e-12
// and the rounding error about 1e-16·|f|/h ≈ 1e-10, so analytic and numeric gradients must agree to about
// 1e-7 relative to the gradient's scale; the tests allow 1e-6.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

namespace gradcheck {

constexpr double kStep = 1e-6;
constexpr double kTolerance = 1e-6;

// Perturbs each of x[count] in turn and compares (f(x+h) − f(x−h))/2h with analytic[count].
inline ::testing::AssertionResult matches(const char* what, double* x, size_t count, const double* analytic,
                                          const std::function<double()>& f) {
  double scale = 1e-3;
  for (size_t i = 0; i < count; ++i) scale = std::max(scale, std::fabs(analytic[i]));
  double worst = 0;
  size_t at = 0;
  std::vector<double> numeric(count);
  for (size_t i = 0; i < count; ++i) {
    const double saved = x[i];
    x[i] = saved + kStep;
    const double up = f();
    x[i] = saved - kStep;
    const double down = f();
    x[i] = saved;
    numeric[i] = (up - down) / (2 * kStep);
    const double diff = std::fabs(numeric[i] - analytic[i]);
    if (!(diff <= worst)) worst = diff, at = i;
  }
  if (worst <= kTolerance * scale) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << ": largest difference " << worst << " at [" << at << "]: analytic " << analytic[at]
         << ", numeric " << numeric[at] << " (gradient scale " << scale << ")";
}

}  // namespace gradcheck
