// Bad configurations are refused with a message naming the option, the value and what is allowed.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "bnp/batch_norm_layer.h"
#include "bnp/datasets.h"
#include "bnp/network.h"

using namespace bnp;

namespace {
void expect_refused(const std::function<void(NetworkConfig&)>& change, const std::string& words) {
  NetworkConfig c;
  change(c);
  const std::string message = check_network_config(c);
  EXPECT_NE(message.find(words), std::string::npos)
      << "message: '" << message << "', expected '" << words << "'";
}
}  // namespace

TEST(Validation, DefaultsAreValid) {
  EXPECT_EQ(check_network_config(NetworkConfig{}), "");
  EXPECT_EQ(check_batchnorm_config(BatchNormConfig{}), "");
  EXPECT_EQ(check_dataset_config(DatasetConfig{}), "");
}

TEST(Validation, NetworkOptions) {
  expect_refused([](auto& c) { c.layers = {3}; }, "layers = [3] is not allowed: give at least two sizes");
  expect_refused([](auto& c) { c.layers = {2, 0, 1}; }, "layers[1] = 0 is not allowed");
  expect_refused([](auto& c) { c.layers = {2, -4, 1}; }, "layers[1] = -4 is not allowed");
  expect_refused([](auto& c) { c.layers = {2, 9000, 1}; }, "from 1 to 8192");
  expect_refused([](auto& c) { c.layers = std::vector<int>(67, 2); }, "layers has 67 sizes: at most 66");
  expect_refused([](auto& c) { c.layers = {8000, 8000, 8000, 1}; }, "parameters: at most 16777216");
  expect_refused([](auto& c) { c.eps = 0; }, "eps = 0 is not allowed");
  expect_refused([](auto& c) { c.eps = NAN; }, "eps = NaN is not allowed");
  expect_refused([](auto& c) { c.momentum = 1.5; }, "momentum = 1.5 is not allowed: a number from 0 to 1");
  expect_refused([](auto& c) { c.init_sigma = INFINITY; }, "init.sigma = Infinity is not allowed");
  expect_refused([](auto& c) { c.seed = 1.5; }, "seed = 1.5 is not allowed");
  expect_refused([](auto& c) { c.seed = -1; }, "seed = -1 is not allowed");
  expect_refused([](auto& c) { c.optimizer.lr = 0; }, "optimizer.lr = 0 is not allowed");
  expect_refused([](auto& c) { c.loss = Loss::SoftmaxCrossEntropy; }, "needs at least 2 outputs");
  expect_refused(
      [](auto& c) {
        c.placement = Placement::Before;
        c.center = c.scale = false;
      },
      "centering = false and scaling = false are not allowed together");
  expect_refused([](auto& c) { c.center = false; }, "centering = false needs a normalization");
}

TEST(Validation, Names) {
  std::string error;
  Activation a;
  EXPECT_FALSE(parse_activation("sigmoidd", &a, &error));
  EXPECT_EQ(error, "activation 'sigmoidd' is unknown: allowed are sigmoid, tanh, relu, linear");
  Loss l;
  EXPECT_FALSE(parse_loss("hinge", &l, &error));
  EXPECT_NE(error.find("loss 'hinge' is unknown"), std::string::npos);
  Placement p;
  EXPECT_FALSE(parse_placement("middle", &p, &error));
  EXPECT_NE(error.find("none, before, after"), std::string::npos);
  OptimizerKind o;
  EXPECT_FALSE(parse_optimizer("rmsprop", &o, &error));
  Init i;
  EXPECT_FALSE(parse_init("zeros", &i, &error));
  EXPECT_NE(error.find("gaussian, xavier, he"), std::string::npos);
  DatasetKind d;
  EXPECT_FALSE(parse_dataset("moons", &d, &error));
  EXPECT_NE(error.find("circle, xor, gauss, spiral"), std::string::npos);
}

TEST(Validation, RowCounts) {
  NetworkConfig c;
  c.layers = {784, 100, 10};
  c.loss = Loss::SoftmaxCrossEntropy;
  Network<float> net(c);
  EXPECT_NE(net.check_rows(0, false).find("n = 0 is not allowed"), std::string::npos);
  EXPECT_NE(net.check_rows(-3, false).find("n = -3 is not allowed"), std::string::npos);
  EXPECT_NE(net.check_rows(60000, false).find("too many rows"), std::string::npos);
  EXPECT_EQ(net.check_rows(5000, false), "");
}

TEST(Validation, BatchNormAndDatasetOptions) {
  EXPECT_NE(check_batchnorm_config({0, 1e-5, 0.1}).find("features = 0 is not allowed"), std::string::npos);
  EXPECT_NE(check_batchnorm_config({4, -1, 0.1}).find("eps = -1"), std::string::npos);
  DatasetConfig d;
  d.n = 1;
  EXPECT_NE(check_dataset_config(d).find("n = 1 is not allowed"), std::string::npos);
  d = {};
  d.noise = 2;
  EXPECT_NE(check_dataset_config(d).find("noise = 2 is not allowed"), std::string::npos);
  d = {};
  d.scale = 1e5;
  EXPECT_NE(check_dataset_config(d).find("scale = 100000 is not allowed"), std::string::npos);
}
