// The glcompute command's readers, without GL: numbers, shapes, dtypes, value lists, buffer
// specs, uniform values, float16 rounding, the run command's argument checks, bool printing,
// and the help texts' size. tests/gl/test_cli.cpp runs the command itself.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "array_text.hpp"
#include "buffer_spec.hpp"
#include "float16.hpp"
#include "help_text.hpp"
#include "run_plan.hpp"
#include "text_values.hpp"
#include "uniform_value.hpp"
#include "usage_error.hpp"

namespace {
using glc::cli::UsageError;
using glc::npy::Dtype;
using ::testing::HasSubstr;

template <class F>
std::string usage_error_of(F&& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no usage error)";
}

template <class T>
std::vector<T> as(const std::vector<std::byte>& bytes) {
  std::vector<T> out(bytes.size() / sizeof(T));
  std::memcpy(out.data(), bytes.data(), out.size() * sizeof(T));
  return out;
}

std::vector<std::byte> value_bytes(std::string_view text, Dtype dtype) {
  std::vector<std::byte> out;
  glc::cli::append_value(text, dtype, out);
  return out;
}

TEST(CliValues, Numbers) {
  EXPECT_EQ(glc::cli::to_int64("-12"), -12);
  EXPECT_EQ(glc::cli::to_int64("+0x7f"), 127);
  EXPECT_EQ(glc::cli::to_int64("-9223372036854775808"), INT64_MIN);
  EXPECT_FALSE(glc::cli::to_int64("9223372036854775808"));
  EXPECT_EQ(glc::cli::to_uint64("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(glc::cli::to_uint64("-1"));
  EXPECT_FALSE(glc::cli::to_uint64("1.0"));
  EXPECT_FALSE(glc::cli::to_uint64("12abc"));
  EXPECT_FALSE(glc::cli::to_uint64(""));
  EXPECT_EQ(glc::cli::to_double("2.5e-3"), 2.5e-3);
  EXPECT_EQ(glc::cli::to_double("+1"), 1.0);
  EXPECT_TRUE(std::isinf(*glc::cli::to_double("-inf")));
  EXPECT_TRUE(std::isnan(*glc::cli::to_double("nan")));
  EXPECT_FALSE(glc::cli::to_double("1e400"));
  EXPECT_FALSE(glc::cli::to_double("0x10"));
  EXPECT_FALSE(glc::cli::to_double("1,5"));
  EXPECT_FALSE(glc::cli::to_double("++1"));
}

TEST(CliValues, EveryDtypeReadsItsValuesAndRefusesOthers) {
  EXPECT_EQ(as<std::uint8_t>(value_bytes("true", Dtype::bool_)), std::vector<std::uint8_t>{1});
  EXPECT_EQ(as<std::uint8_t>(value_bytes("0", Dtype::bool_)), std::vector<std::uint8_t>{0});
  EXPECT_EQ(as<std::int8_t>(value_bytes("-128", Dtype::int8)), std::vector<std::int8_t>{-128});
  EXPECT_EQ(as<std::uint16_t>(value_bytes("0xffff", Dtype::uint16)), std::vector<std::uint16_t>{65535});
  EXPECT_EQ(as<std::int64_t>(value_bytes("-9223372036854775808", Dtype::int64)), std::vector<std::int64_t>{INT64_MIN});
  EXPECT_EQ(as<std::uint64_t>(value_bytes("18446744073709551615", Dtype::uint64)), std::vector<std::uint64_t>{UINT64_MAX});
  EXPECT_EQ(as<float>(value_bytes("0.1", Dtype::float32)), std::vector<float>{0.1f});
  EXPECT_EQ(as<double>(value_bytes("0.1", Dtype::float64)), std::vector<double>{0.1});
  EXPECT_EQ(as<std::uint16_t>(value_bytes("1.5", Dtype::float16)), std::vector<std::uint16_t>{0x3E00});
  EXPECT_EQ(as<std::uint16_t>(value_bytes("65504", Dtype::float16)), std::vector<std::uint16_t>{0x7BFF});
  EXPECT_EQ(as<std::uint16_t>(value_bytes("-inf", Dtype::float16)), std::vector<std::uint16_t>{0xFC00});

  const auto refused = [](std::string_view text, Dtype dtype, const std::string& what) {
    EXPECT_EQ(usage_error_of([&] { value_bytes(text, dtype); }), what) << text;
  };
  refused("300", Dtype::int8, "'300' does not fit in int8 (-128 to 127)");
  refused("-1", Dtype::uint32, "'-1' does not fit in uint32 (0 to 4294967295)");
  refused("1.5", Dtype::int32, "'1.5' is not a whole number (int32)");
  refused("abc", Dtype::int32, "'abc' is not a number (int32)");
  refused("abc", Dtype::float32, "'abc' is not a number (float32)");
  refused("1e39", Dtype::float32, "'1e39' does not fit in float32 (largest 3.4028235e+38)");
  refused("65520", Dtype::float16, "'65520' does not fit in float16 (largest 65504)");
  refused("yes", Dtype::bool_, "'yes' is not a bool (true, false, 1 or 0)");
}

TEST(CliValues, ShapesDtypesAndSizes) {
  EXPECT_EQ(glc::cli::parse_shape("64"), glc::npy::Shape{64});
  EXPECT_EQ(glc::cli::parse_shape("8, 8"), (glc::npy::Shape{8, 8}));
  EXPECT_EQ(glc::cli::parse_shape("0"), glc::npy::Shape{0});
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_shape("8,"); }), HasSubstr("'8,' is not a shape"));
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_shape("-1"); }), HasSubstr("is not a shape"));
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_shape("4294967296,4294967296"); }), HasSubstr("too many elements"));
  EXPECT_EQ(glc::cli::parse_dtype("uint16"), Dtype::uint16);
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_dtype("f4"); }),
              HasSubstr("unknown dtype 'f4' (bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, "
                        "float16, float32, float64)"));
  EXPECT_EQ(glc::cli::parse_sizes("4,2", 1, 1), (std::array<std::uint64_t, 3>{4, 2, 1}));
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_sizes("1,2,3,4", 1, 1); }), HasSubstr("more than three"));
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_sizes("0", 1, 1); }), HasSubstr("'0' is less than 1"));
  EXPECT_THAT(usage_error_of([] { glc::cli::parse_count("abc", 1); }), HasSubstr("'abc' is not a whole number"));
  EXPECT_TRUE(glc::cli::is_shape_text("8,8"));
  EXPECT_FALSE(glc::cli::is_shape_text("b.npy"));
}

TEST(CliValues, NestedListsGiveTheShape) {
  const glc::npy::Array a = glc::cli::parse_list("[[1, 2, 3], [4, 5, 6]]", Dtype::int16);
  EXPECT_EQ(a.shape, (glc::npy::Shape{2, 3}));
  EXPECT_EQ(as<std::int16_t>(a.data), (std::vector<std::int16_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(glc::cli::parse_list("[1.5,-2,]", Dtype::float32).shape, glc::npy::Shape{2});
  EXPECT_EQ(glc::cli::parse_list("[]", Dtype::float32).shape, glc::npy::Shape{0});
  EXPECT_EQ(glc::cli::parse_list("[[], []]", Dtype::float32).shape, (glc::npy::Shape{2, 0}));
  const auto refused = [](std::string_view text, const std::string& what) {
    EXPECT_THAT(usage_error_of([&] { glc::cli::parse_list(text, Dtype::int32); }), HasSubstr(what)) << text;
  };
  refused("[[1, 2], [3]]", "the lists at depth 2 have different lengths (2 and 1)");
  refused("[[1, 2], 3]", "lists and values are mixed");
  refused("[1, [2]]", "lists and values are mixed");
  refused("[1, 2", "not closed");
  refused("[1,,2]", "a value is missing");
  refused("[1, 2] x", "unexpected");
  refused("1, 2", "starts with '['");
  refused("[1, x]", "'x' is not a number (int32)");
  refused(std::string(70, '[') + std::string(70, ']'), "nested more than 64 deep");
}

TEST(CliValues, BufferSpecs) {
  using Kind = glc::cli::BufferSpec::Kind;
  const glc::cli::BufferSpec zeros = glc::cli::parse_buffer_spec("zeros:float32:8,8");
  EXPECT_EQ(zeros.kind, Kind::zeros);
  EXPECT_EQ(zeros.shape, (glc::npy::Shape{8, 8}));
  EXPECT_EQ(glc::cli::host_array(zeros).data, std::vector<std::byte>(256));
  const glc::cli::BufferSpec random = glc::cli::parse_buffer_spec("random:uint64:5:18446744073709551615");
  EXPECT_EQ(random.kind, Kind::random);
  EXPECT_EQ(random.seed, UINT64_MAX);
  EXPECT_EQ(glc::cli::parse_buffer_spec("random:int8:3").seed, 0u);
  const glc::cli::BufferSpec list = glc::cli::parse_buffer_spec("[1, 2]:uint8");
  EXPECT_EQ(list.kind, Kind::list);
  EXPECT_EQ(as<std::uint8_t>(glc::cli::host_array(list).data), (std::vector<std::uint8_t>{1, 2}));
  EXPECT_EQ(glc::cli::parse_buffer_spec("data/x.npy").file, "data/x.npy");
  EXPECT_EQ(glc::cli::parse_buffer_spec("./zeros:float32:8").kind, Kind::file);
  // iota wraps integers as C does, and rounds floats.
  EXPECT_EQ(as<std::int8_t>(glc::cli::host_array(glc::cli::parse_buffer_spec("iota:int8:260")).data)[259], 3);
  EXPECT_EQ(as<std::int8_t>(glc::cli::host_array(glc::cli::parse_buffer_spec("iota:int8:260")).data)[128], -128);
  EXPECT_EQ(as<std::uint16_t>(glc::cli::host_array(glc::cli::parse_buffer_spec("iota:float16:2051")).data)[2049],
            glc::cli::float16_from_double(2048.0));  // 2049 rounds to even
  EXPECT_EQ(as<double>(glc::cli::host_array(glc::cli::parse_buffer_spec("iota:float64:2,3")).data),
            (std::vector<double>{0, 1, 2, 3, 4, 5}));

  const auto refused = [](std::string_view text, const std::string& what) {
    EXPECT_THAT(usage_error_of([&] { glc::cli::parse_buffer_spec(text); }), HasSubstr(what)) << text;
  };
  refused("zeros:float32", "zeros is written zeros:DTYPE:SHAPE, such as zeros:float32:64");
  refused("zeros:float32:8:1", "zeros is written zeros:DTYPE:SHAPE,");
  refused("random:float32:8:1:2", "random:DTYPE:SHAPE[:SEED]");
  refused("random:float32:8:-1", "the seed '-1' is not a whole number");
  refused("zeros:float33:8", "unknown dtype 'float33'");
  refused("zeros:float32:abc", "'abc' is not a shape");
  refused("zeros:float64:4294967296,4294967296", "too many elements");
  refused("zeros:float64:2305843009213693952", "too many elements");
  refused("iota:bool:4", "iota has no bool form");
  refused("[1, 2]", "a value list is written [v, v, ...]:DTYPE");
  refused("[1, 2]x:int8", "a value list is written");
  refused("[1, 300]:int8", "'300' does not fit in int8");
  refused("", "no file name or generator");
}

TEST(CliValues, RandomWordsBecomeValuesByTheDocumentedRules) {
  const std::vector<std::uint32_t> words = {0xFFFFFFFFu, 0x80000000u, 0x00000100u, 0x12345678u};
  EXPECT_EQ(as<float>(glc::cli::random_array(Dtype::float32, {4}, words).data),
            (std::vector<float>{16777215.0f / 16777216.0f, 0.5f, 1.0f / 16777216.0f, float(0x123456) / 16777216.0f}));
  EXPECT_EQ(as<std::uint8_t>(glc::cli::random_array(Dtype::bool_, {4}, words).data), (std::vector<std::uint8_t>{1, 1, 0, 0}));
  EXPECT_EQ(as<std::int8_t>(glc::cli::random_array(Dtype::int8, {4}, words).data), (std::vector<std::int8_t>{-1, 0, 0, 0x78}));
  EXPECT_EQ(as<std::uint64_t>(glc::cli::random_array(Dtype::uint64, {2}, words).data),
            (std::vector<std::uint64_t>{0x80000000FFFFFFFFull, 0x1234567800000100ull}));
  const std::vector<double> d = as<double>(glc::cli::random_array(Dtype::float64, {2}, words).data);
  EXPECT_EQ(d[0], (double(0x7FFFFFF) * 67108864.0 + double(0x2000000)) / 9007199254740992.0);
  EXPECT_LT(d[0], 1.0);
  EXPECT_EQ(as<std::uint16_t>(glc::cli::random_array(Dtype::float16, {1}, words).data)[0],
            glc::cli::float16_from_double(2047.0 / 2048.0));
  EXPECT_EQ(glc::cli::random_words(Dtype::float64, 3), 6u);
  EXPECT_EQ(glc::cli::random_words(Dtype::int16, 3), 3u);
}

// Every half reads back as itself; values between two halves go to the nearer, ties to the
// one with an even last bit; beyond the largest half, ties and more go to infinity.
TEST(CliValues, Float16RoundsToNearestEven) {
  for (std::uint32_t bits = 0; bits < 0x10000; ++bits) {
    const auto h = static_cast<std::uint16_t>(bits);
    const double value = glc::cli::float16_to_double(h);
    if (std::isnan(value)) {
      EXPECT_TRUE(std::isnan(glc::cli::float16_to_double(glc::cli::float16_from_double(value))));
      continue;
    }
    ASSERT_EQ(glc::cli::float16_from_double(value), h) << bits;
    if ((bits & 0x7FFF) >= 0x7BFF) continue;  // the largest finite half and infinity
    const std::uint16_t next = static_cast<std::uint16_t>(h + 1);
    const double mid = (value + glc::cli::float16_to_double(next)) / 2;
    ASSERT_EQ(glc::cli::float16_from_double(mid), (h & 1) == 0 ? h : next) << bits;
    ASSERT_EQ(glc::cli::float16_from_double(std::nextafter(mid, value)), h) << bits;
    ASSERT_EQ(glc::cli::float16_from_double(std::nextafter(mid, 2 * mid - value)), next) << bits;
  }
  EXPECT_EQ(glc::cli::float16_from_double(65519.99), 0x7BFF);
  EXPECT_EQ(glc::cli::float16_from_double(65520.0), 0x7C00);
  EXPECT_EQ(glc::cli::float16_from_double(1e300), 0x7C00);
  EXPECT_EQ(glc::cli::float16_from_double(-0.0), 0x8000);
  EXPECT_EQ(glc::cli::float16_from_double(std::ldexp(1.0, -25)), 0x0000);           // a tie: to even (0)
  EXPECT_EQ(glc::cli::float16_from_double(std::ldexp(1.5, -25)), 0x0001);
  EXPECT_EQ(glc::cli::float16_from_double(1e-300), 0x0000);
}

glc::UniformInfo uniform(const std::string& name, const std::string& type, int array_size = 1) {
  glc::UniformInfo u;
  u.name = name;
  u.type_name = type;
  u.array_size = array_size;
  return u;
}

TEST(CliValues, UniformValuesTakeTheDeclaredType) {
  const glc::cli::UniformValue v = glc::cli::parse_uniform_value(uniform("v", "vec3"), "1, 2.5,-3");
  EXPECT_EQ(v.elements, 1u);
  EXPECT_EQ(as<float>(v.data), (std::vector<float>{1, 2.5f, -3}));
  EXPECT_EQ(as<float>(glc::cli::parse_uniform_value(uniform("v", "vec2"), "[1.5f, inf]").data),
            (std::vector<float>{1.5f, INFINITY}));
  EXPECT_EQ(as<std::uint32_t>(glc::cli::parse_uniform_value(uniform("n", "uint"), "7u").data), std::vector<std::uint32_t>{7});
  EXPECT_EQ(as<double>(glc::cli::parse_uniform_value(uniform("d", "double"), "0.1").data), std::vector<double>{0.1});
  EXPECT_EQ(as<std::uint8_t>(glc::cli::parse_uniform_value(uniform("b", "bvec2"), "true,0").data), (std::vector<std::uint8_t>{1, 0}));
  EXPECT_EQ(glc::cli::parse_uniform_value(uniform("m", "mat2x3"), "1,2,3,4,5,6").data.size(), 24u);
  const glc::cli::UniformValue array = glc::cli::parse_uniform_value(uniform("w", "ivec2", 4), "(1,2, 3,4)");
  EXPECT_EQ(array.elements, 2u);
  EXPECT_EQ(as<std::int32_t>(array.data), (std::vector<std::int32_t>{1, 2, 3, 4}));

  const auto refused = [](const glc::UniformInfo& u, std::string_view text, const std::string& what) {
    EXPECT_EQ(usage_error_of([&] { glc::cli::parse_uniform_value(u, text); }), what) << text;
  };
  refused(uniform("n", "uint"), "-1", "uniform 'n' is uint: '-1' is not a uint (0 to 4294967295)");
  refused(uniform("n", "uint"), "4294967296", "uniform 'n' is uint: '4294967296' is not a uint (0 to 4294967295)");
  refused(uniform("i", "int"), "2147483648", "uniform 'i' is int: '2147483648' is not an int (-2147483648 to 2147483647)");
  refused(uniform("i", "int"), "1.5", "uniform 'i' is int: '1.5' is not an int (-2147483648 to 2147483647)");
  refused(uniform("a", "float"), "abc", "uniform 'a' is float: 'abc' is not a number");
  refused(uniform("a", "float"), "1e39", "uniform 'a' is float: '1e39' does not fit in a float (largest 3.4028235e+38)");
  refused(uniform("b", "bool"), "2", "uniform 'b' is bool: '2' is not a bool (true, false, 1 or 0)");
  refused(uniform("v", "vec3"), "1,2", "uniform 'v' is vec3: give 3 floats, not 2 values (separated by commas)");
  refused(uniform("v", "vec3"), "", "uniform 'v' is vec3: give 3 floats, not 0 values (separated by commas)");
  refused(uniform("v", "vec3"), "1,,3", "uniform 'v' is vec3: a value is missing in '1,,3'");
  refused(uniform("a", "float"), "1,2", "uniform 'a' is float: give 1 float, not 2 values");
  refused(uniform("w", "float", 2), "1,2,3", "uniform 'w' is float[2]: give 1 to 2 elements of 1 float each, not 3 values");
  refused(uniform("img", "image2D"), "0",
          "uniform 'img' is image2D, which --set cannot set (numbers, vectors and matrices it can)");
}

glc::cli::RunArgs run_args(std::vector<std::string> buffers) {
  glc::cli::RunArgs args;
  args.shader.shader = "x.comp";
  args.buffers = std::move(buffers);
  return args;
}

TEST(CliValues, RunArgumentsAreCheckedBeforeAnyGlWork) {
  glc::cli::RunArgs args = run_args({"outs_1=zeros:float32:8,8", "2=iota:int32:64"});
  args.prints = {"outs_1", "2:4,16"};
  args.outs = {"outs_1=a:b.npy", "2=out.npy:64"};
  args.sets = {"a=1,2"};
  args.repeat = "3";
  const glc::cli::RunPlan plan = glc::cli::plan_run(args);
  ASSERT_EQ(plan.buffers.size(), 2u);
  EXPECT_FALSE(plan.buffers[0].block.binding);
  EXPECT_EQ(plan.buffers[1].block.binding, 2u);
  EXPECT_EQ(plan.prints[1].shape, (glc::npy::Shape{4, 16}));
  EXPECT_FALSE(plan.prints[0].shape);
  EXPECT_EQ(plan.outs[0].file, "a:b.npy");
  EXPECT_FALSE(plan.outs[0].shape);
  EXPECT_EQ(plan.outs[1].file, "out.npy");
  EXPECT_EQ(plan.outs[1].shape, glc::npy::Shape{64});
  EXPECT_EQ(plan.sets[0].value, "1,2");
  EXPECT_EQ(plan.repeat, 3u);
  EXPECT_EQ(plan.dispatch.kind, glc::cli::DispatchPlan::Kind::first_buffer);

  const auto refused = [](glc::cli::RunArgs a, const std::string& what) {
    EXPECT_THAT(usage_error_of([&] { glc::cli::plan_run(a); }), HasSubstr(what));
  };
  refused(run_args({}), "no --buffer to take the dispatch size from; give --groups or --for");
  refused(run_args({"x"}), "--buffer x: 'x' is not NAME=SPEC");
  refused(run_args({"=zeros:int8:1"}), "is not NAME=SPEC");
  refused(run_args({"x=zeros:int8"}), "--buffer x=zeros:int8: zeros is written");
  refused(run_args({"99999999999=zeros:int8:1"}), "too large a binding");
  glc::cli::RunArgs blocks = run_args({"x=zeros:int8:4"});
  blocks.uniform_blocks = {"Params=[1, 2.5]:float32", "2=p.npy"};
  const glc::cli::RunPlan with_blocks = glc::cli::plan_run(blocks);
  ASSERT_EQ(with_blocks.uniform_blocks.size(), 2u);
  EXPECT_EQ(with_blocks.uniform_blocks[0].block.text, "Params");
  EXPECT_EQ(with_blocks.uniform_blocks[0].spec.kind, glc::cli::BufferSpec::Kind::list);
  EXPECT_EQ(with_blocks.uniform_blocks[0].spec.values.data.size(), 8u);
  EXPECT_EQ(with_blocks.uniform_blocks[1].block.binding, 2u);
  EXPECT_EQ(with_blocks.uniform_blocks[1].spec.file, "p.npy");
  blocks.uniform_blocks = {"Params=random:float32:4"};
  refused(blocks, "--uniform-block Params=random:float32:4: a uniform block's contents are FILE.npy or [v,...]:DTYPE");
  blocks.uniform_blocks = {"Params"};
  refused(blocks, "--uniform-block Params: 'Params' is not NAME=FILE.npy|[v,...]:DTYPE");
  glc::cli::RunArgs a = run_args({"x=zeros:int8:4"});
  a.groups = "1";
  a.for_size = "4";
  refused(a, "--groups and --for both give the dispatch size; give one");
  a.for_size.clear();
  a.groups = "0";
  refused(a, "--groups: '0' is less than 1");
  a.groups = "4294967296";
  refused(a, "--groups: a count is too large");
  a.groups = "1";
  a.repeat = "0";
  refused(a, "--repeat: '0' is less than 1");
  a.repeat = "1";
  a.prints = {":8"};
  refused(a, "--print :8: no buffer name");
  a.prints = {"x:8,"};
  refused(a, "--print x:8,: '8,' is not a shape");
  a.prints.clear();
  a.outs = {"x"};
  refused(a, "--out x: 'x' is not NAME=FILE.npy[:SHAPE]");
  a.outs = {"x=:8"};
  refused(a, "--out x=:8: no file name");
  a.outs.clear();
  a.sets = {"a"};
  refused(a, "--set a: 'a' is not NAME=VALUE");
  a.sets.clear();
  a.shader.specializations = {"taps=abc"};
  refused(a, "--specialize taps=abc: 'abc' is not a GLSL literal (5, 5u, 1.5 or true)");
  a.shader.specializations = {"taps=3000000000"};
  refused(a, "'3000000000' does not fit in an int (add u for a uint)");
  a.shader.specializations = {"1x=1"};
  refused(a, "'1x' is neither a constant's name nor its id");
  a.shader.specializations.clear();
  a.shader.defines = {"2X=1"};
  refused(a, "--define 2X=1: '2X' is not a macro name");
  a.shader.defines.clear();
  a.shader.local_size = "64,0";
  refused(a, "--local-size: '0' is less than 1");
  a.shader.local_size.clear();
  a.shader.path = "spirv2";
  refused(a, "--path: 'spirv2' is not glsl or spirv");
  a.shader.path.clear();
  a.context.backend = "x11";
  refused(a, "--backend: 'x11' is not egl or glfw");
  a.context.backend.clear();
  a.context.device = "-1";
  refused(a, "--device: '-1' is not a whole number");
}

TEST(CliValues, SpecializationValuesAreTypedAsGlslLiterals) {
  glc::cli::RunArgs a = run_args({"x=zeros:int8:4"});
  a.shader.specializations = {"a=5", "b=5u", "c=1.5", "d=true", "3=-2", "e=2e3f"};
  const glc::CompileOptions o = glc::cli::plan_run(a).compile;
  ASSERT_EQ(o.constants.size(), 6u);
  EXPECT_EQ(o.constants[0].value, glc::SpecValue(std::int32_t{5}));
  EXPECT_EQ(o.constants[1].value, glc::SpecValue(std::uint32_t{5}));
  EXPECT_EQ(o.constants[2].value, glc::SpecValue(1.5f));
  EXPECT_EQ(o.constants[3].value, glc::SpecValue(true));
  EXPECT_EQ(o.constants[4].id, 3u);
  EXPECT_EQ(o.constants[4].value, glc::SpecValue(std::int32_t{-2}));
  EXPECT_EQ(o.constants[5].value, glc::SpecValue(2000.0f));
}

TEST(CliValues, BoolsPrintAsNumPyPrintsThem) {
  const auto text = [](std::vector<std::uint8_t> values, glc::npy::Shape shape) {
    std::vector<std::byte> data(values.size());
    std::memcpy(data.data(), values.data(), values.size());
    return glc::cli::array_text(Dtype::bool_, data, shape);
  };
  EXPECT_EQ(text({1, 0, 1}, {3}), "[ True False  True]");
  EXPECT_EQ(text({1, 1, 1, 1}, {2, 2}), "[[ True  True]\n [ True  True]]");
  // NumPy's line width: 12 bools of 5 characters fill a 75-character line.
  EXPECT_EQ(text(std::vector<std::uint8_t>(13, 0), {13}),
            "[False False False False False False False False False False False False\n False]");
  EXPECT_EQ(text(std::vector<std::uint8_t>(1001, 1), {1001}), "[ True  True  True ...  True  True  True]");
}

TEST(CliValues, NarrowIntegersPrintAsWideOnes) {
  const std::vector<std::int8_t> values = {-128, 0, 127};
  std::vector<std::byte> data(3);
  std::memcpy(data.data(), values.data(), 3);
  EXPECT_EQ(glc::cli::array_text(Dtype::int8, data, {3}), "[-128    0  127]");
  EXPECT_THAT(usage_error_of([&] { glc::cli::array_text(Dtype::float16, data, {0}); }),
              HasSubstr("float16 buffers are not printed"));
}

TEST(CliValues, HelpFitsAScreen) {
  for (const char* command : {"", "run", "compile", "info"}) {
    const std::string help = glc::cli::help_text(command);
    std::istringstream lines(help);
    std::size_t count = 0;
    for (std::string line; std::getline(lines, line); ++count) {
      EXPECT_LE(line.size(), 80u) << command << ": " << line;
    }
    EXPECT_LE(count, 24u) << command;
    EXPECT_LE(glc::cli::usage_line(command).size(), 80u);
  }
  // Every option of run is in its help.
  for (const char* option : {"--buffer", "--uniform-block", "--set", "--define", "-I", "--specialize",
                             "--local-size", "--groups", "--for", "--repeat", "--print", "--out", "--time",
                             "--device", "--backend", "--path"}) {
    EXPECT_THAT(glc::cli::help_text("run"), HasSubstr(option));
  }
}

}  // namespace
