// The .npy reader and writer against NumPy itself (/usr/bin/python3 with python3-numpy): every
// dtype NumPy writes, in both byte orders and format versions 1.0, 2.0 and 3.0, is read back
// exactly; every file glcompute writes loads in NumPy with the same dtype, shape and values, and
// is byte for byte what np.save writes for that array.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "glcompute/npy.hpp"
#include "run_program.hpp"
#include "temp_dir.hpp"

namespace {
namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

glc::testing::ProgramResult python(const std::string& script, const fs::path& dir) {
  return glc::testing::run_program(GLC_PYTHON3, {"-c", script, dir.string()});
}

// Writes, for each case, NAME.npy with NumPy and NAME.raw: the same values in this machine's
// byte order, C order; NAME.meta: "dtype shape...".
constexpr const char* kWriteWithNumPy = R"(
import sys, numpy as np
from numpy.lib import format as fmt
d = sys.argv[1]
rng = np.random.default_rng(7)
names = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
         'float16', 'float32', 'float64']
def values(name, shape):
    t = np.dtype(name)
    n = int(np.prod(shape))
    if t.kind == 'b':
        return rng.integers(0, 2, n).astype(bool).reshape(shape)
    if t.kind in 'iu':
        info = np.iinfo(t)
        v = rng.integers(info.min, info.max, n, dtype=t, endpoint=True)
        if n >= 2: v[0], v[1] = info.min, info.max
        return v.reshape(shape)
    v = (rng.standard_normal(n) * 1000).astype(t)
    special = np.array([np.nan, np.inf, -np.inf, -0.0, np.finfo(t).tiny / 2, np.finfo(t).max], dtype=t)
    k = min(n, len(special)); v[:k] = special[:k]
    return v.reshape(shape)
for name in names:
    for shape in [(), (0,), (1,), (7,), (3, 5), (2, 1, 4)]:
        for order in '<>':
            for version in [(1, 0), (2, 0), (3, 0)]:
                a = values(name, shape)
                stored = a.astype(a.dtype.newbyteorder(order))
                base = '%s/%s_%s_%s_v%d' % (d, name, 'x'.join(map(str, shape)) or 'scalar', 'le' if order == '<' else 'be', version[0])
                with open(base + '.npy', 'wb') as f:
                    fmt.write_array(f, stored, version=version)
                open(base + '.raw', 'wb').write(np.ascontiguousarray(a.astype(a.dtype.newbyteorder('='))).tobytes())
                open(base + '.meta', 'w').write(' '.join([name] + [str(s) for s in shape]))
np.save(d + '/fortran.npy', np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save(d + '/object.npy', np.array([1, 'a', None], dtype=object), allow_pickle=True)
np.save(d + '/structured.npy', np.zeros(2, dtype=[('x', '<f4'), ('y', '<i4')]))
np.save(d + '/complex.npy', np.zeros(2, dtype=np.complex64))
np.save(d + '/strings.npy', np.array(['ab', 'c']))
)";

TEST(NpyAgainstNumPy, ReadsWhatNumPyWrites) {
  const glc::testing::TempDir dir;
  const glc::testing::ProgramResult py = python(kWriteWithNumPy, dir.path());
  ASSERT_EQ(py.status, 0) << py.err;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    if (entry.path().extension() != ".meta") continue;
    fs::path base = entry.path();
    base.replace_extension();
    std::istringstream meta(slurp(entry.path()));
    std::string dtype;
    meta >> dtype;
    glc::npy::Shape shape;
    for (std::size_t dim; meta >> dim;) shape.push_back(dim);
    const glc::npy::Array a = glc::npy::read(base.string() + ".npy");
    const std::string raw = slurp(base.string() + ".raw");
    EXPECT_EQ(glc::npy::name(a.dtype), dtype) << base;
    EXPECT_EQ(a.shape, shape) << base;
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(a.data.data()), a.data.size()), raw) << base;
    ++files;
  }
  EXPECT_EQ(files, 12 * 6 * 2 * 3);

  const auto refused = [&](const std::string& name, const std::string& what) {
    try {
      glc::npy::read(dir.path() / name);
      ADD_FAILURE() << name << " was read";
    } catch (const glc::Error& e) {
      EXPECT_THAT(e.what(), ::testing::AllOf(HasSubstr(name + ": "), HasSubstr(what)));
    }
  };
  refused("fortran.npy", "Fortran order");
  refused("object.npy", "object array (dtype '|O'");
  refused("structured.npy", "structured dtype ([('x', '<f4'), ('y', '<i4')])");
  refused("complex.npy", "dtype '<c8' (complex numbers)");
  refused("strings.npy", "dtype '<U2' (strings)");
}

// Loads every NAME.npy glcompute wrote and checks it against NAME.raw and NAME.meta, and that
// np.save writes the same bytes for the loaded array. Prints one line per problem.
constexpr const char* kCheckWithNumPy = R"(
import sys, io, glob, numpy as np
problems = 0
files = sorted(glob.glob(sys.argv[1] + '/*.npy'))
for path in files:
    base = path[:-4]
    meta = open(base + '.meta').read().split()
    a = np.load(path)
    raw = open(base + '.raw', 'rb').read()
    shape = tuple(int(s) for s in meta[1:])
    saved = io.BytesIO(); np.save(saved, a)
    for what, ok in [('dtype %s' % a.dtype, a.dtype.name == meta[0] and a.dtype.isnative),
                     ('shape %s' % (a.shape,), a.shape == shape),
                     ('values', a.tobytes() == raw),
                     ('bytes differ from np.save', saved.getvalue() == open(path, 'rb').read())]:
        if not ok:
            print('%s: %s' % (path, what)); problems += 1
print('%d files' % len(files))
sys.exit(1 if problems else 0)
)";

TEST(NpyAgainstNumPy, NumPyLoadsWhatGlcomputeWrites) {
  const glc::testing::TempDir dir;
  int files = 0;
  for (const glc::npy::Dtype dtype : glc::npy::kDtypes) {
    for (const glc::npy::Shape& shape : std::vector<glc::npy::Shape>{{}, {0}, {5}, {3, 4}, {2, 3, 1}, {100000}}) {
      glc::npy::Array a{dtype, shape, {}};
      a.data.resize(*glc::npy::element_count(shape) * glc::npy::item_size(dtype));
      for (std::size_t i = 0; i < a.data.size(); ++i) {
        // Bools must be 0 or 1; the rest any bytes (float16 NaNs included, compared as bytes).
        a.data[i] = static_cast<std::byte>(dtype == glc::npy::Dtype::bool_ ? (i * 7) % 3 % 2 : (i * 131 + 7) % 251);
      }
      std::string name = std::string(glc::npy::name(dtype)) + "_" + std::to_string(files);
      glc::npy::write(dir.path() / (name + ".npy"), a);
      std::ofstream(dir.path() / (name + ".raw"), std::ios::binary)
          .write(reinterpret_cast<const char*>(a.data.data()), static_cast<std::streamsize>(a.data.size()));
      std::string meta(glc::npy::name(dtype));
      for (const std::size_t dim : shape) meta += " " + std::to_string(dim);
      std::ofstream(dir.path() / (name + ".meta")) << meta;
      ++files;
    }
  }
  const glc::testing::ProgramResult py = python(kCheckWithNumPy, dir.path());
  EXPECT_EQ(py.status, 0) << py.out << py.err;
  EXPECT_EQ(py.out, std::to_string(files) + " files\n");
}

}  // namespace
