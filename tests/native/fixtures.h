#pragma once
// Reader for tests/fixtures/*.txt (written by build-scripts/make-fixtures.py) and a tensor comparison that
// reports the largest difference, after llm.c's check_tensor.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fixtures {

struct Tensor {
  int rows = 0, cols = 0;
  std::vector<double> values;  // [rows, cols] row-major
  std::vector<float> as_float() const { return std::vector<float>(values.begin(), values.end()); }
};

struct Case {
  std::string name;
  std::map<std::string, std::string> text;
  std::map<std::string, Tensor> tensors;
  const Tensor& tensor(const std::string& key) const {
    auto it = tensors.find(key);
    if (it == tensors.end()) throw std::runtime_error("fixture case " + name + " has no tensor " + key);
    return it->second;
  }
};

inline std::vector<Case> load(const std::string& file) {
  std::ifstream in(std::string(BNP_FIXTURE_DIR) + "/" + file);
  if (!in) throw std::runtime_error("cannot open fixture " + file);
  std::vector<Case> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string kind, key;
    words >> kind >> key;
    if (kind == "case") {
      cases.push_back({});
      cases.back().name = key;
    } else if (kind == "text") {
      std::string value;
      words >> value;
      cases.back().text[key] = value;
    } else if (kind == "tensor") {
      Tensor t;
      words >> t.rows >> t.cols;
      t.values.resize(size_t(t.rows) * t.cols);
      for (double& v : t.values) words >> v;
      cases.back().tensors[key] = t;
    }
  }
  return cases;
}

// Passes when |actual − expected| <= atol + rtol·|expected| everywhere; otherwise reports the worst element.
template <typename A>
::testing::AssertionResult close(const A* actual, const std::vector<double>& expected, double atol,
                                 double rtol) {
  double worst = -1;
  size_t at = 0;
  bool ok = true;
  for (size_t i = 0; i < expected.size(); ++i) {
    const double diff = std::fabs(double(actual[i]) - expected[i]);
    const double excess = diff - (atol + rtol * std::fabs(expected[i]));
    if (!(excess <= 0)) ok = false;  // NaN fails too
    if (!(diff <= worst)) worst = diff, at = i;
  }
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "largest difference " << worst << " at [" << at << "]: got "
                                       << double(actual[at]) << ", expected " << expected[at] << " (atol "
                                       << atol << ", rtol " << rtol << ", " << expected.size() << " values)";
}

}  // namespace fixtures
