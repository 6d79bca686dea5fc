// The first dense layer over mostly-zero inputs (see sparse.h).
#include "bnp/sparse.h"

#include <algorithm>
#include <type_traits>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace bnp {

// At most half the inputs are indexed, plus one row's worth of slack for append_nonzeros' writes.
inline size_t most_entries(int capacity, int D) { return size_t(capacity) * D / 2 + size_t(D); }

template <typename T>
void SparseInputs<T>::reserve(int capacity, int D) {
  const size_t most = most_entries(capacity, D);
  row_start.assign(size_t(capacity) + 1, 0);
  col_start.assign(size_t(D) + 1, 0);
  col_fill.assign(size_t(D), 0);
  row_col.assign(most, 0);
  col_row.assign(most, 0);
  row_val.assign(most, T(0));
  col_val.assign(most, T(0));
}

template <typename T>
size_t SparseInputs<T>::bytes(int capacity, int D) {
  const size_t most = most_entries(capacity, D);
  return (size_t(capacity) + 1 + 2 * size_t(D) + 1 + 2 * most) * sizeof(int) + 2 * most * sizeof(T);
}

namespace {

// Appends the non-zeros of x[from … to) as (column, value) at row_col/row_val[nnz …] and counts them per
// column; returns the new nnz. The writes are unconditional (nnz advances only past a non-zero), so the
// buffers hold D entries of slack.
template <typename T>
size_t append_nonzeros(SparseInputs<T>* s, const T* x, int from, int to, size_t nnz) {
  int* cols = s->row_col.data();
  T* vals = s->row_val.data();
  int* count = s->col_start.data() + 1;
  for (int k = from; k < to; ++k) {
    const bool nonzero = x[k] != T(0);
    cols[nnz] = k;
    vals[nnz] = x[k];
    count[k] += nonzero;
    nnz += nonzero;
  }
  return nnz;
}

}  // namespace

template <typename T>
bool sparse_index(SparseInputs<T>* s, const T* inp, int N, int D) {
  const size_t most = sparse_most_nonzeros(N, D);
  // By row: columns ascending within each row. MNIST's zeros come in runs (the margins), so in wasm four
  // inputs are tested at once and a group of four zeros costs one comparison.
  size_t nnz = 0;
  std::fill(s->col_start.begin(), s->col_start.end(), 0);
  for (int r = 0; r < N; ++r) {
    s->row_start[r] = int(nnz);
    const T* x = inp + size_t(r) * D;
    int k = 0;
#if defined(__wasm_simd128__)
    if constexpr (std::is_same_v<T, float>) {
      for (; k + 4 <= D; k += 4) {
        const v128_t v = wasm_v128_load(x + k);
        if (!wasm_i32x4_bitmask(wasm_f32x4_ne(v, wasm_f32x4_splat(0.f)))) continue;
        nnz = append_nonzeros(s, x, k, k + 4, nnz);
      }
    }
#endif
    nnz = append_nonzeros(s, x, k, D, nnz);
    if (nnz > most) return false;
    // A dense batch (the usual case outside MNIST) gives up after its first row, so it pays for 1/N of this
    // scan. Either path gives the same sums; this only picks the faster one.
    if (r == 0 && sparse_row_too_dense(nnz, D)) return false;
  }
  s->row_start[N] = int(nnz);
  return true;
}

template <typename T>
void sparse_columns(SparseInputs<T>* s, int N, int D) {
  // A counting sort of the row entries: rows ascending within each column. col_start[k + 1] holds column k's
  // count (from sparse_index); after the prefix sum, col_start[k] is where column k begins, and `at` advances
  // through it as its entries are placed.
  for (int k = 0; k < D; ++k) s->col_start[k + 1] += s->col_start[k];
  std::vector<int>& at = s->col_fill;
  std::copy(s->col_start.begin(), s->col_start.end() - 1, at.begin());
  for (int r = 0; r < N; ++r)
    for (int e = s->row_start[r]; e < s->row_start[r + 1]; ++e) {
      const int place = at[s->row_col[e]]++;
      s->col_row[place] = r;
      s->col_val[place] = s->row_val[e];
    }
}

namespace {

// out[C] = Σ_e val[e] · b[idx[e], :] over e = from … to − 1, in that order, from 0, then + add[:] when add is
// given: the dense kernels' order of terms.
template <typename T>
void gather_sum(T* out, const T* add, const int* idx, const T* val, int from, int to, const T* b, int C) {
  std::fill_n(out, C, T(0));
  for (int e = from; e < to; ++e) {
    const T x = val[e];
    const T* row = b + size_t(idx[e]) * C;
    for (int j = 0; j < C; ++j) out[j] += x * row[j];
  }
  if (add)
    for (int j = 0; j < C; ++j) out[j] += add[j];
}

#if defined(__wasm_simd128__)
inline v128_t madd(v128_t acc, v128_t x, v128_t y) { return wasm_f32x4_add(acc, wasm_f32x4_mul(x, y)); }

// gather_sum over columns j … j+4W, W vectors of 4 columns held in registers.
template <int W>
inline void strip(float* out, const float* add, const int* idx, const float* val, int from, int to,
                  const float* b, int C, int j) {
  v128_t c[W];
  for (int h = 0; h < W; ++h) c[h] = wasm_f32x4_splat(0.f);
  for (int e = from; e < to; ++e) {
    const v128_t x = wasm_f32x4_splat(val[e]);
    const float* row = b + size_t(idx[e]) * C + j;
    for (int h = 0; h < W; ++h) c[h] = madd(c[h], x, wasm_v128_load(row + 4 * h));
  }
  for (int h = 0; h < W; ++h) {
    if (add) c[h] = wasm_f32x4_add(c[h], wasm_v128_load(add + j + 4 * h));
    wasm_v128_store(out + j + 4 * h, c[h]);
  }
}

// In wasm, floats go in strips of up to 13 vectors (52 columns) held in registers (V8 gives wasm 15 of x64's
// 16 vector registers: 13 sums, the splat and a load), as few strips as cover the columns, of near-equal
// widths, since each strip walks the whole index again (H = 100: 12 + 13 vectors, two walks where strips of
// 8 took four); then single columns.
constexpr int kMostVectors = 13;

using StripFn = void (*)(float*, const float*, const int*, const float*, int, int, const float*, int, int);
constexpr StripFn kStrips[kMostVectors + 1] = {nullptr,   strip<1>,  strip<2>,  strip<3>, strip<4>,
                                               strip<5>,  strip<6>,  strip<7>,  strip<8>, strip<9>,
                                               strip<10>, strip<11>, strip<12>, strip<13>};

void gather_sum(float* out, const float* add, const int* idx, const float* val, int from, int to,
                const float* b, int C) {
  const int vectors = C / 4;
  const int strips = (vectors + kMostVectors - 1) / kMostVectors;
  int j = 0;
  for (int s = 0, done = 0; s < strips; ++s) {
    const int width = (vectors - done) / (strips - s);  // the rest shared evenly among the strips left
    kStrips[width](out, add, idx, val, from, to, b, C, j);
    done += width;
    j += 4 * width;
  }
  for (; j < C; ++j) {
    float sum = 0.f;
    for (int e = from; e < to; ++e) sum += val[e] * b[size_t(idx[e]) * C + j];
    out[j] = add ? sum + add[j] : sum;
  }
}
#endif

}  // namespace

template <typename T>
void sparse_dense_forward(T* out, const SparseInputs<T>& s, const T* weight, const T* bias, int N, int,
                          int H) {
  for (int r = 0; r < N; ++r)
    gather_sum(out + size_t(r) * H, bias, s.row_col.data(), s.row_val.data(), s.row_start[r],
               s.row_start[r + 1], weight, H);
}

template <typename T>
void sparse_weight_gradient(T* dweight, const SparseInputs<T>& s, const T* dout, int, int D, int H) {
  for (int k = 0; k < D; ++k)
    gather_sum(dweight + size_t(k) * H, static_cast<const T*>(nullptr), s.col_row.data(), s.col_val.data(),
               s.col_start[k], s.col_start[k + 1], dout, H);
}

template struct SparseInputs<float>;
template struct SparseInputs<double>;
template bool sparse_index<float>(SparseInputs<float>*, const float*, int, int);
template bool sparse_index<double>(SparseInputs<double>*, const double*, int, int);
template void sparse_columns<float>(SparseInputs<float>*, int, int);
template void sparse_columns<double>(SparseInputs<double>*, int, int);
template void sparse_dense_forward<float>(float*, const SparseInputs<float>&, const float*, const float*, int,
                                          int, int);
template void sparse_weight_gradient<float>(float*, const SparseInputs<float>&, const float*, int, int, int);
template void sparse_dense_forward<double>(double*, const SparseInputs<double>&, const double*, const double*,
                                           int, int, int);
template void sparse_weight_gradient<double>(double*, const SparseInputs<double>&, const double*, int, int,
                                             int);

}  // namespace bnp
