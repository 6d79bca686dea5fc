#pragma once
// A stand-alone batch-normalization layer over H features, for probing the transform on its own (the JS
// API's lab.batchNorm). Owns γ, β, the running statistics and the buffers forward saves for backward.
#include <string>
#include <vector>

namespace bnp {

struct BatchNormConfig {
  int features = 1;
  double eps = 1e-5;
  double momentum = 0.1;
};

std::string check_batchnorm_config(const BatchNormConfig& c);

template <typename T>
class BatchNormLayer {
 public:
  explicit BatchNormLayer(const BatchNormConfig& config);  // config must pass check_batchnorm_config

  int features() const { return H_; }
  std::string check_rows(int n, bool training) const;
  // "" when backward may run: the last forward was in training mode.
  std::string check_backward() const;
  void reserve(int n);  // pointers to the row buffers change only here
  size_t reserve_bytes(int n) const { return n <= capacity_ ? 0 : 5 * size_t(n) * size_t(H_) * sizeof(T); }
  int capacity() const { return capacity_; }
  int rows() const { return rows_; }

  T* input() { return input_.data(); }    // [capacity, H]
  T* output() { return output_.data(); }  // [capacity, H]
  T* xhat() { return xhat_.data(); }      // [capacity, H]
  T* dout() { return dout_.data(); }      // [capacity, H] set before backward
  T* dinput() { return dinput_.data(); }  // [capacity, H] written by backward

  // Training mode normalizes with the batch statistics and updates the running ones; eval uses the running
  // ones.
  void forward(int n, bool training);
  void backward();  // for the rows of the last (training-mode) forward

  T* gamma() { return gamma_.data(); }                // [H]
  T* beta() { return beta_.data(); }                  // [H]
  T* dgamma() { return dgamma_.data(); }              // [H]
  T* dbeta() { return dbeta_.data(); }                // [H]
  T* running_mean() { return running_mean_.data(); }  // [H]
  T* running_var() { return running_var_.data(); }    // [H]
  T* batch_mean() { return mean_.data(); }            // [H]
  T* batch_var() { return var_.data(); }              // [H] biased

 private:
  BatchNormConfig config_;
  int H_;
  int capacity_ = 0, rows_ = 0;
  bool last_training_ = false;
  std::vector<T> input_, output_, xhat_, dout_, dinput_;
  std::vector<T> gamma_, beta_, dgamma_, dbeta_, running_mean_, running_var_, mean_, var_, rstd_;
};

extern template class BatchNormLayer<float>;
extern template class BatchNormLayer<double>;

}  // namespace bnp
