#pragma once
// The three matrix products a dense layer needs, over row-major buffers (see tensor.h for shape letters).
// Kept behind plain functions so the kernel can change (Eigen today, hand-written SIMD where it pays)
// without touching the layers.

namespace bnp {

// out[N,H] = a[N,D] · b[D,H]
template <typename T>
void matmul_nn(T* out, const T* a, const T* b, int N, int D, int H);
// out[D,H] = a[N,D]ᵀ · b[N,H]
template <typename T>
void matmul_tn(T* out, const T* a, const T* b, int N, int D, int H);
// out[N,D] = a[N,H] · b[D,H]ᵀ
template <typename T>
void matmul_nt(T* out, const T* a, const T* b, int N, int D, int H);

}  // namespace bnp
