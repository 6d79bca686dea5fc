#pragma once
// Helpers that build the core's error messages: each names the option, the bad value, and what is allowed.
#include <cstddef>
#include <string>

namespace bnp {

// Formats like JavaScript does, so messages read the same from C++ and from the page: NaN, Infinity, 0.001.
std::string format_number(double v);

// "" if lo <= v <= hi and v is finite, else "<name> = <v> is not allowed: <allowed>".
std::string check_range(const char* name, double v, double lo, double hi, const char* allowed);

// Index of the first NaN or ±Inf in values[count], or -1 when all are finite. One vectorizable pass first,
// since the answer is almost always -1 (it guards every training step's inputs).
long first_non_finite(const float* values, size_t count);

}  // namespace bnp
