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
static std::atomic<long> bytes_requested{0};  // what the allocations asked for

extern "C" void* malloc(size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  bytes_requested.fetch_add(long(n), std::memory_order_relaxed);
  return __libc_malloc(n);
}
extern "C" void* calloc(size_t a, size_t b) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  bytes_requested.fetch_add(long(a * b), std::memory_order_relaxed);
  return __libc_calloc(a, b);
}
extern "C" void* realloc(void* p, size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  bytes_requested.fetch_add(long(n), std::memory_order_relaxed);
  return __libc_realloc(p, n);
}
extern "C" int posix_memalign(void** out, size_t align, size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  bytes_requested.fetch_add(long(n), std::memory_order_relaxed);
  *out = __libc_memalign(align, n);
  return *out ? 0 : 12;
}
extern "C" void* aligned_alloc(size_t align, size_t n) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  bytes_requested.fetch_add(long(n), std::memory_order_relaxed);
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

NetworkConfig config_of(const Reference& r) {
  NetworkConfig c;
  c.layers = r.layers;
  c.activation = r.activation;
  c.placement = r.placement;
  c.loss = r.loss;
  c.optimizer.kind = r.optimizer;
  c.norm = r.norm;
  c.noise = r.noise;
  return c;
}

class NoAllocation : public ::testing::TestWithParam<Reference> {};

TEST_P(NoAllocation, AfterTheFirstStep) {
  const Reference& r = GetParam();
  const NetworkConfig c = config_of(r);
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

// The binding asks for room before it builds a network or grows its buffers (cpp/bindings/embind.cpp,
// room()): the byte counts it asks with must cover what is then allocated — exactly, for reserve.
TEST_P(NoAllocation, ByteCountsCoverWhatIsAllocated) {
  const Reference& r = GetParam();
  const NetworkConfig c = config_of(r);
  long before = bytes_requested.load();
  Network<float> net(c);
  const long built = bytes_requested.load() - before;
  EXPECT_LE(built, long(Network<float>::bytes_for(c)) + 4096) << r.name;  // + the layout's small blocks
  EXPECT_GE(built, long(Network<float>::bytes_for(c)) / 2) << r.name;
  const long expected = long(net.reserve_bytes(r.batch));
  before = bytes_requested.load();
  net.reserve(r.batch);
  EXPECT_EQ(bytes_requested.load() - before, expected) << r.name;
  EXPECT_EQ(net.reserve_bytes(r.batch), 0u);
  // Per-row buffers grow with the rows; the sparse index of the inputs has a part per input column too.
  const auto sparse = [&](int rows) { return SparseInputs<float>::bytes(rows, net.inputs()); };
  EXPECT_EQ(net.reserve_bytes(r.batch + 1) - sparse(r.batch + 1),
            (expected - sparse(r.batch)) / size_t(r.batch) * size_t(r.batch + 1));
  const long first = long(net.gradients_at_bytes());
  std::vector<float> direction(net.parameter_count(), 0.5f);
  before = bytes_requested.load();
  net.gradients_at(direction.data(), 0.01, r.batch);
  EXPECT_EQ(bytes_requested.load() - before, first) << r.name;
  EXPECT_EQ(net.gradients_at_bytes(), 0u);
}

TEST(NoAllocation, ReserveBytesByHand) {
  // [2, 3, 1] with batch norm: per row input 2, target 1, output 1; the hidden layer z, dout, scratch, a, ẑ,
  // z̃ (6 × 3); the output layer z, dout, scratch (3 × 1): 25 floats a row, 400 bytes for 4 rows. The sparse
  // index of the inputs: row starts 5, column starts 3, column work space 2; entries for half of the 8 inputs
  // plus one row's slack (4 + 2 = 6), each with a column, a row and two values: 22 ints, 12 floats, 136
  // bytes.
  NetworkConfig c;
  c.layers = {2, 3, 1};
  c.placement = Placement::Before;
  Network<float> net(c);
  EXPECT_EQ(net.reserve_bytes(4), 400u + 136u);
}

TEST(NoAllocationProbe, CounterSeesAllocations) {
  const long before = allocations.load();
  void* volatile p = std::malloc(64);  // volatile: the compiler may not elide the pair
  std::free(p);
  void* volatile q = ::operator new(64);
  ::operator delete(q);
  EXPECT_EQ(allocations.load() - before, 2);
}

INSTANTIATE_TEST_SUITE_P(ReferenceNetworks, NoAllocation,
                         ::testing::Values(Reference{"mnist_bn",
                                                     {784, 100, 100, 100, 10},
                                                     Activation::Sigmoid,
                                                     Placement::Before,
                                                     Loss::SoftmaxCrossEntropy,
                                                     OptimizerKind::Sgd,
                                                     60},
                                           Reference{"toy_bn",
                                                     {2, 8, 8, 1},
                                                     Activation::Tanh,
                                                     Placement::Before,
                                                     Loss::BinaryCrossEntropy,
                                                     OptimizerKind::Adam,
                                                     32},
                                           Reference{"wide_bn",
                                                     {784, 512, 512, 10},
                                                     Activation::Relu,
                                                     Placement::Before,
                                                     Loss::SoftmaxCrossEntropy,
                                                     OptimizerKind::Momentum,
                                                     128},
                                           Reference{"after_mse",
                                                     {3, 16, 2},
                                                     Activation::Sigmoid,
                                                     Placement::After,
                                                     Loss::MeanSquaredError,
                                                     OptimizerKind::Sgd,
                                                     7},
                                           Reference{"layer_norm",
                                                     {2, 16, 16, 1},
                                                     Activation::Relu,
                                                     Placement::Before,
                                                     Loss::BinaryCrossEntropy,
                                                     OptimizerKind::Sgd,
                                                     16,
                                                     Norm::Layer},
                                           Reference{"noisy_bn",
                                                     {2, 16, 16, 1},
                                                     Activation::Tanh,
                                                     Placement::Before,
                                                     Loss::BinaryCrossEntropy,
                                                     OptimizerKind::Sgd,
                                                     16,
                                                     Norm::Batch,
                                                     0.5}),
                         [](const auto& info) { return std::string(info.param.name); });
