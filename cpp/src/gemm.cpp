#include "bnp/gemm.h"

#include "bnp/tensor.h"

namespace bnp {

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

template void matmul_nn<float>(float*, const float*, const float*, int, int, int);
template void matmul_nn<double>(double*, const double*, const double*, int, int, int);
template void matmul_tn<float>(float*, const float*, const float*, int, int, int);
template void matmul_tn<double>(double*, const double*, const double*, int, int, int);
template void matmul_nt<float>(float*, const float*, const float*, int, int, int);
template void matmul_nt<double>(double*, const double*, const double*, int, int, int);

}  // namespace bnp
