#pragma once
// Fully connected layer: out = inp · weight + bias. Weight is stored D×H (inputs by units), the transpose
// of PyTorch's nn.Linear.weight.

namespace bnp {

// out[N,H] = inp[N,D] · weight[D,H] + bias[H]
template <typename T>
void dense_forward(T* out, const T* inp, const T* weight, const T* bias, int N, int D, int H);

// Overwrites dweight[D,H] = inpᵀ·dout and dbias[H] = Σ_rows dout; dinp[N,D] = dout·weightᵀ unless dinp is
// null (the first layer needs no input gradient); dweight is skipped when null (the sparse path makes it).
template <typename T>
void dense_backward(T* dinp, T* dweight, T* dbias, const T* dout, const T* inp, const T* weight, int N, int D,
                    int H);

}  // namespace bnp
