#include "program/spirv_interface.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "context/gl_names.hpp"
#include "glcompute/error.hpp"
#include "program/gl_type_shape.hpp"

namespace glc::detail {
namespace {

/// The depth-comparison variant of a sampler type (GL_SAMPLER_2D -> GL_SAMPLER_2D_SHADOW).
GLenum shadow_type(GLenum type) {
  switch (type) {
    case GL_SAMPLER_1D: return GL_SAMPLER_1D_SHADOW;
    case GL_SAMPLER_2D: return GL_SAMPLER_2D_SHADOW;
    case GL_SAMPLER_1D_ARRAY: return GL_SAMPLER_1D_ARRAY_SHADOW;
    case GL_SAMPLER_2D_ARRAY: return GL_SAMPLER_2D_ARRAY_SHADOW;
    case GL_SAMPLER_CUBE: return GL_SAMPLER_CUBE_SHADOW;
    case GL_SAMPLER_CUBE_MAP_ARRAY: return GL_SAMPLER_CUBE_MAP_ARRAY_SHADOW;
    case GL_SAMPLER_2D_RECT: return GL_SAMPLER_2D_RECT_SHADOW;
    default: return type;
  }
}

/// Whether GL's name for a block of a SPIR-V program stands for the module's block `declared`.
/// Besides is_reported_name_of's renamings, NVIDIA (580) names a block that has an instance name
/// "Block.instance" (`uniform Params {...} params;` is "Params.params"); a block's own name never
/// holds a '.', so the part before one is the block.
bool is_reported_block_name(const std::string& reported, const std::string& declared) {
  if (is_reported_name_of(reported, declared)) return true;
  return !declared.empty() && reported.size() > declared.size() + 1 && reported.starts_with(declared) &&
         reported[declared.size()] == '.';
}

/// The module's block for a block GL reports: by name where GL gives one, else by binding.
std::size_t match_block(const std::string& name, std::uint32_t binding, const std::vector<SpirvBlock>& reflected,
                        const std::vector<bool>& taken) {
  for (std::size_t i = 0; i < reflected.size(); ++i) {
    if (taken[i]) continue;
    if (name.empty() ? reflected[i].binding == binding : is_reported_block_name(name, reflected[i].name)) return i;
  }
  return reflected.size();
}

/// Names and trailing-array layouts of storage blocks (Mesa reports neither the offset nor the
/// stride of a trailing array of structs on this path, while the module's Offset and
/// ArrayStride decorations are exact; GL keeps the size of blocks without one: drivers pad it
/// their way), then the blocks the driver dropped.
void complete_storage_blocks(std::vector<StorageBlockInfo>& blocks, const std::vector<SpirvBlock>& reflected) {
  std::vector<bool> taken(reflected.size(), false);
  for (StorageBlockInfo& block : blocks) {
    const std::size_t i = match_block(block.name, block.binding, reflected, taken);
    if (i == reflected.size()) continue;
    taken[i] = true;
    block.name = reflected[i].name;
    if (reflected[i].array_stride != 0) {
      block.fixed_bytes = reflected[i].fixed_bytes;
      block.array_stride = reflected[i].array_stride;
      block.members_end = std::min(reflected[i].members_end, block.fixed_bytes);
    }
  }
  for (std::size_t i = 0; i < reflected.size(); ++i) {
    if (taken[i]) continue;
    const SpirvBlock& r = reflected[i];
    blocks.push_back({r.name, r.binding, r.fixed_bytes, r.array_stride, r.members_end});
  }
}

void complete_uniform_blocks(std::vector<UniformBlockInfo>& blocks, const std::vector<SpirvBlock>& reflected) {
  std::vector<bool> taken(reflected.size(), false);
  for (UniformBlockInfo& block : blocks) {
    const std::size_t i = match_block(block.name, block.binding, reflected, taken);
    if (i == reflected.size()) continue;
    taken[i] = true;
    block.name = reflected[i].name;
  }
  for (std::size_t i = 0; i < reflected.size(); ++i) {
    if (!taken[i]) blocks.push_back({reflected[i].name, reflected[i].binding, reflected[i].fixed_bytes, reflected[i].members_end});
  }
}

/// On this path drivers name no atomic counters: the module's, by binding, in offset order.
void name_counters(std::vector<AtomicCounterBufferInfo>& buffers, const std::vector<SpirvAtomicCounter>& counters) {
  for (AtomicCounterBufferInfo& buffer : buffers) {
    if (std::ranges::none_of(buffer.counters, [](const std::string& n) { return n.empty(); })) continue;
    std::vector<const SpirvAtomicCounter*> mine;
    for (const SpirvAtomicCounter& c : counters) {
      if (c.binding == buffer.binding && c.used) mine.push_back(&c);
    }
    std::ranges::sort(mine, {}, &SpirvAtomicCounter::offset);
    buffer.counters.clear();
    for (const SpirvAtomicCounter* c : mine) buffer.counters.push_back(c->name);
  }
}

/// The module's uniform that GL's `u` is: by location on the SPIR-V path (where GL may give
/// no name), by name on the GLSL path.
const SpirvUniform* match_uniform(const UniformInfo& u, const std::vector<SpirvUniform>& leaves, bool spirv_path) {
  for (const SpirvUniform& leaf : leaves) {
    if (spirv_path ? (u.location >= 0 && leaf.location == u.location) : leaf.name == u.name) return &leaf;
  }
  return nullptr;
}

void complete_uniforms(ProgramInterface& in, const std::vector<SpirvUniform>& leaves, bool spirv_path) {
  std::vector<UniformInfo> uniforms;
  std::vector<int> active;
  std::vector<bool> listed(leaves.size(), false);
  std::map<std::size_t, bool> variables;  ///< variables of which GL lists a part
  std::vector<std::pair<const SpirvUniform*, std::size_t>> matched;  ///< leaf, index in GL's list
  for (std::size_t i = 0; i < in.uniforms.size(); ++i) {
    const SpirvUniform* leaf = match_uniform(in.uniforms[i], leaves, spirv_path);
    // A driver that keeps what the code never reads (the GLSL path never does) would list
    // more on this path than on the other: the module says what the functions use.
    if (leaf && spirv_path && !leaf->used) continue;
    if (leaf) {
      variables[leaf->variable] = true;
      listed[static_cast<std::size_t>(leaf - leaves.data())] = true;
    }
    matched.emplace_back(leaf, i);
  }
  // In the module's order: the leaves of each variable GL lists part of, from GL where it has
  // them; GL's uniforms without a leaf (the module could not name them) after those.
  for (std::size_t l = 0; l < leaves.size(); ++l) {
    const SpirvUniform& leaf = leaves[l];
    if (!variables.contains(leaf.variable)) continue;
    const auto from_gl = std::ranges::find_if(matched, [&](const auto& m) { return m.first == &leaf; });
    UniformInfo u;
    int kept = 0;
    if (from_gl != matched.end()) {
      u = in.uniforms[from_gl->second];
      kept = in.active_elements[from_gl->second];
      if (leaf.shadow && shadow_type(u.gl_type) != u.gl_type) u.gl_type = shadow_type(u.gl_type);
    } else {
      u.gl_type = gl_basic_type(leaf.scalar, leaf.components, leaf.columns);
      if (u.gl_type == 0) continue;  // an opaque member GL removed: nothing to set
      u.location = -1;
    }
    u.name = leaf.name;
    u.type_name = glsl_type_name(u.gl_type);
    u.array_size = static_cast<int>(std::min<std::uint32_t>(leaf.array_size, 0x7FFFFFFF));
    uniforms.push_back(std::move(u));
    active.push_back(kept);
  }
  for (const auto& [leaf, i] : matched) {
    if (leaf) continue;
    uniforms.push_back(in.uniforms[i]);
    active.push_back(in.active_elements[i]);
  }
  in.uniforms = std::move(uniforms);
  in.active_elements = std::move(active);
}

}  // namespace

void refuse_known_driver_faults(const SpirvInterface& module, const std::string& vendor, const std::string& name) {
  if (vendor.find("NVIDIA") == std::string::npos) return;
  for (const SpirvAtomicCounter& c : module.atomic_counters) {
    if (c.array_size == 1 || !c.used) continue;
    throw ShaderError("glcompute: cannot run shader " + name + " on the SPIR-V path on this driver",
                      {{name, 0, "atomic counter array '" + c.name + "' (binding " + std::to_string(c.binding) +
                                     "): NVIDIA's driver counts every element of an array of atomic "
                                     "counters in its first on the SPIR-V path; use ShaderPath::glsl, or "
                                     "one atomic_uint per counter"}});
  }
}

void complete_from_spirv(ProgramInterface& interface, const SpirvInterface& module, bool spirv_path) {
  if (spirv_path) {
    complete_storage_blocks(interface.blocks, module.storage_blocks);
    complete_uniform_blocks(interface.uniform_blocks, module.uniform_blocks);
    name_counters(interface.atomic_buffers, module.atomic_counters);
  }
  complete_uniforms(interface, module.uniforms, spirv_path);
}

void complete_images(std::vector<ImageInfo>& images, const SpirvInterface& module) {
  for (ImageInfo& image : images) {
    for (const SpirvUniform& leaf : module.uniforms) {
      if (!leaf.image || leaf.name != image.name) continue;
      image.format = leaf.format;
      image.readonly = leaf.readonly;
      image.writeonly = leaf.writeonly;
    }
  }
}

}  // namespace glc::detail
