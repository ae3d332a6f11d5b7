#include <cstdio>
#include <cstdlib>

#include "harnesses.hpp"

namespace glc::fuzz {

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

}  // namespace glc::fuzz
