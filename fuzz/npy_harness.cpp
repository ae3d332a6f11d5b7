// .npy files (src/format/npy*): whatever a file holds, reading it gives an array or a glc::Error
// that names the file, never a crash, a hang or an allocation the file's size does not back.
// An accepted array holds exactly its shape's bytes (bools 0 or 1), and writes out and reads back
// as itself. Inputs of up to 64 KiB are also read from a file (npy::read reads the header in
// pieces and checks the file's size before allocating), which must come to the same result.

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>
#include <string>

#include "glcompute/error.hpp"
#include "harnesses.hpp"
#include "glcompute/npy.hpp"

namespace glc::fuzz {
namespace {

struct Outcome {
  std::optional<npy::Array> array;
  std::string error;  // the message, its file name cut off
};

template <class F>
Outcome outcome_of(const std::string& name, F&& read) {
  try {
    return {read(), {}};
  } catch (const Error& e) {
    const std::string what = e.what();
    check(what.rfind(name + ": ", 0) == 0, "a .npy error does not start with the file's name");
    return {std::nullopt, what.substr(name.size())};
  } catch (const std::exception& e) {
    unexpected_exception("reading a .npy file threw something other than glc::Error", e);
  }
}

void check_array(const npy::Array& a) {
  const std::optional<std::size_t> count = npy::element_count(a.shape);
  check(count.has_value() && *count * npy::item_size(a.dtype) == a.data.size(),
        "an accepted array's data is not its shape's size");
  if (a.dtype == npy::Dtype::bool_) {
    for (const std::byte b : a.data) check(b == std::byte{0} || b == std::byte{1}, "a bool that is not 0 or 1");
  }
  try {
    const std::vector<std::byte> again = npy::encode(a);
    check((again.size() - a.data.size()) % 64 == 0, "written data does not start at a multiple of 64");
    const npy::Array b = npy::decode(again, "again.npy");
    check(b.dtype == a.dtype && b.shape == a.shape && b.data == a.data, "an array does not read back as itself");
  } catch (const std::exception& e) {
    unexpected_exception("writing and reading back an accepted array threw", e);
  }
}

}  // namespace

int npy(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  const Outcome decoded = outcome_of("input.npy", [&] { return npy::decode(bytes, "input.npy"); });
  if (decoded.array) check_array(*decoded.array);
  if (size > (std::size_t{64} << 10)) return 0;

  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("glc-fuzz-npy-" + std::to_string(::getpid()) + ".npy");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    check(out.good(), "cannot write the scratch file");
  }
  const Outcome read = outcome_of(file.string(), [&] { return npy::read(file); });
  std::filesystem::remove(file);
  check(read.array.has_value() == decoded.array.has_value(), "reading the file and decoding its bytes disagree");
  if (read.array) {
    check(read.array->dtype == decoded.array->dtype && read.array->shape == decoded.array->shape &&
              read.array->data == decoded.array->data,
          "reading the file gives another array than decoding its bytes");
  } else {
    check(read.error == decoded.error, "reading the file gives another error than decoding its bytes");
  }
  return 0;
}

}  // namespace glc::fuzz
