// Staged 8-bit pixel rows (see pixels.h).
#include "bnp/pixels.h"

#include <algorithm>

#include "bnp/check.h"

namespace bnp {

namespace {
// A pixel's value as the float p / 255 (the division in double, then rounded once: what JavaScript's
// Float32Array stores for p / 255).
template <typename T>
struct PixelValues {
  T of[256];
  PixelValues() {
    for (int p = 0; p < 256; ++p) of[p] = T(double(p) / 255.0);
  }
};
template <typename T>
const PixelValues<T> kPixelValue;
}  // namespace

std::string PixelRows::check(double n, double D, double nonzeros) {
  if (!(n >= 1 && n <= 1e6 && n == double(int64_t(n))))
    return "n = " + format_number(n) +
           " is not allowed: the number of rows is a whole number from 1 to 1000000";
  if (!(D >= 1 && D <= 8192 && D == double(int64_t(D))))
    return "features = " + format_number(D) +
           " is not allowed: a whole number from 1 to 8192 (the most inputs a network takes)";
  if (!(nonzeros >= 0 && nonzeros <= n * D && nonzeros < 4294967296.0))
    return "nonzeros = " + format_number(nonzeros) + " is not allowed: from 0 to n × features";
  return "";
}

double PixelRows::bytes_for(double n, double nonzeros) {
  return (n + 1) * sizeof(uint32_t) + nonzeros * (sizeof(uint16_t) + sizeof(uint8_t));
}

PixelRows::PixelRows(int n, int D, size_t nonzeros) : n_(n), D_(D) {
  start_.reserve(size_t(n) + 1);
  start_.push_back(0);
  col_.reserve(nonzeros);
  value_.reserve(nonzeros);
}

bool PixelRows::add_rows(const uint8_t* pixels, int count) {
  if (count < 0 || count > n_ - added_) return false;
  size_t more = 0;
  for (size_t i = 0; i < size_t(count) * D_; ++i) more += pixels[i] != 0;
  if (col_.size() + more > col_.capacity()) return false;
  for (int r = 0; r < count; ++r) {
    const uint8_t* row = pixels + size_t(r) * D_;
    for (int k = 0; k < D_; ++k)
      if (row[k]) {
        col_.push_back(uint16_t(k));
        value_.push_back(row[k]);
      }
    start_.push_back(uint32_t(col_.size()));
  }
  added_ += count;
  return true;
}

std::string PixelRows::check_picks(const int* picks, int n) const {
  for (int i = 0; i < n; ++i)
    if (picks[i] < 0 || picks[i] >= added_)
      return "rows[" + std::to_string(i) + "] = " + std::to_string(picks[i]) +
             " is not allowed: a row number from 0 to " + std::to_string(added_ - 1);
  return "";
}

template <typename T>
bool PixelRows::index(SparseInputs<T>* s, const int* picks, int n) const {
  // The same decision and the same index as sparse_index over these rows written out as floats.
  size_t nnz = 0;
  for (int i = 0; i < n; ++i) nnz += row_nonzeros(picks[i]);
  if (nnz > sparse_most_nonzeros(n, D_) || (n > 0 && sparse_row_too_dense(row_nonzeros(picks[0]), D_)))
    return false;
  const T* value_of = kPixelValue<T>.of;
  int* count = s->col_start.data() + 1;
  std::fill(s->col_start.begin(), s->col_start.end(), 0);
  int* cols = s->row_col.data();
  T* vals = s->row_val.data();
  size_t at = 0;
  for (int i = 0; i < n; ++i) {
    s->row_start[i] = int(at);
    const size_t from = start_[size_t(picks[i])], to = start_[size_t(picks[i]) + 1];
    for (size_t e = from; e < to; ++e, ++at) {
      const int k = col_[e];
      cols[at] = k;
      vals[at] = value_of[value_[e]];
      ++count[k];
    }
  }
  s->row_start[n] = int(at);
  return true;
}

template <typename T>
void PixelRows::write_dense(T* out, const int* picks, int n) const {
  const T* value_of = kPixelValue<T>.of;
  std::fill_n(out, size_t(n) * D_, T(0));
  for (int i = 0; i < n; ++i) {
    T* row = out + size_t(i) * D_;
    for (uint32_t e = start_[size_t(picks[i])]; e < start_[size_t(picks[i]) + 1]; ++e)
      row[col_[e]] = value_of[value_[e]];
  }
}

template bool PixelRows::index<float>(SparseInputs<float>*, const int*, int) const;
template bool PixelRows::index<double>(SparseInputs<double>*, const int*, int) const;
template void PixelRows::write_dense<float>(float*, const int*, int) const;
template void PixelRows::write_dense<double>(double*, const int*, int) const;

}  // namespace bnp
