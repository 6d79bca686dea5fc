#pragma once
// A stand-alone layer-normalization layer over H features, for probing the transform on its own (the JS API's
// lab.layerNorm). Owns γ, β and the buffers forward saves for backward; no running statistics.
#include <string>
#include <vector>

namespace bnp {

struct LayerNormConfig {
  int features = 1;
  double eps = 1e-5;
};

std::string check_layernorm_config(const LayerNormConfig& c);

template <typename T>
class LayerNormLayer {
 public:
  explicit LayerNormLayer(const LayerNormConfig& config);  // config must pass check_layernorm_config

  int features() const { return H_; }
  std::string check_rows(int n) const;
  std::string check_backward() const;  // "" when a forward has run
  void reserve(int n);                 // pointers to the row buffers change only here
  size_t reserve_bytes(int n) const {
    return n <= capacity_ ? 0 : (5 * size_t(H_) + 3) * size_t(n) * sizeof(T);
  }
  int capacity() const { return capacity_; }
  int rows() const { return rows_; }

  T* input() { return input_.data(); }    // [capacity, H]
  T* output() { return output_.data(); }  // [capacity, H]
  T* xhat() { return xhat_.data(); }      // [capacity, H]
  T* dout() { return dout_.data(); }      // [capacity, H] set before backward
  T* dinput() { return dinput_.data(); }  // [capacity, H] written by backward
  T* row_mean() { return mean_.data(); }  // [capacity] μ of each row of the last forward
  T* row_var() { return var_.data(); }    // [capacity] biased σ² of each row

  void forward(int n);
  void backward();  // for the rows of the last forward

  T* gamma() { return gamma_.data(); }    // [H]
  T* beta() { return beta_.data(); }      // [H]
  T* dgamma() { return dgamma_.data(); }  // [H]
  T* dbeta() { return dbeta_.data(); }    // [H]

 private:
  LayerNormConfig config_;
  int H_;
  int capacity_ = 0, rows_ = 0;
  std::vector<T> input_, output_, xhat_, dout_, dinput_, mean_, var_, rstd_;
  std::vector<T> gamma_, beta_, dgamma_, dbeta_;
};

extern template class LayerNormLayer<float>;
extern template class LayerNormLayer<double>;

}  // namespace bnp
