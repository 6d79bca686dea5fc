// The binding's memory policy (see memory.h).
#include "memory.h"

#include <malloc.h>

#include <cmath>
#include <cstdlib>

#include "bnp/check.h"

namespace bnp::js {

namespace {
std::string megabytes(double bytes) {
  const double mb = bytes / (1 << 20);
  return (mb < 10 ? format_number(std::round(mb * 10) / 10) : format_number(std::round(mb))) + " MB";
}
}  // namespace

std::string room(double bytes, const std::string& what) {
  if (bytes <= 0) return "";
  // Called through a volatile pointer: the compiler may otherwise drop an unused malloc/free pair and take
  // the allocation as granted.
  void* (*volatile allocate)(size_t) = malloc;
  if (bytes < 4294967296.0)
    if (void* probe = allocate(size_t(bytes))) {
      free(probe);
      return "";
    }
  return what + " needs " + megabytes(bytes) + " more; the WebAssembly memory limit is 2 GB, and " +
         megabytes(heap_bytes_in_use()) + " are in use (dispose of networks or rows no longer needed)";
}

double heap_bytes_in_use() { return double(mallinfo().uordblks); }

}  // namespace bnp::js
