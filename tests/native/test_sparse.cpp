// The first layer's sparse path (sparse.h): the index, the two products against the dense ones and against
// sums written out here, and a network on mostly-zero inputs against finite differences.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "bnp/dense.h"
#include "bnp/network.h"
#include "bnp/pixels.h"
#include "bnp/rng.h"
#include "bnp/sparse.h"
#include "gradcheck.h"

using namespace bnp;

namespace {

// [N × D] values, each non-zero with probability `share`.
std::vector<double> sparse_rows(Rng& rng, int N, int D, double share) {
  std::vector<double> x(size_t(N) * D, 0.0);
  for (auto& v : x)
    if (rng.uniform() < share) v = rng.normal();
  return x;
}

}  // namespace

TEST(Sparse, IndexHoldsEveryNonZeroByRowAndByColumnInOrder) {
  const int N = 7, D = 45;
  Rng rng(3);
  auto x = sparse_rows(rng, N, D, 0.3);
  SparseInputs<double> s;
  s.reserve(N, D);
  ASSERT_TRUE(sparse_index(&s, x.data(), N, D));
  sparse_columns(&s, N, D);
  int count = 0;
  for (double v : x) count += v != 0;
  EXPECT_EQ(s.row_start[N], count);
  EXPECT_EQ(s.col_start[D], count);
  for (int r = 0; r < N; ++r) {
    int k = -1;
    for (int e = s.row_start[r]; e < s.row_start[r + 1]; ++e) {
      EXPECT_GT(s.row_col[e], k);  // ascending
      k = s.row_col[e];
      EXPECT_EQ(s.row_val[e], x[size_t(r) * D + k]);
    }
  }
  for (int k = 0; k < D; ++k) {
    int r = -1;
    int expected = 0;
    for (int i = 0; i < N; ++i) expected += x[size_t(i) * D + k] != 0;
    EXPECT_EQ(s.col_start[k + 1] - s.col_start[k], expected);
    for (int e = s.col_start[k]; e < s.col_start[k + 1]; ++e) {
      EXPECT_GT(s.col_row[e], r);
      r = s.col_row[e];
      EXPECT_EQ(s.col_val[e], x[size_t(r) * D + k]);
    }
  }
}

TEST(Sparse, DenseInputsKeepTheDensePath) {
  const int N = 6, D = 40;
  Rng rng(4);
  SparseInputs<double> s;
  s.reserve(N, D);
  EXPECT_FALSE(sparse_index(&s, sparse_rows(rng, N, D, 0.6).data(), N, D));  // 40% zeros
  EXPECT_TRUE(sparse_index(&s, sparse_rows(rng, N, D, 0.4).data(), N, D));   // 60% zeros
  std::vector<double> zeros(size_t(N) * D, 0.0);
  EXPECT_TRUE(sparse_index(&s, zeros.data(), N, D));
  EXPECT_EQ(s.row_start[N], 0);
}

// The products against sums written out here (in double, so the order of the terms does not matter at this
// tolerance) and against the dense path, for widths that use every strip of the wasm kernel (32, 4, 1).
TEST(Sparse, ProductsMatchTheDenseOnes) {
  for (int H : {1, 3, 4, 37, 100}) {
    const int N = 9, D = 50;
    Rng rng(5 + H);
    auto x = sparse_rows(rng, N, D, 0.25);
    std::vector<float> xf(x.begin(), x.end()), w(size_t(D) * H), b(H), dout(size_t(N) * H);
    for (auto& v : w) v = float(rng.normal());
    for (auto& v : b) v = float(rng.normal());
    for (auto& v : dout) v = float(rng.normal());
    SparseInputs<float> s;
    s.reserve(N, D);
    ASSERT_TRUE(sparse_index(&s, xf.data(), N, D));
    sparse_columns(&s, N, D);
    std::vector<float> out(size_t(N) * H), dense_out(out.size()), dw(size_t(D) * H), dense_dw(dw.size()),
        db(H);
    sparse_dense_forward(out.data(), s, w.data(), b.data(), N, D, H);
    sparse_weight_gradient(dw.data(), s, dout.data(), N, D, H);
    dense_forward(dense_out.data(), xf.data(), w.data(), b.data(), N, D, H);
    dense_backward<float>(nullptr, dense_dw.data(), db.data(), dout.data(), xf.data(), w.data(), N, D, H);
    for (int r = 0; r < N; ++r)
      for (int j = 0; j < H; ++j) {
        double z = b[j];
        for (int k = 0; k < D; ++k) z += double(xf[size_t(r) * D + k]) * w[size_t(k) * H + j];
        EXPECT_NEAR(out[size_t(r) * H + j], z, 1e-5 * (1 + std::abs(z))) << "H " << H;
        EXPECT_NEAR(out[size_t(r) * H + j], dense_out[size_t(r) * H + j], 1e-5 * (1 + std::abs(z)));
      }
    for (int k = 0; k < D; ++k)
      for (int j = 0; j < H; ++j) {
        double g = 0;
        for (int r = 0; r < N; ++r) g += double(xf[size_t(r) * D + k]) * dout[size_t(r) * H + j];
        EXPECT_NEAR(dw[size_t(k) * H + j], g, 1e-5 * (1 + std::abs(g))) << "H " << H;
        EXPECT_NEAR(dw[size_t(k) * H + j], dense_dw[size_t(k) * H + j], 1e-5 * (1 + std::abs(g)));
      }
  }
}

// A whole network whose inputs are 80% zeros (so it takes the sparse path) against finite differences.
TEST(Sparse, NetworkOnMostlyZeroInputsMatchesFiniteDifferences) {
  for (Placement placement : {Placement::None, Placement::Before}) {
    NetworkConfig config;
    config.layers = {20, 6, 3};
    config.activation = Activation::Sigmoid;
    config.placement = placement;
    config.init_sigma = 0.8;
    config.seed = 31;
    ASSERT_EQ(check_network_config(config), "");
    Network<double> net(config);
    const int N = 8;
    net.reserve(N);
    Rng rng(32);
    auto x = sparse_rows(rng, N, 20, 0.2);
    std::copy(x.begin(), x.end(), net.input());
    for (int i = 0; i < N * 3; ++i) net.target()[i] = 0;
    for (int i = 0; i < N; ++i) net.target()[i * 3 + i % 3] = 1;
    for (size_t i = 0; i < net.parameter_count(); ++i)
      if (net.parameters()[i] == 0.0 || net.parameters()[i] == 1.0) net.parameters()[i] += 0.3 * rng.normal();
    SparseInputs<double> check;
    check.reserve(N, 20);
    ASSERT_TRUE(sparse_index(&check, net.input(), N, 20))
        << "the inputs must be sparse enough for the sparse path";
    net.compute_gradients(N, false);
    std::vector<double> analytic(net.gradients(), net.gradients() + net.parameter_count());
    EXPECT_TRUE(gradcheck::matches("parameters", net.parameters(), net.parameter_count(), analytic.data(),
                                   [&] { return net.compute_loss(N); }));
  }
}

// Staged pixels (pixels.h): picked rows give the index that sparse_index gives over the same rows written out
// as floats p / 255 (the same decision too), and a network trained on them the same numbers.
namespace {
// [n × D] bytes, each non-zero with probability `share`.
std::vector<uint8_t> pixel_rows(Rng& rng, int n, int D, double share) {
  std::vector<uint8_t> p(size_t(n) * D, 0);
  for (auto& v : p)
    if (rng.uniform() < share) v = uint8_t(1 + int(rng.uniform() * 255) % 255);
  return p;
}
std::vector<float> as_floats(const std::vector<uint8_t>& p, const std::vector<int>& picks, int D) {
  std::vector<float> x;
  for (int r : picks)
    for (int k = 0; k < D; ++k) x.push_back(float(p[size_t(r) * D + k] / 255.0));
  return x;
}
}  // namespace

TEST(Pixels, PickedRowsIndexAsTheirFloatsDo) {
  const int n = 9, D = 37;
  Rng rng(5);
  for (double share : {0.2, 0.7}) {  // the sparse path, then rows too dense for it
    const auto bytes = pixel_rows(rng, n, D, share);
    size_t nonzeros = 0;
    for (uint8_t b : bytes) nonzeros += b != 0;
    ASSERT_EQ(PixelRows::check(n, D, double(nonzeros)), "");
    PixelRows pixels(n, D, nonzeros);
    ASSERT_TRUE(pixels.add_rows(bytes.data(), 4));
    ASSERT_TRUE(pixels.add_rows(bytes.data() + 4 * D, n - 4));
    EXPECT_FALSE(pixels.add_rows(bytes.data(), 1));  // all n rows are in
    EXPECT_EQ(pixels.nonzeros(), nonzeros);
    const std::vector<int> picks = {3, 0, 8, 3, 5};
    const int N = int(picks.size());
    const auto x = as_floats(bytes, picks, D);
    SparseInputs<float> from_pixels, from_floats;
    from_pixels.reserve(N, D);
    from_floats.reserve(N, D);
    const bool sparse = sparse_index(&from_floats, x.data(), N, D);
    EXPECT_EQ(sparse, share < 0.5);
    ASSERT_EQ(pixels.index(&from_pixels, picks.data(), N), sparse);
    std::vector<float> dense(x.size(), -1.f);
    pixels.write_dense(dense.data(), picks.data(), N);
    EXPECT_EQ(dense, x);
    if (!sparse) continue;
    sparse_columns(&from_pixels, N, D);
    sparse_columns(&from_floats, N, D);
    const int count = from_floats.row_start[N];
    EXPECT_EQ(from_pixels.row_start, from_floats.row_start);
    EXPECT_EQ(from_pixels.col_start, from_floats.col_start);
    for (int e = 0; e < count; ++e) {
      EXPECT_EQ(from_pixels.row_col[e], from_floats.row_col[e]);
      EXPECT_EQ(from_pixels.row_val[e], from_floats.row_val[e]);
      EXPECT_EQ(from_pixels.col_row[e], from_floats.col_row[e]);
      EXPECT_EQ(from_pixels.col_val[e], from_floats.col_val[e]);
    }
  }
}

TEST(Pixels, BadSizesAndRowNumbersAreRefusedNamingTheValue) {
  EXPECT_EQ(PixelRows::check(0, 784, 0),
            "n = 0 is not allowed: the number of rows is a whole number from 1 to 1000000");
  EXPECT_EQ(
      PixelRows::check(2, 8193, 0),
      "features = 8193 is not allowed: a whole number from 1 to 8192 (the most inputs a network takes)");
  EXPECT_EQ(PixelRows::check(2, 3, 7), "nonzeros = 7 is not allowed: from 0 to n × features");
  const uint8_t bytes[6] = {0, 9, 0, 200, 0, 0};
  PixelRows pixels(2, 3, 1);
  EXPECT_FALSE(pixels.add_rows(bytes, 2));  // two non-zeros where one was announced: nothing added
  EXPECT_EQ(pixels.rows(), 0);
  PixelRows two(2, 3, 2);
  ASSERT_TRUE(two.add_rows(bytes, 2));
  const int good[2] = {1, 0}, bad[3] = {1, 2, 0};
  EXPECT_EQ(two.check_picks(good, 2), "");
  EXPECT_EQ(two.check_picks(bad, 3), "rows[1] = 2 is not allowed: a row number from 0 to 1");
}

TEST(Pixels, ANetworkTrainsOnPickedPixelsAsOnTheirFloats) {
  const int n = 30, D = 50;
  Rng rng(8);
  const auto bytes = pixel_rows(rng, n, D, 0.25);
  size_t nonzeros = 0;
  for (uint8_t b : bytes) nonzeros += b != 0;
  PixelRows pixels(n, D, nonzeros);
  ASSERT_TRUE(pixels.add_rows(bytes.data(), n));
  NetworkConfig config;
  config.layers = {D, 8, 3};
  config.placement = Placement::Before;  // batch norm
  config.loss = Loss::SoftmaxCrossEntropy;
  Network<float> a(config), b(config);
  const int N = 6;
  a.reserve(N);
  b.reserve(N);
  std::vector<int> picks(N);
  for (int step = 0; step < 5; ++step) {
    for (int i = 0; i < N; ++i) picks[i] = (7 * step + 11 * i) % n;
    const auto x = as_floats(bytes, picks, D);
    std::copy(x.begin(), x.end(), a.input());
    for (int i = 0; i < N * 3; ++i) a.target()[i] = b.target()[i] = float(i % 3 == (i / 3 + step) % 3);
    EXPECT_NEAR(a.train_step(N), b.train_step(N, Source<float>(&pixels, picks.data())), 1e-6);
  }
  // To rounding, not to the bit: natively Eigen's vectorized column sums (the bias gradient) take their terms
  // in an order that depends on where the buffers start, which differs between two networks. The wasm build,
  // where it does not, is checked bit for bit (tests/node/staged.test.js).
  for (size_t i = 0; i < a.parameter_count(); ++i)
    ASSERT_NEAR(a.parameters()[i], b.parameters()[i], 1e-6) << "parameter " << i;
}
