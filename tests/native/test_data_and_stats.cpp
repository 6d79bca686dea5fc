// Datasets (counts, balance, geometry) and the statistics the charts draw, against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "bnp/datasets.h"
#include "bnp/stats.h"

using namespace bnp;

TEST(Datasets, BalancedLabelsAndExpectedGeometry) {
  for (DatasetKind kind : {DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gauss, DatasetKind::Spiral}) {
    DatasetConfig c;
    c.kind = kind;
    c.n = 400;
    c.noise = 0;
    std::vector<float> x(800), y(400);
    make_dataset(x.data(), y.data(), c);
    int ones = 0;
    for (int i = 0; i < 400; ++i) {
      ones += y[i] == 1.0f;
      ASSERT_TRUE(y[i] == 0.0f || y[i] == 1.0f);
      const double x1 = x[2 * i], x2 = x[2 * i + 1], r = std::hypot(x1, x2);
      if (kind == DatasetKind::Circle) {
        EXPECT_TRUE(y[i] ? r <= 0.5 + 1e-6 : r >= 0.7 - 1e-6) << i;
      } else if (kind == DatasetKind::Xor) {
        EXPECT_EQ(x1 * x2 > 0, y[i] == 1.0f) << i;
      } else if (kind == DatasetKind::Spiral) {
        EXPECT_LE(r, 1.0 + 1e-6);
      }
    }
    EXPECT_EQ(ones, 200) << dataset_name(kind);
  }
}

TEST(Datasets, ScaleMultipliesTheFirstFeatureOnly) {
  DatasetConfig c;
  c.n = 50;
  std::vector<float> x1(100), y1(50), x2(100), y2(50);
  make_dataset(x1.data(), y1.data(), c);
  c.scale = 1e4;
  make_dataset(x2.data(), y2.data(), c);
  for (int i = 0; i < 50; ++i) {
    EXPECT_NEAR(x2[2 * i], 1e4 * x1[2 * i], 1e-3 * std::fabs(x2[2 * i]) + 1e-3);
    EXPECT_EQ(x2[2 * i + 1], x1[2 * i + 1]);
  }
}

TEST(Datasets, NoiseIsGaussianJitterOfTheGivenSpread) {
  DatasetConfig c;
  c.kind = DatasetKind::Gauss;
  c.n = 20000;
  c.noise = 0;
  std::vector<float> x(40000), y(20000);
  make_dataset(x.data(), y.data(), c);
  double sq = 0;
  for (int i = 0; i < 20000; ++i) sq += std::pow(x[2 * i] - (y[i] ? 0.5 : -0.5), 2);
  EXPECT_NEAR(std::sqrt(sq / 20000), 0.2, 0.005);  // blob spread alone
  c.noise = 0.3;
  make_dataset(x.data(), y.data(), c);
  sq = 0;
  for (int i = 0; i < 20000; ++i) sq += std::pow(x[2 * i] - (y[i] ? 0.5 : -0.5), 2);
  EXPECT_NEAR(std::sqrt(sq / 20000), std::sqrt(0.04 + 0.09), 0.006);  // spreads add in quadrature
}

TEST(Stats, Histogram) {
  const float v[] = {0, 0.1f, 0.5f, 0.99f, 1, -0.5f, 2, NAN};
  int counts[4];
  histogram(counts, v, 8, 0, 1, 4);  // bins [0,.25) [.25,.5) [.5,.75) [.75,1]
  EXPECT_EQ(counts[0], 2);
  EXPECT_EQ(counts[1], 0);
  EXPECT_EQ(counts[2], 1);
  EXPECT_EQ(counts[3], 2);
}

TEST(Stats, HistogramOfAnInfiniteOrEmptyRangeCountsNothing) {
  // Before the guard, lo = -inf, hi = inf gave a NaN bin index (int(NaN): undefined behaviour).
  const float v[] = {0, 1, -3, 1e30f};
  const float inf = INFINITY;
  const std::pair<float, float> ranges[] = {{-inf, inf}, {0, inf}, {1, 1}, {2, 1}, {NAN, 1}};
  for (const auto& [lo, hi] : ranges) {
    int counts[3] = {7, 7, 7};
    histogram(counts, v, 4, lo, hi, 3);
    EXPECT_EQ(counts[0] + counts[1] + counts[2], 0) << lo << " " << hi;
  }
  int counts[2] = {0, 0};
  histogram(counts, v, 4, -3.4e38f, 3.4e38f, 2);  // the widest finite range: every finite value in a bin
  EXPECT_EQ(counts[0] + counts[1], 4);
}

TEST(Stats, PercentilesInterpolateLikeNumpy) {
  // numpy.percentile([1, 2, 3, 4, 10], [0, 15, 50, 85, 100]) = [1, 1.6, 3, 6.4, 10]
  const float v[] = {10, 3, 1, 4, 2};
  const float ps[] = {0, 15, 50, 85, 100};
  float out[5];
  std::vector<float> work;
  percentiles(out, v, 5, ps, 5, &work);
  const float expected[] = {1, 1.6f, 3, 6.4f, 10};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(out[i], expected[i], 1e-6) << ps[i];
  percentiles(out, v, 0, ps, 1, &work);
  EXPECT_TRUE(std::isnan(out[0]));
}
