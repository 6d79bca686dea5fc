#pragma once
// The first dense layer over inputs that are mostly zeros (MNIST: 81% of pixels), skipping the zeros. The
// sums are the dense path's sums term for term, in the same order, minus the terms with a zero input, which
// add exactly nothing while the other factor is finite — so the results are the dense path's, bit for bit
// in the wasm build (whose dense kernel adds the terms in the same order; natively Eigen orders them its own
// way). Shape letters as in tensor.h.
#include <cstddef>
#include <vector>

namespace bnp {

// The dense path is kept unless at least this share of a batch's inputs are zeros (measured crossover: the
// step profile, bench/step-profile.mjs).
constexpr double kSparseMinZeroShare = 0.5;

// That rule for a batch of N rows of D inputs, shared by sparse_index and staged pixels (pixels.h): it is
// indexed only with at most sparse_most_nonzeros(N, D) non-zeros, and a first row alone denser than the rule
// (sparse_row_too_dense) gives up at once, so a dense batch pays for one row of scanning.
inline size_t sparse_most_nonzeros(int N, int D) {
  return size_t(double(size_t(N) * D) * (1 - kSparseMinZeroShare));
}
inline bool sparse_row_too_dense(size_t nonzeros, int D) {
  return double(nonzeros) > D * (1 - kSparseMinZeroShare);
}

// A batch's non-zero inputs, by row (for the forward product) and by column (for the weight gradient).
// Sized once for `capacity` rows of D inputs (at most half of them non-zero, or the dense path is taken; and
// D entries of slack).
template <typename T>
struct SparseInputs {
  std::vector<int>
      row_start;  // [capacity + 1] row r's non-zeros are row_col/row_val[row_start[r] … row_start[r+1])
  std::vector<int> row_col;  // [capacity·D / 2 + D] their columns, ascending
  std::vector<T> row_val;    // [capacity·D / 2 + D] their values
  std::vector<int>
      col_start;  // [D + 1] column k's non-zeros are col_row/col_val[col_start[k] … col_start[k+1])
  std::vector<int> col_row;   // [capacity·D / 2 + D] their rows, ascending
  std::vector<T> col_val;     // [capacity·D / 2 + D] their values
  std::vector<int> col_fill;  // [D] work space: where the next entry of each column goes

  void reserve(int capacity, int D);
  // Bytes reserve(capacity, D) allocates in all.
  static size_t bytes(int capacity, int D);
};

// Indexes inp[N,D] by row when at least kSparseMinZeroShare of it is zero (and counts each column's
// non-zeros); false (and the index unused) otherwise. Enough for the forward product.
template <typename T>
bool sparse_index(SparseInputs<T>* s, const T* inp, int N, int D);

// Completes the index of sparse_index by column, for the weight gradient (only a training pass needs it).
template <typename T>
void sparse_columns(SparseInputs<T>* s, int N, int D);

// out[N,H] = inp · weight + bias, inp given by its index (weight[D,H], bias[H]).
template <typename T>
void sparse_dense_forward(T* out, const SparseInputs<T>& s, const T* weight, const T* bias, int N, int D,
                          int H);

// dweight[D,H] = inpᵀ · dout, inp given by its index by column (dout[N,H]).
template <typename T>
void sparse_weight_gradient(T* dweight, const SparseInputs<T>& s, const T* dout, int N, int D, int H);

}  // namespace bnp
