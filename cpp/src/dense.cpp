// The dense layer forward and backward (see dense.h).
#include "bnp/dense.h"

#include "bnp/gemm.h"
#include "bnp/tensor.h"

namespace bnp {

template <typename T>
void dense_forward(T* out, const T* inp, const T* weight, const T* bias, int N, int D, int H) {
  matmul_nn(out, inp, weight, N, D, H);
  MatMap<T>(out, N, H).rowwise() += ConstVecMap<T>(bias, H);
}

template <typename T>
void dense_backward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, int N, int D,
                    int H) {
  if (dweight) matmul_tn(dweight, inp, dout, N, D, H);
  VecMap<T>(dbias, H) = ConstMatMap<T>(dout, N, H).colwise().sum();
  if (dinp) matmul_nt(dinp, dout, weight, N, D, H);
}

template void dense_forward<float>(float*, const float*, const float*, const float*, int, int, int);
template void dense_forward<double>(double*, const double*, const double*, const double*, int, int, int);
template void dense_backward<float>(float*, float*, float*, const float*, const float*, const float*, int,
                                    int, int);
template void dense_backward<double>(double*, double*, double*, const double*, const double*, const double*,
                                     int, int, int);

}  // namespace bnp
