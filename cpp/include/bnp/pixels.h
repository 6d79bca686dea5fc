#pragma once
// Rows of 8-bit pixels (images such as MNIST's digits) staged once as their non-zeros, each pixel p read as
// the float p / 255. A network reads a mini-batch of them by row number: the first layer's sparse path
// (sparse.h) is then filled straight from the stored non-zeros, with no dense rows written and no scan for
// zeros at every step, and gives the same numbers as the same rows passed as floats.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bnp/sparse.h"

namespace bnp {

class PixelRows {
 public:
  // "" when n rows of D pixels, `nonzeros` of them non-zero, can be staged, else why not. D is at most 8192,
  // a network's most inputs (so a column fits 16 bits).
  static std::string check(double n, double D, double nonzeros);
  // Bytes a PixelRows of these sizes holds (in double: in wasm32 a size_t would wrap for the largest).
  static double bytes_for(double n, double nonzeros);
  // Room for n rows of D pixels with `nonzeros` non-zeros in all (sizes that passed check); rows are added
  // with add_rows, in order.
  PixelRows(int n, int D, size_t nonzeros);

  // Appends `count` rows of pixels [count, D]. false (and nothing added) when they would exceed n rows or
  // the non-zeros announced.
  bool add_rows(const uint8_t* pixels, int count);

  int rows() const { return added_; }  // rows added so far
  int features() const { return D_; }
  size_t nonzeros() const { return col_.size(); }
  size_t row_nonzeros(int r) const { return start_[size_t(r) + 1] - start_[size_t(r)]; }

  // "" when every one of the n row numbers picks[n] is a row added (0 … rows() − 1), else which is not.
  std::string check_picks(const int* picks, int n) const;

  // The rows picks[0 … n) as the first layer's sparse index (sparse_index's result): false, and nothing
  // indexed, when fewer than kSparseMinZeroShare of their pixels are zeros (then write_dense them instead).
  template <typename T>
  bool index(SparseInputs<T>* s, const int* picks, int n) const;
  // The rows picks[0 … n) as floats: out [n, D].
  template <typename T>
  void write_dense(T* out, const int* picks, int n) const;

 private:
  int n_ = 0, D_ = 0, added_ = 0;
  std::vector<uint32_t> start_;  // [n + 1] row r's non-zeros are col_/value_[start_[r] … start_[r+1])
  std::vector<uint16_t> col_;    // [nonzeros] their columns, ascending within a row
  std::vector<uint8_t> value_;   // [nonzeros] their pixel values, 1 … 255
};

}  // namespace bnp
