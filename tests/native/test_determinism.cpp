// The RNG against an independent Python implementation (tests/fixtures/rng.txt), and same seed → same run.
#include <gtest/gtest.h>

#include "bnp/network.h"
#include "bnp/rng.h"
#include "fixtures.h"

using namespace bnp;

TEST(Determinism, RngMatchesIndependentImplementation) {
  const auto cases = fixtures::load("rng.txt");
  Rng rng(42);
  const auto& u32 = cases[0].tensor("u32").values;
  for (double expected : u32) EXPECT_EQ(double(rng.next_u32()), expected);
  const auto& normal = cases[0].tensor("normal").values;
  for (double expected : normal) EXPECT_NEAR(rng.normal(), expected, 1e-14);
}

TEST(Determinism, InitialWeightsMatchIndependentImplementation) {
  const auto cases = fixtures::load("rng.txt");
  NetworkConfig config;
  config.layers = {3, 4, 2};
  config.seed = 7;
  config.init_sigma = 0.1;
  config.loss = Loss::MeanSquaredError;
  Network<float> net(config);
  const auto& w0 = cases[1].tensor("weight0").values;
  const auto& w1 = cases[1].tensor("weight1").values;
  EXPECT_TRUE(fixtures::close(net.parameters() + net.layout()[0].offset, w0, 1e-8, 1e-6));
  EXPECT_TRUE(fixtures::close(net.parameters() + net.layout()[2].offset, w1, 1e-8, 1e-6));
}

TEST(Determinism, SameSeedSameRunAndBatchNormDoesNotChangeInitialWeights) {
  auto run = [](Placement placement, double seed) {
    NetworkConfig config;
    config.layers = {2, 6, 6, 1};
    config.placement = placement;
    config.seed = seed;
    Network<float> net(config);
    net.reserve(10);
    Rng data(5);
    for (int i = 0; i < 20; ++i) net.input()[i] = float(data.normal());
    for (int i = 0; i < 10; ++i) net.target()[i] = float(i % 2);
    std::vector<float> weights0(net.parameters(), net.parameters() + 12);
    std::vector<double> losses;
    for (int step = 0; step < 20; ++step) losses.push_back(net.train_step(10));
    return std::make_pair(weights0, losses);
  };
  EXPECT_EQ(run(Placement::Before, 9), run(Placement::Before, 9));
  EXPECT_NE(run(Placement::Before, 9).second, run(Placement::Before, 10).second);
  EXPECT_EQ(run(Placement::None, 9).first, run(Placement::Before, 9).first);
  EXPECT_EQ(run(Placement::None, 9).first, run(Placement::After, 9).first);
}

// Rows staged outside the network (a test set, a mini-batch shared by several networks) give exactly what
// the same rows copied into input() give: training, gradients and both prediction modes.
TEST(Determinism, StagedRowsActLikeTheInputBuffer) {
  NetworkConfig config;
  config.layers = {3, 5, 4, 2};
  config.placement = Placement::Before;
  config.loss = Loss::SoftmaxCrossEntropy;
  Network<float> copied(config), staged(config);
  const int n = 7;
  copied.reserve(n);
  staged.reserve(n);
  Rng data(11);
  std::vector<float> rows(n * 3);
  for (float& v : rows) v = float(data.normal());
  for (int step = 0; step < 5; ++step) {
    for (int i = 0; i < n; ++i) {
      copied.target()[2 * i] = staged.target()[2 * i] = float(i % 2);
      copied.target()[2 * i + 1] = staged.target()[2 * i + 1] = float(1 - i % 2);
    }
    std::copy(rows.begin(), rows.end(), copied.input());
    std::fill_n(staged.input(), n * 3, 123.0f);  // must not be read
    EXPECT_EQ(copied.train_step(n), staged.train_step(n, rows.data()));
    for (float& v : rows) v = v * 0.9f + 0.1f;
  }
  EXPECT_TRUE(
      std::equal(copied.parameters(), copied.parameters() + copied.parameter_count(), staged.parameters()));
  for (Mode mode : {Mode::Eval, Mode::Batch}) {
    std::copy(rows.begin(), rows.end(), copied.input());
    copied.predict(n, mode);
    staged.predict(n, mode, rows.data());
    EXPECT_TRUE(std::equal(copied.output(), copied.output() + n * 2, staged.output()));
  }
}
