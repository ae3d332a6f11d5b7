// glcompute/kernels/lanes.glsl: work groups of 256 invocations seen as 8 groups of 32 lanes,
// for the kernels of scan, copy_if and sort. Every group-wide step is defined lane by lane in a
// fixed order, and done either with subgroup operations (GLC_SUBGROUP: KHR_shader_subgroup with
// subgroups of exactly 32 invocations, chosen by the host) or through shared memory with
// barriers: the two give the same bits, float sums included.
//
// The including shader declares `layout(local_size_x = 256) in;`. Calls marked "all"
// must be made by every invocation of the work group in uniform control flow where GLC_SUBGROUP
// is not defined (they contain barriers); with GLC_SUBGROUP they need only the 32 lanes of one
// group, all active.
//
//   GLC_LANE, GLC_GROUP         this invocation's lane (0..31) and group (0..7)
//   GLC_LANES_ALL_TRUE(b)       (all) whether b holds in every lane of this group; without
//                               GLC_SUBGROUP, in every invocation (see glc_lanes_all_true)
//   GLC_LANES_SHUFFLE_UP(type, x, d)   (all) x of lane - d (own x where lane < d)
//   GLC_LANES_SHUFFLE_XOR(type, x, m)  (all) x of lane ^ m
// The shuffles of each `type` are made by GLC_LANES_STAGING(type), which the including shader
// writes once per type it shuffles (without GLC_SUBGROUP it also declares the shared array).
#ifndef GLCOMPUTE_KERNELS_LANES_GLSL
#define GLCOMPUTE_KERNELS_LANES_GLSL

#define GLC_WORK_GROUP_SIZE 256u
// A barrier after which every invocation sees the others' shared-memory writes. barrier()
// alone is not enough for Mesa, which then forwards an invocation's own earlier store.
#define GLC_SHARED_BARRIER() \
  memoryBarrierShared();     \
  barrier()
#define GLC_LANE_COUNT 32u
#define GLC_GROUP_COUNT 8u

#ifdef GLC_SUBGROUP
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_vote : require
#extension GL_KHR_shader_subgroup_ballot : require
#extension GL_KHR_shader_subgroup_shuffle : require
#extension GL_KHR_shader_subgroup_shuffle_relative : require

// Subgroups of 32 (the host checks gl_SubgroupSize through GL_SUBGROUP_SIZE_KHR): lanes and
// groups are the subgroup's, whichever invocations the driver put together.
#define GLC_LANE gl_SubgroupInvocationID
#define GLC_GROUP gl_SubgroupID
#define GLC_LANES_ALL_TRUE(b) subgroupAll(b)
// The shuffles are called by every lane (a lane below d must still take part).
#define GLC_LANES_STAGING(type)                                                   \
  type glc_lanes_shuffle_up_##type(type x, uint d) {                              \
    type y = subgroupShuffleUp(x, d);                                             \
    return GLC_LANE >= d ? y : x;                                                 \
  }                                                                               \
  type glc_lanes_shuffle_xor_##type(type x, uint m) { return subgroupShuffleXor(x, m); }

#else
#define GLC_LANE (gl_LocalInvocationIndex & 31u)
#define GLC_GROUP (gl_LocalInvocationIndex >> 5u)

// A vote over the whole work group: the kernels give lanes outside the group that asks b =
// true, so it answers for that group (and the loops around it stay uniform, as barriers need).
shared uint glc_lanes_vote;
bool glc_lanes_all_true(bool b) {
  if (gl_LocalInvocationIndex == 0u) glc_lanes_vote = 0u;
  GLC_SHARED_BARRIER();
  if (!b) atomicAdd(glc_lanes_vote, 1u);
  GLC_SHARED_BARRIER();
  bool all = glc_lanes_vote == 0u;
  GLC_SHARED_BARRIER();
  return all;
}
#define GLC_LANES_ALL_TRUE(b) glc_lanes_all_true(b)

// One staging array and one pair of shuffles per type.
#define GLC_LANES_STAGING(type)                                                   \
  shared type glc_lanes_##type[GLC_WORK_GROUP_SIZE];                              \
  type glc_lanes_shuffle_up_##type(type x, uint d) {                              \
    glc_lanes_##type[gl_LocalInvocationIndex] = x;                                \
    GLC_SHARED_BARRIER();                                                         \
    type y = GLC_LANE >= d ? glc_lanes_##type[gl_LocalInvocationIndex - d] : x;   \
    GLC_SHARED_BARRIER();                                                         \
    return y;                                                                     \
  }                                                                               \
  type glc_lanes_shuffle_xor_##type(type x, uint m) {                             \
    glc_lanes_##type[gl_LocalInvocationIndex] = x;                                \
    GLC_SHARED_BARRIER();                                                         \
    type y = glc_lanes_##type[gl_LocalInvocationIndex ^ m];                       \
    GLC_SHARED_BARRIER();                                                         \
    return y;                                                                     \
  }
#endif
#define GLC_LANES_SHUFFLE_UP(type, x, d) glc_lanes_shuffle_up_##type(x, d)
#define GLC_LANES_SHUFFLE_XOR(type, x, m) glc_lanes_shuffle_xor_##type(x, m)

#endif
