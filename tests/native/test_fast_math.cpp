// The vectorizable float exp/sigmoid/tanh against libm in double, over their whole useful range.
#include <gtest/gtest.h>

#include <cmath>

#include "bnp/fast_math.h"

using namespace bnp;

TEST(FastMath, ExpSigmoidTanhWithin3e7Relative) {
  double worst_exp = 0, worst_sigmoid = 0, worst_tanh = 0;
  for (double x = -80; x <= 80; x += 0.0007) {
    const float f = float(x);
    worst_exp = std::max(worst_exp, std::fabs(exp_approx(f) / std::exp(double(f)) - 1));
    worst_sigmoid = std::max(worst_sigmoid, std::fabs(sigmoid_approx(f) * (1 + std::exp(-double(f))) - 1));
    const double t = std::tanh(double(f));
    if (t != 0) worst_tanh = std::max(worst_tanh, std::fabs(tanh_approx(f) / t - 1));
  }
  EXPECT_LT(worst_exp, 3e-7);
  EXPECT_LT(worst_sigmoid, 3e-7);
  EXPECT_LT(worst_tanh, 3e-7);
}

TEST(FastMath, SaturatesWithoutInfOrNaN) {
  EXPECT_LT(sigmoid_approx(-1000.f), 1e-37f);
  EXPECT_EQ(sigmoid_approx(1000.f), 1.0f);
  EXPECT_EQ(tanh_approx(1000.f), 1.0f);
  EXPECT_EQ(tanh_approx(-1000.f), -1.0f);
  EXPECT_TRUE(std::isfinite(exp_approx(1e30f)));
  EXPECT_TRUE(std::isnan(tanh_approx(NAN)));
  EXPECT_TRUE(std::isnan(sigmoid_approx(NAN)));
}
