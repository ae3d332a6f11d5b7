#pragma once
// Arrays of atomic counters in a SPIR-V module, given the ArrayStride GL lays them out with.
// glslang decorates no array of atomic_uint with an ArrayStride; Mesa places the elements 4
// bytes apart regardless, but NVIDIA (580) then gives every element the first one's offset
// (`atomicCounterIncrement(tally[1])` counts in tally[0]). GL packs atomic counter arrays
// tightly (4 bytes an element, GLSL 4.60 section 4.4.6.2), so the decoration states what GL
// does anyway. Internal.

#include <cstdint>
#include <span>
#include <vector>

namespace glc::detail {

/// `module` with `OpDecorate %array ArrayStride 4` (and, for arrays of arrays, the outer arrays'
/// strides) for every array of atomic counters that has none; the words unchanged otherwise.
/// A module this cannot read (truncated instructions) comes back unchanged: the SPIR-V reader
/// and the driver report it.
std::vector<std::uint32_t> with_atomic_counter_strides(std::span<const std::uint32_t> module);

}  // namespace glc::detail
