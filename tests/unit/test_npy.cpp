// The .npy reader and writer (src/format/npy*), without GL and without NumPy: files built byte
// by byte here, including every kind of damage a file can have. test_npy_numpy checks the same
// code against NumPy itself.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "glcompute/error.hpp"
#include "glcompute/npy.hpp"

namespace {
namespace fs = std::filesystem;
using glc::npy::Array;
using glc::npy::Dtype;
using ::testing::HasSubstr;

std::vector<std::byte> bytes_of(const std::string& text) {
  std::vector<std::byte> out(text.size());
  if (!text.empty()) std::memcpy(out.data(), text.data(), text.size());
  return out;
}

std::string text_of(const std::vector<std::byte>& bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// A file of format `major`.0 with the header text `dict` (padded as np.save pads it) and `data`.
std::string npy_file(int major, const std::string& dict, const std::string& data = "") {
  const std::size_t prefix = major == 1 ? 10 : 12;
  std::string header = dict;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = std::string("\x93NUMPY", 6) + static_cast<char>(major) + '\0';
  for (std::size_t i = 0; i < prefix - 8; ++i) out += static_cast<char>((header.size() >> (8 * i)) & 0xFF);
  return out + header + data;
}

std::string dict_for(const std::string& descr, const std::string& shape, const std::string& fortran = "False") {
  return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
}

Array decode(const std::string& file) { return glc::npy::decode(bytes_of(file), "test.npy"); }

// The message of the glc::Error that decoding `file` throws.
std::string decode_error(const std::string& file) {
  try {
    decode(file);
  } catch (const glc::Error& e) {
    return e.what();
  }
  return "(no error)";
}

template <class T>
std::string raw(const std::vector<T>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

template <class T>
std::vector<T> values_of(const Array& a) {
  std::vector<T> out(a.data.size() / sizeof(T));
  std::memcpy(out.data(), a.data.data(), a.data.size());
  return out;
}

TEST(Npy, DtypeNamesSizesAndKinds) {
  EXPECT_EQ(glc::npy::name(Dtype::bool_), "bool");
  EXPECT_EQ(glc::npy::name(Dtype::float16), "float16");
  EXPECT_EQ(glc::npy::item_size(Dtype::int64), 8u);
  EXPECT_EQ(glc::npy::item_size(Dtype::uint16), 2u);
  EXPECT_EQ(glc::npy::kind(Dtype::uint8), 'u');
  for (const Dtype d : glc::npy::kDtypes) EXPECT_EQ(glc::npy::dtype_named(glc::npy::name(d)), d);
  EXPECT_FALSE(glc::npy::dtype_named("float"));
  EXPECT_FALSE(glc::npy::dtype_named("complex64"));
  EXPECT_EQ(glc::npy::shape_text({}), "()");
  EXPECT_EQ(glc::npy::shape_text({64}), "(64,)");
  EXPECT_EQ(glc::npy::shape_text({8, 8}), "(8, 8)");
}

// What NumPy 1.24's np.save(f, np.zeros((8, 8), np.float32)) writes before the data.
TEST(Npy, HeaderIsNumPys) {
  const std::string expected = std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                               "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 8), }" +
                               std::string(58, ' ') + "\n";
  const Array a{Dtype::float32, {8, 8}, std::vector<std::byte>(256)};
  const std::string file = text_of(glc::npy::encode(a));
  ASSERT_EQ(file.size(), 128u + 256u);
  EXPECT_EQ(file.substr(0, 128), expected);
  // 0-d arrays get no room to grow; bools and bytes have no byte order.
  const std::string scalar = text_of(glc::npy::encode({Dtype::float64, {}, std::vector<std::byte>(8)}));
  EXPECT_THAT(scalar, HasSubstr("{'descr': '<f8', 'fortran_order': False, 'shape': (), }    "));
  EXPECT_EQ(scalar.size() % 64, 8u);
  EXPECT_THAT(text_of(glc::npy::encode({Dtype::bool_, {2}, std::vector<std::byte>(2)})),
              HasSubstr("'descr': '|b1'"));
  EXPECT_THAT(text_of(glc::npy::encode({Dtype::int8, {3}, std::vector<std::byte>(3)})),
              HasSubstr("'descr': '|i1'"));
}

TEST(Npy, EveryDtypeRoundTrips) {
  for (const Dtype d : glc::npy::kDtypes) {
    for (const glc::npy::Shape& shape : std::vector<glc::npy::Shape>{{}, {0}, {1}, {5}, {2, 3}, {2, 0, 4}, {1, 1, 7}}) {
      Array a{d, shape, {}};
      a.data.resize(*glc::npy::element_count(shape) * glc::npy::item_size(d));
      for (std::size_t i = 0; i < a.data.size(); ++i) a.data[i] = static_cast<std::byte>(d == Dtype::bool_ ? i % 2 : i * 37 + 11);
      const std::vector<std::byte> file = glc::npy::encode(a);
      EXPECT_EQ((file.size() - a.data.size()) % 64, 0u) << "the data must start at a multiple of 64";
      const Array b = glc::npy::decode(file, "x.npy");
      EXPECT_EQ(b.dtype, d);
      EXPECT_EQ(b.shape, shape);
      EXPECT_EQ(b.data, a.data) << glc::npy::name(d) << " " << glc::npy::shape_text(shape);
    }
  }
}

TEST(Npy, EncodeRefusesDataOfAnotherSize) {
  EXPECT_THROW(glc::npy::encode({Dtype::float32, {2, 2}, std::vector<std::byte>(15)}), glc::Error);
  EXPECT_THROW(glc::npy::encode({Dtype::float64, {SIZE_MAX, 2}, {}}), glc::Error);
}

TEST(Npy, BigEndianDataComesInThisMachinesOrder) {
  const Array a = decode(npy_file(1, dict_for(">i4", "(2,)"), std::string("\x00\x00\x01\x02\xff\xff\xff\xfe", 8)));
  EXPECT_EQ(a.dtype, Dtype::int32);
  EXPECT_EQ(values_of<std::int32_t>(a), (std::vector<std::int32_t>{0x0102, -2}));
  const Array h = decode(npy_file(1, dict_for(">f2", "(1,)"), std::string("\x3c\x00", 2)));
  EXPECT_EQ(values_of<std::uint16_t>(h), std::vector<std::uint16_t>{0x3c00});  // 1.0, raw
  const Array d = decode(npy_file(1, dict_for(">f8", "()"), std::string("\x3f\xf0\0\0\0\0\0\0", 8)));
  EXPECT_EQ(values_of<double>(d), std::vector<double>{1.0});
  const Array u = decode(npy_file(1, dict_for("|u1", "(2,)"), "\x01\xff"));
  EXPECT_EQ(values_of<std::uint8_t>(u), (std::vector<std::uint8_t>{1, 255}));
}

TEST(Npy, VersionsTwoAndThreeAndOtherWritersHeaders) {
  const std::string data = raw(std::vector<float>{1.5f, -2.0f});
  for (int major : {1, 2, 3}) {
    const Array a = decode(npy_file(major, dict_for("<f4", "(2,)"), data));
    EXPECT_EQ(values_of<float>(a), (std::vector<float>{1.5f, -2.0f})) << major;
  }
  // Another key order, double quotes, no trailing comma, a NumPy name, odd spacing, no padding.
  for (const std::string& dict : {std::string("{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<f4\"}"),
                                  std::string("{ 'descr' : 'float32' ,'fortran_order':False,'shape':( 2 , ) }"),
                                  std::string("{'descr': '=f4', 'fortran_order': False, 'shape': (2,)}")}) {
    EXPECT_EQ(values_of<float>(decode(npy_file(1, dict, data))), (std::vector<float>{1.5f, -2.0f})) << dict;
  }
  const std::string bare = "{'descr':'<f4','fortran_order':False,'shape':(2,)}";
  const std::string unpadded =
      std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(bare.size()) + '\0' + bare + data;
  EXPECT_EQ(decode(unpadded).shape, glc::npy::Shape{2});
  // Python 2's long integers, as NumPy still reads them in versions 1.0 and 2.0.
  EXPECT_EQ(decode(npy_file(1, dict_for("<f4", "(2L,)"), data)).shape, glc::npy::Shape{2});
  EXPECT_THAT(decode_error(npy_file(3, dict_for("<f4", "(2L,)"), data)), HasSubstr("not a Python literal"));
}

TEST(Npy, BoolsAreZeroOrOne) {
  const Array a = decode(npy_file(1, dict_for("|b1", "(3,)"), std::string("\x00\x01\x07", 3)));
  EXPECT_EQ(a.dtype, Dtype::bool_);
  EXPECT_EQ(values_of<std::uint8_t>(a), (std::vector<std::uint8_t>{0, 1, 1}));
}

TEST(Npy, FortranOrderOnlyWhereItIsCOrder) {
  const std::string six = raw(std::vector<float>(6, 1.0f));
  EXPECT_THAT(decode_error(npy_file(1, dict_for("<f4", "(2, 3)", "True"), six)),
              ::testing::AllOf(HasSubstr("test.npy"), HasSubstr("Fortran order"), HasSubstr("(2, 3)"),
                               HasSubstr("np.ascontiguousarray")));
  EXPECT_EQ(decode(npy_file(1, dict_for("<f4", "(6,)", "True"), six)).shape, glc::npy::Shape{6});
  EXPECT_EQ(decode(npy_file(1, dict_for("<f4", "(1, 6, 1)", "True"), six)).shape, (glc::npy::Shape{1, 6, 1}));
}

TEST(Npy, DtypesThatAreNotNumbersAreRefusedByName) {
  const auto refused = [](const std::string& descr, const std::string& what) {
    const std::string message = decode_error(npy_file(1, dict_for(descr, "(1,)"), std::string(16, '\0')));
    EXPECT_THAT(message, ::testing::AllOf(HasSubstr("test.npy"), HasSubstr("'" + descr + "'"), HasSubstr(what),
                                          HasSubstr("float64")))
        << descr;
  };
  refused("|O", "object array");
  refused("<c8", "complex");
  refused("<U5", "strings");
  refused("|S3", "strings");
  refused("<M8[ns]", "dates");
  refused("|V4", "raw bytes");
  refused("<f16", "floating-point numbers of a size");
  refused("<i3", "integers of a size");
  refused("<b2", "cannot be read");
  refused("<", "names no type");
  const std::string structured = decode_error(
      npy_file(1, "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }", std::string(8, '\0')));
  EXPECT_THAT(structured, ::testing::AllOf(HasSubstr("test.npy"), HasSubstr("structured dtype"),
                                           HasSubstr("[('x', '<f4'), ('y', '<i4')]")));
}

TEST(Npy, DamagedFilesAreRefusedWithTheReason) {
  const std::string good = npy_file(1, dict_for("<i4", "(2, 2)"), raw(std::vector<std::int32_t>{1, 2, 3, 4}));
  const auto refused = [](const std::string& file, const std::string& what) {
    EXPECT_THAT(decode_error(file), ::testing::AllOf(HasSubstr("test.npy: "), HasSubstr(what)))
        << ::testing::PrintToString(file.substr(0, 80));
  };
  refused("", "empty");
  refused("PK\x03\x04 a zip", "not a .npy file");
  refused(std::string("\x93NUMP", 5), "not a .npy file");
  refused(std::string("\x93NUMPY\x01", 7), "ends inside its .npy preamble");
  refused(std::string("\x93NUMPY\x01\x00\x10", 9), "ends inside its .npy preamble");
  refused(std::string("\x93NUMPY\x02\x00\x10\x00\x00", 11), "ends inside its .npy preamble");
  refused(std::string("\x93NUMPY\x04\x00", 8) + good.substr(8), "version 4.0");
  refused(std::string("\x93NUMPY\x01\x01", 8) + good.substr(8), "version 1.1");
  refused(good.substr(0, 40), "ends inside its header (30 of 118 bytes)");
  refused(good.substr(0, 128 + 15), "cut short: shape (2, 2) of int32 needs 16 bytes after the header, the file has 15");
  // The length field claims more than NumPy reads.
  refused(std::string("\x93NUMPY\x01\x00\x11\x27", 10) + std::string(10001, ' '), "10001 bytes long; at most 10000");
  refused(std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12), "4294967295 bytes long");
  refused(npy_file(1, "[1, 2]"), "not a dict");
  refused(npy_file(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2)"), "not a Python literal");
  refused(npy_file(1, "{'descr': '<i4', 'fortran_order': False}"), "no 'shape'");
  refused(npy_file(1, dict_for("<i4", "(2, 2)") + "{}"), "not a Python literal");
  refused(npy_file(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'extra': 1}"), "the key 'extra'");
  refused(npy_file(1, "{'descr': '<i4', 'descr': '<i4', 'fortran_order': False, 'shape': (1,)}"), "twice");
  refused(npy_file(1, "{1: '<i4', 'fortran_order': False, 'shape': (1,)}"), "the key 1");
  refused(npy_file(1, dict_for("<i4", "(2, 2)", "0")), "'fortran_order' is 0");
  refused(npy_file(1, "{'descr': 4, 'fortran_order': False, 'shape': (1,)}"), "not a dtype string");
  refused(npy_file(1, dict_for("<i4", "[2, 2]")), "not a tuple of integers");
  refused(npy_file(1, dict_for("<i4", "2")), "not a tuple of integers");
  refused(npy_file(1, dict_for("<i4", "(-1,)")), "not a size (-1)");
  refused(npy_file(1, dict_for("<i4", "(2.5,)")), "whole decimal integer");
  refused(npy_file(1, dict_for("<i4", "('2',)")), "not a size ('2')");
  refused(npy_file(1, dict_for("<i4", "(99999999999999999999999,)")), "not a size");
  refused(npy_file(1, dict_for("<i4", "(4294967296, 4294967296)")), "more elements than memory can address");
  refused(npy_file(1, dict_for("<f8", "(4294967296, 1073741824)")), "more bytes than memory can address");
  refused(npy_file(1, dict_for("<i4", "(1000000000, 1000000000)")), "cut short");
  refused(npy_file(1, "{'descr': '<i4\x01', 'fortran_order': False, 'shape': (1,)}"), "'<i4\\x01'");
  refused(npy_file(1, "{'descr': '<i4', 'fortran_order': False, 'shape': " + std::string(40, '(') + "1" +
                          std::string(40, ')') + "}"),
          "nested deeper");
  refused(npy_file(1, "{'descr': '<i4', 'fortran_order': Nope, 'shape': (1,)}"), "'Nope' is not a literal");
  refused(npy_file(1, "{'descr': '<i4\\q', 'fortran_order': False, 'shape': (1,)}"), "an escape");
  std::string shape(65, '1');
  std::string dims = "(";
  for (char c : shape) dims += std::string(1, c) + ", ";
  refused(npy_file(1, dict_for("<i4", dims + ")")), "65 dimensions; at most 64");
}

TEST(Npy, DataAfterTheArrayIsIgnoredAsNumPyDoes) {
  const Array a = decode(npy_file(1, dict_for("<i4", "(1,)"), raw(std::vector<std::int32_t>{7, 8, 9})));
  EXPECT_EQ(values_of<std::int32_t>(a), std::vector<std::int32_t>{7});
}

class NpyFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("glc_npy_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path path(const std::string& name) const { return dir_ / name; }
  void put(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
  std::string read_error(const fs::path& p) const {
    try {
      glc::npy::read(p);
    } catch (const glc::Error& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
};

TEST_F(NpyFiles, WriteThenReadLeavesNoTemporaryFile) {
  const Array a{Dtype::uint16, {3, 2}, bytes_of(raw(std::vector<std::uint16_t>{1, 2, 3, 4, 5, 65535}))};
  glc::npy::write(path("a.npy"), a);
  glc::npy::write(path("a.npy"), a);  // over an existing file
  const Array b = glc::npy::read(path("a.npy"));
  EXPECT_EQ(b.dtype, Dtype::uint16);
  EXPECT_EQ(b.shape, (glc::npy::Shape{3, 2}));
  EXPECT_EQ(b.data, a.data);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
  // The usual permissions, not a temporary file's 0600.
  struct stat st {};
  ASSERT_EQ(::stat(path("a.npy").c_str(), &st), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666u & ~mask);
}

TEST_F(NpyFiles, ReadRefusesWhatDecodeRefuses) {
  const std::string good = npy_file(1, dict_for("<i4", "(2, 2)"), raw(std::vector<std::int32_t>{1, 2, 3, 4}));
  put("good.npy", good);
  EXPECT_EQ(values_of<std::int32_t>(glc::npy::read(path("good.npy"))), (std::vector<std::int32_t>{1, 2, 3, 4}));
  for (std::size_t cut : {0, 3, 9, 11, 100, 128, 131, 143}) {
    put("cut.npy", good.substr(0, cut));
    EXPECT_EQ(read_error(path("cut.npy")), decode_error(good.substr(0, cut)).replace(0, 8, path("cut.npy").string()))
        << cut;
  }
  put("big.npy", npy_file(1, dict_for("<f8", "(100000000000,)")));
  EXPECT_THAT(read_error(path("big.npy")), HasSubstr("needs 800000000000 bytes after the header, the file has 0"));
  EXPECT_THAT(read_error(path("missing.npy")), ::testing::AllOf(HasSubstr("missing.npy: cannot open it"),
                                                                HasSubstr("No such file")));
  EXPECT_EQ(read_error(dir_), dir_.string() + ": a directory, not a .npy file");
}

TEST_F(NpyFiles, ShortHeadersAreReadWhole) {
  // Headers of 0 and 1 bytes end inside the first 12 bytes read.
  EXPECT_THAT(read_error((put("h0.npy", std::string("\x93NUMPY\x01\x00\x00\x00", 10) + "xyz"), path("h0.npy"))),
              HasSubstr("not a Python literal"));
  put("h1.npy", std::string("\x93NUMPY\x01\x00\x01\x00", 10) + "{" + "xyz");
  EXPECT_THAT(read_error(path("h1.npy")), HasSubstr("not a Python literal"));
}

TEST_F(NpyFiles, WriteNamesThePathItCannotWrite) {
  const Array a{Dtype::int8, {1}, {std::byte{1}}};
  try {
    glc::npy::write(path("no/such/dir/a.npy"), a);
    FAIL() << "no error";
  } catch (const glc::Error& e) {
    EXPECT_THAT(e.what(), ::testing::AllOf(HasSubstr("no/such/dir/a.npy"), HasSubstr("No such file")));
  }
}

}  // namespace
