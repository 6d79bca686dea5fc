// Batch-norm invariants that follow from the definition, independent of any reference library.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "bnp/batch_norm_layer.h"
#include "bnp/network.h"
#include "bnp/rng.h"

using namespace bnp;

namespace {
// Mean and biased standard deviation of column j of an N×H buffer, in double.
std::pair<double, double> column_stats(const float* v, int N, int H, int j) {
  double mean = 0, sq = 0;
  for (int i = 0; i < N; ++i) mean += v[i * H + j];
  mean /= N;
  for (int i = 0; i < N; ++i) sq += (v[i * H + j] - mean) * (v[i * H + j] - mean);
  return {mean, std::sqrt(sq / N)};
}
}  // namespace

TEST(BatchNorm, TrainingOutputHasMeanBetaAndStdGamma) {
  const int N = 32, H = 5;
  BatchNormLayer<float> bn({H, 1e-5, 0.1});
  bn.reserve(N);
  Rng rng(1);
  for (int i = 0; i < N * H; ++i) bn.input()[i] = float(3 + 4 * rng.normal());
  const float gamma[H] = {1, 2, 0.5f, 3, 0.1f}, beta[H] = {0, -1, 2, 0.5f, 10};
  std::copy(gamma, gamma + H, bn.gamma());
  std::copy(beta, beta + H, bn.beta());
  bn.forward(N, true);
  for (int j = 0; j < H; ++j) {
    const auto [mean, stdev] = column_stats(bn.output(), N, H, j);
    EXPECT_NEAR(mean, beta[j], 1e-5 * (1 + std::fabs(beta[j])));
    // σ̂ = σ/√(σ² + ε): with σ ≈ 4 the ε shortfall is ε/(2σ²) ≈ 3e-7, below float rounding.
    EXPECT_NEAR(stdev, gamma[j], 1e-5 * gamma[j]);
  }
}

TEST(BatchNorm, EpsilonShrinksTinyVariance) {
  // σ² = ε: the output's standard deviation is γ·σ/√(σ²+ε) = γ/√2.
  const int N = 2, H = 1;
  const double eps = 1e-2;
  BatchNormLayer<float> bn({H, eps, 0.1});
  bn.reserve(N);
  bn.input()[0] = -0.1f;  // mean 0, biased variance 0.01 = ε
  bn.input()[1] = 0.1f;
  bn.forward(N, true);
  EXPECT_NEAR(bn.output()[1], 1 / std::sqrt(2.0), 1e-6);
  EXPECT_NEAR(bn.output()[0], -1 / std::sqrt(2.0), 1e-6);
}

TEST(BatchNorm, RunningStatisticsUseUnbiasedVarianceAndMomentum) {
  // Column values 1, 2, 3, 6: mean 3, biased variance 3.5, unbiased 14/3.
  BatchNormLayer<float> bn({1, 1e-5, 0.25});
  bn.reserve(4);
  const float x[4] = {1, 2, 3, 6};
  std::copy(x, x + 4, bn.input());
  bn.forward(4, true);
  EXPECT_NEAR(bn.batch_mean()[0], 3.0, 1e-6);
  EXPECT_NEAR(bn.batch_var()[0], 3.5, 1e-6);
  EXPECT_NEAR(bn.running_mean()[0], 0.75 * 0 + 0.25 * 3, 1e-6);
  EXPECT_NEAR(bn.running_var()[0], 0.75 * 1 + 0.25 * 14.0 / 3, 1e-6);
  bn.forward(4, true);  // a second identical batch moves them again by the same rule
  EXPECT_NEAR(bn.running_mean()[0], 0.75 * 0.75 + 0.25 * 3, 1e-6);
  EXPECT_NEAR(bn.running_var()[0], 0.75 * (0.75 + 0.25 * 14.0 / 3) + 0.25 * 14.0 / 3, 1e-6);
}

TEST(BatchNorm, EvalModeUsesRunningStatisticsAndLeavesThem) {
  BatchNormLayer<float> bn({2, 1e-5, 0.1});
  bn.reserve(3);
  bn.running_mean()[0] = 1, bn.running_var()[0] = 4;
  bn.running_mean()[1] = -2, bn.running_var()[1] = 0.25;
  bn.gamma()[1] = 3, bn.beta()[1] = 1;
  const float x[6] = {1, -2, 3, 0, -1, -2.5f};
  std::copy(x, x + 6, bn.input());
  bn.forward(3, false);
  const double s0 = std::sqrt(4 + 1e-5), s1 = std::sqrt(0.25 + 1e-5);
  const double expected[6] = {0, 1, 2 / s0, 3 * 2 / s1 + 1, -2 / s0, 3 * -0.5 / s1 + 1};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(bn.output()[i], expected[i], 1e-5) << i;
  EXPECT_EQ(bn.running_mean()[0], 1.0f);
  EXPECT_EQ(bn.running_var()[1], 0.25f);
}

TEST(BatchNorm, LargeOffsetTinySpreadKeepsItsDigits) {
  // 10⁴ ± 10⁻²: a one-pass E[x²] − E[x]² in float32 has rounding error ≈ 10⁸·6e-8 ≈ 6, far above σ² = 10⁻⁴.
  const int N = 64;
  BatchNormLayer<float> bn({1, 1e-12, 0.1});
  bn.reserve(N);
  for (int i = 0; i < N; ++i) bn.input()[i] = 10000.0f + (i % 2 ? 0.015625f : -0.015625f);  // exact in float
  bn.forward(N, true);
  EXPECT_NEAR(bn.batch_mean()[0], 10000.0, 1e-6);
  EXPECT_NEAR(bn.batch_var()[0], 0.015625 * 0.015625, 1e-9);
  for (int i = 0; i < N; ++i) EXPECT_NEAR(bn.output()[i], i % 2 ? 1.0 : -1.0, 1e-5);
}

TEST(BatchNorm, OneRowInTrainingModeIsRefused) {
  BatchNormLayer<float> bn({3, 1e-5, 0.1});
  EXPECT_NE(bn.check_rows(1, true).find("n = 1 is not allowed"), std::string::npos);
  EXPECT_EQ(bn.check_rows(1, false), "");
  EXPECT_EQ(bn.check_rows(2, true), "");
  NetworkConfig config;
  config.placement = Placement::Before;
  Network<float> net(config);
  EXPECT_NE(net.check_rows(1, true).find("batch norm"), std::string::npos);
  EXPECT_EQ(net.check_rows(1, false), "");
  config.placement = Placement::None;
  EXPECT_EQ(Network<float>(config).check_rows(1, true), "");
}

TEST(BatchNorm, FrozenGammaBetaStayAtOneAndZero) {
  NetworkConfig config;
  config.placement = Placement::Before;
  config.affine = false;
  Network<float> net(config);
  net.reserve(8);
  Rng rng(3);
  for (int i = 0; i < 16; ++i) net.input()[i] = float(rng.normal());
  for (int i = 0; i < 8; ++i) net.target()[i] = float(i % 2);
  for (int step = 0; step < 5; ++step) net.train_step(8);
  for (const auto& block : net.layout()) {
    if (block.name != "gamma" && block.name != "beta") continue;
    for (int j = 0; j < block.cols; ++j)
      EXPECT_EQ(net.parameters()[block.offset + j], block.name == "gamma" ? 1.0f : 0.0f);
  }
}
