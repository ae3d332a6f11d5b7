// The preamble and header of .npy files, as NumPy 1.24's numpy/lib/format.py reads and writes
// them.

#include "npy_header.hpp"

#include <bit>
#include <cstring>
#include <limits>

#include "glcompute/error.hpp"
#include "python_literal.hpp"

namespace glc::npy::detail {
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Error(name + ": " + what);
}

std::size_t little_endian(std::span<const std::byte> bytes) {
  std::size_t value = 0;
  for (std::size_t i = bytes.size(); i-- > 0;) value = value << 8 | std::to_integer<std::size_t>(bytes[i]);
  return value;
}

// What a dtype that glcompute does not read holds, by NumPy's kind character.
std::string what_kind_holds(char kind) {
  switch (kind) {
    case 'O': return "Python objects";
    case 'U': case 'S': case 'a': return "strings";
    case 'c': return "complex numbers";
    case 'M': case 'm': return "dates or times";
    case 'V': return "raw bytes";
    case 'f': return "floating-point numbers of a size glcompute has no type for";
    case 'i': case 'u': return "integers of a size glcompute has no type for";
    default: return "values glcompute has no type for";
  }
}

std::string readable_types() {
  return "glcompute reads arrays of " + dtype_names();
}

// descr: a typestr such as '<f4' (byte order, kind, size), which is what NumPy writes for a
// plain dtype. A NumPy name such as 'float32' is accepted too, as np.dtype accepts it.
void read_descr(const PyValue& descr, Header& header, const std::string& name) {
  if (descr.kind == PyValue::Kind::list) {
    fail(name, "a structured dtype (" + python_repr(descr) + ") cannot be read; " +
                   readable_types() + " (save each field as an array of its own)");
  }
  if (descr.kind != PyValue::Kind::string) {
    fail(name, "the header's 'descr' is " + python_repr(descr) + ", not a dtype string");
  }
  if (const std::optional<Dtype> named = dtype_named(descr.text)) {
    header.dtype = *named;
    return;
  }
  std::string_view typestr = descr.text;
  char order = '=';
  if (!typestr.empty() && std::strchr("<>|=", typestr.front()) != nullptr) {
    order = typestr.front();
    typestr.remove_prefix(1);
  }
  const std::string quoted = python_repr(descr);
  if (typestr.empty()) fail(name, "the dtype " + quoted + " names no type; " + readable_types());
  const char kind_char = typestr.front();
  const std::string_view digits = typestr.substr(1);
  std::size_t size = 0;
  bool numeric = !digits.empty() && digits.size() <= 2;
  for (const char c : digits) {
    numeric = numeric && c >= '0' && c <= '9';
    size = size * 10 + static_cast<std::size_t>(c - '0');
  }
  if (kind_char == 'O') {
    fail(name, "an object array (dtype " + quoted + ": Python objects, which only NumPy can read) "
               "cannot be read; " + readable_types());
  }
  for (const Dtype dtype : kDtypes) {
    if (numeric && kind(dtype) == kind_char && item_size(dtype) == size) {
      header.dtype = dtype;
      const bool little = std::endian::native == std::endian::little;
      header.swap_bytes = size > 1 && ((order == '<' && !little) || (order == '>' && little));
      return;
    }
  }
  fail(name, "dtype " + quoted + " (" + what_kind_holds(kind_char) + ") cannot be read; " +
                 readable_types());
}

Shape read_shape(const PyValue& shape, const std::string& name) {
  if (shape.kind != PyValue::Kind::tuple) {
    fail(name, "the header's 'shape' is " + python_repr(shape) + ", not a tuple of integers");
  }
  if (shape.items.size() > kMaxDimensions) {
    fail(name, "the shape has " + std::to_string(shape.items.size()) + " dimensions; at most " +
                   std::to_string(kMaxDimensions) + " are read");
  }
  Shape dims;
  for (const PyValue& item : shape.items) {
    const std::string text = item.kind == PyValue::Kind::integer ? item.text : "";
    constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
    std::size_t value = 0;
    bool ok = !text.empty() && text[0] != '-';
    for (const char c : text) {
      const auto digit = static_cast<std::size_t>(c - '0');
      ok = ok && c >= '0' && c <= '9' && value <= (kMax - digit) / 10;
      if (ok) value = value * 10 + digit;
    }
    if (!ok) {
      fail(name, "the shape " + python_repr(shape) + " has a dimension that is not a size (" +
                     python_repr(item) + ")");
    }
    dims.push_back(value);
  }
  if (!element_count(dims)) {
    fail(name, "the shape " + shape_text(dims) + " holds more elements than memory can address");
  }
  return dims;
}

// Fortran order changes nothing where at most one dimension is longer than 1.
bool same_as_c_order(const Shape& shape) {
  std::size_t long_dims = 0;
  for (const std::size_t dim : shape) long_dims += dim > 1 ? 1 : 0;
  return long_dims <= 1;
}

}  // namespace

Preamble read_preamble(std::span<const std::byte> bytes, const std::string& name) {
  if (bytes.empty()) fail(name, "the file is empty, not a .npy file");
  if (bytes.size() < kMagic.size() || std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
    fail(name, "not a .npy file (it does not start with \\x93NUMPY)");
  }
  if (bytes.size() < kMagic.size() + 2) fail(name, "the file ends inside its .npy preamble");
  Preamble p;
  p.major = std::to_integer<int>(bytes[6]);
  const int minor = std::to_integer<int>(bytes[7]);
  if (p.major < 1 || p.major > 3 || minor != 0) {
    fail(name, ".npy format version " + std::to_string(p.major) + "." + std::to_string(minor) +
                   " cannot be read (versions 1.0, 2.0 and 3.0 can)");
  }
  p.header_begin = p.major == 1 ? kPreambleBytes1 : kPreambleBytes2;
  if (bytes.size() < p.header_begin) fail(name, "the file ends inside its .npy preamble");
  p.header_bytes = little_endian(bytes.subspan(8, p.header_begin - 8));
  if (p.header_bytes > kMaxHeaderBytes) {
    fail(name, "the header is " + std::to_string(p.header_bytes) + " bytes long; at most " +
                   std::to_string(kMaxHeaderBytes) + " are read (np.load's limit too)");
  }
  return p;
}

Header parse_header(std::string_view text, int major, const std::string& name) {
  PyValue dict;
  try {
    dict = parse_python_literal(text, major <= 2);
  } catch (const Error& e) {
    fail(name, std::string("the header is not a Python literal (") + e.what() + ")");
  }
  if (dict.kind != PyValue::Kind::dict) {
    fail(name, "the header is not a dict: " + python_repr(dict));
  }
  const PyValue* values[3] = {};  // descr, fortran_order, shape
  constexpr std::string_view kKeys[3] = {"descr", "fortran_order", "shape"};
  for (std::size_t i = 0; i < dict.items.size(); i += 2) {
    const PyValue& key = dict.items[i];
    std::size_t k = 0;
    while (k < 3 && !(key.kind == PyValue::Kind::string && key.text == kKeys[k])) ++k;
    if (k == 3) {
      fail(name, "the header has the key " + python_repr(key) +
                     "; a .npy header has 'descr', 'fortran_order' and 'shape'");
    }
    if (values[k] != nullptr) fail(name, "the header gives '" + std::string(kKeys[k]) + "' twice");
    values[k] = &dict.items[i + 1];
  }
  for (std::size_t k = 0; k < 3; ++k) {
    if (values[k] == nullptr) fail(name, "the header has no '" + std::string(kKeys[k]) + "'");
  }
  Header header;
  read_descr(*values[0], header, name);
  if (values[1]->kind != PyValue::Kind::boolean) {
    fail(name, "the header's 'fortran_order' is " + python_repr(*values[1]) + ", not True or False");
  }
  header.shape = read_shape(*values[2], name);
  if (values[1]->boolean && !same_as_c_order(header.shape)) {
    fail(name, "the array of shape " + shape_text(header.shape) +
                   " is stored in Fortran order (column-major); glcompute reads C order only "
                   "(save np.ascontiguousarray(a) instead)");
  }
  return header;
}

std::string encode_header(Dtype dtype, const Shape& shape) {
  const char order = item_size(dtype) == 1 ? '|' : std::endian::native == std::endian::little ? '<' : '>';
  std::string dict = "{'descr': '" + std::string(1, order) + kind(dtype) +
                     std::to_string(item_size(dtype)) + "', 'fortran_order': False, 'shape': " +
                     shape_text(shape) + ", }";
  // Room to grow the first axis in place (GROWTH_AXIS_MAX_DIGITS in NumPy's format.py).
  constexpr std::size_t kGrowthDigits = 21;
  if (!shape.empty()) {
    const std::size_t digits = std::to_string(shape[0]).size();
    if (digits < kGrowthDigits) dict.append(kGrowthDigits - digits, ' ');
  }
  // Spaces and a final newline align the data to kAlignment; version 2.0 only where the header
  // does not fit a 16-bit length.
  const std::size_t text_bytes = dict.size() + 1;
  std::size_t begin = kPreambleBytes1;
  std::size_t pad = kAlignment - (begin + text_bytes) % kAlignment;
  const bool version2 = text_bytes + pad > 0xFFFF;
  if (version2) {
    begin = kPreambleBytes2;
    pad = kAlignment - (begin + text_bytes) % kAlignment;
  }
  const std::size_t header_bytes = text_bytes + pad;
  std::string out(kMagic);
  out += static_cast<char>(version2 ? 2 : 1);
  out += '\0';
  for (std::size_t i = 0; i < begin - 8; ++i) out += static_cast<char>((header_bytes >> (8 * i)) & 0xFF);
  out += dict;
  out.append(pad, ' ');
  out += '\n';
  return out;
}

}  // namespace glc::npy::detail
