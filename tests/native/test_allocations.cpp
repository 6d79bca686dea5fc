// Counts heap allocations during training steps: after the first step at a batch size, none.
// malloc is wrapped through glibc's __libc_malloc, which catches operator new and Eigen's allocations alike.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

#include "bnp/network.h"
#include "bnp/rng.h"

extern "C" void* __libc_malloc(size_t);
extern "C" void* __libc_calloc(size_t, size_t);
extern "C" void* __libc_realloc(void*, size_t);
extern "C" void* __libc_memalign(size_t, size_t);

static std::atomic<long> allocations{0};

extern "C" void* malloc(size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(n);
}
extern "C" void* calloc(size_t a, size_t b) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(a, b);
}
extern "C" void* realloc(void* p, size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
extern "C" int posix_memalign(void** out, size_t align, size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  *out = __libc_memalign(align, n);
  return *out ? 0 : 12;
}
extern "C" void* aligned_alloc(size_t align, size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_memalign(align, n);
}

using namespace bnp;

struct Reference {
  const char* name;
  std::vector<int> layers;
  Activation activation;
  Placement placement;
  Loss loss;
  OptimizerKind optimizer;
  int batch;
  Norm norm = Norm::Batch;
  double noise = 0;
};

void PrintTo(const Reference& r, std::ostream* os) { *os << r.name; }

class NoAllocation : public ::testing::TestWithParam<Reference> {};

TEST_P(NoAllocation, AfterTheFirstStep) {
  const Reference& r = GetParam();
  NetworkConfig c;
  c.layers = r.layers;
  c.activation = r.activation;
  c.placement = r.placement;
  c.loss = r.loss;
  c.optimizer.kind = r.optimizer;
  c.norm = r.norm;
  c.noise = r.noise;
  Network<float> net(c);
  net.reserve(r.batch);
  Rng rng(1);
  for (int i = 0; i < r.batch * net.inputs(); ++i) net.input()[i] = float(rng.uniform());
  for (int i = 0; i < r.batch * net.outputs(); ++i) net.target()[i] = float(i % net.outputs() == 0);
  net.train_step(r.batch);
  std::vector<float> direction(net.parameter_count(), 0.5f);
  net.gradients_at(direction.data(), 0.01, r.batch);  // its first call keeps a copy of θ
  const long before = allocations.load();
  for (int step = 0; step < 5; ++step) net.train_step(r.batch);
  net.predict(r.batch, Mode::Eval);
  net.predict(r.batch, Mode::Batch);
  net.gradients_at(direction.data(), -0.02, r.batch);
  EXPECT_EQ(allocations.load() - before, 0) << r.name;
}

TEST(NoAllocationProbe, CounterSeesAllocations) {
  const long before = allocations.load();
  void* volatile p = std::malloc(64);  // volatile: the compiler may not elide the pair
  std::free(p);
  void* volatile q = ::operator new(64);
  ::operator delete(q);
  EXPECT_EQ(allocations.load() - before, 2);
}

INSTANTIATE_TEST_SUITE_P(
    ReferenceNetworks, NoAllocation,
    ::testing::Values(
        Reference{"mnist_bn", {784, 100, 100, 100, 10}, Activation::Sigmoid, Placement::Before,
                  Loss::SoftmaxCrossEntropy, OptimizerKind::Sgd, 60},
        Reference{"toy_bn", {2, 8, 8, 1}, Activation::Tanh, Placement::Before, Loss::BinaryCrossEntropy,
                  OptimizerKind::Adam, 32},
        Reference{"wide_bn", {784, 512, 512, 10}, Activation::Relu, Placement::Before, Loss::SoftmaxCrossEntropy,
                  OptimizerKind::Momentum, 128},
        Reference{"after_mse", {3, 16, 2}, Activation::Sigmoid, Placement::After, Loss::MeanSquaredError,
                  OptimizerKind::Sgd, 7},
        Reference{"layer_norm", {2, 16, 16, 1}, Activation::Relu, Placement::Before, Loss::BinaryCrossEntropy,
                  OptimizerKind::Sgd, 16, Norm::Layer},
        Reference{"noisy_bn", {2, 16, 16, 1}, Activation::Tanh, Placement::Before, Loss::BinaryCrossEntropy,
                  OptimizerKind::Sgd, 16, Norm::Batch, 0.5}),
    [](const auto& info) { return std::string(info.param.name); });
