#pragma once
// Which halves of a normalization run: centering (subtract the mean) and scaling (divide by a spread). Both
// is the usual batch or layer norm. Centering only: x̂ = x − μ (no division; Salimans & Kingma 2016 pair a
// mean-only batch norm with weight normalization). Scaling only: x̂ = x/√(m₂ + ε), m₂ the mean of x² (no
// centering: over the units of one example this is RMSNorm, Zhang & Sennrich 2019, torch.nn.RMSNorm).

namespace bnp {

struct NormParts {
  bool center = true;
  bool scale = true;
  bool both() const { return center && scale; }
};

}  // namespace bnp
