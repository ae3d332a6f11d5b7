#include "kernels/algorithm_paths.hpp"

#include <cstdlib>
#include <cstring>

#include "context/context_state.hpp"
#include "glcompute/algorithm_path.hpp"
#include "glcompute/detail/access.hpp"
#include "glcompute/error.hpp"
#include "program/compile_path.hpp"

namespace glc::detail {
namespace {

constexpr GLenum kSubgroupFeaturePartitionedNV = 0x00000100;  // GL_NV_shader_subgroup_partitioned

bool has_extension(const char* name) {
  GLint count = 0;
  glGetIntegerv(GL_NUM_EXTENSIONS, &count);
  for (GLint i = 0; i < count; ++i) {
    const char* e = reinterpret_cast<const char*>(glGetStringi(GL_EXTENSIONS, static_cast<GLuint>(i)));
    if (e != nullptr && std::strcmp(e, name) == 0) return true;
  }
  return false;
}

DeviceAlgorithmFacts read_facts(ContextState& context) {
  DeviceAlgorithmFacts f;
  const ContextInfo& info = context.info();
  if (info.features.subgroup) {
    GLint size = 0, stages = 0, features = 0;
    glGetIntegerv(GL_SUBGROUP_SIZE_KHR, &size);
    glGetIntegerv(GL_SUBGROUP_SUPPORTED_STAGES_KHR, &stages);
    glGetIntegerv(GL_SUBGROUP_SUPPORTED_FEATURES_KHR, &features);
    f.subgroup_size = static_cast<std::uint32_t>(size);
    const GLbitfield needed = GL_SUBGROUP_FEATURE_BASIC_BIT_KHR | GL_SUBGROUP_FEATURE_VOTE_BIT_KHR |
                              GL_SUBGROUP_FEATURE_BALLOT_BIT_KHR | GL_SUBGROUP_FEATURE_SHUFFLE_BIT_KHR |
                              GL_SUBGROUP_FEATURE_SHUFFLE_RELATIVE_BIT_KHR;
    f.subgroup32 = size == 32 && (stages & GL_COMPUTE_SHADER_BIT) != 0 &&
                   (static_cast<GLbitfield>(features) & needed) == needed;
    f.partitioned = f.subgroup32 && (static_cast<GLbitfield>(features) & kSubgroupFeaturePartitionedNV) != 0 &&
                    has_extension("GL_NV_shader_subgroup_partitioned");
  }
  f.forward_progress = info.vendor.find("NVIDIA") != std::string::npos;
  f.fp64 = info.features.fp64;  // one answer for the whole library (ContextInfo::Features)
  context.check_errors("reading the subgroup properties");
  return f;
}

/// The facts, read once per context (attached to it).
struct AlgorithmFacts {
  explicit AlgorithmFacts(ContextState& context) : facts(read_facts(context)) {}
  DeviceAlgorithmFacts facts;
};

/// -1 unset, 0 off, 1 on; glc::Error for anything else.
int switch_from_environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return -1;
  if (std::strcmp(value, "0") == 0 || std::strcmp(value, "off") == 0) return 0;
  if (std::strcmp(value, "1") == 0 || std::strcmp(value, "on") == 0) return 1;
  throw Error(std::string("glcompute: ") + name + "='" + value + "' (expected 0, 1, off or on)");
}

}  // namespace

const DeviceAlgorithmFacts& device_algorithm_facts(ContextState& context,
                                                   const std::shared_ptr<ContextState>& owner) {
  (void)owner;
  return context.attachment<AlgorithmFacts>().facts;
}

AlgorithmPath algorithm_path(ContextState& context, const std::shared_ptr<ContextState>& owner) {
  const DeviceAlgorithmFacts& facts = device_algorithm_facts(context, owner);
  AlgorithmPath path;
  const int subgroups = switch_from_environment("GLCOMPUTE_SUBGROUPS");
  const bool spirv = resolve_shader_path(context.info(), ShaderPath::automatic) == ShaderPath::spirv;
  if (subgroups == 1 && (!facts.subgroup32 || spirv)) {
    throw Error(std::string("glcompute: GLCOMPUTE_SUBGROUPS=1, but ") +
                (spirv ? "the SPIR-V shader path takes no subgroup operations (SPIR-V 1.0)"
                       : "the driver has no subgroups of 32 invocations with ballot and shuffle "
                         "operations (subgroup size " + std::to_string(facts.subgroup_size) + ")"));
  }
  path.subgroup = subgroups != 0 && facts.subgroup32 && !spirv;
  path.partitioned = path.subgroup && facts.partitioned;
  const int lookback = switch_from_environment("GLCOMPUTE_LOOKBACK");
  path.lookback = lookback == -1 ? facts.forward_progress : lookback == 1;
  path.unbounded_wait = path.lookback && facts.forward_progress;
  return path;
}

void AlgorithmPath::add_lane_defines(Defines& defines) const {
  if (subgroup) defines.emplace_back("GLC_SUBGROUP", "");
}

void AlgorithmPath::add_lookback_defines(Defines& defines) const {
  if (!lookback) return;
  defines.emplace_back("GLC_LOOKBACK", "");
  if (unbounded_wait) defines.emplace_back("GLC_SPIN_UNBOUNDED", "");
}

std::string AlgorithmPath::describe() const {
  return std::string(lookback ? "one pass with look-back" : "multi-pass") +
         (subgroup ? ", subgroup operations" : ", shared memory");
}

void require_fp64(ContextState& context, const std::shared_ptr<ContextState>& owner,
                  const char* what) {
  if (!device_algorithm_facts(context, owner).fp64) {
    throw Error(std::string(what) + ": double elements need ARB_gpu_shader_fp64 (GL 4.0), which "
                "the driver (" + context.info().renderer + ") lacks");
  }
}

}  // namespace glc::detail

namespace glc {

AlgorithmPathInfo algorithm_path(Context& ctx) {
  const std::shared_ptr<detail::ContextState>& context = detail::Access::state(ctx);
  context->use();
  const detail::AlgorithmPath p = detail::algorithm_path(*context, context);
  return {p.lookback, p.unbounded_wait, p.subgroup, p.partitioned, p.describe()};
}

}  // namespace glc
