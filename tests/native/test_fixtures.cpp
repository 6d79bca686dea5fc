// The float32 core against PyTorch's numbers (tests/fixtures, written by build-scripts/make-fixtures.py).
#include <gtest/gtest.h>

#include <sstream>

#include "bnp/batch_norm.h"
#include "bnp/batch_norm_layer.h"
#include "bnp/batch_renorm.h"
#include "bnp/layer_norm.h"
#include "bnp/layer_norm_layer.h"
#include "bnp/network.h"
#include "bnp/optimizer.h"
#include "fixtures.h"

using namespace bnp;
using fixtures::close;

// float32 arithmetic over a handful of terms: relative error a few ulp (1e-7 each) times the terms;
// 1e-4 relative plus a small absolute floor for values near zero.
constexpr double kAtol = 2e-5, kRtol = 1e-4;

TEST(PyTorchFixtures, BatchNormLayer) {
  for (const auto& c : fixtures::load("batch_norm.txt")) {
    SCOPED_TRACE(c.name);
    const auto& x = c.tensor("x");
    const int N = x.rows, H = x.cols;
    BatchNormLayer<float> bn({H, std::stod(c.text.at("eps")), std::stod(c.text.at("momentum"))});
    bn.reserve(N);
    auto copy = [](const fixtures::Tensor& t, float* to) { std::copy(t.values.begin(), t.values.end(), to); };
    copy(x, bn.input());
    copy(c.tensor("gamma"), bn.gamma());
    copy(c.tensor("beta"), bn.beta());
    copy(c.tensor("dy"), bn.dout());
    bn.forward(N, true);
    bn.backward();
    // The offset case has x̂ = (x − μ)·100: float32's rounding of x itself is what bounds agreement there.
    const double scale = c.name == "offset" ? 100 : 1;
    EXPECT_TRUE(close(bn.output(), c.tensor("y").values, kAtol, kRtol));
    EXPECT_TRUE(close(bn.dinput(), c.tensor("dx").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(bn.dgamma(), c.tensor("dgamma").values, kAtol, kRtol));
    EXPECT_TRUE(close(bn.dbeta(), c.tensor("dbeta").values, kAtol, kRtol));
    EXPECT_TRUE(close(bn.running_mean(), c.tensor("running_mean").values, kAtol, kRtol));
    EXPECT_TRUE(close(bn.running_var(), c.tensor("running_var").values, kAtol, kRtol));
    bn.forward(N, false);
    EXPECT_TRUE(close(bn.output(), c.tensor("y_eval").values, kAtol, kRtol));
  }
}

// Eval mode against given running statistics whose variances are small next to ε (a variance of 0 included):
// ε moved out of the square root, or dropped, changes these outputs by orders of magnitude.
TEST(Fixtures, BatchNormEvalWhereEpsMatters) {
  for (const auto& c : fixtures::load("batch_norm_eval.txt")) {
    SCOPED_TRACE(c.name);
    const auto& x = c.tensor("x");
    const int N = x.rows, H = x.cols;
    BatchNormLayer<float> bn({H, std::stod(c.text.at("eps")), 0.1});
    bn.reserve(N);
    auto copy = [](const fixtures::Tensor& t, float* to) { std::copy(t.values.begin(), t.values.end(), to); };
    copy(x, bn.input());
    copy(c.tensor("gamma"), bn.gamma());
    copy(c.tensor("beta"), bn.beta());
    copy(c.tensor("running_mean"), bn.running_mean());
    copy(c.tensor("running_var"), bn.running_var());
    bn.forward(N, false);
    EXPECT_TRUE(close(bn.output(), c.tensor("y_eval").values, kAtol, kRtol));
  }
}

TEST(PyTorchFixtures, LayerNormLayer) {
  for (const auto& c : fixtures::load("layer_norm.txt")) {
    SCOPED_TRACE(c.name);
    const auto& x = c.tensor("x");
    const int N = x.rows, H = x.cols;
    LayerNormLayer<float> ln({H, std::stod(c.text.at("eps"))});
    ln.reserve(N);
    auto copy = [](const fixtures::Tensor& t, float* to) { std::copy(t.values.begin(), t.values.end(), to); };
    copy(x, ln.input());
    copy(c.tensor("gamma"), ln.gamma());
    copy(c.tensor("beta"), ln.beta());
    copy(c.tensor("dy"), ln.dout());
    ln.forward(N);
    ln.backward();
    const double scale = c.name == "offset" ? 100 : 1;  // x̂ = (x − μ)·100 there, as for batch norm
    EXPECT_TRUE(close(ln.output(), c.tensor("y").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(ln.dinput(), c.tensor("dx").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(ln.dgamma(), c.tensor("dgamma").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(ln.dbeta(), c.tensor("dbeta").values, kAtol, kRtol));
  }
}

// Centering only and scaling only (batch norm over the rows, RMSNorm and centring over the units of each row)
// against a float64 reference written from the formulas, with gradients through the full Jacobian
// (build-scripts/make-norm-parts-fixture.py): the float32 functions, training and eval mode, running
// statistics.
TEST(NormPartsFixtures, CenteringOnlyAndScalingOnly) {
  const auto cases = fixtures::load("norm_parts.txt");
  ASSERT_EQ(cases.size(), 8u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto& xt = c.tensor("x");
    const int N = xt.rows, H = xt.cols;
    const NormParts parts{c.text.at("center") == "1", c.text.at("scale") == "1"};
    const float eps = std::stof(c.text.at("eps")), momentum = std::stof(c.text.at("momentum"));
    const auto x = xt.as_float(), gamma = c.tensor("gamma").as_float(), beta = c.tensor("beta").as_float(),
               dy = c.tensor("dy").as_float();
    std::vector<float> y(N * H), xhat(N * H), dx(N * H), dgamma(H), dbeta(H);
    const bool batch = c.text.at("kind") == "batch";
    const int stats = batch ? H : N;
    std::vector<float> mean(stats), var(stats), rstd(stats);
    if (batch) {
      batchnorm_forward_train(y.data(), xhat.data(), mean.data(), var.data(), rstd.data(), x.data(),
                              gamma.data(), beta.data(), N, H, eps, parts);
      batchnorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), xhat.data(), gamma.data(),
                         rstd.data(), N, H, parts);
    } else {
      layernorm_forward(y.data(), xhat.data(), mean.data(), var.data(), rstd.data(), x.data(), gamma.data(),
                        beta.data(), N, H, eps, parts);
      layernorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), xhat.data(), gamma.data(),
                         rstd.data(), N, H, parts);
    }
    const double scale = c.name.find("offset") != std::string::npos ? 10 : 1;  // x̂ = x − μ of values near 3
    EXPECT_TRUE(close(y.data(), c.tensor("y").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(dx.data(), c.tensor("dx").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(dgamma.data(), c.tensor("dgamma").values, kAtol * scale, kRtol));
    EXPECT_TRUE(close(dbeta.data(), c.tensor("dbeta").values, kAtol, kRtol));
    if (!batch) continue;
    std::vector<float> running_mean(H, 0.0f), running_var(H, 1.0f), y_eval(N * H);
    batchnorm_update_running(running_mean.data(), running_var.data(), mean.data(), var.data(), N, H, momentum,
                             parts);
    EXPECT_TRUE(close(running_mean.data(), c.tensor("running_mean").values, kAtol, kRtol));
    EXPECT_TRUE(close(running_var.data(), c.tensor("running_var").values, kAtol, kRtol));
    batchnorm_forward_eval(y_eval.data(), xhat.data(), x.data(), gamma.data(), beta.data(),
                           running_mean.data(), running_var.data(), N, H, eps, parts);
    EXPECT_TRUE(close(y_eval.data(), c.tensor("y_eval").values, kAtol * scale, kRtol));
  }
}

// Batch renormalization against a float64 reference written from Ioffe (2017) (make-formula-fixtures.py): the
// clips open, closed to batch norm (r_max = 1, d_max = 0), and binding.
TEST(RenormFixtures, BatchRenormalization) {
  const auto cases = fixtures::load("batch_renorm.txt");
  ASSERT_EQ(cases.size(), 3u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto& xt = c.tensor("x");
    const int N = xt.rows, H = xt.cols;
    const auto x = xt.as_float(), gamma = c.tensor("gamma").as_float(), beta = c.tensor("beta").as_float(),
               dy = c.tensor("dy").as_float(), running_mean = c.tensor("running_mean").as_float(),
               running_var = c.tensor("running_var").as_float();
    std::vector<float> y(N * H), xhat(N * H), dx(N * H), dgamma(H), dbeta(H), mean(H), var(H), rstd(H), r(H),
        d(H);
    batchrenorm_forward_train(y.data(), xhat.data(), mean.data(), var.data(), rstd.data(), r.data(), d.data(),
                              x.data(), gamma.data(), beta.data(), running_mean.data(), running_var.data(), N,
                              H, std::stof(c.text.at("eps")), std::stof(c.text.at("r_max")),
                              std::stof(c.text.at("d_max")));
    batchrenorm_backward(dx.data(), dgamma.data(), dbeta.data(), dy.data(), xhat.data(), gamma.data(),
                         rstd.data(), r.data(), d.data(), N, H);
    EXPECT_TRUE(close(r.data(), c.tensor("r").values, kAtol, kRtol));
    EXPECT_TRUE(close(d.data(), c.tensor("d").values, kAtol, kRtol));
    EXPECT_TRUE(close(y.data(), c.tensor("y").values, kAtol, kRtol));
    EXPECT_TRUE(close(dx.data(), c.tensor("dx").values, kAtol, kRtol));
    EXPECT_TRUE(close(dgamma.data(), c.tensor("dgamma").values, kAtol, kRtol));
    EXPECT_TRUE(close(dbeta.data(), c.tensor("dbeta").values, kAtol, kRtol));
  }
}

NetworkConfig config_of(const fixtures::Case& c) {
  NetworkConfig config;
  config.layers.clear();
  std::stringstream sizes(c.text.at("layers"));
  for (std::string size; std::getline(sizes, size, ',');) config.layers.push_back(std::stoi(size));
  std::string error;
  EXPECT_TRUE(parse_activation(c.text.at("activation"), &config.activation, &error));
  EXPECT_TRUE(parse_placement(c.text.at("batchNorm"), &config.placement, &error));
  if (c.text.count("norm") && c.text.at("norm") == "layer") config.norm = Norm::Layer;
  EXPECT_TRUE(parse_loss(c.text.at("loss"), &config.loss, &error));
  config.optimizer.lr = std::stod(c.text.at("lr"));
  EXPECT_EQ(check_network_config(config), "");
  return config;
}

TEST(PyTorchFixtures, NetworkTrainingStep) {
  for (const auto& c : fixtures::load("network.txt")) {
    SCOPED_TRACE(c.name);
    Network<float> net(config_of(c));
    const auto& x = c.tensor("x");
    const int N = x.rows;
    const auto params = c.tensor("params").as_float();
    ASSERT_EQ(params.size(), net.parameter_count());
    std::copy(params.begin(), params.end(), net.parameters());
    net.reserve(N);
    const auto inputs = x.as_float(), targets = c.tensor("targets").as_float();
    std::copy(inputs.begin(), inputs.end(), net.input());
    std::copy(targets.begin(), targets.end(), net.target());
    const double loss = net.train_step(N);
    EXPECT_NEAR(loss, c.tensor("loss").values[0], 1e-5 * (1 + std::fabs(c.tensor("loss").values[0])));
    EXPECT_TRUE(close(net.output(), c.tensor("output").values, kAtol, kRtol));
    EXPECT_TRUE(close(net.gradients(), c.tensor("grads").values, kAtol, kRtol));
    EXPECT_TRUE(close(net.parameters(), c.tensor("params_after").values, kAtol, kRtol));
    if (c.tensors.count("running_mean_0")) {
      EXPECT_TRUE(close(net.running_mean(0), c.tensor("running_mean_0").values, kAtol, kRtol));
      EXPECT_TRUE(close(net.running_var(0), c.tensor("running_var_0").values, kAtol, kRtol));
    }
    net.predict(N, Mode::Eval);
    EXPECT_TRUE(close(net.output(), c.tensor("eval_output").values, kAtol, kRtol));
  }
}

// Each case: an optimizer kind, its learning rate at each of three steps (changed between steps in the
// *_lr_change cases) and its weight decay; the parameters after each step as PyTorch computed them.
TEST(PyTorchFixtures, Optimizers) {
  for (const auto& c : fixtures::load("optimizer.txt")) {
    SCOPED_TRACE(c.name);
    const std::string kind = c.text.at("kind");
    const float wd = std::stof(c.text.at("weight_decay"));
    std::vector<float> p = c.tensor("p0").as_float(), s1(p.size(), 0.f), s2(p.size(), 0.f);
    for (int t = 1; t <= 3; ++t) {
      const auto g = c.tensor("g" + std::to_string(t)).as_float();
      const float lr = std::stof(c.text.at("lr" + std::to_string(t)));
      if (kind == "sgd") sgd_step(p.data(), g.data(), p.size(), lr, wd);
      if (kind == "momentum") momentum_step(p.data(), s1.data(), g.data(), p.size(), lr, 0.9f, wd);
      if (kind == "adam")
        adam_step(p.data(), s1.data(), s2.data(), g.data(), p.size(), lr, 0.9f, 0.999f, 1e-8f, t, wd);
      EXPECT_TRUE(close(p.data(), c.tensor("p" + std::to_string(t)).values, 1e-6, 1e-5)) << "step " << t;
    }
  }
}

// Precise batch norm against the float64 reference of build-scripts/make-fixtures.py: the running statistics
// after recomputing them over consecutive mini-batches of m rows (a last, partial batch left out).
TEST(Fixtures, RecomputedStatistics) {
  for (const auto& c : fixtures::load("precise_bn.txt")) {
    SCOPED_TRACE(c.name);
    Network<float> net(config_of(c));
    const auto params = c.tensor("params").as_float();
    ASSERT_EQ(params.size(), net.parameter_count());
    std::copy(params.begin(), params.end(), net.parameters());
    const int m = std::stoi(c.text.at("batch"));
    const auto x = c.tensor("x").as_float();
    const int batches = c.tensor("x").rows / m;
    net.reserve(m);
    ASSERT_EQ(net.recompute_statistics(x.data(), m, batches), "");
    for (int l = 0; l + 1 < net.layer_count(); ++l) {
      EXPECT_TRUE(
          close(net.running_mean(l), c.tensor("running_mean_" + std::to_string(l)).values, kAtol, kRtol));
      EXPECT_TRUE(
          close(net.running_var(l), c.tensor("running_var_" + std::to_string(l)).values, kAtol, kRtol));
    }
    // Refused, changing nothing: a batch of 1, or no whole batch.
    std::vector<float> before(net.running_var(0), net.running_var(0) + net.layer(0).units);
    EXPECT_NE(net.recompute_statistics(x.data(), 1, batches), "");
    EXPECT_NE(net.recompute_statistics(x.data(), m, 0), "");
    EXPECT_TRUE(std::equal(before.begin(), before.end(), net.running_var(0)));
  }
}
