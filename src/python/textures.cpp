// glcompute.Texture2D and Context.texture2d: textures that compute shaders read and write as
// images. Pixels are NumPy arrays of shape (height, width, channels), or (height, width) for
// one-channel formats, in the format's exact channel dtype: nothing is converted.

#include <span>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <glcompute/error.hpp>

#include "bindings.hpp"
#include "scalars.hpp"

namespace glc::python {
namespace {

constexpr TextureFormat kFormats[] = {
    TextureFormat::rgba32f, TextureFormat::rg32f, TextureFormat::r32f, TextureFormat::rgba8, TextureFormat::r8,
    TextureFormat::rgba32ui, TextureFormat::rg32ui, TextureFormat::r32ui, TextureFormat::rgba32i,
    TextureFormat::rg32i, TextureFormat::r32i,
};

TextureFormat to_format(const std::string& name) {
  std::string known;
  for (TextureFormat f : kFormats) {
    if (to_string(f) == name) return f;
    known += (known.empty() ? "" : ", ") + std::string(to_string(f));
  }
  throw Error("Context.texture2d: unknown format '" + name + "' (formats: " + known + ")");
}

/// The dtype of one channel of `format`.
DType channel_dtype(TextureFormat format) {
  const std::string name(to_string(format));
  if (name.ends_with("32f")) return DType::float32;
  if (name.ends_with("32ui")) return DType::uint32;
  if (name.ends_with("32i")) return DType::int32;
  return DType::uint8;  // rgba8, r8: unsigned normalized bytes
}

std::vector<py::ssize_t> pixel_shape(const Texture2D& t) {
  const int channels = channel_count(t.format());
  std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(t.height()), static_cast<py::ssize_t>(t.width())};
  if (channels > 1) shape.push_back(channels);
  return shape;
}

/// Calls f(std::type_identity<T>) with T the channel type of the texture's format.
template <class F>
void with_channel_type(const Texture2D& t, F&& f) {
  switch (channel_dtype(t.format())) {
    case DType::float32: f(std::type_identity<float>{}); break;
    case DType::uint32: f(std::type_identity<std::uint32_t>{}); break;
    case DType::int32: f(std::type_identity<std::int32_t>{}); break;
    default: f(std::type_identity<std::uint8_t>{}); break;
  }
}

/// `pixels` checked to be the whole image in the format's channel dtype.
py::array checked_pixels(const TextureObject& t, py::handle pixels, const char* what, bool writeable) {
  const Texture2D& tex = *t.texture;
  const DType dtype = channel_dtype(tex.format());
  const std::vector<py::ssize_t> shape = pixel_shape(tex);
  py::array a = py::reinterpret_borrow<py::object>(pixels);
  const std::string format(to_string(tex.format()));
  if (!a.dtype().equal(numpy_dtype(dtype))) {
    throw Error(std::string(what) + ": a " + format + " texture takes " + dtype_name(dtype) + " pixels, got " +
                str_of(a.dtype()) + " (nothing is converted: use .astype)");
  }
  const std::vector<py::ssize_t> given = shape_of(a);
  // One-channel formats also take (h, w, 1).
  const bool one_channel = given.size() == 3 && shape.size() == 2 && given[0] == shape[0] &&
                           given[1] == shape[1] && given[2] == 1;
  if (given != shape && !one_channel) {
    throw Error(std::string(what) + ": a " + std::to_string(tex.width()) + "x" + std::to_string(tex.height()) + " " +
                format + " texture holds pixels of shape " + py::repr(py::tuple(py::cast(shape))).cast<std::string>() +
                ", got " + py::repr(py::tuple(py::cast(given))).cast<std::string>());
  }
  if (writeable) {
    if (!(a.flags() & py::array::c_style) || !a.writeable()) throw Error(std::string(what) + ": out must be C-contiguous and writeable");
    return a;
  }
  return py::module_::import("numpy").attr("ascontiguousarray")(a);
}

}  // namespace

void bind_textures(py::module_& m) {
  py::class_<TextureObject>(m, "Texture2D", R"(A width x height texture that compute shaders use as an image.

Context.texture2d(width, height, format) makes one, zero-filled; Program.bind_image binds it.
Pixel arrays have shape (height, width, channels), or (height, width) for one channel, row 0
first, in the format's channel dtype: float32 (rgba32f, rg32f, r32f), uint8 (rgba8, r8: 0..255,
read as 0.0..1.0 by shaders), uint32 (rgba32ui, rg32ui, r32ui), int32 (rgba32i, rg32i, r32i).)")
      .def_property_readonly("width", [](const TextureObject& t) { return t.texture->width(); })
      .def_property_readonly("height", [](const TextureObject& t) { return t.texture->height(); })
      .def_property_readonly("format", [](const TextureObject& t) { return std::string(to_string(t.texture->format())); })
      .def_property_readonly("channels", [](const TextureObject& t) { return channel_count(t.texture->format()); })
      .def_property_readonly("shape", [](const TextureObject& t) { return py::tuple(py::cast(pixel_shape(*t.texture))); })
      .def_property_readonly("dtype", [](const TextureObject& t) { return numpy_dtype(channel_dtype(t.texture->format())); })
      .def_property_readonly("id", [](const TextureObject& t) { return locked(*t.context, [&] { return t.texture->id(); }); })
      .def("write", [](const TextureObject& t, py::handle pixels) {
        const py::array a = checked_pixels(t, pixels, "Texture2D.write", false);
        const std::size_t n = static_cast<std::size_t>(a.size());
        without_gil(*t.context, [&] {
          with_channel_type(*t.texture, [&]<class T>(std::type_identity<T>) {
            t.texture->write(std::span<const T>(static_cast<const T*>(a.data()), n));
          });
        });
      }, py::arg("pixels"), "Replaces every texel with `pixels` (the whole image).")
      .def("read", [](const TextureObject& t, py::handle out) {
        py::array a = out.is_none() ? py::array(numpy_dtype(channel_dtype(t.texture->format())), pixel_shape(*t.texture))
                                    : checked_pixels(t, out, "Texture2D.read", true);
        const std::size_t n = static_cast<std::size_t>(a.size());
        void* data = a.mutable_data();
        without_gil(*t.context, [&] {
          with_channel_type(*t.texture, [&]<class T>(std::type_identity<T>) {
            t.texture->read_into(std::span<T>(static_cast<T*>(data), n));
          });
        });
        return a;
      }, py::arg("out") = py::none(), "Every texel as a new array (or into out=).")
      .def("__repr__", [](const TextureObject& t) {
        return "<glcompute.Texture2D " + std::to_string(t.texture->width()) + "x" + std::to_string(t.texture->height()) +
               " " + std::string(to_string(t.texture->format())) + ">";
      });

  py::class_<ContextObject> context = m.attr("Context");
  context.def("texture2d", [](const ContextObject& c, py::handle width, py::handle height, const std::string& format) {
    const auto w = to_scalar<std::uint32_t>(width, "Context.texture2d: width", "a size");
    const auto h = to_scalar<std::uint32_t>(height, "Context.texture2d: height", "a size");
    const TextureFormat f = to_format(format);
    return without_gil(*c.handle, [&] {
      return TextureObject{c.handle, owned_by(c.handle, new Texture2D(c.handle->context.texture2d(w, h, f)))};
    });
  }, py::arg("width"), py::arg("height"), py::arg("format") = "rgba32f",
  "A zero-filled width x height texture of `format` ('rgba32f', 'rg32f', 'r32f', 'rgba8', 'r8', "
  "'rgba32ui', 'rg32ui', 'r32ui', 'rgba32i', 'rg32i', 'r32i'). Raises glcompute.Error if a side is "
  "0 or above the driver's GL_MAX_TEXTURE_SIZE.");
}

}  // namespace glc::python
