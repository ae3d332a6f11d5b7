// Program::bind_image: textures attached to image uniforms of every kind glcompute binds
// (image2D, image3D, image2DArray and their integer forms; one slice or layer to an image2D),
// checked against what the shader declares, and bound to their image units at each dispatch.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "glcompute/error.hpp"
#include "memory/texture_formats.hpp"
#include "program/program_state.hpp"
#include "program/texture_types.hpp"

namespace glc {
namespace detail {
namespace {

GLenum gl_access(ImageAccess access) {
  switch (access) {
    case ImageAccess::read_only: return GL_READ_ONLY;
    case ImageAccess::write_only: return GL_WRITE_ONLY;
    case ImageAccess::read_write: return GL_READ_WRITE;
  }
  throw Error("Program::bind_image: ImageAccess " + std::to_string(static_cast<int>(access)) +
              " is not read_only, write_only or read_write");
}

/// Throws unless `texture` (or its slice `layer`) may be bound to `image` with `access`;
/// returns the binding.
ImageBinding check_image(const ProgramState& s, const ImageInfo& image,
                         const std::shared_ptr<TextureStorage>& texture, ImageAccess access,
                         std::optional<std::uint32_t> layer) {
  const char* call = layer ? "Program::bind_image_layer" : "Program::bind_image";
  const std::string where = std::string(call) + " (" + s.name + ", image '" + image.name + "'): ";
  if (texture->context() != s.context) {
    throw Error(where + "the texture belongs to a different glc::Context");
  }
  const std::optional<TextureType> type = texture_type(image.gl_type);
  if (!type || !type->image) {
    throw Error(where + "the image is " + image.type_name + " in the shader; glcompute binds " +
                "textures to " + bindable_types(true));
  }
  if (image.array_size != 1) {
    throw Error(where + "the image is an array of " + std::to_string(image.array_size) + " " +
                image.type_name + "; bind_image binds single images (declare one uniform each)");
  }
  if (layer) {
    if (type->kind != TextureKind::texture_2d) {
      throw Error(where + "the image is " + image.type_name + " in the shader; one slice or " +
                  "layer binds to an image2D (iimage2D, uimage2D) only: use bind_image for " +
                  texture->describe());
    }
    if (texture->kind() == TextureKind::texture_2d) {
      throw Error(where + texture->describe() + " has no slices or layers; bind it with "
                  "bind_image");
    }
    if (*layer >= texture->depth()) {
      throw Error(where + "layer " + std::to_string(*layer) + " is outside " +
                  texture->describe() + " (0.." + std::to_string(texture->depth() - 1) + ")");
    }
  } else if (texture->kind() != type->kind) {
    std::string hint;
    if (type->kind == TextureKind::texture_2d) {
      hint = " (or bind one slice or layer of it with bind_image_layer)";
    }
    throw Error(where + "the image is " + image.type_name + " in the shader but the texture is " +
                texture->describe() + ", a " + texture_class(texture->kind()) + "; " +
                image.type_name + " needs a " + texture_class(type->kind) + hint);
  }
  const FormatInfo& format = format_info("Program::bind_image", texture->format());
  if (format.kind != type->format_kind) {
    throw Error(where + "the image is " + image.type_name + " in the shader but the texture is " +
                format.name + ", " + kind_description(format.kind) + "; " + image.type_name +
                " needs " + formats_of_kind(type->format_kind));
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
  const bool layered = !layer && texture->kind() != TextureKind::texture_2d;
  return {true, texture, gl, format.internal_format, layered, layer.value_or(0)};
}

}  // namespace

void ProgramState::apply_image_bindings() const {
  for (std::size_t i = 0; i < images.size(); ++i) {
    const ImageInfo& image = images[i];
    const ImageBinding& binding = image_bindings[i];
    if (image.array_size != 1) continue;  // arrays of images are raw GL's business
    const std::string what = "image '" + image.name + "' (" + image.type_name + ", unit " +
                             std::to_string(image.unit) + ")";
    const std::optional<TextureType> type = texture_type(image.gl_type);
    if (!type || !type->image) {
      throw_unbound(*this, what, "texture",
                    std::string("glcompute binds textures only to ") + bindable_types(true) +
                    ", so the program cannot run with it");
    }
    if (!binding.set) {
      throw_unbound(*this, what, "texture", "call bind_image(\"" + image.name + "\", texture) first");
    }
    const std::shared_ptr<TextureStorage> texture = binding.texture.lock();
    if (!texture) {
      throw Error("Program::dispatch (" + name + "): the texture bound to image '" + image.name +
                  "' was destroyed; bind a live texture");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (images[j].unit != image.unit || !image_bindings[j].set) continue;
      if (!(image_bindings[j] == binding)) {
        throw Error("Program::dispatch (" + name + "): images '" + images[j].name + "' and '" +
                    image.name + "' both use image unit " + std::to_string(image.unit) +
                    " but are bound differently; give them distinct layout(binding = N)");
      }
    }
    glBindImageTexture(image.unit, texture->id(), 0, binding.layered ? GL_TRUE : GL_FALSE,
                       static_cast<GLint>(binding.layer), binding.access, binding.format);
  }
}

void ProgramState::note_uniform_set(const UniformInfo& uniform, const void* data,
                                    std::size_t count) {
  if (count < 1) return;
  const auto unit = static_cast<std::uint32_t>(*static_cast<const std::int32_t*>(data));
  for (ImageInfo& image : images) {
    if (image.name == uniform.name) image.unit = unit;
  }
  for (SamplerInfo& sampler : samplers) {
    if (sampler.name == uniform.name) sampler.unit = unit;
  }
}

/// bind_image by name, whole or one layer; the errors for a name that is not an image.
void bind_image_named(ProgramState& s, std::string_view name, const Texture& texture,
                      ImageAccess access, std::optional<std::uint32_t> layer) {
  const std::shared_ptr<TextureStorage>& storage = Access::shared_storage(texture);
  for (std::size_t i = 0; i < s.images.size(); ++i) {
    if (s.images[i].name == name) {
      s.image_bindings[i] = check_image(s, s.images[i], storage, access, layer);
      return;
    }
  }
  const std::string where =
      std::string(layer ? "Program::bind_image_layer (" : "Program::bind_image (") + s.name + "): ";
  for (const StorageBlockInfo& block : s.interface.blocks) {
    if (block.name == name) {
      throw Error(where + "'" + block.name + "' is a storage block, not an image uniform; bind a "
                  "buffer with bind(\"" + block.name + "\", buffer)");
    }
  }
  for (const SamplerInfo& sampler : s.samplers) {
    if (sampler.name == name) {
      throw Error(where + "'" + sampler.name + "' is a sampler (" + sampler.type_name +
                  "), not an image; bind it with bind_texture(\"" + sampler.name +
                  "\", texture, glc::Sampler{...})");
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

}  // namespace detail

Program& Program::bind_image(std::string_view name, const Texture& texture, ImageAccess access) {
  detail::bind_image_named(state(), name, texture, access, std::nullopt);
  return *this;
}

Program& Program::bind_image_layer(std::string_view name, const Texture& texture,
                                   std::uint32_t layer, ImageAccess access) {
  detail::bind_image_named(state(), name, texture, access, layer);
  return *this;
}

Program& Program::bind_image(std::uint32_t unit, const Texture& texture, ImageAccess access) {
  detail::ProgramState& s = state();
  const std::shared_ptr<detail::TextureStorage>& storage = detail::Access::shared_storage(texture);
  // Every image on the unit gets the texture: they are one image to GL.
  std::vector<std::pair<std::size_t, detail::ImageBinding>> bound;
  std::string known;
  for (std::size_t i = 0; i < s.images.size(); ++i) {
    const ImageInfo& image = s.images[i];
    if (image.unit == unit) {
      bound.emplace_back(i, detail::check_image(s, image, storage, access, std::nullopt));
    }
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
