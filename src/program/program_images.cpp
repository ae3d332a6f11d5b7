// Program::bind_image: textures attached to image uniforms, checked against what the shader
// declares, and bound to their image units at each dispatch.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "glcompute/error.hpp"
#include "program/program_state.hpp"
#include "memory/texture_formats.hpp"

namespace glc {
namespace detail {
namespace {

/// The kind of texture a 2D image type reads; nullopt for image types no texture binds to yet,
/// which apply_image_bindings refuses at dispatch. A texture of another dimension plugs in here
/// (and in check_image), and its image types are then required like these.
std::optional<ImageKind> image2d_kind(unsigned gl_type) {
  switch (gl_type) {
    case GL_IMAGE_2D: return ImageKind::floating;
    case GL_INT_IMAGE_2D: return ImageKind::signed_integer;
    case GL_UNSIGNED_INT_IMAGE_2D: return ImageKind::unsigned_integer;
    default: return std::nullopt;
  }
}

/// The formats of one kind, for messages: "rgba32ui, rg32ui or r32ui".
std::string formats_of_kind(ImageKind kind) {
  std::string names;
  std::string last;
  for (const FormatInfo& info : texture_formats()) {
    if (info.kind != kind) continue;
    if (!last.empty()) names += (names.empty() ? "" : ", ") + last;
    last = info.name;
  }
  return names.empty() ? last : names + " or " + last;
}

GLenum gl_access(ImageAccess access) {
  switch (access) {
    case ImageAccess::read_only: return GL_READ_ONLY;
    case ImageAccess::write_only: return GL_WRITE_ONLY;
    case ImageAccess::read_write: return GL_READ_WRITE;
  }
  throw Error("Program::bind_image: ImageAccess " + std::to_string(static_cast<int>(access)) +
              " is not read_only, write_only or read_write");
}

/// Throws unless `texture` may be bound to `image` with `access`; returns the binding.
ImageBinding check_image(const ProgramState& s, const ImageInfo& image,
                         const std::shared_ptr<TextureStorage>& texture, ImageAccess access) {
  const std::string where = "Program::bind_image (" + s.name + ", image '" + image.name + "'): ";
  if (texture->context() != s.context) {
    throw Error(where + "the texture belongs to a different glc::Context");
  }
  const std::optional<ImageKind> kind = image2d_kind(image.gl_type);
  if (!kind) {
    throw Error(where + "the image is " + image.type_name +
                " in the shader; a Texture2D binds to image2D, iimage2D or uimage2D");
  }
  if (image.array_size != 1) {
    throw Error(where + "the image is an array of " + std::to_string(image.array_size) + " " +
                image.type_name + "; bind_image binds single images (declare one uniform each)");
  }
  const FormatInfo& format = format_info("Program::bind_image", texture->format());
  if (format.kind != *kind) {
    throw Error(where + "the image is " + image.type_name + " in the shader but the texture is " +
                format.name + ", " + kind_description(format.kind) + "; " + image.type_name +
                " needs " + formats_of_kind(*kind));
  }
  if (!image.format.empty() && image.format != format.name) {
    throw Error(where + "the shader declares the image " + image.format +
                " (its layout format qualifier) but the texture is " + format.name);
  }
  const GLenum gl = gl_access(access);
  if (image.readonly && gl == GL_WRITE_ONLY) {
    throw Error(where + "the image is readonly in the shader but bound write_only; use "
                "ImageAccess::read_only or read_write");
  }
  if (image.writeonly && gl == GL_READ_ONLY) {
    throw Error(where + "the image is writeonly in the shader but bound read_only; use "
                "ImageAccess::write_only or read_write");
  }
  // A declared format equals the texture's (checked above), so the unit gets the texture's.
  return {true, texture, gl, format.internal_format};
}

}  // namespace

void ProgramState::apply_image_bindings() const {
  for (std::size_t i = 0; i < images.size(); ++i) {
    const ImageInfo& image = images[i];
    const ImageBinding& binding = image_bindings[i];
    if (image.array_size != 1) continue;  // arrays of images are raw GL's business
    if (!image2d_kind(image.gl_type)) {
      throw_unbound(*this, "image '" + image.name + "' (" + image.type_name + ", unit " + std::to_string(image.unit) + ")",
                    "texture", "bind_image binds a Texture2D to image2D, iimage2D and uimage2D only so far");
    }
    if (!binding.set) {
      throw Error("Program::dispatch (" + name + "): image '" + image.name + "' (" +
                  image.type_name + ", unit " + std::to_string(image.unit) +
                  ") has no texture bound; call bind_image(\"" + image.name + "\", texture) first");
    }
    const std::shared_ptr<TextureStorage> texture = binding.texture.lock();
    if (!texture) {
      throw Error("Program::dispatch (" + name + "): the texture bound to image '" + image.name +
                  "' was destroyed; bind a live texture");
    }
    for (std::size_t j = 0; j < i; ++j) {
      const ImageBinding& other = image_bindings[j];
      if (images[j].unit != image.unit || !other.set) continue;
      const bool same = other.texture.lock() == texture && other.access == binding.access &&
                        other.format == binding.format;
      if (!same) {
        throw Error("Program::dispatch (" + name + "): images '" + images[j].name + "' and '" +
                    image.name + "' both use image unit " + std::to_string(image.unit) +
                    " but are bound differently; give them distinct layout(binding = N)");
      }
    }
    glBindImageTexture(image.unit, texture->id(), 0, GL_FALSE, 0, binding.access, binding.format);
  }
}

void ProgramState::note_uniform_set(const UniformInfo& uniform, const void* data,
                                    std::size_t count) {
  for (ImageInfo& image : images) {
    if (image.name == uniform.name && count >= 1) {
      image.unit = static_cast<std::uint32_t>(*static_cast<const std::int32_t*>(data));
    }
  }
}

}  // namespace detail

Program& Program::bind_image(std::string_view name, const Texture2D& texture, ImageAccess access) {
  detail::ProgramState& s = state();
  const std::shared_ptr<detail::TextureStorage>& storage = detail::Access::shared_storage(texture);
  for (std::size_t i = 0; i < s.images.size(); ++i) {
    if (s.images[i].name == name) {
      s.image_bindings[i] = detail::check_image(s, s.images[i], storage, access);
      return *this;
    }
  }
  const std::string where = "Program::bind_image (" + s.name + "): ";
  for (const StorageBlockInfo& block : s.interface.blocks) {
    if (block.name == name) {
      throw Error(where + "'" + block.name + "' is a storage block, not an image uniform; bind a "
                  "buffer with bind(\"" + block.name + "\", buffer)");
    }
  }
  for (const UniformInfo& u : s.interface.uniforms) {
    if (u.name == name) {
      throw Error(where + "uniform '" + u.name + "' is " + u.type_name +
                  ", not an image; set it with set()");
    }
  }
  std::string known;
  for (const ImageInfo& image : s.images) {
    known += (known.empty() ? "" : ", ") + image.type_name + " " + image.name;
  }
  throw Error(where + "no active image uniform named '" + std::string(name) + "' (images: " +
              (known.empty() ? "none" : known) +
              "; images the shader never uses are removed by the compiler)");
}

Program& Program::bind_image(std::uint32_t unit, const Texture2D& texture, ImageAccess access) {
  detail::ProgramState& s = state();
  const std::shared_ptr<detail::TextureStorage>& storage = detail::Access::shared_storage(texture);
  // Every image on the unit gets the texture: they are one image to GL.
  std::vector<std::pair<std::size_t, detail::ImageBinding>> bound;
  std::string known;
  for (std::size_t i = 0; i < s.images.size(); ++i) {
    const ImageInfo& image = s.images[i];
    if (image.unit == unit) bound.emplace_back(i, detail::check_image(s, image, storage, access));
    known += (known.empty() ? "" : ", ") + image.name + " = " + std::to_string(image.unit);
  }
  if (bound.empty()) {
    throw Error("Program::bind_image (" + s.name + "): no active image uniform uses image unit " +
                std::to_string(unit) + " (units: " + (known.empty() ? "none" : known) + ")");
  }
  for (auto& [index, binding] : bound) s.image_bindings[index] = std::move(binding);
  return *this;
}

}  // namespace glc
