#pragma once
// The hidden layers' activation functions, forward and backward, elementwise over a buffer.
#include <string>

namespace bnp {

enum class Activation { Sigmoid, Tanh, Relu, Linear };

// Parses "sigmoid" | "tanh" | "relu" | "linear"; on failure returns false and says what is allowed in *error.
bool parse_activation(const std::string& name, Activation* out, std::string* error);
const char* activation_name(Activation a);

// out[count] = f(inp[count]); count = N·H. out may alias inp.
template <typename T>
void activation_forward(T* out, const T* inp, Activation kind, int count);

// dinp[count] = f'(·) ⊙ dout, with f' written in terms of the forward output `out` (σ' = σ(1−σ),
// tanh' = 1 − tanh², relu' = [out > 0]). dinp may alias dout.
template <typename T>
void activation_backward(T* dinp, const T* dout, const T* out, Activation kind, int count);

}  // namespace bnp
