// The matrix products of training: Eigen natively, a wasm SIMD kernel in the browser (see gemm.h).
#include "bnp/gemm.h"

#include <vector>

#include "bnp/tensor.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace bnp {

// Natively, Eigen's products (SSE/AVX/AVX-512 kernels) are hard to beat. In wasm, Eigen runs its scalar path,
// so float products go through the 128-bit SIMD kernel below instead.

template <typename T>
void matmul_nn(T* out, const T* a, const T* b, int N, int D, int H) {
  MatMap<T>(out, N, H).noalias() = ConstMatMap<T>(a, N, D) * ConstMatMap<T>(b, D, H);
}

template <typename T>
void matmul_tn(T* out, const T* a, const T* b, int N, int D, int H) {
  MatMap<T>(out, D, H).noalias() = ConstMatMap<T>(a, N, D).transpose() * ConstMatMap<T>(b, N, H);
}

template <typename T>
void matmul_nt(T* out, const T* a, const T* b, int N, int D, int H) {
  MatMap<T>(out, N, D).noalias() = ConstMatMap<T>(a, N, H) * ConstMatMap<T>(b, D, H).transpose();
}

#if defined(__wasm_simd128__)
namespace {

// out[M,C] = A·B where A(r,p) = a[r·ar + p·ap] and B(p,j) = b[p·C + j], P the shared length.
// Register tile: 4 rows × 8 columns (8 f32x4 accumulators, within the 16 vector registers V8 maps to on x64).
// The reduction is cut in chunks of kChunk so one 8-column strip of B (kChunk × 8 floats) stays in L1 while
// every row block passes over it; partial sums are added into out from the second chunk on.
// The tiles' inner loops advance their pointers by hand: emcc turns LLVM's loop strength reduction off
// (-mllvm -disable-lsr), so an address written as base + p·stride is multiplied out again every iteration.
constexpr int kChunk = 256;

inline v128_t madd(v128_t acc, v128_t x, v128_t y) { return wasm_f32x4_add(acc, wasm_f32x4_mul(x, y)); }

void gemm_f32(float* out, const float* a, int ar, int ap, const float* b, int M, int P, int C) {
  for (int p0 = 0; p0 < P; p0 += kChunk) {
    const int p1 = p0 + kChunk < P ? p0 + kChunk : P;
    const bool first = p0 == 0;
    int j = 0;
    // With long rows of B (C ≥ 256: 1 KB and more apart) the 8-column strip is first copied to a contiguous
    // block, which every row block then streams through; measured +20–25% on the wide-bn shapes, nothing
    // on the MNIST ones, where it is skipped.
    const bool pack = C >= 256;
    alignas(16) static float packed[kChunk * 8];
    for (; j + 8 <= C; j += 8) {
      const float* strip = b + size_t(p0) * C + j;  // B(p, j…j+7) at strip + (p − p0)·stride
      size_t stride = size_t(C);
      if (pack) {
        for (int p = p0; p < p1; ++p) {
          wasm_v128_store(packed + (p - p0) * 8, wasm_v128_load(b + size_t(p) * C + j));
          wasm_v128_store(packed + (p - p0) * 8 + 4, wasm_v128_load(b + size_t(p) * C + j + 4));
        }
        strip = packed;
        stride = 8;
      }
      int r = 0;
      for (; r + 4 <= M; r += 4) {
        v128_t c[4][2];
        for (int k = 0; k < 4; ++k)
          for (int h = 0; h < 2; ++h)
            c[k][h] = first ? wasm_f32x4_splat(0.f) : wasm_v128_load(out + size_t(r + k) * C + j + 4 * h);
        const float* ak = a + size_t(r) * ar + size_t(p0) * ap;  // A(r, p)
        const float* bp = strip;                                 // B(p, j)
        for (int p = p0; p < p1; ++p, ak += ap, bp += stride) {
          const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
          v128_t x = wasm_v128_load32_splat(ak);
          c[0][0] = madd(c[0][0], x, b0), c[0][1] = madd(c[0][1], x, b1);
          x = wasm_v128_load32_splat(ak + ar);
          c[1][0] = madd(c[1][0], x, b0), c[1][1] = madd(c[1][1], x, b1);
          x = wasm_v128_load32_splat(ak + 2 * ar);
          c[2][0] = madd(c[2][0], x, b0), c[2][1] = madd(c[2][1], x, b1);
          x = wasm_v128_load32_splat(ak + 3 * ar);
          c[3][0] = madd(c[3][0], x, b0), c[3][1] = madd(c[3][1], x, b1);
        }
        for (int k = 0; k < 4; ++k)
          for (int h = 0; h < 2; ++h) wasm_v128_store(out + size_t(r + k) * C + j + 4 * h, c[k][h]);
      }
      for (; r < M; ++r) {
        v128_t c0 = first ? wasm_f32x4_splat(0.f) : wasm_v128_load(out + size_t(r) * C + j);
        v128_t c1 = first ? wasm_f32x4_splat(0.f) : wasm_v128_load(out + size_t(r) * C + j + 4);
        for (int p = p0; p < p1; ++p) {
          const float* bp = b + size_t(p) * C + j;
          const v128_t x = wasm_v128_load32_splat(a + size_t(r) * ar + size_t(p) * ap);
          c0 = madd(c0, x, wasm_v128_load(bp));
          c1 = madd(c1, x, wasm_v128_load(bp + 4));
        }
        wasm_v128_store(out + size_t(r) * C + j, c0);
        wasm_v128_store(out + size_t(r) * C + j + 4, c1);
      }
    }
    // Four columns left (H = 100 leaves four): still four rows at a time, so four independent sums keep
    // the adder busy instead of waiting on one chain.
    for (; j + 4 <= C; j += 4) {
      int r = 0;
      for (; r + 4 <= M; r += 4) {
        v128_t c[4];
        for (int k = 0; k < 4; ++k)
          c[k] = first ? wasm_f32x4_splat(0.f) : wasm_v128_load(out + size_t(r + k) * C + j);
        const float* ak = a + size_t(r) * ar + size_t(p0) * ap;
        const float* bp = b + size_t(p0) * C + j;
        for (int p = p0; p < p1; ++p, ak += ap, bp += C) {
          const v128_t b0 = wasm_v128_load(bp);
          for (int k = 0; k < 4; ++k) c[k] = madd(c[k], wasm_v128_load32_splat(ak + k * ar), b0);
        }
        for (int k = 0; k < 4; ++k) wasm_v128_store(out + size_t(r + k) * C + j, c[k]);
      }
      for (; r < M; ++r) {
        v128_t c0 = first ? wasm_f32x4_splat(0.f) : wasm_v128_load(out + size_t(r) * C + j);
        for (int p = p0; p < p1; ++p)
          c0 = madd(c0, wasm_v128_load32_splat(a + size_t(r) * ar + size_t(p) * ap),
                    wasm_v128_load(b + size_t(p) * C + j));
        wasm_v128_store(out + size_t(r) * C + j, c0);
      }
    }
    // Single columns (an output layer of 10 leaves two): four rows in one vector, gathered from A.
    for (; j < C; ++j) {
      int r = 0;
      for (; r + 4 <= M; r += 4) {
        v128_t c0 = first ? wasm_f32x4_splat(0.f)
                          : wasm_f32x4_make(out[size_t(r) * C + j], out[size_t(r + 1) * C + j],
                                            out[size_t(r + 2) * C + j], out[size_t(r + 3) * C + j]);
        for (int p = p0; p < p1; ++p) {
          const float* ak = a + size_t(r) * ar + size_t(p) * ap;
          c0 = madd(c0, wasm_f32x4_make(ak[0], ak[ar], ak[2 * ar], ak[3 * ar]),
                    wasm_v128_load32_splat(b + size_t(p) * C + j));
        }
        float lanes[4];
        wasm_v128_store(lanes, c0);
        for (int k = 0; k < 4; ++k) out[size_t(r + k) * C + j] = lanes[k];
      }
      for (; r < M; ++r) {
        float sum = first ? 0.f : out[size_t(r) * C + j];
        for (int p = p0; p < p1; ++p) sum += a[size_t(r) * ar + size_t(p) * ap] * b[size_t(p) * C + j];
        out[size_t(r) * C + j] = sum;
      }
    }
  }
}

}  // namespace

template <>
void matmul_nn<float>(float* out, const float* a, const float* b, int N, int D, int H) {
  gemm_f32(out, a, D, 1, b, N, D, H);
}

template <>
void matmul_tn<float>(float* out, const float* a, const float* b, int N, int D, int H) {
  gemm_f32(out, a, 1, D, b, D, N, H);
}

template <>
void matmul_nt<float>(float* out, const float* a, const float* b, int N, int D, int H) {
  // bᵀ[H,D] is copied once per call so the kernel reads contiguous rows; the buffer only grows (first step).
  static std::vector<float> transposed;
  if (transposed.size() < size_t(D) * H) transposed.resize(size_t(D) * H);
  float* t = transposed.data();
  int k = 0;
  for (; k + 4 <= D; k += 4) {  // 4 × 4 blocks: four rows of b in, four rows of bᵀ out
    const float* row = b + size_t(k) * H;
    int j = 0;
    for (; j + 4 <= H; j += 4) {
      const v128_t r0 = wasm_v128_load(row + j), r1 = wasm_v128_load(row + H + j),
                   r2 = wasm_v128_load(row + 2 * H + j), r3 = wasm_v128_load(row + 3 * H + j);
      const v128_t lo01 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5),
                   hi01 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7),
                   lo23 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5),
                   hi23 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
      wasm_v128_store(t + size_t(j) * D + k, wasm_i64x2_shuffle(lo01, lo23, 0, 2));
      wasm_v128_store(t + size_t(j + 1) * D + k, wasm_i64x2_shuffle(lo01, lo23, 1, 3));
      wasm_v128_store(t + size_t(j + 2) * D + k, wasm_i64x2_shuffle(hi01, hi23, 0, 2));
      wasm_v128_store(t + size_t(j + 3) * D + k, wasm_i64x2_shuffle(hi01, hi23, 1, 3));
    }
    for (; j < H; ++j)
      for (int q = 0; q < 4; ++q) t[size_t(j) * D + k + q] = row[size_t(q) * H + j];
  }
  for (; k < D; ++k)
    for (int j = 0; j < H; ++j) t[size_t(j) * D + k] = b[size_t(k) * H + j];
  gemm_f32(out, a, H, 1, transposed.data(), N, H, D);
}
#else
template void matmul_nn<float>(float*, const float*, const float*, int, int, int);
template void matmul_tn<float>(float*, const float*, const float*, int, int, int);
template void matmul_nt<float>(float*, const float*, const float*, int, int, int);
#endif

template void matmul_nn<double>(double*, const double*, const double*, int, int, int);
template void matmul_tn<double>(double*, const double*, const double*, int, int, int);
template void matmul_nt<double>(double*, const double*, const double*, int, int, int);

}  // namespace bnp
