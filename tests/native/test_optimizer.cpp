// Optimizer steps against values worked out by hand from the update rules.
#include <gtest/gtest.h>

#include <cmath>

#include "bnp/optimizer.h"

using namespace bnp;

TEST(Optimizer, SgdIsOneStepAgainstTheGradient) {
  double p[2] = {1, -2};
  const double g[2] = {0.5, -1};
  sgd_step(p, g, 2, 0.1);
  EXPECT_DOUBLE_EQ(p[0], 0.95);
  EXPECT_DOUBLE_EQ(p[1], -1.9);
}

TEST(Optimizer, MomentumAccumulatesVelocity) {
  // g = 1 every step, μ = 0.5, lr = 0.1: v = 1, 1.5, 1.75; p = −0.1, −0.25, −0.425.
  double p = 0, v = 0;
  const double g = 1;
  const double expected[3] = {-0.1, -0.25, -0.425};
  for (int t = 0; t < 3; ++t) {
    momentum_step(&p, &v, &g, 1, 0.1, 0.5);
    EXPECT_NEAR(p, expected[t], 1e-15);
  }
}

TEST(Optimizer, AdamFirstStepIsLrTimesSignOfGradient) {
  // At t = 1, m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g), whatever |g|.
  double p[3] = {0, 0, 0}, m[3] = {0, 0, 0}, v[3] = {0, 0, 0};
  const double g[3] = {1e-3, -50, 7};
  adam_step(p, m, v, g, 3, 0.01, 0.9, 0.999, 1e-8, 1);
  EXPECT_NEAR(p[0], -0.01, 1e-6);
  EXPECT_NEAR(p[1], 0.01, 1e-9);
  EXPECT_NEAR(p[2], -0.01, 1e-9);
}

TEST(Optimizer, AdamSecondStepUsesBiasCorrectionWithT) {
  // g = 2 then g = 1, β₁ = 0.9, β₂ = 0.999, lr = 1, ε = 0:
  // m₂ = 0.9·0.2 + 0.1 = 0.28, v₂ = 0.999·0.004 + 0.001 = 0.004996;
  // m̂ = 0.28/0.19, v̂ = 0.004996/0.001999; step = m̂/√v̂.
  double p = 0, m = 0, v = 0;
  double g = 2;
  adam_step(&p, &m, &v, &g, 1, 1.0, 0.9, 0.999, 0.0, 1);
  EXPECT_NEAR(p, -1, 1e-12);
  g = 1;
  adam_step(&p, &m, &v, &g, 1, 1.0, 0.9, 0.999, 0.0, 2);
  const double step = (0.28 / 0.19) / std::sqrt(0.004996 / 0.001999);
  EXPECT_NEAR(p, -1 - step, 1e-12);
}

TEST(Optimizer, ConfigurationIsChecked) {
  OptimizerConfig c;
  EXPECT_EQ(check_optimizer(c), "");
  c.lr = -1;
  EXPECT_EQ(check_optimizer(c), "optimizer.lr = -1 is not allowed: a number from 1e-9 to 1000");
  c.lr = NAN;
  EXPECT_EQ(check_optimizer(c), "optimizer.lr = NaN is not allowed: a number from 1e-9 to 1000");
  c.lr = 0.1;
  c.beta2 = 1;
  EXPECT_NE(check_optimizer(c).find("optimizer.beta2 = 1 is not allowed"), std::string::npos);
}
