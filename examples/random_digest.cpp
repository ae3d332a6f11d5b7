// Prints digests of glc::Random::bits streams, so the same seed can be compared across drivers
// and GPUs: the Philox stream is part of the contract and must be bit-identical everywhere.
// Usage: random_digest            (run it on two machines and diff the output; ctest compares
// it with tests/gl/expected/random_digest.txt, which is also what an NVIDIA H100 prints)

#include <cinttypes>
#include <cstdio>
#include <exception>
#include <vector>

#include <glcompute/glcompute.hpp>

#include "example_args.hpp"

namespace {

/// FNV-1a over the words' bytes (little-endian).
std::uint64_t fnv1a(const std::vector<std::uint32_t>& words) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::uint32_t w : words) {
    for (int b = 0; b < 4; ++b) {
      h ^= (w >> (8 * b)) & 0xffu;
      h *= 0x100000001b3ull;
    }
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) try {
  example::Args args("random_digest",
                     "Digests of glc::Random::bits streams, to compare drivers and GPUs "
                     "(tests/gl/expected/random_digest.txt is what every one must print).");
  args.parse(argc, argv);
  glc::Context ctx;
  std::fprintf(stderr, "random_digest on %s\n", ctx.info().renderer.c_str());  // stdout: digests only
  for (std::uint64_t seed : {0ull, 42ull, 0x8000000000000005ull}) {
    for (std::uint64_t offset : {0ull, 0xFFFFFFFDull}) {
      for (std::size_t n : {std::size_t{1}, std::size_t{257}, std::size_t{10'000'003}}) {
        glc::Random rng(ctx, seed);
        rng.set_offset(offset);
        glc::Buffer<std::uint32_t> bits = ctx.buffer<std::uint32_t>(n);
        rng.bits(bits);
        const std::vector<std::uint32_t> words = bits.read();
        std::printf("seed %-20" PRIu64 " offset %-10" PRIu64 " n %-9zu first %08" PRIx32
                    " fnv1a %016" PRIx64 "\n",
                    seed, offset, n, words[0], fnv1a(words));
      }
    }
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "random_digest: %s\n", e.what());
  return 1;
}
