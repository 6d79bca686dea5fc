// Finite-difference gradient checks in double precision, for every layer alone and for whole networks
// across activation × placement × loss.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "bnp/activation.h"
#include "bnp/batch_norm.h"
#include "bnp/batch_renorm.h"
#include "bnp/dense.h"
#include "bnp/layer_norm.h"
#include "bnp/loss.h"
#include "bnp/network.h"
#include "bnp/rng.h"
#include "gradcheck.h"

using namespace bnp;

namespace {
std::vector<double> randoms(Rng& rng, size_t n, double scale = 1, double offset = 0) {
  std::vector<double> v(n);
  for (double& x : v) x = offset + scale * rng.normal();
  return v;
}
double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}
}  // namespace

TEST(GradientCheck, Dense) {
  const int N = 5, D = 4, H = 3;
  Rng rng(11);
  auto inp = randoms(rng, N * D), weight = randoms(rng, D * H), bias = randoms(rng, H),
       dout = randoms(rng, N * H);
  std::vector<double> out(N * H), dinp(N * D), dweight(D * H), dbias(H);
  dense_backward(dinp.data(), dweight.data(), dbias.data(), dout.data(), inp.data(), weight.data(), N, D, H);
  // L = Σ dout ⊙ out has ∂L/∂out = dout.
  auto loss = [&] {
    dense_forward(out.data(), inp.data(), weight.data(), bias.data(), N, D, H);
    return dot(out, dout);
  };
  EXPECT_TRUE(gradcheck::matches("dinp", inp.data(), inp.size(), dinp.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dweight", weight.data(), weight.size(), dweight.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dbias", bias.data(), bias.size(), dbias.data(), loss));
}

TEST(GradientCheck, Activations) {
  for (Activation kind : {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear}) {
    Rng rng(12);
    auto inp = randoms(rng, 40), dout = randoms(rng, 40);
    for (double& x : inp)
      if (std::fabs(x) < 0.05) x += 0.1;  // keep ReLU away from its kink
    std::vector<double> out(40), dinp(40);
    activation_forward(out.data(), inp.data(), kind, 40);
    activation_backward(dinp.data(), dout.data(), out.data(), kind, 40);
    auto loss = [&] {
      activation_forward(out.data(), inp.data(), kind, 40);
      return dot(out, dout);
    };
    EXPECT_TRUE(gradcheck::matches(activation_name(kind), inp.data(), inp.size(), dinp.data(), loss));
  }
}

TEST(GradientCheck, BatchNormTraining) {
  const int N = 6, H = 4;
  Rng rng(13);
  auto inp = randoms(rng, N * H, 2, 1), gamma = randoms(rng, H, 0.5, 1), beta = randoms(rng, H),
       dout = randoms(rng, N * H);
  std::vector<double> out(N * H), xhat(N * H), mean(H), var(H), rstd(H), dinp(N * H), dgamma(H), dbeta(H);
  auto loss = [&] {
    batchnorm_forward_train(out.data(), xhat.data(), mean.data(), var.data(), rstd.data(), inp.data(),
                            gamma.data(), beta.data(), N, H, 1e-5);
    return dot(out, dout);
  };
  loss();
  batchnorm_backward(dinp.data(), dgamma.data(), dbeta.data(), dout.data(), xhat.data(), gamma.data(),
                     rstd.data(), N, H);
  EXPECT_TRUE(gradcheck::matches("dinp", inp.data(), inp.size(), dinp.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dgamma", gamma.data(), gamma.size(), dgamma.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dbeta", beta.data(), beta.size(), dbeta.data(), loss));
}

TEST(GradientCheck, LayerNorm) {
  const int N = 5, H = 6;
  Rng rng(15);
  auto inp = randoms(rng, N * H, 2, 1), gamma = randoms(rng, H, 0.5, 1), beta = randoms(rng, H),
       dout = randoms(rng, N * H);
  std::vector<double> out(N * H), xhat(N * H), mean(N), var(N), rstd(N), dinp(N * H), dgamma(H), dbeta(H);
  auto loss = [&] {
    layernorm_forward(out.data(), xhat.data(), mean.data(), var.data(), rstd.data(), inp.data(), gamma.data(),
                      beta.data(), N, H, 1e-5);
    return dot(out, dout);
  };
  loss();
  layernorm_backward(dinp.data(), dgamma.data(), dbeta.data(), dout.data(), xhat.data(), gamma.data(),
                     rstd.data(), N, H);
  EXPECT_TRUE(gradcheck::matches("dinp", inp.data(), inp.size(), dinp.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dgamma", gamma.data(), gamma.size(), dgamma.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dbeta", beta.data(), beta.size(), dbeta.data(), loss));
  // Each row of x̂ has mean 0 and variance σ²/(σ² + ε), whatever the other rows hold.
  for (int i = 0; i < N; ++i) {
    double m = 0, v = 0;
    for (int j = 0; j < H; ++j) m += xhat[i * H + j] / H;
    for (int j = 0; j < H; ++j) v += (xhat[i * H + j] - m) * (xhat[i * H + j] - m) / H;
    EXPECT_NEAR(m, 0, 1e-12);
    EXPECT_NEAR(v, var[i] / (var[i] + 1e-5), 1e-12);
  }
}

// Each normalization with one half only — centering only, scaling only (RMSNorm over a row) — over the batch
// and over the units of each row.
TEST(GradientCheck, NormalizationWithOneHalf) {
  const int N = 6, H = 5;
  for (const NormParts parts : {NormParts{true, false}, NormParts{false, true}})
    for (const bool batch : {true, false}) {
      SCOPED_TRACE(std::string(batch ? "batch" : "layer") +
                   (parts.center ? ", centering only" : ", scaling only"));
      Rng rng(16);
      auto inp = randoms(rng, N * H, 2, 1), gamma = randoms(rng, H, 0.5, 1), beta = randoms(rng, H),
           dout = randoms(rng, N * H);
      const int stats = batch ? H : N;
      std::vector<double> out(N * H), xhat(N * H), mean(stats), var(stats), rstd(stats), dinp(N * H),
          dgamma(H), dbeta(H);
      auto loss = [&] {
        if (batch)
          batchnorm_forward_train(out.data(), xhat.data(), mean.data(), var.data(), rstd.data(), inp.data(),
                                  gamma.data(), beta.data(), N, H, 1e-5, parts);
        else
          layernorm_forward(out.data(), xhat.data(), mean.data(), var.data(), rstd.data(), inp.data(),
                            gamma.data(), beta.data(), N, H, 1e-5, parts);
        return dot(out, dout);
      };
      loss();
      if (batch)
        batchnorm_backward(dinp.data(), dgamma.data(), dbeta.data(), dout.data(), xhat.data(), gamma.data(),
                           rstd.data(), N, H, parts);
      else
        layernorm_backward(dinp.data(), dgamma.data(), dbeta.data(), dout.data(), xhat.data(), gamma.data(),
                           rstd.data(), N, H, parts);
      EXPECT_TRUE(gradcheck::matches("dinp", inp.data(), inp.size(), dinp.data(), loss));
      EXPECT_TRUE(gradcheck::matches("dgamma", gamma.data(), gamma.size(), dgamma.data(), loss));
      EXPECT_TRUE(gradcheck::matches("dbeta", beta.data(), beta.size(), dbeta.data(), loss));
      // What each half leaves: centering only, every group's x̂ has mean 0 (and x's spread); scaling only, a
      // mean square m₂/(m₂ + ε) (and x's mean, scaled).
      for (int g = 0; g < stats; ++g) {
        const int count = batch ? N : H;
        double m = 0, sq = 0;
        for (int k = 0; k < count; ++k) {
          const double v = batch ? xhat[k * H + g] : xhat[g * H + k];
          m += v / count;
          sq += v * v / count;
        }
        if (parts.center) {
          EXPECT_NEAR(m, 0, 1e-12);
        }
        if (parts.scale) {
          EXPECT_NEAR(sq, var[g] / (var[g] + 1e-5), 1e-12);
        }
      }
    }
}

// Batch renormalization holds r and d constant in its backward pass. With running statistics far from the
// batch's, both clips bind, so r and d really are constant near the point and finite differences agree.
TEST(GradientCheck, BatchRenormWithBindingClips) {
  const int N = 6, H = 4;
  Rng rng(17);
  auto inp = randoms(rng, N * H, 2, 1), gamma = randoms(rng, H, 0.5, 1), beta = randoms(rng, H),
       dout = randoms(rng, N * H);
  const std::vector<double> running_mean(H, 300.0), running_var(H, 900.0);  // σ = 30: r = 1/3, d = −5
  std::vector<double> out(N * H), xhat(N * H), mean(H), var(H), rstd(H), r(H), d(H), dinp(N * H), dgamma(H),
      dbeta(H);
  auto loss = [&] {
    batchrenorm_forward_train(out.data(), xhat.data(), mean.data(), var.data(), rstd.data(), r.data(),
                              d.data(), inp.data(), gamma.data(), beta.data(), running_mean.data(),
                              running_var.data(), N, H, 1e-5, 3.0, 5.0);
    return dot(out, dout);
  };
  loss();
  for (int j = 0; j < H; ++j) {
    EXPECT_DOUBLE_EQ(r[j], 1.0 / 3);
    EXPECT_DOUBLE_EQ(d[j], -5.0);
  }
  batchrenorm_backward(dinp.data(), dgamma.data(), dbeta.data(), dout.data(), xhat.data(), gamma.data(),
                       rstd.data(), r.data(), d.data(), N, H);
  EXPECT_TRUE(gradcheck::matches("dinp", inp.data(), inp.size(), dinp.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dgamma", gamma.data(), gamma.size(), dgamma.data(), loss));
  EXPECT_TRUE(gradcheck::matches("dbeta", beta.data(), beta.size(), dbeta.data(), loss));
}

TEST(GradientCheck, Losses) {
  const int N = 4, O = 3;
  for (Loss kind : {Loss::SoftmaxCrossEntropy, Loss::BinaryCrossEntropy, Loss::MeanSquaredError}) {
    Rng rng(14);
    auto logits = randoms(rng, N * O, 2);
    std::vector<double> targets(N * O, 0.0), probs(N * O), dlogits(N * O), unused(N * O);
    for (int i = 0; i < N; ++i) targets[i * O + i % O] = 1;
    if (kind == Loss::MeanSquaredError) targets = randoms(rng, N * O);
    loss_forward_backward(dlogits.data(), probs.data(), logits.data(), targets.data(), kind, N, O);
    auto loss = [&] {
      return loss_forward_backward(unused.data(), probs.data(), logits.data(), targets.data(), kind, N, O);
    };
    EXPECT_TRUE(gradcheck::matches(loss_name(kind), logits.data(), logits.size(), dlogits.data(), loss));
  }
}

class NetworkGradient : public ::testing::TestWithParam<std::tuple<Activation, Placement, Loss>> {};

TEST_P(NetworkGradient, MatchesFiniteDifferences) {
  const auto [activation, placement, loss] = GetParam();
  NetworkConfig config;
  config.layers = {3, 5, 4, 3};
  config.activation = activation;
  config.placement = placement;
  config.loss = loss;
  config.init_sigma = 0.8;
  config.seed = 21;
  ASSERT_EQ(check_network_config(config), "");
  Network<double> net(config);
  const int N = 6;
  net.reserve(N);
  Rng rng(22);
  for (int i = 0; i < N * 3; ++i) net.input()[i] = rng.normal();
  for (int i = 0; i < N * 3; ++i) net.target()[i] = loss == Loss::MeanSquaredError ? rng.normal() : 0.0;
  if (loss != Loss::MeanSquaredError)
    for (int i = 0; i < N; ++i) net.target()[i * 3 + i % 3] = 1;
  // Non-trivial γ, β and biases, so no gradient vanishes by symmetry.
  for (size_t i = 0; i < net.parameter_count(); ++i)
    if (net.parameters()[i] == 0.0 || net.parameters()[i] == 1.0) net.parameters()[i] += 0.3 * rng.normal();
  net.compute_gradients(N, false);
  std::vector<double> analytic(net.gradients(), net.gradients() + net.parameter_count());
  EXPECT_TRUE(gradcheck::matches("parameters", net.parameters(), net.parameter_count(), analytic.data(),
                                 [&] { return net.compute_loss(N); }));
}

INSTANTIATE_TEST_SUITE_P(
    AllCombinations, NetworkGradient,
    ::testing::Combine(
        ::testing::Values(Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::Linear),
        ::testing::Values(Placement::None, Placement::Before, Placement::After),
        ::testing::Values(Loss::SoftmaxCrossEntropy, Loss::BinaryCrossEntropy, Loss::MeanSquaredError)),
    [](const auto& info) {
      return std::string(activation_name(std::get<0>(info.param))) + "_" +
             placement_name(std::get<1>(info.param)) + "_" + std::to_string(int(std::get<2>(info.param)));
    });

// A normalized 3-5-4-3 tanh network (softmax loss) of `config`'s normalization, after three training steps (a
// later noise draw than the first), against finite differences; returns its analytic gradients.
static std::vector<double> expect_normalized_network_gradient(NetworkConfig config, uint64_t seed) {
  config.layers = {3, 5, 4, 3};
  config.activation = Activation::Tanh;
  config.loss = Loss::SoftmaxCrossEntropy;
  config.init_sigma = 0.8;
  config.seed = double(seed);
  EXPECT_EQ(check_network_config(config), "");
  Network<double> net(config);
  const int N = 6;
  net.reserve(N);
  Rng rng(seed + 1);
  for (int i = 0; i < N * 3; ++i) net.input()[i] = rng.normal();
  for (int i = 0; i < N; ++i) net.target()[i * 3 + i % 3] = 1;
  // Non-trivial γ, β and biases, so no gradient vanishes by symmetry.
  for (size_t i = 0; i < net.parameter_count(); ++i)
    if (net.parameters()[i] == 0.0 || net.parameters()[i] == 1.0) net.parameters()[i] += 0.3 * rng.normal();
  for (int step = 0; step < 3; ++step) net.train_step(N);
  net.compute_gradients(N, false);
  std::vector<double> analytic(net.gradients(), net.gradients() + net.parameter_count());
  EXPECT_TRUE(gradcheck::matches("parameters", net.parameters(), net.parameter_count(), analytic.data(),
                                 [&] { return net.compute_loss(N); }));
  // Scaling only: β does nothing and gets no gradient, whatever it holds.
  for (const auto& block : net.layout()) {
    if (block.name != "beta" || config.center) continue;
    for (int j = 0; j < block.cols; ++j) {
      EXPECT_EQ(analytic[block.offset + size_t(j)], 0.0);
    }
  }
  return analytic;
}

// Batch norm and layer norm, before and after the activation, with and without injected noise: the noise is
// drawn from (seed, step), so the finite differences at one step see the same draw as the gradient.
class NormalizedNetworkGradient : public ::testing::TestWithParam<std::tuple<Norm, Placement, double>> {};

TEST_P(NormalizedNetworkGradient, MatchesFiniteDifferences) {
  const auto [norm, placement, noise] = GetParam();
  NetworkConfig config;
  config.placement = placement;
  config.norm = norm;
  config.noise = noise;
  expect_normalized_network_gradient(config, 23);
}

// Whole networks whose normalization keeps one half: centering only, scaling only (with layer norm: RMSNorm).
class OneHalfNetworkGradient : public ::testing::TestWithParam<std::tuple<Norm, Placement, bool>> {};

TEST_P(OneHalfNetworkGradient, MatchesFiniteDifferences) {
  const auto [norm, placement, center] = GetParam();
  NetworkConfig config;
  config.placement = placement;
  config.norm = norm;
  config.center = center;
  config.scale = !center;
  expect_normalized_network_gradient(config, 25);
}

INSTANTIATE_TEST_SUITE_P(CenteringOrScalingOnly, OneHalfNetworkGradient,
                         ::testing::Combine(::testing::Values(Norm::Batch, Norm::Layer),
                                            ::testing::Values(Placement::Before, Placement::After),
                                            ::testing::Values(true, false)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == Norm::Batch ? "batch" : "layer") +
                                  "_" + placement_name(std::get<1>(info.param)) +
                                  (std::get<2>(info.param) ? "_centering_only" : "_scaling_only");
                         });

INSTANTIATE_TEST_SUITE_P(BatchAndLayerNorm, NormalizedNetworkGradient,
                         ::testing::Combine(::testing::Values(Norm::Batch, Norm::Layer),
                                            ::testing::Values(Placement::Before, Placement::After),
                                            ::testing::Values(0.0, 0.7)),
                         [](const auto& info) {
                           return std::string(std::get<0>(info.param) == Norm::Batch ? "batch" : "layer") +
                                  "_" + placement_name(std::get<1>(info.param)) +
                                  (std::get<2>(info.param) > 0 ? "_noise" : "");
                         });
