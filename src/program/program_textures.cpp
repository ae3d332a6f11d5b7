// Program::bind_texture: textures read through sampler uniforms (texture(), texelFetch()),
// each with a cached GL sampler object for its filter and wrap, checked against the sampler
// type and bound to its texture unit at each dispatch.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "context/context_state.hpp"
#include "context/gl_names.hpp"
#include "glcompute/error.hpp"
#include "memory/sampler_cache.hpp"
#include "program/texture_types.hpp"
#include "program/program_state.hpp"
#include "memory/texture_formats.hpp"

namespace glc {
namespace detail {
namespace {

bool is_sampler_type(unsigned gl_type) { return is_opaque_type(gl_type) && !is_image_type(gl_type); }

const char* filter_name(Filter filter) {
  return filter == Filter::linear ? "Filter::linear" : "Filter::nearest";
}

/// Throws unless `texture` may be read through `sampler` with `state`; returns the binding.
TextureBinding check_texture(ProgramState& s, const SamplerInfo& sampler,
                             const std::shared_ptr<TextureStorage>& texture, const Sampler& state) {
  const std::string where = "Program::bind_texture (" + s.name + ", sampler '" + sampler.name + "'): ";
  check_sampler(where, state);
  if (texture->context() != s.context) {
    throw Error(where + "the texture belongs to a different glc::Context");
  }
  const std::optional<TextureType> type = texture_type(sampler.gl_type);
  if (!type || type->image) {
    throw Error(where + "the sampler is " + sampler.type_name + " in the shader; glcompute binds " +
                "textures to " + bindable_types(false));
  }
  if (sampler.array_size != 1) {
    throw Error(where + "the sampler is an array of " + std::to_string(sampler.array_size) + " " +
                sampler.type_name + "; bind_texture binds single samplers (declare one uniform each)");
  }
  if (texture->kind() != type->kind) {
    throw Error(where + "the sampler is " + sampler.type_name + " in the shader but the texture is " +
                texture->describe() + ", a " + texture_class(texture->kind()) + "; " +
                sampler.type_name + " needs a " + texture_class(type->kind));
  }
  const FormatInfo& format = format_info("Program::bind_texture", texture->format());
  if (format.kind != type->format_kind) {
    throw Error(where + "the sampler is " + sampler.type_name + " in the shader but the texture is " +
                format.name + ", " + kind_description(format.kind) + "; " + sampler.type_name +
                " needs " + formats_of_kind(type->format_kind));
  }
  if (state.filter == Filter::linear && format.kind != ImageKind::floating) {
    throw Error(where + "Sampler::filter is " + filter_name(state.filter) + " but the texture is " +
                format.name + ", " + kind_description(format.kind) +
                ", which GL cannot filter (texture() would return undefined values); use "
                "Filter::nearest");
  }
  s.context->use();
  return {true, texture, sampler_cache(*s.context).get(state)};
}

}  // namespace

std::vector<SamplerInfo> reflect_samplers(GLuint program, const std::vector<UniformInfo>& uniforms) {
  std::vector<SamplerInfo> samplers;
  for (const UniformInfo& u : uniforms) {
    if (!is_sampler_type(u.gl_type)) continue;
    SamplerInfo info;
    info.name = u.name;
    info.gl_type = u.gl_type;
    info.type_name = u.type_name;
    GLint unit = 0;  // the value after linking: layout(binding = N), else 0
    if (u.location >= 0) glGetUniformiv(program, u.location, &unit);
    info.unit = static_cast<std::uint32_t>(unit);
    info.array_size = u.array_size;
    samplers.push_back(std::move(info));
  }
  // Drivers list uniforms in orders of their own (Mesa by declaration, NVIDIA not): by unit,
  // the checks at dispatch and the names in messages come in the same order on every driver.
  std::stable_sort(samplers.begin(), samplers.end(),
                   [](const SamplerInfo& a, const SamplerInfo& b) { return a.unit < b.unit; });
  return samplers;
}

void ProgramState::apply_texture_bindings() const {
  bool bound_any = false;
  for (std::size_t i = 0; i < samplers.size(); ++i) {
    const SamplerInfo& sampler = samplers[i];
    const TextureBinding& binding = texture_bindings[i];
    if (sampler.array_size != 1) continue;  // arrays of samplers, like arrays of images: raw GL
    const std::string what = "sampler '" + sampler.name + "' (" + sampler.type_name +
                             ", texture unit " + std::to_string(sampler.unit) + ")";
    const std::optional<TextureType> type = texture_type(sampler.gl_type);
    if (!type || type->image) {
      throw_unbound(*this, what, "texture",
                    std::string("glcompute binds textures only to ") + bindable_types(false) +
                        ", so the program cannot run with it");
    }
    if (!binding.set) {
      throw_unbound(*this, what, "texture",
                    "call bind_texture(\"" + sampler.name + "\", texture, glc::Sampler{...}) first");
    }
    const std::shared_ptr<TextureStorage> texture = binding.texture.lock();
    if (!texture) {
      throw Error("Program::dispatch (" + name + "): the texture bound to sampler '" +
                  sampler.name + "' was destroyed; bind a live texture");
    }
    const std::uint32_t units = context->info().limits.max_texture_units;
    if (sampler.unit >= units) {
      throw Error("Program::dispatch (" + name + "): " + what + " is beyond the driver's " +
                  std::to_string(units) + " texture units for compute shaders "
                  "(GL_MAX_COMPUTE_TEXTURE_IMAGE_UNITS); give it a lower layout(binding = N)");
    }
    for (std::size_t j = 0; j < i; ++j) {
      const TextureBinding& other = texture_bindings[j];
      if (samplers[j].unit != sampler.unit || !other.set) continue;
      const bool same = samplers[j].gl_type == sampler.gl_type &&
                        other.texture.lock() == texture && other.sampler == binding.sampler;
      if (!same) {
        throw Error("Program::dispatch (" + name + "): samplers '" + samplers[j].name + "' and '" +
                    sampler.name + "' both use texture unit " + std::to_string(sampler.unit) +
                    " but are bound differently; give them distinct layout(binding = N)");
      }
    }
    glActiveTexture(GL_TEXTURE0 + sampler.unit);
    glBindTexture(texture->target(), texture->id());
    glBindSampler(sampler.unit, binding.sampler->id());
    bound_any = true;
  }
  if (bound_any) glActiveTexture(GL_TEXTURE0);  // GL's default, which raw GL code expects
}

}  // namespace detail

const std::vector<SamplerInfo>& Program::samplers() const { return state().samplers; }

Program& Program::bind_texture(std::string_view name, const Texture& texture, const Sampler& state_) {
  detail::ProgramState& s = state();
  const std::shared_ptr<detail::TextureStorage>& storage = detail::Access::shared_storage(texture);
  for (std::size_t i = 0; i < s.samplers.size(); ++i) {
    if (s.samplers[i].name == name) {
      s.texture_bindings[i] = detail::check_texture(s, s.samplers[i], storage, state_);
      return *this;
    }
  }
  const std::string where = "Program::bind_texture (" + s.name + "): ";
  for (const ImageInfo& image : s.images) {
    if (image.name == name) {
      throw Error(where + "'" + image.name + "' is an image uniform (" + image.type_name +
                  "), not a sampler; bind it with bind_image(\"" + image.name + "\", texture)");
    }
  }
  for (const StorageBlockInfo& block : s.interface.blocks) {
    if (block.name == name) {
      throw Error(where + "'" + block.name + "' is a storage block, not a sampler; bind a "
                  "buffer with bind(\"" + block.name + "\", buffer)");
    }
  }
  for (const UniformInfo& u : s.interface.uniforms) {
    if (u.name == name) {
      throw Error(where + "uniform '" + u.name + "' is " + u.type_name +
                  ", not a sampler; set it with set()");
    }
  }
  std::string known;
  for (const SamplerInfo& sampler : s.samplers) {
    known += (known.empty() ? "" : ", ") + sampler.type_name + " " + sampler.name;
  }
  throw Error(where + "no active sampler uniform named '" + std::string(name) + "' (samplers: " +
              (known.empty() ? "none" : known) +
              "; samplers the shader never uses are removed by the compiler)");
}

Program& Program::bind_texture(std::uint32_t unit, const Texture& texture, const Sampler& state_) {
  detail::ProgramState& s = state();
  const std::shared_ptr<detail::TextureStorage>& storage = detail::Access::shared_storage(texture);
  // Every sampler on the unit gets the texture: GL reads them through one unit.
  std::vector<std::pair<std::size_t, detail::TextureBinding>> bound;
  std::string known;
  for (std::size_t i = 0; i < s.samplers.size(); ++i) {
    const SamplerInfo& sampler = s.samplers[i];
    if (sampler.unit == unit) bound.emplace_back(i, detail::check_texture(s, sampler, storage, state_));
    known += (known.empty() ? "" : ", ") + sampler.name + " = " + std::to_string(sampler.unit);
  }
  if (bound.empty()) {
    throw Error("Program::bind_texture (" + s.name + "): no active sampler uniform uses texture "
                "unit " + std::to_string(unit) + " (units: " + (known.empty() ? "none" : known) + ")");
  }
  for (auto& [index, binding] : bound) s.texture_bindings[index] = std::move(binding);
  return *this;
}

}  // namespace glc
