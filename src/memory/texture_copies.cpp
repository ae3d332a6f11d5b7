// Copies between textures on the GPU (glCopyImageSubData, GL 4.3): bits, between formats of
// equal texel size and textures of any kind.

#include <string>

#include "context/context_state.hpp"
#include "glcompute/detail/texture_storage.hpp"
#include "glcompute/error.hpp"
#include "glcompute/texture.hpp"
#include "memory/texture_formats.hpp"

namespace glc {
namespace detail {
namespace {

bool overlaps(const Region& a, std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  const auto apart = [](std::uint32_t a0, std::uint32_t b0, std::uint32_t n) {
    return std::uint64_t{a0} + n <= b0 || std::uint64_t{b0} + n <= a0;
  };
  return !(apart(a.x, x, a.width) || apart(a.y, y, a.height) || apart(a.z, z, a.depth));
}

}  // namespace

void TextureStorage::copy_from(const char* what, const TextureStorage& src, const Region& from,
                               std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  if (src.context_ != context_) {
    throw Error(where(what) + ": the source texture belongs to a different glc::Context");
  }
  const FormatInfo& to_info = *find_format(format_);
  const FormatInfo& from_info = *find_format(src.format_);
  if (to_info.texel_bytes != from_info.texel_bytes) {
    throw Error(where(what) + ": the source is " + from_info.name + " (" +
                std::to_string(from_info.texel_bytes) + " bytes per texel) and the destination " +
                to_info.name + " (" + std::to_string(to_info.texel_bytes) +
                " bytes per texel); glCopyImageSubData copies bits between formats of equal "
                "texel size only");
  }
  src.check_region(what, from, "source ");
  const Region to{x, y, z, from.width, from.height, from.depth};
  check_region(what, to, "destination ");
  if (from.width == 0 || from.height == 0 || from.depth == 0) return;
  if (&src == this && overlaps(from, x, y, z)) {
    throw Error(where(what) + ": the source region at (" + std::to_string(from.x) + ", " +
                std::to_string(from.y) + ", " + std::to_string(from.z) +
                ") and the destination at (" + std::to_string(x) + ", " + std::to_string(y) +
                ", " + std::to_string(z) + ") overlap in one texture (GL leaves that undefined)");
  }
  context_->use();
  // Either texture may have been stored to by a dispatch. GL's texture update barrier names
  // the commands that write textures; a copy reads one and writes the other.
  context_->barriers().barrier_for(GL_TEXTURE_UPDATE_BARRIER_BIT);
  glCopyImageSubData(src.id_, src.target(), 0, static_cast<GLint>(from.x),
                     static_cast<GLint>(from.y), static_cast<GLint>(from.z), id_, target(), 0,
                     static_cast<GLint>(x), static_cast<GLint>(y), static_cast<GLint>(z),
                     static_cast<GLsizei>(from.width), static_cast<GLsizei>(from.height),
                     static_cast<GLsizei>(from.depth));
  context_->check_errors(where(what).c_str());
}

}  // namespace detail

void Texture::check_same_extent(const Texture& src) const {
  const detail::TextureStorage& to = storage();
  const detail::TextureStorage& from = src.storage();
  if (from.width() != to.width() || from.height() != to.height() || from.depth() != to.depth()) {
    throw Error(std::string(to.type_name()) + "::copy_from: the source is " + from.describe() +
                " and the destination " + to.describe() +
                "; a whole copy needs equal extents (copy a region instead)");
  }
}

}  // namespace glc
