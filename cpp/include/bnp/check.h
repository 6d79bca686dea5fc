#pragma once
// Helpers that build the core's error messages: each names the option, the bad value, and what is allowed.
#include <string>

namespace bnp {

// Formats like JavaScript does, so messages read the same from C++ and from the page: NaN, Infinity, 0.001.
std::string format_number(double v);

// "" if lo <= v <= hi and v is finite, else "<name> = <v> is not allowed: <allowed>".
std::string check_range(const char* name, double v, double lo, double hi, const char* allowed);

}  // namespace bnp
