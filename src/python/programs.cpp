// glcompute.Program and Context.compile / compile_file: a linked compute program, its reflected
// interface, bindings, uniforms and dispatch.

#include <filesystem>
#include <fstream>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "bindings.hpp"
#include "compile_options.hpp"
#include "scalars.hpp"
#include "uniforms.hpp"

namespace glc::python {
namespace {

/// The text of a shader file, for reading specialization constants' declared types. Only a
/// regular file of sane size is read: glcompute reports everything else when it compiles.
std::string text_of_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > (16u << 20)) return "";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ProgramObject compile(const ContextObject& c, const Source& source, const std::string& text, py::handle defines,
                      py::handle include_dirs, const std::string& path, py::handle specialize,
                      py::handle local_size) {
  const CompileOptions options = to_compile_options(text, defines, include_dirs, path, specialize, local_size);
  Program program = without_gil(*c.handle, [&] { return c.handle->context.compile(source, options); });
  return ProgramObject{c.handle, owned_by(c.handle, new Program(std::move(program))), {}, {}};
}

/// A SPIR-V module from Python: a NumPy array (uint32 words, or any dtype: its bytes), bytes,
/// bytearray or memoryview. Its length must be a whole number of 32-bit words.
bool is_module(py::handle value) {
  return PyObject_CheckBuffer(value.ptr()) && !py::isinstance<py::str>(value);
}

std::vector<std::uint32_t> module_words(py::handle value) {
  const std::string bytes = py::module_::import("numpy").attr("ascontiguousarray")(value).attr("tobytes")().cast<std::string>();
  if (bytes.size() % 4 != 0) {
    throw Error("Context.compile: a SPIR-V module is 32-bit words; " + std::to_string(bytes.size()) +
                " bytes is not a whole number of them");
  }
  std::vector<std::uint32_t> words(bytes.size() / 4);
  std::memcpy(words.data(), bytes.data(), bytes.size());
  return words;
}

/// A file path as glcompute takes it; a `.spv` file is a SPIR-V module, anything else GLSL.
Source file_source(const std::filesystem::path& file) {
  return file.extension() == ".spv" ? Source::spirv(file) : Source::file(file);
}

bool is_path_like(py::handle value) {
  const py::object path_like = py::module_::import("os").attr("PathLike");
  return PyObject_IsInstance(value.ptr(), path_like.ptr()) == 1;
}

/// The binding (or image unit) that `key` names: a number, or the name of one of `items`.
template <class Items, class Number>
std::optional<std::uint32_t> binding_of(py::handle key, const Items& items, Number number) {
  if (is_integer(key)) return to_scalar<std::uint32_t>(key, "Program.bind: binding", "a binding");
  const std::string name = key.cast<std::string>();
  for (const auto& item : items) {
    if (item.name == name) return number(item);
  }
  return std::nullopt;
}

template <class Blocks>
bool has_binding(const Blocks& blocks, std::uint32_t binding) {
  for (const auto& b : blocks) {
    if (b.binding == binding) return true;
  }
  return false;
}

std::string blocks_text(const std::vector<StorageBlockInfo>& blocks) {
  std::string text;
  for (const StorageBlockInfo& b : blocks) text += (text.empty() ? "" : ", ") + b.name + " (binding " + std::to_string(b.binding) + ")";
  return text.empty() ? "none" : text;
}

py::object bind(py::object self, py::handle block, const BufferObject& buffer, py::handle offset, py::handle count) {
  ProgramObject& p = self.cast<ProgramObject&>();
  if (!is_integer(block) && !py::isinstance<py::str>(block)) {
    throw Error("Program.bind: the block is a name (str) or a binding (int), got " + describe_value(block));
  }
  locked(*p.context, [&] {
    const auto first = to_scalar<std::uint64_t>(offset, "Program.bind: offset", "an element index");
    const std::uint64_t n = count.is_none() ? (first <= buffer.size() ? buffer.size() - first : 0)
                                            : to_scalar<std::uint64_t>(count, "Program.bind: count", "an element count");
    std::visit([&](auto& b) {
      if (is_integer(block)) p.program->bind(to_scalar<std::uint32_t>(block, "Program.bind: binding", "a binding"), b, first, n);
      else p.program->bind(block.cast<std::string>(), b, first, n);
    }, *buffer.data);
    // Kept alive under the binding glcompute bound it to: a storage block's, else a uniform block's.
    if (const auto key = binding_of(block, p.program->storage_blocks(), [](const StorageBlockInfo& b) { return b.binding; });
        key && (!is_integer(block) || has_binding(p.program->storage_blocks(), *key))) {
      p.bound_buffers[{BoundKind::storage, *key}] = buffer.data;
    } else if (const auto ukey = binding_of(block, p.program->uniform_blocks(),
                                            [](const UniformBlockInfo& b) { return b.binding; })) {
      p.bound_buffers[{BoundKind::uniform, *ukey}] = buffer.data;
    }
  });
  return self;
}

ImageAccess to_access(const std::string& access) {
  if (access == "read_only") return ImageAccess::read_only;
  if (access == "write_only") return ImageAccess::write_only;
  if (access == "read_write") return ImageAccess::read_write;
  throw Error("Program.bind_image: access must be 'read_only', 'write_only' or 'read_write', not '" + access + "'");
}

py::object bind_image(py::object self, py::handle image, const TextureObject& texture, const std::string& access) {
  ProgramObject& p = self.cast<ProgramObject&>();
  locked(*p.context, [&] {
    if (is_integer(image)) {
      p.program->bind_image(to_scalar<std::uint32_t>(image, "Program.bind_image: unit", "an image unit"),
                            *texture.texture, to_access(access));
    } else {
      p.program->bind_image(image.cast<std::string>(), *texture.texture, to_access(access));
    }
    const auto key = binding_of(image, p.program->images(), [](const ImageInfo& i) { return i.unit; });
    if (key) p.bound_textures[*key] = texture.texture;
  });
  return self;
}

void bind_interface_types(py::module_& m) {
  py::class_<StorageBlockInfo>(m, "StorageBlockInfo", "A shader storage block of a program.")
      .def_readonly("name", &StorageBlockInfo::name)
      .def_readonly("binding", &StorageBlockInfo::binding)
      .def_readonly("fixed_bytes", &StorageBlockInfo::fixed_bytes, "Bytes before the trailing unsized array.")
      .def_readonly("array_stride", &StorageBlockInfo::array_stride, "std430 stride of the trailing array; 0 if none.")
      .def_readonly("members_end", &StorageBlockInfo::members_end,
                    "Where the members before the trailing array end: fixed_bytes less the driver's padding.")
      .def("__repr__", [](const StorageBlockInfo& b) {
        return "<glcompute.StorageBlockInfo " + b.name + " binding=" + std::to_string(b.binding) + ">";
      });
  py::class_<UniformInfo>(m, "UniformInfo", "A uniform of a program's default block.")
      .def_readonly("name", &UniformInfo::name)
      .def_readonly("gl_type", &UniformInfo::gl_type)
      .def_readonly("type_name", &UniformInfo::type_name, "GLSL spelling, e.g. 'vec4'.")
      .def_readonly("location", &UniformInfo::location)
      .def_readonly("array_size", &UniformInfo::array_size)
      .def("__repr__", [](const UniformInfo& u) {
        return "<glcompute.UniformInfo " + u.type_name + " " + u.name +
               (u.array_size > 1 ? "[" + std::to_string(u.array_size) + "]" : "") + ">";
      });
  py::class_<ImageInfo>(m, "ImageInfo", "An image uniform of a program.")
      .def_readonly("name", &ImageInfo::name)
      .def_readonly("gl_type", &ImageInfo::gl_type)
      .def_readonly("type_name", &ImageInfo::type_name)
      .def_readonly("unit", &ImageInfo::unit)
      .def_readonly("array_size", &ImageInfo::array_size)
      .def_readonly("format", &ImageInfo::format)
      .def_readonly("readonly", &ImageInfo::readonly)
      .def_readonly("writeonly", &ImageInfo::writeonly)
      .def("__repr__", [](const ImageInfo& i) {
        return "<glcompute.ImageInfo " + i.type_name + " " + i.name + " unit=" + std::to_string(i.unit) + ">";
      });
}

const char* kCompileDoc = R"(Preprocesses (#include, defines), compiles and links a compute shader.

compile(source, *, name="<text>", defines=None, include_dirs=(), path="auto", specialize=None,
        local_size=None)

source: GLSL text (str), or a file (os.PathLike, e.g. pathlib.Path: its directory becomes an
include root; a `.spv` file is a SPIR-V module), or a SPIR-V module in memory (a uint32 NumPy
array, e.g. from compile_to_spirv, or bytes) compiled for OpenGL, loaded on the SPIR-V path
(ARB_gl_spirv) after the SPIR-V validator checked it; defines and include_dirs do not apply to
modules. name stands for the text's (or module's) file name in diagnostics. defines: {name: value} or
a list of names. include_dirs: searched after the including file's directory; the library's
"glcompute/..." shaders always come after them. path: "auto" (GLCOMPUTE_SHADER_PATH, else the
faster path on this driver), "glsl" or "spirv" (needs info.features.gl_spirv). specialize:
{name or constant_id: value} for `layout(constant_id = N) const T name`; a plain int takes T
from the declaration (numpy.uint32(v) or numpy.int32(v) says it where the declaration is in an
include). local_size: (x, y, z) for dimensions declared with local_size_x_id (0 keeps one).
A program linked before with the same preprocessed source and options comes from the program
cache. Raises glcompute.ShaderError (.file, .line, .diagnostics) on failure; the GIL is released
while the driver compiles.)";

}  // namespace

void bind_programs(py::module_& m) {
  bind_interface_types(m);
  py::class_<ProgramObject>(m, "Program", R"(A linked compute program (Context.compile).

p.bind("Block", buffer).set("n", buffer.size); p.run_for(buffer.size). Bindings belong to the
program and are applied at each dispatch; the program keeps what is bound to it alive.)")
      .def("bind", &bind, py::arg("block"), py::arg("buffer"), py::arg("offset") = 0, py::arg("count") = py::none(),
           "Binds `buffer` (elements [offset, offset + count), all by default) to the storage or "
           "uniform block named `block` (str) or with layout(binding = block) (int; where a "
           "binding has a block of each kind, bind by name). Returns the program. "
           "Raises glcompute.Error if there is no such block, or the size does not fit its "
           "layout, the driver's maximum block size or the offset alignment.")
      .def("bind_image", &bind_image, py::arg("image"), py::arg("texture"), py::arg("access") = "read_write",
           "Binds `texture` to the image uniform named `image` (str), or to image unit `image` "
           "(int); access: 'read_only', 'write_only' or 'read_write' (it must allow what the "
           "shader's readonly/writeonly says). Returns the program.")
      .def("set", [](py::object self, const std::string& name, py::handle value) {
        ProgramObject& p = self.cast<ProgramObject&>();
        locked(*p.context, [&] { set_uniform(*p.program, name, value); });
        return self;
      }, py::arg("name"), py::arg("value"),
      "Sets the uniform `name`, converting `value` to its GLSL type (found by reflection): a "
      "number for a scalar, shape (N,) for a vecN, (rows, columns) for a matrix, a leading axis "
      "for arrays. A value that does not fit (5e9 for a uint, 2.5 for an int, 1e39 for a float) "
      "raises glcompute.Error. Returns the program.")
      .def("run", [](const ProgramObject& p, py::handle x, py::handle y, py::handle z) {
        const auto gx = to_scalar<std::uint32_t>(x, "Program.run: x", "a work group count");
        const auto gy = to_scalar<std::uint32_t>(y, "Program.run: y", "a work group count");
        const auto gz = to_scalar<std::uint32_t>(z, "Program.run: z", "a work group count");
        without_gil(*p.context, [&] { p.program->dispatch(gx, gy, gz); });
      }, py::arg("x") = 1, py::arg("y") = 1, py::arg("z") = 1,
      "Runs x * y * z work groups. Every storage block and image must have something bound. "
      "Raises glcompute.Error for a zero count or one above info.limits.max_work_group_count.")
      .def("run_for", [](const ProgramObject& p, py::handle nx, py::handle ny, py::handle nz) {
        const auto x = to_scalar<std::uint64_t>(nx, "Program.run_for: nx", "an invocation count");
        if (ny.is_none() && nz.is_none()) {
          without_gil(*p.context, [&] { p.program->dispatch_for(x); });
          return;
        }
        const auto y = ny.is_none() ? 1 : to_scalar<std::uint64_t>(ny, "Program.run_for: ny", "an invocation count");
        const auto z = nz.is_none() ? 1 : to_scalar<std::uint64_t>(nz, "Program.run_for: nz", "an invocation count");
        without_gil(*p.context, [&] { p.program->dispatch_for(x, y, z); });
      }, py::arg("nx"), py::arg("ny") = py::none(), py::arg("nz") = py::none(),
      "Runs enough work groups for nx (x ny x nz) invocations: ceil(n / local_size) per "
      "dimension; the shader skips the invocations past the end itself. 0 runs nothing. More "
      "work groups than info.limits.max_work_group_count raise glcompute.Error (use a "
      "grid-stride loop and run() fewer).")
      .def_property_readonly("local_size", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->local_size(); });
      })
      .def_property_readonly("storage_blocks", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->storage_blocks(); });
      })
      .def_property_readonly("uniforms", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->uniforms(); });
      })
      .def_property_readonly("images", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->images(); });
      })
      .def_property_readonly("id", [](const ProgramObject& p) { return locked(*p.context, [&] { return p.program->id(); }); },
                             "The GL program name, for interop with raw GL.")
      .def_property_readonly("loaded_from_cache", [](const ProgramObject& p) {
        return locked(*p.context, [&] { return p.program->loaded_from_cache(); });
      }, "True if the program came from the program cache instead of the compiler.")
      .def_property_readonly("context", [](const ProgramObject& p) { return ContextObject{p.context}; })
      .def("__repr__", [](const ProgramObject& p) {
        return locked(*p.context, [&] {
          const auto size = p.program->local_size();
          return "<glcompute.Program blocks: " + blocks_text(p.program->storage_blocks()) + "; local_size (" +
                 std::to_string(size[0]) + ", " + std::to_string(size[1]) + ", " + std::to_string(size[2]) + ")>";
        });
      });

  py::class_<ContextObject> context = m.attr("Context");
  context
      .def("compile", [](const ContextObject& c, py::handle source, std::optional<std::string> name, py::handle defines,
                         py::handle include_dirs, const std::string& path, py::handle specialize, py::handle local_size) {
        if (is_path_like(source)) {
          const std::filesystem::path file = py::module_::import("os").attr("fspath")(source).cast<std::string>();
          const Source s = file_source(file);
          return compile(c, s, s.is_spirv() ? "" : text_of_file(file), defines, include_dirs, path, specialize,
                         local_size);
        }
        if (is_module(source)) {
          return compile(c, Source::spirv(module_words(source), name.value_or("<spirv>")), "", defines, include_dirs,
                         path, specialize, local_size);
        }
        if (!py::isinstance<py::str>(source)) {
          throw Error("Context.compile: source is GLSL text (str), a file path (os.PathLike) or a SPIR-V "
                      "module (a uint32 NumPy array or bytes), got " + describe_value(source));
        }
        const std::string text = source.cast<std::string>();
        return compile(c, Source::text(text, name.value_or("<text>")), text, defines, include_dirs, path, specialize,
                       local_size);
      }, py::arg("source"), py::kw_only(), py::arg("name") = py::none(), py::arg("defines") = py::none(),
      py::arg("include_dirs") = py::none(), py::arg("path") = "auto", py::arg("specialize") = py::none(),
      py::arg("local_size") = py::none(), kCompileDoc)
      .def("compile_file", [](const ContextObject& c, py::handle file, py::handle defines, py::handle include_dirs,
                              const std::string& path, py::handle specialize, py::handle local_size) {
        const std::filesystem::path p = py::module_::import("os").attr("fspath")(file).cast<std::string>();
        const Source s = file_source(p);
        return compile(c, s, s.is_spirv() ? "" : text_of_file(p), defines, include_dirs, path, specialize, local_size);
      }, py::arg("file"), py::kw_only(), py::arg("defines") = py::none(), py::arg("include_dirs") = py::none(),
      py::arg("path") = "auto", py::arg("specialize") = py::none(), py::arg("local_size") = py::none(),
      "compile() of the file `file` (str or os.PathLike): its directory is an include root and "
      "diagnostics name it; a `.spv` file is a SPIR-V module.")
      .def("compile_to_spirv", [](const ContextObject& c, py::handle source, std::optional<std::string> name,
                                  py::handle defines, py::handle include_dirs, py::handle specialize,
                                  py::handle local_size) {
        std::string text;
        std::optional<Source> s;
        if (is_path_like(source)) {
          const std::filesystem::path file = py::module_::import("os").attr("fspath")(source).cast<std::string>();
          s = file_source(file);
          if (!s->is_spirv()) text = text_of_file(file);
        } else if (py::isinstance<py::str>(source)) {
          text = source.cast<std::string>();
          s = Source::text(text, name.value_or("<text>"));
        } else if (is_module(source)) {
          s = Source::spirv(module_words(source), name.value_or("<spirv>"));
        } else {
          throw Error("Context.compile_to_spirv: source is GLSL text (str), a file path (os.PathLike) or "
                      "a SPIR-V module, got " + describe_value(source));
        }
        const CompileOptions options = to_compile_options(text, defines, include_dirs, "auto", specialize, local_size);
        std::vector<std::uint32_t> words =
            without_gil(*c.handle, [&] { return c.handle->context.compile_to_spirv(*s, options); });
        py::array_t<std::uint32_t> out(static_cast<py::ssize_t>(words.size()));
        if (!words.empty()) std::memcpy(out.mutable_data(), words.data(), words.size() * sizeof(std::uint32_t));
        return out;
      }, py::arg("source"), py::kw_only(), py::arg("name") = py::none(), py::arg("defines") = py::none(),
      py::arg("include_dirs") = py::none(), py::arg("specialize") = py::none(), py::arg("local_size") = py::none(),
      "The SPIR-V module (a uint32 NumPy array) that path='spirv' loads for `source`: "
      "preprocessed as compile() does it, compiled by shaderc for OpenGL 4.5 with this driver's "
      "limits. Specialization constants keep their declared defaults in the module: pass the "
      "same specialize= to compile(module). Needs no ARB_gl_spirv. Raises glcompute.ShaderError "
      "with file:line diagnostics.");
}

}  // namespace glc::python
