#pragma once
// The binding's memory policy: before anything allocates, malloc is asked for the bytes it needs, so that a
// call at the 2 GB WebAssembly limit is refused with a message (and allocates nothing) instead of aborting
// the whole instance, as operator new does in this exception-free build.
#include <string>

namespace bnp::js {

// "" when `bytes` more can be had from the heap now, else a message saying that `what` needs how much.
std::string room(double bytes, const std::string& what);

// "" once `buffers` (a network or a normalization layer) hold n rows, or why they cannot (nothing changed
// then). `more`: bytes the caller allocates next to them, asked for together so a refusal allocates nothing.
template <typename Buffers>
std::string grow(Buffers& buffers, int n, double more = 0) {
  const std::string error =
      room(double(buffers.reserve_bytes(n)) + more, "n = " + std::to_string(n) + " rows");
  if (error.empty()) buffers.reserve(n);
  return error;
}

// Bytes of the C++ heap in use (dlmalloc's count): tests watch it stay flat while a network trains.
double heap_bytes_in_use();

}  // namespace bnp::js
