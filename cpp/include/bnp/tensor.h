#pragma once
// Shape letters used across the core, fixed once here:
//   N = batch rows (examples), D = features in, H = features out (units of a layer), O = network outputs.
// Every buffer is a plain row-major array, one example per row: element (i, j) of an N×H buffer is at
// [i * H + j]. Eigen Maps over these buffers give vectorized math without owning memory.
#include <Eigen/Core>

namespace bnp {

template <typename T>
using MatrixRM = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using MatMap = Eigen::Map<MatrixRM<T>>;
template <typename T>
using ConstMatMap = Eigen::Map<const MatrixRM<T>>;
template <typename T>
using VecMap = Eigen::Map<Eigen::Matrix<T, 1, Eigen::Dynamic>>;
template <typename T>
using ConstVecMap = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>;

}  // namespace bnp
