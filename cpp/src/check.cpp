// Error-message helpers and the finiteness scan (see check.h).
#include "bnp/check.h"

#include <cmath>
#include <cstdio>

namespace bnp {

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string check_range(const char* name, double v, double lo, double hi, const char* allowed) {
  if (std::isfinite(v) && v >= lo && v <= hi) return "";
  return std::string(name) + " = " + format_number(v) + " is not allowed: " + allowed;
}

long first_non_finite(const float* values, size_t count) {
  int bad = 0;
  for (size_t i = 0; i < count; ++i) bad |= !(values[i] - values[i] == 0.0f);  // x − x is NaN for NaN, ±Inf
  if (!bad) return -1;
  for (size_t i = 0; i < count; ++i)
    if (!(values[i] - values[i] == 0.0f)) return long(i);
  return -1;
}

}  // namespace bnp
