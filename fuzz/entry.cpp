// libFuzzer's entry point for one harness, chosen at compile time with
// -DGLC_FUZZ_HARNESS=<name> (see fuzz/CMakeLists.txt).

#include "harnesses.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return glc::fuzz::GLC_FUZZ_HARNESS(data, size);
}
