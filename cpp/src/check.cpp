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

}  // namespace bnp
