// Training steps per second of the reference networks (bench/networks.json), native build.
// Usage: bench_native NAME LAYERS ACTIVATION PLACEMENT LOSS BATCH SECONDS
//   e.g. bench_native toy-bn 2,8,8,1 tanh before binary-cross-entropy 32 1.5
// Prints one JSON line: {"name": ..., "stepsPerSecond": ..., "steps": ...}. bench/run.mjs drives it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "bnp/network.h"
#include "bnp/rng.h"

using namespace bnp;

int main(int argc, char** argv) {
  if (argc != 8) {
    std::fprintf(stderr, "usage: %s NAME LAYERS ACTIVATION PLACEMENT LOSS BATCH SECONDS\n", argv[0]);
    return 2;
  }
  NetworkConfig c;
  c.layers.clear();
  std::stringstream sizes(argv[2]);
  for (std::string s; std::getline(sizes, s, ',');) c.layers.push_back(std::atoi(s.c_str()));
  std::string error;
  if (!parse_activation(argv[3], &c.activation, &error) || !parse_placement(argv[4], &c.placement, &error) ||
      !parse_loss(argv[5], &c.loss, &error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  c.optimizer.lr = 0.1;
  c.init_sigma = 0.1;
  if (!(error = check_network_config(c)).empty()) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  const int batch = std::atoi(argv[6]);
  const double seconds = std::atof(argv[7]);
  Network<float> net(c);
  net.reserve(batch);
  Rng rng(1);
  for (int i = 0; i < batch * net.inputs(); ++i) net.input()[i] = float(rng.uniform());
  for (int i = 0; i < batch; ++i)
    for (int k = 0; k < net.outputs(); ++k)
      net.target()[i * net.outputs() + k] =
          c.loss == Loss::SoftmaxCrossEntropy ? float(k == i % net.outputs()) : float(i % 2);
  for (int i = 0; i < 20; ++i) net.train_step(batch);  // warm-up
  // The best of several short windows: this machine's neighbours come and go, and the best window is the
  // closest to what the code itself costs.
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto since = [](clock::time_point t) {
    return std::chrono::duration<double>(clock::now() - t).count();
  };
  double best = 0, sink = 0;
  long steps = 0;
  while (since(start) < seconds || steps < 5) {
    const auto window = clock::now();
    long window_steps = 0;
    while (since(window) < 0.2 || window_steps < 2) {
      sink += net.train_step(batch);
      ++window_steps;
    }
    best = std::max(best, window_steps / since(window));
    steps += window_steps;
  }
  std::printf("{\"name\": \"%s\", \"stepsPerSecond\": %.1f, \"steps\": %ld, \"finite\": %s}\n", argv[1], best,
              steps, sink == sink ? "true" : "false");
  return 0;
}
