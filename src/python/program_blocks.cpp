// Program's uniform blocks (set_block, the push-constant pattern), atomic counter buffers,
// indirect dispatch, and the reflection of the blocks and counters.

#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "bindings.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

// Program::set_block copies a C++ struct: its size is the struct's. Python hands over bytes, so
// the value goes through a byte array of the size rounded up to std140's 16, one instantiation
// per size up to kMaxPushBytes (larger blocks are better bound as a buffer).
constexpr std::size_t kMaxPushBytes = 4096;

template <std::size_t N>
void set_block_of(Program& program, const std::string& block, const std::byte* data, std::size_t bytes) {
  std::array<std::byte, N> value{};
  std::memcpy(value.data(), data, bytes);
  program.set_block(block, value);
}

using SetBlock = void (*)(Program&, const std::string&, const std::byte*, std::size_t);

template <std::size_t... I>
constexpr std::array<SetBlock, sizeof...(I)> set_block_table(std::index_sequence<I...>) {
  return {&set_block_of<16 * (I + 1)>...};
}

constexpr auto kSetBlock = set_block_table(std::make_index_sequence<kMaxPushBytes / 16>{});

/// The bytes of `value`: any object with the buffer protocol (a NumPy array, structured or not,
/// bytes, a memoryview), C-contiguous.
std::vector<std::byte> bytes_of(py::handle value, const std::string& what) {
  if (py::isinstance<py::str>(value) || !PyObject_CheckBuffer(value.ptr())) {
    throw Error(what + ": the value is the block's bytes (a NumPy array, structured or not, or "
                "bytes), got " + describe_value(value));
  }
  const py::object contiguous = py::module_::import("numpy").attr("ascontiguousarray")(value);
  const py::buffer_info flat = py::reinterpret_borrow<py::buffer>(contiguous).request();
  const auto* first = static_cast<const std::byte*>(flat.ptr);
  return {first, first + flat.size * flat.itemsize};
}

void set_block(ProgramObject& p, const std::string& block, py::handle value) {
  const std::string what = "Program.set_block: block '" + block + "'";
  const std::vector<std::byte> bytes = bytes_of(value, what);
  locked(*p.context, [&] {
    const UniformBlockInfo* info = nullptr;
    for (const UniformBlockInfo& b : p.program->uniform_blocks()) {
      if (b.name == block) info = &b;
    }
    // Sizes are checked here as glcompute checks sizeof(T): the rounding up to 16 below must
    // not turn a value that is too short into one that passes.
    if (info != nullptr && bytes.size() < info->members_end) {
      throw Error(what + ": " + std::to_string(bytes.size()) + " bytes given; its members end at " +
                  std::to_string(info->members_end) + " bytes (std140 layout: vec3 and vec4 on 16 bytes, "
                  "array elements 16 bytes apart)");
    }
    if (info != nullptr && bytes.size() > info->data_bytes) {
      throw Error(what + ": " + std::to_string(bytes.size()) + " bytes given; the block holds " +
                  std::to_string(info->data_bytes));
    }
    const std::size_t rounded = std::max<std::size_t>(16, (bytes.size() + 15) / 16 * 16);
    if (info != nullptr && rounded > kMaxPushBytes) {
      throw Error(what + ": " + std::to_string(bytes.size()) + " bytes is more than set_block takes (" +
                  std::to_string(kMaxPushBytes) + "); put them in a buffer and bind() it");
    }
    // An unknown block: glcompute's own error lists the blocks the program declares.
    const std::size_t size = info != nullptr ? std::min<std::size_t>(rounded, info->data_bytes) : 16;
    kSetBlock[size / 16 - 1](*p.program, block, bytes.data(), std::min(bytes.size(), size));
  });
}

}  // namespace

void bind_program_blocks(py::module_& m) {
  py::class_<UniformBlockInfo>(m, "UniformBlockInfo", "A uniform block of a program.")
      .def_readonly("name", &UniformBlockInfo::name)
      .def_readonly("binding", &UniformBlockInfo::binding)
      .def_readonly("data_bytes", &UniformBlockInfo::data_bytes, "What a bound buffer must hold (GL_BUFFER_DATA_SIZE).")
      .def_readonly("members_end", &UniformBlockInfo::members_end, "Where the last member ends: data_bytes less the padding.")
      .def("__repr__", [](const UniformBlockInfo& b) {
        return "<UniformBlockInfo " + b.name + " binding=" + std::to_string(b.binding) +
               " data_bytes=" + std::to_string(b.data_bytes) + ">";
      });
  py::class_<AtomicCounterBufferInfo>(m, "AtomicCounterBufferInfo", "The atomic counters of one binding.")
      .def_readonly("binding", &AtomicCounterBufferInfo::binding)
      .def_readonly("data_bytes", &AtomicCounterBufferInfo::data_bytes, "Bytes up to the last counter's end.")
      .def_readonly("counters", &AtomicCounterBufferInfo::counters, "The counters' names.")
      .def("__repr__", [](const AtomicCounterBufferInfo& a) {
        return "<AtomicCounterBufferInfo binding=" + std::to_string(a.binding) + " data_bytes=" +
               std::to_string(a.data_bytes) + ">";
      });

  py::class_<ProgramObject> program = m.attr("Program");
  program
      .def("set_block", [](py::object self, const std::string& block, py::handle value) {
        set_block(self.cast<ProgramObject&>(), block, value);
        return self;
      }, py::arg("block"), py::arg("value"),
      "Uploads `value` (its bytes: a NumPy array, structured or not, or bytes, laid out as the "
      "block's std140 members) into uniform block `block` through a small buffer the program "
      "owns: the push-constant pattern. Dispatches already issued keep the value they were "
      "issued with. Raises glcompute.Error if there is no such uniform block, or the value is "
      "shorter than the block's members or longer than the block. Returns the program.")
      .def("bind_atomic_counters", [](py::object self, py::handle binding, const BufferObject& buffer,
                                      py::handle offset, py::handle count) {
        ProgramObject& p = self.cast<ProgramObject&>();
        if (buffer.dtype != DType::uint32) {
          throw Error(std::string("Program.bind_atomic_counters: atomic counters are uint32, the buffer is ") +
                      dtype_name(buffer.dtype));
        }
        const auto b = to_scalar<std::uint32_t>(binding, "Program.bind_atomic_counters: binding", "a binding");
        const auto first = to_scalar<std::uint64_t>(offset, "Program.bind_atomic_counters: offset", "an element index");
        const std::uint64_t n = count.is_none() ? (first <= buffer.size() ? buffer.size() - first : 0)
                                                : to_scalar<std::uint64_t>(count, "Program.bind_atomic_counters: count",
                                                                           "an element count");
        locked(*p.context, [&] {
          p.program->bind_atomic_counters(b, std::get<Buffer<std::uint32_t>>(*buffer.data), first, n);
          p.bound_buffers[{BoundKind::atomic_counters, b}] = buffer.data;
        });
        return self;
      }, py::arg("binding"), py::arg("buffer"), py::arg("offset") = 0, py::arg("count") = py::none(),
      "Binds a uint32 buffer (elements [offset, offset + count), all by default) to the atomic "
      "counters with layout(binding = binding). Returns the program.")
      .def("run_indirect", [](ProgramObject& p, const BufferObject& buffer, py::handle offset) {
        if (buffer.dtype != DType::uint32) {
          throw Error(std::string("Program.run_indirect: the work group counts are uint32, the buffer is ") +
                      dtype_name(buffer.dtype));
        }
        const auto first = to_scalar<std::uint64_t>(offset, "Program.run_indirect: offset", "an element index");
        without_gil(*p.context, [&] {
          p.program->dispatch_indirect(std::get<Buffer<std::uint32_t>>(*buffer.data), first);
        });
      }, py::arg("buffer"), py::arg("offset") = 0,
      "Runs the number of work groups held in elements [offset, offset + 3) of a uint32 buffer "
      "(x, y, z), which an earlier dispatch may have written: the GPU decides how much work "
      "follows. Counts above info.limits.max_work_group_count run nothing.")
      .def_property_readonly("uniform_blocks", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->uniform_blocks(); });
      })
      .def_property_readonly("atomic_counter_buffers", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->atomic_counter_buffers(); });
      });
}

}  // namespace glc::python
