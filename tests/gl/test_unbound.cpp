// Nothing unbound runs: every storage block, uniform block, image (of any dimension), sampler
// and atomic counter buffer a program uses must have something bound, or the dispatch throws
// naming it; two blocks on one binding bound to different buffers are refused naming both; and
// a buffer whose elements are not the block's (sizeof(T) against the array stride) is refused
// at bind. ctest runs this suite on both compile paths.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <gtest/gtest.h>

#include "gl_test_context.hpp"

namespace {

using glc::testing::compile;
using glc::testing::contains;
using glc::testing::context;
using glc::testing::error_from;
using glc::testing::poison;
using glc::testing::poisoned_buffer;

/// Dispatching `p` with only `Out` bound throws; returns the message. The output stays
/// poisoned: nothing ran.
std::string unbound_error(const std::string& glsl, const std::string& name) {
  glc::Program p = compile(glsl, name);
  glc::Buffer<float> out = poisoned_buffer<float>(4);
  p.bind("Out", out);
  const std::string message = error_from([&] { p.dispatch(1); });
  EXPECT_EQ(out.read(), std::vector<float>(4, poison<float>()));
  return message;
}

TEST(NothingUnboundRuns, UniformBlock) {
  EXPECT_TRUE(contains(unbound_error(R"(#version 430
layout(local_size_x = 1) in;
layout(std140, binding = 5) uniform Params { float k; };
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = k; }
)", "ubo.comp"), {"ubo.comp", "uniform block 'Params' (binding 5) has no buffer bound", "bind(\"Params\", buffer)"}));
}

TEST(NothingUnboundRuns, Image3D) {
  EXPECT_TRUE(contains(unbound_error(R"(#version 430
layout(local_size_x = 1) in;
layout(r32f, binding = 2) uniform readonly image3D volume;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = imageLoad(volume, ivec3(0)).x; }
)", "volume.comp"), {"volume.comp", "image 'volume' (image3D, unit 2) has no texture bound"}));
}

TEST(NothingUnboundRuns, IntegerImagesOfOtherDimensions) {
  const std::pair<const char*, const char*> images[] = {
      {"uimage3D", "r32ui"}, {"iimage2DArray", "r32i"}, {"image1D", "r32f"}, {"uimageBuffer", "r32ui"}};
  for (const auto& [type, format] : images) {
    SCOPED_TRACE(type);
    const std::string glsl = std::string("#version 430\nlayout(local_size_x = 1) in;\n") + "layout(" + format +
                             ") uniform readonly " + type + " img;\n"
                             "layout(std430, binding = 0) buffer Out { float o[]; };\n"
                             "void main() { o[0] = float(imageSize(img).x); }\n";
    EXPECT_TRUE(contains(unbound_error(glsl, "images.comp"), {"image 'img' (" + std::string(type), "no texture bound"}));
  }
}

TEST(NothingUnboundRuns, Sampler) {
  EXPECT_TRUE(contains(unbound_error(R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 3) uniform sampler2D tex;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = texelFetch(tex, ivec2(0), 0).x; }
)", "sampler.comp"), {"sampler.comp", "sampler 'tex' (sampler2D, texture unit 3) has no texture bound"}));
}

TEST(NothingUnboundRuns, AtomicCounters) {
  const std::string message = unbound_error(R"(#version 430
layout(local_size_x = 1) in;
layout(binding = 1, offset = 4) uniform atomic_uint hits;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = float(atomicCounterIncrement(hits)); }
)", "counter.comp");
  EXPECT_TRUE(contains(message, {"counter.comp", "atomic counter binding 1 (counter 'hits') has no buffer bound",
                                 "bind_atomic_counters(1, buffer)"}));
}

TEST(NothingUnboundRuns, StorageBlockBesideTheOthers) {
  EXPECT_TRUE(contains(unbound_error(R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 1) readonly buffer In { float i[]; };
layout(std430, binding = 0) buffer Out { float o[]; };
void main() { o[0] = i[0]; }
)", "ssbo.comp"), {"storage block 'In' (binding 1) has no buffer bound", "bind(\"In\", buffer)"}));
}

// Two storage blocks declared on one binding are two views of one buffer: bound by name to
// two buffers, the shader would read the same one through both.
const char* const kSharedBinding = R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 1) readonly buffer Floats { float f[]; };
layout(std430, binding = 1) readonly buffer Words { uint w[]; };
layout(std430, binding = 0) writeonly buffer Out { float o[]; };
void main() { o[0] = f[0]; o[1] = float(w[1]); }
)";

/// The shared-binding shader, or an empty program where the driver refuses it on the SPIR-V
/// path: Mesa's linker tells blocks apart by binding there and refuses two on one ("buffer
/// block with binding `1' has mismatching definitions").
glc::Program compile_shared() {
  try {
    return compile(kSharedBinding, "shared.comp");
  } catch (const glc::ShaderError&) {
    const char* path = std::getenv("GLCOMPUTE_SHADER_PATH");
    if (path == nullptr || std::string(path) != "spirv") throw;
    return {};
  }
}

#define COMPILE_SHARED_OR_SKIP(p)                                                                 \
  glc::Program p = compile_shared();                                                              \
  try {                                                                                           \
    (void)p.id();                                                                                 \
  } catch (const glc::Error&) {                                                                   \
    GTEST_SKIP() << "the driver (" << context().info().renderer                                   \
                 << ") refuses two storage blocks on one binding on this compile path";           \
  }

TEST(SharedBinding, BlocksBoundToDifferentBuffersAreRefusedNamingBoth) {
  COMPILE_SHARED_OR_SKIP(p);
  glc::Buffer<float> out = poisoned_buffer<float>(2);
  glc::Buffer<float> floats = context().buffer(std::vector<float>{1.5f, 2.5f});
  glc::Buffer<std::uint32_t> words = context().buffer(std::vector<std::uint32_t>{7, 9});
  p.bind("Out", out).bind("Floats", floats).bind("Words", words);
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"shared.comp", "'Floats'", "'Words'", "share binding 1", "different buffers"}));
  EXPECT_EQ(out.read(), std::vector<float>(2, poison<float>()));
  // One buffer for both (by binding, which binds every block on it): both views read it.
  p.bind(1u, words).dispatch(1);
  EXPECT_EQ(out.read()[1], 9.0f);
}

TEST(SharedBinding, OneBlockBoundTheOtherNotSaysHowToBindBoth) {
  COMPILE_SHARED_OR_SKIP(p);
  glc::Buffer<float> out = poisoned_buffer<float>(2);
  glc::Buffer<float> floats = context().buffer(std::vector<float>{1.5f, 2.5f});
  p.bind("Out", out).bind("Floats", floats);
  EXPECT_TRUE(contains(error_from([&] { p.dispatch(1); }),
                       {"storage block 'Words' (binding 1) has no buffer bound", "shares binding 1 with 'Floats'",
                        "bind(1u, buffer) binds both"}));
}

// sizeof(T) against the array stride: byte counts that happen to divide are not enough.
TEST(ElementSize, Vec3ArrayNeeds16ByteElements) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Vs { vec3 v[]; };
void main() { v[1] = v[0] + vec3(1.0); }
)", "vec3.comp");
  struct Xyz {
    float x, y, z;
  };
  glc::Buffer<Xyz> packed = context().buffer<Xyz>(4);  // 48 bytes: three 16-byte elements' worth
  EXPECT_TRUE(contains(error_from([&] { p.bind("Vs", packed); }),
                       {"storage block 'Vs'", "elements are 12 bytes", "stride of 16 bytes"}));
  glc::Buffer<glm::vec4> padded = context().buffer(std::vector<glm::vec4>{{1, 2, 3, 0}, {0, 0, 0, 0}});
  p.bind("Vs", padded).dispatch(1);
  EXPECT_EQ(padded.read()[1], glm::vec4(2, 3, 4, 0));
  // Plain numbers may hold elements flat, four floats per vec3 with its padding.
  glc::Buffer<float> flat = context().buffer(std::vector<float>{1, 2, 3, 0, 0, 0, 0, 0});
  p.bind("Vs", flat).dispatch(1);
  EXPECT_EQ(flat.read(), (std::vector<float>{1, 2, 3, 0, 2, 3, 4, 0}));
}

TEST(ElementSize, BoolArrayNeeds4ByteElements) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Flags { bool flags[]; };
void main() { flags[1] = !flags[0]; }
)", "bools.comp");
  glc::Buffer<bool> bytes = context().buffer<bool>(8);
  EXPECT_TRUE(contains(error_from([&] { p.bind("Flags", bytes); }),
                       {"storage block 'Flags'", "elements are 1 bytes", "stride of 4 bytes"}));
  glc::Buffer<std::uint32_t> words = context().buffer(std::vector<std::uint32_t>{0, 0});
  p.bind("Flags", words).dispatch(1);
  EXPECT_EQ(words.read()[1], 1u);
}

TEST(ElementSize, StructWithTheWrongPaddingIsRefused) {
  glc::Program p = compile(R"(#version 430
layout(local_size_x = 1) in;
struct Item { float weight; vec3 position; };
layout(std430, binding = 0) buffer Items { Item items[]; };
void main() { items[0].weight += items[0].position.z; }
)", "items.comp");
  ASSERT_EQ(p.storage_blocks().size(), 1u);
  EXPECT_EQ(p.storage_blocks()[0].array_stride, 32u);
  struct Packed {
    float weight;
    glm::vec3 position;  // at 4 in C++, at 16 in std430
  };
  static_assert(sizeof(Packed) == 16);
  glc::Buffer<Packed> packed = context().buffer<Packed>(2);  // 32 bytes, one element's worth
  EXPECT_TRUE(contains(error_from([&] { p.bind("Items", packed); }),
                       {"storage block 'Items'", "elements are 16 bytes", "stride of 32 bytes"}));
  struct Item {
    float weight;
    alignas(16) glm::vec3 position;
  };
  static_assert(sizeof(Item) == 32);
  glc::Buffer<Item> items = context().buffer(std::vector<Item>{{1.0f, {0.0f, 0.0f, 2.5f}}});
  p.bind("Items", items).dispatch(1);
  EXPECT_EQ(items.read()[0].weight, 3.5f);
}

}  // namespace
