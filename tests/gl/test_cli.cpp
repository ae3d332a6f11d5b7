// The glcompute command, run as a program: what it prints, writes and exits with. NumPy
// (/usr/bin/python3) makes input files and checks output files and printed text.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gl_test_context.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace {
namespace fs = std::filesystem;
using glc::testing::ProgramResult;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

ProgramResult glcompute(const std::vector<std::string>& args, const fs::path& cwd = {}) {
  return glc::testing::run_program(GLC_CLI, args, cwd);
}

ProgramResult python(const std::string& script, const std::vector<std::string>& args = {}) {
  std::vector<std::string> all{"-c", script};
  all.insert(all.end(), args.begin(), args.end());
  return glc::testing::run_program(GLC_PYTHON3, all);
}

std::string describe(const ProgramResult& r) {
  return "exit " + std::to_string(r.status) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// Copies a buffer word by word: any dtype whose bytes are a multiple of 4 goes through unchanged.
constexpr const char* kCopyShader = R"(#version 430
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer In { uint src[]; };
layout(std430, binding = 1) writeonly buffer Out { uint dst[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < uint(src.length())) dst[i] = src[i];
}
)";

class Cli : public ::testing::Test {
 protected:
  glc::testing::TempDir dir_;
  std::string path(const std::string& name) const { return (dir_.path() / name).string(); }
  std::string shader(const std::string& name, const std::string& text) const { return dir_.write(name, text).string(); }
};

TEST_F(Cli, TheTalksSlideIsOneCommand) {
  const ProgramResult r = glcompute({"run", GLC_SOURCE_DIR "/examples/shaders/talk.comp", "--buffer",
                                     "outs_1=zeros:float32:8,8", "--buffer", "outs_2=zeros:int32:8,8", "--print",
                                     "outs_1", "--print", "outs_2"});
  ASSERT_EQ(r.status, 0) << describe(r);
  std::ifstream expected(GLC_SOURCE_DIR "/tests/gl/expected/hello_compute.txt");
  EXPECT_EQ(r.out, std::string(std::istreambuf_iterator<char>(expected), std::istreambuf_iterator<char>()));
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, HelpFitsAScreenAndUsageErrorsSayWhy) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--help"}, {"run", "--help"}, {"compile", "--help"}, {"info", "--help"}, {"run", "x.comp", "-h"}}) {
    const ProgramResult r = glcompute(args);
    EXPECT_EQ(r.status, 0) << describe(r);
    EXPECT_THAT(r.out, StartsWith("usage: glcompute"));
    EXPECT_LE(lines(r.out), 24u) << r.out;
    EXPECT_EQ(r.err, "");
  }
  // One line of reason, one of usage, exit 2.
  const auto usage = [&](const std::vector<std::string>& args, const std::string& reason) {
    const ProgramResult r = glcompute(args);
    EXPECT_EQ(r.status, 2) << describe(r);
    EXPECT_EQ(lines(r.err), 2u) << r.err;
    EXPECT_THAT(r.err, AllOf(StartsWith("glcompute"), HasSubstr(reason), HasSubstr("\nusage: glcompute")));
    EXPECT_EQ(r.out, "");
  };
  const std::string copy = shader("copy.comp", kCopyShader);
  usage({}, "glcompute: no command given");
  usage({"frobnicate"}, "glcompute: unknown command 'frobnicate' (run, compile or info)");
  usage({"run"}, "glcompute run: the SHADER file is missing");
  usage({"run", copy, "--bogus"}, "glcompute run: unknown option --bogus");
  usage({"run", copy, "extra.comp"}, "glcompute run: unexpected argument extra.comp");
  usage({"run", copy, "--buffer"}, "glcompute run: --buffer needs a value");
  usage({"run", copy, "--repeat", "abc"}, "glcompute run: --repeat: 'abc' is not a whole number");
  usage({"run", copy, "--buffer", "In=zeros:float33:4"},
        "glcompute run: --buffer In=zeros:float33:4: unknown dtype 'float33' (bool, int8,");
  usage({"run", copy, "--buffer", "Nope=zeros:uint32:4"},
        "--buffer Nope=zeros:uint32:4: no storage block is named Nope; the shader's blocks: In (binding 0), Out (binding 1)");
  usage({"run", copy, "--buffer", "7=zeros:uint32:4"}, "no storage block has binding 7;");
  usage({"run", copy, "--buffer", "In=zeros:uint32:4"}, "storage block Out (binding 1) has no --buffer");
  usage({"run", copy, "--buffer", "In=zeros:uint32:4", "--buffer", "0=zeros:uint32:4", "--buffer", "Out=zeros:uint32:4"},
        "--buffer 0=zeros:uint32:4: block In already has --buffer In=zeros:uint32:4");
  usage({"run", copy, "--buffer", "In=zeros:uint8:3", "--buffer", "Out=zeros:uint32:4"},
        "--buffer In=zeros:uint8:3: Program::bind");
  usage({"run", copy, "--buffer", "In=zeros:uint32:4", "--buffer", "Out=zeros:uint32:4", "--print", "Out:3"},
        "--print Out:3: the shape (3,) holds 3 elements, but the buffer has 4 uint32");
  usage({"run", copy, "--buffer", "In=zeros:uint32:4", "--buffer", "Out=zeros:uint32:4", "--print", "Mid"},
        "--print Mid: no storage block is named Mid");
  usage({"run", copy, "--buffer", "In=zeros:uint32:4", "--buffer", "Out=zeros:float16:8", "--print", "Out"},
        "--print Out: float16 buffers are not printed");
  usage({"run", copy, "--buffer", "In=zeros:uint32:4", "--buffer", "Out=zeros:uint32:4", "--set", "n=1"},
        "--set n=1: the shader has no uniform 'n'; it declares none");
  usage({"info", "--device", "x"}, "glcompute info: --device: 'x' is not a whole number");
  usage({"compile", copy, "--path", "wasm"}, "glcompute compile: --path: 'wasm' is not glsl or spirv");
}

TEST_F(Cli, ShaderErrorsGiveFileAndLineAndExitOne) {
  const std::string bad = shader("bad.comp", "#version 430\nlayout(local_size_x = 1) in;\nvoid main() {\n  undeclared = 1;\n}\n");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{{"run", bad, "--groups", "1"}, {"compile", bad}}) {
    const ProgramResult r = glcompute(args);
    EXPECT_EQ(r.status, 1) << describe(r);
    EXPECT_THAT(r.err, HasSubstr(bad + ":4: "));
    EXPECT_THAT(r.err, ::testing::Not(HasSubstr("usage:")));
  }
  const ProgramResult missing = glcompute({"run", path("missing.comp"), "--groups", "1"});
  EXPECT_EQ(missing.status, 1) << describe(missing);
  EXPECT_THAT(missing.err, HasSubstr("missing.comp"));
  const std::string copy = shader("copy.comp", kCopyShader);
  const ProgramResult no_file = glcompute({"run", copy, "--buffer", "In=" + path("nothing.npy"), "--buffer", "Out=zeros:uint32:1"});
  EXPECT_EQ(no_file.status, 1) << describe(no_file);
  EXPECT_THAT(no_file.err, HasSubstr(path("nothing.npy") + ": cannot open it"));
}

// Every dtype: NumPy writes it (some in both byte orders), the shader copies it, glcompute writes it,
// and NumPy finds the same dtype, shape and values.
TEST_F(Cli, EveryDtypeGoesThroughNpyFilesUnchanged) {
  const std::string copy = shader("copy.comp", kCopyShader);
  const ProgramResult made = python(R"(
import sys, numpy as np
rng = np.random.default_rng(3)
for name in ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
             'float16', 'float32', 'float64']:
    t = np.dtype(name)
    raw = rng.integers(0, 256, 3 * 8 * t.itemsize, dtype=np.uint8)
    a = (raw % 2).astype(bool) if name == 'bool' else raw.view(t)
    a = a.reshape(3, 8)
    np.save(sys.argv[1] + '/in_%s_le.npy' % name, a)
    np.save(sys.argv[1] + '/in_%s_be.npy' % name, a.astype(a.dtype.newbyteorder('>')))
)",
                                    {dir_.path().string()});
  ASSERT_EQ(made.status, 0) << made.err;
  std::vector<std::string> pairs;
  for (const char* dtype : {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                            "float16", "float32", "float64"}) {
    for (const std::string order : {"le", "be"}) {
      // Big-endian files: a few dtypes are enough here (test_npy_numpy reads every one).
      const std::vector<std::string> big_endian = {"int16", "uint32", "float16", "float64"};
      if (order == "be" && std::find(big_endian.begin(), big_endian.end(), dtype) == big_endian.end()) continue;
      const std::string in = path(std::string("in_") + dtype + "_" + order + ".npy");
      const std::string out = path(std::string("out_") + dtype + "_" + order + ".npy");
      const ProgramResult r = glcompute({"run", copy, "--buffer", "In=" + in, "--buffer",
                                         std::string("Out=zeros:") + dtype + ":3,8", "--out", "Out=" + out});
      EXPECT_EQ(r.status, 0) << dtype << " " << order << "\n" << describe(r);
      pairs.push_back(in);
      pairs.push_back(out);
    }
  }
  const ProgramResult check = python(R"(
import sys, numpy as np
files = sys.argv[1:]
for i in range(0, len(files), 2):
    a, b = np.load(files[i]), np.load(files[i + 1])
    ok = (b.dtype == a.dtype.newbyteorder('=') and b.dtype.isnative and b.shape == a.shape == (3, 8)
          and a.astype(b.dtype).tobytes() == b.tobytes())
    if not ok: print(files[i + 1], b.dtype, b.shape)
print(len(files) // 2, 'files')
)",
                                     pairs);
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_EQ(check.out, "16 files\n");
  // What NumPy would refuse to hand over as plain numbers is refused with the file's name.
  ASSERT_EQ(python("import sys, numpy as np; np.save(sys.argv[1], np.zeros((2, 3), np.float32, order='F'))",
                   {path("fortran.npy")}).status, 0);
  const ProgramResult fortran = glcompute({"run", copy, "--buffer", "In=" + path("fortran.npy"), "--buffer", "Out=zeros:float32:6"});
  EXPECT_EQ(fortran.status, 1) << describe(fortran);
  EXPECT_THAT(fortran.err, AllOf(HasSubstr(path("fortran.npy") + ": "), HasSubstr("Fortran order")));
}

// --print shows what NumPy's print shows for the same array, for every dtype it prints.
TEST_F(Cli, PrintIsNumPysPrint) {
  const std::string copy = shader("copy.comp", kCopyShader);
  const ProgramResult made = python(R"(
import sys, numpy as np
rng = np.random.default_rng(5)
d = sys.argv[1]
cases = {
  'float32_small': (rng.standard_normal(40) * 1e-6).astype(np.float32).reshape(5, 8),
  'float32_mixed': np.array([0.5, -1.25e10, np.nan, np.inf, 3, 7, -0.0, 1e-3], np.float32),
  'float32_big': rng.random(3000).astype(np.float32),
  'float64_wide': (rng.standard_normal(24) * 1e5).reshape(2, 3, 4),
  'int8': rng.integers(-128, 128, 32, dtype=np.int8).reshape(4, 8),
  'int16': rng.integers(-30000, 30000, 16, dtype=np.int16),
  'int64': rng.integers(-2**62, 2**62, 4, dtype=np.int64),
  'uint8': rng.integers(0, 256, 1200, dtype=np.uint8),
  'uint16': rng.integers(0, 65536, 8, dtype=np.uint16),
  'uint32': rng.integers(0, 2**32, 12, dtype=np.uint32).reshape(3, 4),
  'uint64': np.array([0, 2**64 - 1], np.uint64),
  'bool': rng.integers(0, 2, 200).astype(bool).reshape(4, 50),
}
for name, a in cases.items():
    np.save('%s/%s.npy' % (d, name), a)
    open('%s/%s.txt' % (d, name), 'w').write(str(a) + '\n')
)",
                                    {dir_.path().string()});
  ASSERT_EQ(made.status, 0) << made.err;
  for (const char* name : {"float32_small", "float32_mixed", "float32_big", "float64_wide", "int8", "int16",
                           "int64", "uint8", "uint16", "uint32", "uint64", "bool"}) {
    const std::string file = path(std::string(name) + ".npy");
    // The input, printed unchanged by a run that dispatches nothing.
    const ProgramResult shown = glcompute({"run", copy, "--buffer", "In=" + file, "--buffer", "Out=zeros:uint32:1",
                                           "--for", "0", "--print", "In"});
    ASSERT_EQ(shown.status, 0) << name << "\n" << describe(shown);
    std::ifstream expected(path(std::string(name) + ".txt"));
    EXPECT_EQ(shown.out, std::string(std::istreambuf_iterator<char>(expected), std::istreambuf_iterator<char>())) << name;
  }
}

// A value list, iota and a shape given with --out: NumPy loads what was written.
TEST_F(Cli, OutKeepsTheDtypeAndTakesAShape) {
  const std::string copy = shader("copy.comp", kCopyShader);
  const ProgramResult r = glcompute({"run", copy, "--buffer", "In=[[1, -2], [3, 4]]:int16", "--buffer",
                                     "Out=iota:uint8:4", "--out", "In=" + path("in.npy"), "--out",
                                     "Out=" + path("out.npy") + ":2,2", "--for", "0"});
  ASSERT_EQ(r.status, 0) << describe(r);
  const ProgramResult check = python(R"(
import sys, numpy as np
a, b = np.load(sys.argv[1]), np.load(sys.argv[2])
assert a.dtype == np.int16 and a.tolist() == [[1, -2], [3, 4]], a
assert b.dtype == np.uint8 and b.tolist() == [[0, 1], [2, 3]], b
)",
                                     {path("in.npy"), path("out.npy")});
  EXPECT_EQ(check.status, 0) << check.err;
}

// Uniforms of every kind, read as their GLSL types, land in the shader.
TEST_F(Cli, SetReadsEachUniformAsItsType) {
  const std::string s = shader("uniforms.comp", R"(#version 430
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Out { float o[]; };
uniform float f;
uniform int i;
uniform uint u;
uniform bool b;
uniform vec3 v;
uniform ivec2 iv;
uniform mat2 m;
uniform float w[3];
void main() {
  o[0] = f; o[1] = float(i); o[2] = float(u); o[3] = b ? 1.0 : 0.0;
  o[4] = v.x; o[5] = v.y; o[6] = v.z; o[7] = float(iv.y);
  o[8] = m[0][1]; o[9] = m[1][0]; o[10] = w[1]; o[11] = w[2];
}
)");
  const ProgramResult r = glcompute({"run", s, "--buffer", "Out=zeros:float32:12", "--groups", "1", "--set", "f=2.5",
                                     "--set", "i=-3", "--set", "u=7u", "--set", "b=true", "--set", "v=1,2,3",
                                     "--set", "iv=[4, 5]", "--set", "m=1,2,3,4", "--set", "w=10,20", "--print", "Out"});
  ASSERT_EQ(r.status, 0) << describe(r);
  EXPECT_EQ(r.out, "[ 2.5 -3.   7.   1.   1.   2.   3.   5.   2.   3.  20.   0. ]\n");
  const auto refused = [&](const std::string& set, const std::string& reason) {
    const ProgramResult bad = glcompute({"run", s, "--buffer", "Out=zeros:float32:12", "--groups", "1", "--set", set});
    EXPECT_EQ(bad.status, 2) << describe(bad);
    EXPECT_THAT(bad.err, HasSubstr("glcompute run: --set " + set + ": " + reason));
  };
  refused("u=-1", "uniform 'u' is uint: '-1' is not a uint (0 to 4294967295)");
  refused("i=1.5", "uniform 'i' is int: '1.5' is not an int");
  refused("v=1,2", "uniform 'v' is vec3: give 3 floats, not 2 values");
  refused("b=yes", "uniform 'b' is bool: 'yes' is not a bool");
  refused("f=1e39", "uniform 'f' is float: '1e39' does not fit in a float");
  refused("w=1,2,3,4", "uniform 'w' is float[3]: give 1 to 3 elements");
  refused("x=1", "the shader has no uniform 'x'; its uniforms: ");
}

// Dispatch sizes: --groups, --for, the default, --repeat; counted by the shader itself.
TEST_F(Cli, DispatchSizesAndRepeats) {
  const std::string s = shader("count.comp", R"(#version 430
layout(local_size_x = 32, local_size_y = 2) in;
layout(std430, binding = 0) buffer Count { uint invocations; uint data[]; };
void main() { atomicAdd(invocations, 1u); }
)");
  const auto count = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"run", s, "--buffer", "Count=zeros:uint32:101", "--print", "Count:101"};
    args.insert(args.end(), extra.begin(), extra.end());
    const ProgramResult r = glcompute(args);
    EXPECT_EQ(r.status, 0) << describe(r);
    return r.out.substr(0, r.out.find_first_of(" ", 1));
  };
  EXPECT_EQ(count({"--groups", "3"}), "[192");           // 3 groups of 64
  EXPECT_EQ(count({"--groups", "2,2,2"}), "[512");
  EXPECT_EQ(count({"--for", "33"}), "[128");             // ceil(33 / 32) = 2 groups
  EXPECT_EQ(count({"--for", "33,3"}), "[256");           // 2 x 2 groups
  EXPECT_EQ(count({}), "[256");                          // the array's 100 elements: 4 groups
  EXPECT_EQ(count({"--groups", "1", "--repeat", "5"}), "[320");
  const ProgramResult timed = glcompute({"run", s, "--buffer", "Count=zeros:uint32:4", "--groups", "1", "--repeat", "2", "--time"});
  EXPECT_EQ(timed.status, 0) << describe(timed);
  EXPECT_EQ(timed.out, "");
  EXPECT_THAT(timed.err, AllOf(StartsWith("glcompute run: 2 dispatches: "), HasSubstr(" ms (")));
}

// Defines, includes, specialization constants, the work group size and the compile path.
TEST_F(Cli, CompileOptionsReachTheShader) {
  fs::create_directories(dir_.path() / "inc");
  dir_.write("inc/offset.glsl", "const float kOffset = 0.5;\n");
  const std::string s = shader("options.comp", R"(#version 430
#include "offset.glsl"
layout(local_size_x_id = 0, local_size_x = 1) in;
layout(constant_id = 1) const uint taps = 1u;
layout(constant_id = 2) const float scale = 1.0;
layout(std430, binding = 0) buffer Out { float o[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  o[i] = float(gl_WorkGroupSize.x) + float(taps) * 10.0 + scale + kOffset + VALUE;
}
)");
  for (const char* path : {"glsl", "spirv"}) {
    if (std::string(path) == "spirv" && !glc::testing::context().info().features.gl_spirv) continue;
    const ProgramResult r = glcompute({"run", s, "-I", dir_.path().string() + "/inc", "--define", "VALUE=100.0",
                                       "--specialize", "taps=3u", "--specialize", "2=0.25", "--local-size", "4",
                                       "--path", path, "--buffer", "Out=zeros:float32:4", "--groups", "1", "--print", "Out"});
    ASSERT_EQ(r.status, 0) << path << "\n" << describe(r);
    EXPECT_EQ(r.out, "[134.75 134.75 134.75 134.75]\n") << path;
  }
  const ProgramResult wrong_type = glcompute({"run", s, "-I", dir_.path().string() + "/inc", "--define", "VALUE=1.0",
                                              "--specialize", "taps=3", "--buffer", "Out=zeros:float32:4"});
  EXPECT_EQ(wrong_type.status, 1) << describe(wrong_type);
  EXPECT_THAT(wrong_type.err, HasSubstr("'taps' (constant_id 1) is declared uint"));
}

// random:DTYPE:SHAPE:SEED is glc::Random's stream: the same words as the library gives.
TEST_F(Cli, RandomIsPhiloxForTheSeed) {
  const std::string copy = shader("copy.comp", kCopyShader);
  const ProgramResult r = glcompute({"run", copy, "--buffer", "In=random:uint32:1000:42", "--buffer",
                                     "Out=random:float32:6:7", "--for", "0", "--out", "In=" + path("bits.npy"),
                                     "--print", "Out"});
  ASSERT_EQ(r.status, 0) << describe(r);
  glc::Buffer<std::uint32_t> bits = glc::testing::context().buffer<std::uint32_t>(1000);
  glc::Random(glc::testing::context(), 42).bits(bits);
  glc::Buffer<float> floats = glc::testing::context().buffer<float>(6);
  glc::Random(glc::testing::context(), 7).uniform(floats);
  EXPECT_EQ(r.out, glc::format(floats) + "\n");
  std::ifstream in(path("bits.npy"), std::ios::binary);
  const std::string file(std::istreambuf_iterator<char>(in), {});
  ASSERT_EQ(file.size(), 128u + 4000u);
  std::vector<std::uint32_t> written(1000);
  std::memcpy(written.data(), file.data() + 128, 4000);
  EXPECT_EQ(written, bits.read());
}

TEST_F(Cli, CompileShowsTheInterfaceAndInfoTheDevice) {
  const ProgramResult c = glcompute({"compile", GLC_SOURCE_DIR "/examples/shaders/talk.comp"});
  ASSERT_EQ(c.status, 0) << describe(c);
  EXPECT_EQ(c.out, std::string(GLC_SOURCE_DIR "/examples/shaders/talk.comp") +
                       ": compiled; work group 64 x 1 x 1\n"
                       "  buffer  outs_1  binding 1: an array of 4-byte elements\n"
                       "  buffer  outs_2  binding 2: an array of 4-byte elements\n");
  const ProgramResult i = glcompute({"info"});
  ASSERT_EQ(i.status, 0) << describe(i);
  EXPECT_EQ(i.out, glc::testing::context().info().to_string());
}

// --uniform-block: a block's std140 bytes from a value list or a file NumPy wrote, by the block's
// name or binding; the padding after the last member is zeros; sizes that cannot be the block's
// layout, unknown and missing blocks are the command line's mistakes (exit 2).
constexpr const char* kAffineShader = R"(#version 430
layout(local_size_x = 64) in;
layout(std140, binding = 0) uniform Affine { float scale; float offset; float count; };
layout(std140, binding = 3) uniform Extra { vec4 add; };
layout(std430, binding = 0) buffer Out { float o[]; };
void main() {
  uint i = gl_GlobalInvocationID.x;
  if (float(i) < count) o[i] = scale * float(i) + offset + add.y;
}
)";

TEST_F(Cli, UniformBlocksTakeTheirBytesFromAListOrAFile) {
  const std::string s = shader("affine.comp", kAffineShader);
  ASSERT_EQ(python("import sys, numpy as np; np.save(sys.argv[1], np.array([0, 100, 0, 0], np.float32))",
                   {path("extra.npy")}).status, 0);
  const ProgramResult r = glcompute({"run", s, "--uniform-block", "Affine=[2.5, 1, 6]:float32", "--uniform-block",
                                     "3=" + path("extra.npy"), "--buffer", "Out=zeros:float32:8", "--print", "Out"});
  ASSERT_EQ(r.status, 0) << describe(r);
  const ProgramResult expected = python(
      "import numpy as np; a = np.zeros(8, np.float32); a[:6] = 2.5 * np.arange(6) + 101; print(a)");
  ASSERT_EQ(expected.status, 0) << expected.err;
  EXPECT_EQ(r.out, expected.out);

  // The block's sizes as this driver lays it out (GL_BUFFER_DATA_SIZE may include padding).
  const glc::Program reflected = glc::testing::context().compile(glc::Source::text(kAffineShader));
  ASSERT_EQ(reflected.uniform_blocks().size(), 2u);
  glc::UniformBlockInfo affine = reflected.uniform_blocks()[0];
  if (affine.name != "Affine") affine = reflected.uniform_blocks()[1];
  ASSERT_EQ(affine.members_end, 12u);
  const std::string holds = std::to_string(affine.data_bytes) + " bytes, its last member ending at 12";
  const auto usage = [&](std::vector<std::string> args, const std::string& reason) {
    args.insert(args.begin(), {"run", s});
    const ProgramResult u = glcompute(args);
    EXPECT_EQ(u.status, 2) << describe(u);
    EXPECT_EQ(lines(u.err), 2u) << u.err;
    EXPECT_THAT(u.err, AllOf(StartsWith("glcompute run: "), HasSubstr(reason), HasSubstr("\nusage: glcompute run")));
  };
  const std::vector<std::string> out = {"--buffer", "Out=zeros:float32:8"};
  const auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), out.begin(), out.end());
    return args;
  };
  usage(with({"--uniform-block", "Affine=[1, 2]:float32", "--uniform-block", "Extra=[0,0,0,0]:float32"}),
        "--uniform-block Affine=[1, 2]:float32: 8 bytes do not reach the end of uniform block Affine (binding 0): "
        "it holds " + holds);
  usage(with({"--uniform-block", "Affine=[1,2,3,4,5,6,7,8,9]:float32", "--uniform-block", "Extra=[0,0,0,0]:float32"}),
        "36 bytes are more than uniform block Affine (binding 0) holds: " + holds);
  usage(with({"--uniform-block", "Affine=[1,2,3]:float32"}),
        "uniform block Extra (binding 3) has no --uniform-block; every block needs one (16 bytes, std140)");
  usage(with({"--uniform-block", "Nope=[1]:float32"}),
        "--uniform-block Nope=[1]:float32: no uniform block is named Nope; the shader's uniform blocks: "
        "Affine (binding 0), Extra (binding 3)");
  usage(with({"--uniform-block", "7=[1]:float32"}), "no uniform block has binding 7;");
  usage(with({"--uniform-block", "Affine=[1,2,3]:float32", "--uniform-block", "0=[1,2,3]:float32"}),
        "--uniform-block 0=[1,2,3]:float32: uniform block Affine (binding 0) already has --uniform-block "
        "Affine=[1,2,3]:float32");
  usage(with({"--uniform-block", "Affine=zeros:float32:3"}),
        "--uniform-block Affine=zeros:float32:3: a uniform block's contents are FILE.npy or [v,...]:DTYPE");
  usage({"--buffer", "Affine=zeros:float32:4"},
        "no storage block is named Affine; the shader's blocks: Out (binding 0) (Affine is a uniform block: give "
        "it --uniform-block)");
  // A shader without uniform blocks says so.
  const std::string copy = shader("copy.comp", kCopyShader);
  const ProgramResult none = glcompute({"run", copy, "--buffer", "In=zeros:uint32:4", "--buffer", "Out=zeros:uint32:4",
                                        "--uniform-block", "P=[1]:float32"});
  EXPECT_EQ(none.status, 2) << describe(none);
  EXPECT_THAT(none.err, HasSubstr("no uniform block is named P; the shader declares no uniform blocks"));
  // compile lists the blocks.
  const ProgramResult listed = glcompute({"compile", s});
  ASSERT_EQ(listed.status, 0) << describe(listed);
  EXPECT_THAT(listed.out, HasSubstr("  block   Affine  binding 0: a uniform block of " + std::to_string(affine.data_bytes) +
                                    " bytes (std140)\n  block   Extra   binding 3: a uniform block of 16 bytes (std140)\n"));
}

// compile --spirv writes the module Context::compile_to_spirv makes, and `run` loads a .spv file.
TEST_F(Cli, CompileWritesSpirvThatRunRuns) {
  const std::string talk = GLC_SOURCE_DIR "/examples/shaders/talk.comp";
  const ProgramResult c = glcompute({"compile", talk, "--spirv", path("talk.spv")});
  ASSERT_EQ(c.status, 0) << describe(c);
  EXPECT_THAT(c.out, StartsWith(talk + ": compiled; work group 64 x 1 x 1\n"));
  std::ifstream in(path("talk.spv"), std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  const std::vector<std::uint32_t> module = glc::testing::context().compile_to_spirv(glc::Source::file(talk));
  ASSERT_EQ(bytes.size(), module.size() * 4);
  EXPECT_EQ(std::memcmp(bytes.data(), module.data(), bytes.size()), 0);
  EXPECT_EQ(module.at(0), 0x07230203u);  // SPIR-V's magic number
  for (const fs::directory_entry& e : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(e.path().filename(), "talk.spv") << "left behind";  // no temporary file
  }

  if (glc::testing::context().info().features.gl_spirv) {
    const ProgramResult r = glcompute({"run", path("talk.spv"), "--buffer", "outs_1=zeros:float32:8,8", "--buffer",
                                       "outs_2=zeros:int32:8,8", "--print", "outs_1", "--print", "outs_2"});
    ASSERT_EQ(r.status, 0) << describe(r);
    std::ifstream expected(GLC_SOURCE_DIR "/tests/gl/expected/hello_compute.txt");
    EXPECT_EQ(r.out, std::string(std::istreambuf_iterator<char>(expected), std::istreambuf_iterator<char>()));
  }

  // A shader error: file:line, exit 1, no module written.
  const std::string bad = shader("bad.comp", "#version 430\nlayout(local_size_x = 1) in;\nvoid main() { nope(); }\n");
  const ProgramResult b = glcompute({"compile", bad, "--spirv", path("bad.spv")});
  EXPECT_EQ(b.status, 1) << describe(b);
  EXPECT_THAT(b.err, HasSubstr(bad + ":3: "));
  EXPECT_FALSE(fs::exists(path("bad.spv")));
  // A path that cannot be written: exit 1, the path named, no "compiled" line.
  const std::string nowhere = path("no/such/dir/out.spv");
  const ProgramResult w = glcompute({"compile", talk, "--spirv", nowhere});
  EXPECT_EQ(w.status, 1) << describe(w);
  EXPECT_THAT(w.err, HasSubstr(nowhere + ": cannot write the SPIR-V module: No such file or directory"));
  EXPECT_EQ(w.out, "");
  // A module is not preprocessed: --define is refused for it.
  const ProgramResult d = glcompute({"compile", path("talk.spv"), "--define", "X=1"});
  EXPECT_EQ(d.status, 1) << describe(d);
  EXPECT_THAT(d.err, HasSubstr("defines and include_dirs apply to GLSL source"));
}

}  // namespace
